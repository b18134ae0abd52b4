/**
 * Load mode: `count` Double variables `ns=1;s=Load.T00000` .. that all change on every load tick. One timer drives
 * them all (never one timer per variable) so 10,000 tags at 10 Hz stay cheap.
 */
import { DataType, StatusCodes, Variant } from 'node-opcua'
import type { Namespace, UAObject, UAVariable } from 'node-opcua'

export function loadTagId(i: number): string {
  return `Load.T${String(i).padStart(5, '0')}`
}

function loadValue(i: number, count: number, tick: number): number {
  // A slow sine with a per-tag phase, plus the tick fraction so the value changes on every tick even at a crest.
  return Math.round((50 + 40 * Math.sin(tick / 20 + (2 * Math.PI * i) / count) + (tick % 10) / 100) * 1000) / 1000
}

export class LoadTags {
  private readonly vars: UAVariable[] = []
  private tick = 0
  private timer: NodeJS.Timeout | undefined
  /** Value changes published so far (for tests and the bench). */
  changes = 0

  constructor(ns: Namespace, objectsFolder: UAObject, readonly count: number) {
    const folder = ns.addFolder(objectsFolder, { browseName: 'Load', nodeId: 's=Load' })
    for (let i = 0; i < count; i++) {
      const id = loadTagId(i)
      this.vars.push(ns.addVariable({
        componentOf: folder,
        browseName: id.slice(5),
        nodeId: `s=${id}`,
        dataType: 'Double',
        minimumSamplingInterval: 0,
        value: new Variant({ dataType: DataType.Double, value: loadValue(i, count, 0) }),
      }))
    }
  }

  start(rateHz: number): void {
    if (this.count === 0 || !(rateHz > 0)) return
    this.timer = setInterval(() => this.step(), Math.max(1, Math.round(1000 / rateHz)))
  }

  private step(): void {
    this.tick++
    const at = new Date()
    const n = this.count
    for (let i = 0; i < n; i++) {
      this.vars[i]!.setValueFromSource(new Variant({ dataType: DataType.Double, value: loadValue(i, n, this.tick) }), StatusCodes.Good, at)
    }
    this.changes += n
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }
}
