/**
 * Copy/paste of widgets as JSON text, within and between screens. The system clipboard is used when the browser
 * allows it; a module-level copy backs it up (permissions, insecure contexts), so paste always works in the tab.
 */
import { Widget } from '@takt/blocks'
import type { Widget as WidgetT } from '@takt/blocks'

const KIND = 'takt.widgets'

export function toClipboardText(widgets: readonly WidgetT[]): string {
  return JSON.stringify({ kind: KIND, v: 1, widgets })
}

/** Widgets from clipboard text, or null when it is not a Takt widget clipboard (or any widget is invalid). */
export function fromClipboardText(text: string): WidgetT[] | null {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof doc !== 'object' || doc === null || (doc as { kind?: unknown }).kind !== KIND) return null
  const list = (doc as { widgets?: unknown }).widgets
  if (!Array.isArray(list)) return null
  const out: WidgetT[] = []
  for (const w of list) {
    const r = Widget.safeParse(w)
    if (!r.success) return null
    out.push(r.data)
  }
  return out
}

let memory: string | null = null
/** Pastes of the same clipboard into the same screen step further each time, so copies do not stack exactly. */
let pasteCount = new Map<string, number>()

export async function writeClipboard(widgets: readonly WidgetT[]): Promise<void> {
  memory = toClipboardText(widgets)
  pasteCount = new Map()
  try {
    await navigator.clipboard?.writeText(memory)
  } catch {
    // not allowed here: the in-tab copy is enough
  }
}

export async function readClipboard(): Promise<WidgetT[] | null> {
  try {
    const text = await navigator.clipboard?.readText()
    const fromSystem = text ? fromClipboardText(text) : null
    if (fromSystem) return fromSystem
  } catch {
    // reading is often refused without a user permission prompt
  }
  return memory ? fromClipboardText(memory) : null
}

/** Offset for the next paste into `screen`: 10 px more per paste, none for the first paste into another screen. */
export function nextPasteOffset(screen: string, sourceScreen: string | null): number {
  const n = (pasteCount.get(screen) ?? (screen === sourceScreen ? 0 : -1)) + 1
  pasteCount.set(screen, n)
  return n * 10
}

let copiedFrom: string | null = null
export function setCopiedFrom(screen: string | null): void { copiedFrom = screen }
export function copiedFromScreen(): string | null { return copiedFrom }
