/** History queries over the wire (the runtime's historian answers them; the trend widget asks them). */
export type Agg = 'min' | 'max' | 'avg' | 'first' | 'last' | 'count'

export interface HistoryQuery {
  /** Tag paths. Unknown or never recorded tags give empty series. */
  tags: string[]
  /** Range [from, to) in ms since epoch. */
  from: number
  to: number
  /** Aggregate into this many buckets; absent: raw samples. */
  buckets?: number
  /** Aggregates to return (default: all). */
  agg?: Agg[]
  /** Raw only: at most this many samples per tag, earliest first (default 100,000). */
  maxRows?: number
  /** Aggregates only: bucket raw samples on exact edges instead of rollup-aligned edges (slower over long ranges). */
  exact?: boolean
}

export type HistoryValue = number | string | null

export interface RawSeries { tag: string; t: number[]; v: HistoryValue[]; s: number[]; truncated: boolean }

/** Non-empty buckets only; `t` is each bucket's start. Numeric aggregates are null for STRING tags. */
export interface BucketSeries {
  tag: string
  t: number[]
  min?: (number | null)[]
  max?: (number | null)[]
  avg?: (number | null)[]
  first?: HistoryValue[]
  last?: HistoryValue[]
  count?: number[]
}

export type HistoryResult =
  | { kind: 'raw'; from: number; to: number; series: RawSeries[] }
  | { kind: 'buckets'; from: number; to: number; buckets: number; width: number; resolution: number; agg: Agg[]; series: BucketSeries[] }

