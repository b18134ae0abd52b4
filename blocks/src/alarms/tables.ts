/**
 * The engine's struct-of-arrays layout, built once from the alarm bindings: per alarm its kind, tag indices and
 * parameters in typed arrays, plus compressed adjacency lists from a tag to the alarms and suppression expressions
 * that read it, so a changed tag touches only its own alarms.
 */
import type { Diagnostic } from '../errors.js'
import { compileExpression } from '../expr/index.js'
import type { CompiledExpr } from '../expr/index.js'
import {
  DISC_BOOL, DISC_NUMBER, DISC_TEXT, K_BADQ, K_DEV, K_DISC, K_HI, K_HIHI, K_LO, K_LOLO, K_ROC, ROC_BOTH, ROC_FALL,
  ROC_RISE, RocRings,
} from './conditions.js'
import { ALARM_DEFAULTS, alarmKey, defaultArea, priorityRank } from './schema.js'
import type { AlarmDef, AlarmPriority } from './schema.js'
import type { AlarmConfig } from './state.js'

/** One alarm definition placed on one tag of the caller's tag database. */
export interface AlarmBinding {
  /** Path of the tag the alarm is defined on. */
  tag: string
  /** The caller's index of that tag: the index it passes to markChanged and answers in getValue/getStatus. */
  tagIndex: number
  def: AlarmDef
}

/** A suppression expression shared by every alarm that names the same source text. */
export interface SuppressionExpr {
  expr: CompiledExpr
  /** Tag index per entry of expr.refs. */
  refIndex: Map<string, number>
  alarms: Int32Array
}

const KIND_CODE = { hihi: K_HIHI, hi: K_HI, lo: K_LO, lolo: K_LOLO, deviation: K_DEV, roc: K_ROC, discrete: K_DISC, badQuality: K_BADQ } as const

export class AlarmTables {
  readonly n: number
  readonly keys: string[]
  readonly tags: string[]
  readonly areas: string[]
  readonly defs: AlarmDef[]
  readonly priorities: AlarmPriority[]
  readonly configs: AlarmConfig[]
  readonly keyIndex = new Map<string, number>()
  readonly kind: Uint8Array
  /** Priority rank 1..5 (diagnostic 5). */
  readonly rank: Uint8Array
  /** The alarm's own tag. */
  readonly pv: Int32Array
  /** Deviation setpoint tag, or -1 for a constant setpoint (in p3). */
  readonly sp: Int32Array
  /** limit | high deviation | rate | discrete number | includeUncertain */
  readonly p0: Float64Array
  /** deadband */
  readonly p1: Float64Array
  /** low deviation | roc window ms */
  readonly p2: Float64Array
  /** setpoint constant | roc direction | discrete mode */
  readonly p3: Float64Array
  readonly discText: (string | undefined)[]
  /** Slot in `roc` per alarm, -1 for other kinds. */
  readonly rocSlot: Int32Array
  readonly roc: RocRings
  readonly exprs: SuppressionExpr[] = []
  /** Number of tag indices covered (max referenced index + 1). */
  readonly nTags: number
  readonly tagAlarmStart: Int32Array
  readonly tagAlarms: Int32Array
  readonly tagExprStart: Int32Array
  readonly tagExprs: Int32Array

