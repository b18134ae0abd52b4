/**
 * Where a trend gets history. The viewer provides the runtime's historian (`queryHistory`); the editor provides
 * nothing and trends there stay live-only.
 */
import type { InjectionKey } from 'vue'
import type { HistoryQuery, HistoryResult } from '@takt/blocks'
import type { TaktClient } from '../../wire/client'
import { WireError } from '../../wire/errors'

export interface HistorySource {
  /** Rejects with a WireError (code E_HISTORY_UNAVAILABLE, E_FORBIDDEN, E_OFFLINE, ...) when history cannot be had. */
  query(q: HistoryQuery): Promise<HistoryResult>
  /** The same query as CSV text (the runtime formats it). */
  csv(q: HistoryQuery): Promise<string>
}

export const TREND_HISTORY: InjectionKey<HistorySource> = Symbol('takt.trendHistory')

/** The runtime's historian through the wire client. */
export function clientHistory(client: Pick<TaktClient, 'request'>): HistorySource {
  return {
    async query(query) {
      const r = await client.request<'queryHistory'>({ type: 'queryHistory', query })
      if (r.type !== 'history') throw new WireError('E_BAD_MESSAGE')
      return r.result
    },
    async csv(query) {
      const r = await client.request<'queryHistory'>({ type: 'queryHistory', query, format: 'csv' })
      if (r.type !== 'historyCsv') throw new WireError('E_BAD_MESSAGE')
      return r.csv
    },
  }
}
