/**
 * Screen-file helpers for the editor.
 *
 * Grouping and locking live inside a widget's `props` (the screen format allows any static property), so a
 * screen with groups stays a valid v1 screen that the viewer renders unchanged:
 * - `props.group: string` — widgets sharing a group id select and move together. Groups are flat: grouping
 *   widgets that are already grouped merges them into one new group.
 * - `props.locked: true` — the widget cannot be moved, resized, or caught by a marquee (a plain click still
 *   selects it, so it can be unlocked).
 */
import type { Screen, Widget } from '@takt/blocks'

export const GROUP_PROP = 'group'
export const LOCK_PROP = 'locked'

export function screenPath(name: string): string {
  return `screens/${name}.json`
}

/** The screen name in a `screens/<name>.json` path, else null. */
export function screenNameOf(path: string): string | null {
  const m = /^screens\/([^/]+)\.json$/.exec(path)
  return m?.[1] ?? null
}

export function groupOf(w: Widget): string | undefined {
  const g = w.props?.[GROUP_PROP]
  return typeof g === 'string' && g !== '' ? g : undefined
}

export function isLocked(w: Widget): boolean {
  return w.props?.[LOCK_PROP] === true
}

/** Whether a parsed file looks like a screen (a malformed file stays text and is not editable). */
export function isScreen(v: unknown): v is Screen {
  return typeof v === 'object' && v !== null && Array.isArray((v as Screen).widgets) && typeof (v as Screen).width === 'number'
}

/** The ids plus every widget sharing a group with one of them (what a click on a grouped widget selects). */
export function expandGroups(widgets: readonly Widget[], ids: Iterable<string>): Set<string> {
  const out = new Set(ids)
  const groups = new Set<string>()
  for (const w of widgets) if (out.has(w.id)) { const g = groupOf(w); if (g) groups.add(g) }
  if (groups.size > 0) for (const w of widgets) { const g = groupOf(w); if (g && groups.has(g)) out.add(w.id) }
  return out
}

const ID_RE = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/

/** A fresh id `<base>_<n>` not in `taken` (and added to it). */
export function freshId(base: string, taken: Set<string>): string {
  const stem = (ID_RE.test(base) ? base : 'w').replace(/_\d+$/, '').slice(0, 56)
  let n = 1
  while (taken.has(`${stem}_${n}`)) n++
  const id = `${stem}_${n}`
  taken.add(id)
  return id
}

/**
 * Widgets ready to insert into a screen: new ids where taken, group ids renamed consistently (a pasted group is
 * a new group), moved by the offset.
 */
export function prepareInsert(existing: readonly Widget[], widgets: readonly Widget[], dx: number, dy: number): Widget[] {
  const taken = new Set(existing.map((w) => w.id))
  const groupIds = new Set(existing.map(groupOf).filter((g): g is string => g !== undefined))
  const groupMap = new Map<string, string>()
  return widgets.map((w) => {
    const id = taken.has(w.id) ? freshId(w.id, taken) : (taken.add(w.id), w.id)
    let props = w.props
    const g = groupOf(w)
    if (g) {
      let ng = groupMap.get(g)
      if (!ng) {
        ng = groupIds.has(g) ? freshId('g', groupIds) : (groupIds.add(g), g)
        groupMap.set(g, ng)
      }
      props = { ...props, [GROUP_PROP]: ng }
    }
    return { ...w, id, x: w.x + dx, y: w.y + dy, ...(props ? { props } : {}) }
  })
}

/** A copy of `w` with props patched; `undefined` removes a prop, and an empty props object is dropped. */
export function patchProps(w: Widget, patch: Readonly<Record<string, unknown>>): Widget {
  const props: Record<string, unknown> = { ...w.props }
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete props[k]
    else props[k] = v
  }
  const { props: _old, ...rest } = w
  return Object.keys(props).length > 0 ? { ...rest, props } : rest
}
