/**
 * Operator texts of alarms, rendered in the studio from the definitions in the APP bundle (the wire's AlarmView
 * carries state, not text, so a language switch needs no round trip). Compiled once per alarm and bundle.
 */
import { alarmKey, compileMessage, defaultAlarmMessage, pickLocalText } from '@takt/blocks'
import type { AlarmDef, AlarmView, CompiledMessage, ResolvedTag, TagGetter } from '@takt/blocks'

interface Entry { def: AlarmDef; tag: ResolvedTag; compiled?: CompiledMessage | null }

export class AlarmTexts {
  private readonly byId = new Map<string, Entry>()

  constructor(tags: Iterable<ResolvedTag>) {
    for (const tag of tags) for (const def of tag.alarms ?? []) this.byId.set(alarmKey(tag.path, def.name), { def, tag })
  }

  /** Tags the message texts read besides each alarm's own value (`{Area/Tank1/LevelSP}`), sorted. */
  refs(): string[] {
    const out = new Set<string>()
    for (const e of this.byId.values()) for (const p of this.compiled(e)?.refs ?? []) out.add(p)
    return [...out].sort()
  }

  /** The definition and tag of an alarm, when the bundle has it. */
  def(alarmId: string): { def: AlarmDef; tag: ResolvedTag } | undefined {
    return this.byId.get(alarmId)
  }

  /**
   * The message in `locale`: `{value}` is the value the alarm saw at its last change, `{Other/Tag}` comes from
   * `get` (live values the screen has; absent ones show as `???`). Unknown alarms show their id.
   */
  message(a: AlarmView, locale: string, get?: TagGetter): string {
    const e = this.byId.get(a.alarmId)
    if (!e) return a.alarmId
    const c = this.compiled(e)
    if (c === null) return pickLocalText(e.def.message ?? '', locale)
    return c.render(locale, {
      value: a.value,
      ...(e.tag.unit ? { unit: e.tag.unit } : {}),
      ...(e.tag.decimals !== undefined ? { decimals: e.tag.decimals } : {}),
      ...(get ? { get } : {}),
    })
  }

  private compiled(e: Entry): CompiledMessage | null {
    if (e.compiled === undefined) {
      const r = compileMessage(e.def.message ?? defaultAlarmMessage(e.def.kind))
      e.compiled = r.ok ? r.message : null
    }
    return e.compiled
  }
}
