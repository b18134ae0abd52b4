/** Structured log lines (one JSON object per line) to a stream; the runtime never logs through console. */
import type { Logger } from './drivers/types.js'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

export interface LogSink { write(line: string): unknown }

export function createLogger(sink: LogSink, level: LogLevel = 'info', base: Record<string, unknown> = {}): Logger & { child(fields: Record<string, unknown>): Logger } {
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[lvl] < RANK[level]) return
    sink.write(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...base, ...fields }) + '\n')
  }
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(sink, level, { ...base, ...fields }),
  }
}

/** A logger that drops everything (tests that do not care). */
export const nullLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} }

/** A logger that keeps lines in memory, bounded (tests that assert on logs). */
export function memoryLogger(max = 1000): Logger & { lines: { level: string; msg: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = []
  const push = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    if (lines.length >= max) lines.shift()
    lines.push({ level, msg, ...(fields ? { fields } : {}) })
  }
  return { lines, info: push('info'), warn: push('warn'), error: push('error') }
}
