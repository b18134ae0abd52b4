/**
 * Online monitoring of a running program: every visible pin is subscribed as the pseudo-tag
 * `@program/<program>/<blockId>.<PIN>` under one subscription group per editor (`logic:<program>`), through the
 * ordinary subscribe/updates stream; the values arrive in the page's LiveSource.
 */
import { PROGRAM_PIN_PREFIX } from '@takt/blocks'
import { logicBlock as getBlock } from './library'
import type { FbdProgram, SubscribedMsg, TagValue } from '@takt/blocks'
import { formatTime } from './time'

export function pinPath(program: string, blockId: string, pin: string): string {
  return `${PROGRAM_PIN_PREFIX}${program}/${blockId}.${pin}`
}

export function monitorGroup(program: string): string {
  return `logic:${program}`
}

/** Pins to monitor: every pin of the given blocks (all blocks when `visible` is absent), sorted for stable diffs. */
export function monitorPaths(program: FbdProgram, visible?: ReadonlySet<string>): string[] {
  const out: string[] = []
  for (const b of program.blocks) {
    if (visible && !visible.has(b.id)) continue
    const def = getBlock(b.type)
    if (!def) continue
    for (const p of [...def.inputs, ...def.outputs]) out.push(pinPath(program.name, b.id, p.name))
  }
  return out.sort()
}

/** What the monitor needs from the client (the TaktClient satisfies it; tests pass a fake). */
export interface MonitorClient {
  subscribe(sub: string, tags: string[]): Promise<SubscribedMsg | null>
  unsubscribe(sub: string): Promise<void>
}

export type MonitorState = 'off' | 'pending' | 'on' | 'notDeployed' | 'error'

/**
 * Keeps one subscription group in step with the pins on screen: `set()` re-subscribes only when the list
 * changed; `stop()` unsubscribes. The state says whether the runtime knows the program (all pins unknown means
 * it is not deployed there).
 */
export class PinMonitor {
  private current: string[] = []
  private active = false
  private seq = 0

  constructor(
    private readonly client: MonitorClient,
    private readonly group: string,
    private readonly onState: (s: MonitorState, unknown: readonly string[]) => void,
  ) {}

  async set(paths: readonly string[]): Promise<void> {
    if (this.active && sameList(paths, this.current)) return
    this.current = [...paths]
    this.active = true
    const mine = ++this.seq
    this.onState('pending', [])
    try {
      const reply = await this.client.subscribe(this.group, this.current)
      if (mine !== this.seq || !this.active) return
      if (!reply) return // offline: the client re-subscribes the group on reconnect
      const unknown = reply.unknown
      this.onState(unknown.length > 0 && unknown.length === this.current.length ? 'notDeployed' : 'on', unknown)
    } catch {
      if (mine === this.seq && this.active) this.onState('error', [])
    }
  }

  async stop(): Promise<void> {
    if (!this.active) return
    this.active = false
    this.seq++
    this.current = []
    this.onState('off', [])
    await this.client.unsubscribe(this.group).catch(() => undefined)
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** A pin value as PLC IDEs show it: TRUE/FALSE, T#… for TIME, numbers with at most 3 decimals. */
export function formatPinValue(v: TagValue, type: string): string {
  const x = v.value
  if (x === null || x === undefined) return '?'
  if (type === 'BOOL' || typeof x === 'boolean') return x === true || x === 1 ? 'TRUE' : 'FALSE'
  if (typeof x !== 'number') return String(x)
  if (type === 'TIME') return formatTime(x)
  if (Number.isInteger(x)) return String(x)
  return String(Math.round(x * 1000) / 1000)
}

/** Is a live BOOL value TRUE (the runtime may send 0/1 for BOOL pins)? */
export function isTrue(v: TagValue): boolean {
  return v.value === true || v.value === 1
}
