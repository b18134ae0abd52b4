/**
 * Selection-based screen operations shared by the toolbar, the keyboard shortcuts and the context of the
 * inspector. Each turns the current selection into one command (one undo step).
 */
import type { Screen, Widget } from '@takt/blocks'
import type { CommandDef } from '../doc/command'
import type { ProjectDocument } from '../doc/document'
import {
  addWidgets, deleteWidgets, groupWidgets, lockWidgets, moveWidgets, reorderWidgets, setGeometry, ungroupWidgets,
} from './commands'
import { copiedFromScreen, nextPasteOffset, readClipboard, setCopiedFrom, writeClipboard } from './clipboard'
import { align, distribute } from './geometry'
import type { AlignMode, ZOp } from './geometry'
import { expandGroups, isLocked, screenNameOf } from './model'
import type { ScreenUiState } from './state'

export interface ScreenActions {
  selectAll(): void
  clearSelection(): void
  align(mode: AlignMode): void
  distribute(axis: 'h' | 'v'): void
  zorder(op: ZOp): void
  group(): void
  ungroup(): void
  lock(locked: boolean): void
  remove(): void
  duplicate(): void
  copy(): Promise<void>
  cut(): Promise<void>
  paste(): Promise<void>
  nudge(dx: number, dy: number): void
}

export function screenActions(doc: ProjectDocument, path: () => string, ui: () => ScreenUiState, onError: (m: string) => void): ScreenActions {
  const screen = () => doc.get<Screen>(path())
  const ids = () => [...ui().selection.value]
  const selected = (): Widget[] => {
    const s = ui().selection.value
    return screen()?.widgets.filter((w) => s.has(w.id)) ?? []
  }
  const run = <A>(cmd: CommandDef<A>, args: A, group?: string): void => {
    const r = doc.dispatch(cmd, args, group ? { group } : {})
    if (!r.ok) onError(r.error)
    else if (r.select) ui().selection.value = new Set(r.select)
  }
  const movable = () => selected().filter((w) => !isLocked(w))
  let nudgeSeq = 0
  let nudgeKey = ''
  let nudgeTimer: ReturnType<typeof setTimeout> | null = null

  return {
    selectAll() {
      ui().selection.value = new Set(screen()?.widgets.filter((w) => !isLocked(w)).map((w) => w.id) ?? [])
    },
    clearSelection() {
      ui().selection.value = new Set()
    },
    align(mode) {
      const list = movable()
      const s = screen()
      if (list.length === 0 || !s) return
      run(setGeometry, { path: path(), items: align(list, mode, { x: 0, y: 0, w: s.width, h: s.height }) })
    },
    distribute(axis) {
      const list = movable()
      if (list.length >= 3) run(setGeometry, { path: path(), items: distribute(list, axis) })
    },
    zorder(op) {
      if (ids().length > 0) run(reorderWidgets, { path: path(), ids: ids(), op })
    },
    group() {
      if (ids().length > 1) run(groupWidgets, { path: path(), ids: ids() })
    },
    ungroup() {
      if (ids().length > 0) run(ungroupWidgets, { path: path(), ids: ids() })
    },
    lock(locked) {
      if (ids().length > 0) run(lockWidgets, { path: path(), ids: ids(), locked })
    },
    remove() {
      if (ids().length > 0) run(deleteWidgets, { path: path(), ids: ids() })
    },
    duplicate() {
      const list = selected()
      if (list.length > 0) run(addWidgets, { path: path(), widgets: list, dx: 10, dy: 10 })
    },
    async copy() {
      const list = selected()
      if (list.length === 0) return
      setCopiedFrom(screenNameOf(path()))
      await writeClipboard(list)
    },
    async cut() {
      const list = selected()
      if (list.length === 0) return
      setCopiedFrom(screenNameOf(path()))
      await writeClipboard(list)
      run(deleteWidgets, { path: path(), ids: list.map((w) => w.id) })
    },
    async paste() {
      const list = await readClipboard()
      if (!list || list.length === 0) return
      const name = screenNameOf(path()) ?? ''
      const off = nextPasteOffset(name, copiedFromScreen())
      run(addWidgets, { path: path(), widgets: list, dx: off, dy: off })
    },
    nudge(dx, dy) {
      const list = movable()
      if (list.length === 0) return
      // Consecutive nudges of the same selection are one undo step; a pause of a second starts a new one.
      const key = list.map((w) => w.id).join(',')
      if (key !== nudgeKey || nudgeTimer === null) nudgeSeq++
      nudgeKey = key
      if (nudgeTimer !== null) clearTimeout(nudgeTimer)
      nudgeTimer = setTimeout(() => { nudgeTimer = null }, 1000)
      run(moveWidgets, { path: path(), ids: list.map((w) => w.id), dx, dy }, `nudge-${nudgeSeq}`)
    },
  }
}

/** Selection after a click: expanded to whole groups. */
export function withGroups(screen: Screen | undefined, ids: Iterable<string>): Set<string> {
  return screen ? expandGroups(screen.widgets, ids) : new Set(ids)
}
