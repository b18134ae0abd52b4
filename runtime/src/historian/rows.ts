/**
 * Columnar sample rows (typed arrays, no object per sample): the unit that moves from the queue into the ingest
 * table, stays in memory until compaction, and is merged into query results.
 */
import type { TagScalar } from '@takt/blocks'

/** Value kinds of a row: a missing value (bad quality with no value), a number (BOOL as 0/1), a string. */
export const KIND_NULL = 0
export const KIND_NUM = 1
export const KIND_STR = 2

export interface Rows {
  n: number
  /** Database tag id (the `tags` table), or the historian handle while still in the queue. */
  tag: Int32Array
  ts: Float64Array
  kind: Uint8Array
  num: Float64Array
  str: (string | undefined)[]
  status: Uint32Array
}

/** Rows written to the ingest table in one flush; `seqLast` is the last ingest sequence number they got. */
export interface Chunk extends Rows {
  seqLast: number
}

export function allocRows(capacity: number): Rows {
  return {
    n: 0,
    tag: new Int32Array(capacity),
    ts: new Float64Array(capacity),
    kind: new Uint8Array(capacity),
    num: new Float64Array(capacity),
    str: new Array<string | undefined>(capacity),
    status: new Uint32Array(capacity),
  }
}

/** Split a tag value into kind + number/string (NaN becomes a missing value; SQLite would store it as NULL anyway). */
export function kindOf(value: TagScalar): number {
  if (value === null) return KIND_NULL
  if (typeof value === 'string') return KIND_STR
  if (typeof value === 'boolean') return KIND_NUM
  return Number.isNaN(value) ? KIND_NULL : KIND_NUM
}

export function numOf(value: TagScalar): number {
  return typeof value === 'boolean' ? (value ? 1 : 0) : typeof value === 'number' ? value : NaN
}

/** The value of row `i` as stored/returned: number, string or null. */
export function valueAt(r: Rows, i: number): number | string | null {
  const k = r.kind[i]
  return k === KIND_NUM ? r.num[i]! : k === KIND_STR ? (r.str[i] ?? '') : null
}