  private constructor(bindings: readonly AlarmBinding[], resolve: (path: string) => number | undefined, diags: Diagnostic[]) {
    const n = bindings.length
    this.n = n
    this.keys = new Array<string>(n)
    this.tags = new Array<string>(n)
    this.areas = new Array<string>(n)
    this.defs = new Array<AlarmDef>(n)
    this.priorities = new Array<AlarmPriority>(n)
    this.configs = new Array<AlarmConfig>(n)
    this.kind = new Uint8Array(n)
    this.rank = new Uint8Array(n)
    this.pv = new Int32Array(n)
    this.sp = new Int32Array(n).fill(-1)
    this.p0 = new Float64Array(n)
    this.p1 = new Float64Array(n)
    this.p2 = new Float64Array(n)
    this.p3 = new Float64Array(n)
    this.discText = new Array<string | undefined>(n)
    this.rocSlot = new Int32Array(n).fill(-1)
    let rocCount = 0
    let maxTag = -1
    const exprBySource = new Map<string, { expr: CompiledExpr; refIndex: Map<string, number>; alarms: number[] }>()
    for (let i = 0; i < n; i++) {
      const { tag, tagIndex, def } = bindings[i]!
      const key = alarmKey(tag, def.name)
      if (this.keyIndex.has(key)) diags.push(err('E_DUPLICATE', `duplicate alarm ${key}`, key))
      this.keyIndex.set(key, i)
      if (!Number.isInteger(tagIndex) || tagIndex < 0) diags.push(err('E_REFERENCE', `bad tag index ${tagIndex} for ${tag}`, key))
      this.keys[i] = key
      this.tags[i] = tag
      this.areas[i] = def.area ?? defaultArea(tag)
      this.defs[i] = def
      this.priorities[i] = def.priority
      this.rank[i] = priorityRank(def.priority)
      this.kind[i] = KIND_CODE[def.kind]
      this.pv[i] = tagIndex
      maxTag = Math.max(maxTag, tagIndex)
      this.configs[i] = {
        onDelayMs: def.onDelayMs ?? 0,
        offDelayMs: def.offDelayMs ?? 0,
        latched: def.latched ?? false,
        shelvable: def.shelvable ?? true,
        maxShelveMs: def.maxShelveMs ?? ALARM_DEFAULTS.maxShelveMs,
      }
      switch (def.kind) {
        case 'hihi': case 'hi': case 'lo': case 'lolo':
          this.p0[i] = def.limit
          this.p1[i] = def.deadband ?? 0
          break
        case 'deviation':
          this.p0[i] = def.high ?? NaN
          this.p2[i] = def.low ?? NaN
          this.p1[i] = def.deadband ?? 0
          if (typeof def.setpoint === 'number') this.p3[i] = def.setpoint
          else {
            const sp = resolve(def.setpoint)
            if (sp === undefined) diags.push(err('E_REFERENCE', `setpoint tag ${def.setpoint} does not exist`, key))
            else {
              this.sp[i] = sp
              maxTag = Math.max(maxTag, sp)
            }
          }
          break
        case 'roc':
          this.p0[i] = def.rate
          this.p1[i] = def.deadband ?? 0
          this.p2[i] = def.windowMs ?? ALARM_DEFAULTS.rocWindowMs
          this.p3[i] = def.direction === 'rise' ? ROC_RISE : def.direction === 'fall' ? ROC_FALL : ROC_BOTH
          this.rocSlot[i] = rocCount++
          break
        case 'discrete': {
          const s = def.state ?? true
          if (typeof s === 'string') {
            this.p3[i] = DISC_TEXT
            this.discText[i] = s
          } else {
            this.p3[i] = typeof s === 'boolean' ? DISC_BOOL : DISC_NUMBER
            this.p0[i] = typeof s === 'boolean' ? (s ? 1 : 0) : s
          }
          break
        }
        case 'badQuality':
          this.p0[i] = def.includeUncertain ? 1 : 0
          break
      }
      if (def.suppressedBy !== undefined) {
        let e = exprBySource.get(def.suppressedBy)
        if (!e) {
          const r = compileExpression(def.suppressedBy, { isTag: (p) => resolve(p) !== undefined })
          if (!r.ok) {
            for (const d of r.diagnostics) diags.push({ ...d, path: `${key}.suppressedBy` })
            continue
          }
          const refIndex = new Map<string, number>()
          for (const p of r.expr.refs) {
            const t = resolve(p)!
            refIndex.set(p, t)
            maxTag = Math.max(maxTag, t)
          }
          e = { expr: r.expr, refIndex, alarms: [] }
          exprBySource.set(def.suppressedBy, e)
        }
        e.alarms.push(i)
      }
    }
    this.roc = new RocRings(rocCount)
    for (const e of exprBySource.values()) this.exprs.push({ expr: e.expr, refIndex: e.refIndex, alarms: Int32Array.from(e.alarms) })
    this.nTags = maxTag + 1
    const alarmsOf = csr(this.nTags, n, (i, add) => {
      add(this.pv[i]!)
      if (this.sp[i]! >= 0 && this.sp[i] !== this.pv[i]) add(this.sp[i]!)
    })
    this.tagAlarmStart = alarmsOf.start
    this.tagAlarms = alarmsOf.items
    const exprsOf = csr(this.nTags, this.exprs.length, (x, add) => {
      for (const t of new Set(this.exprs[x]!.refIndex.values())) add(t)
    })
    this.tagExprStart = exprsOf.start
    this.tagExprs = exprsOf.items
  }

  /** Builds the tables; problems (duplicate keys, unknown tags, bad expressions) come back as diagnostics. */
  static build(bindings: readonly AlarmBinding[], resolve: (path: string) => number | undefined):
    { ok: true; tables: AlarmTables } | { ok: false; diagnostics: Diagnostic[] } {
    const diagnostics: Diagnostic[] = []
    const tables = new AlarmTables(bindings, resolve, diagnostics)
    return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, tables }
  }
}

function err(code: Diagnostic['code'], message: string, path: string): Diagnostic {
  return { code, severity: 'error', message, path }
}

/** Compressed sparse rows: for each tag, the items (alarms or expressions) that read it. */
function csr(nTags: number, nItems: number, each: (item: number, add: (tag: number) => void) => void): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(nTags + 1)
  // Out-of-range indices were reported as diagnostics; skipping them keeps the build itself from failing.
  const ok = (t: number): boolean => t >= 0 && t < nTags
  for (let i = 0; i < nItems; i++) each(i, (t) => { if (ok(t)) start[t + 1]!++ })
  for (let t = 0; t < nTags; t++) start[t + 1]! += start[t]!
  const items = new Int32Array(start[nTags]!)
  const fill = start.slice(0, nTags)
  for (let i = 0; i < nItems; i++) each(i, (t) => { if (ok(t)) items[fill[t]!++] = i })
  return { start, items }
}
