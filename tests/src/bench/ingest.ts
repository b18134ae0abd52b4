/**
 * OPC UA ingest: seconds from the start of connect to every one of 10,000 monitored items having delivered its first
 * value. The simulator runs as a child process (10,000 load tags changing at 1 Hz) so its CPU is not ours.
 */
import { driverFactory, type DriverValue } from '@takt/runtime'
import { spawnSim } from '../helpers/procs.js'
import { median, report } from './util.js'

const TAGS = 10_000
const RUNS = 5
const RUN_TIMEOUT_MS = 120_000

const silent = { info: () => {}, warn: () => {}, error: () => {} }

async function oneRun(endpoint: string): Promise<number> {
  const seen = new Uint8Array(TAGS)
  let count = 0
  let bad = 0
  let done: () => void = () => {}
  const allSeen = new Promise<void>((resolve) => (done = resolve))
  const onValues = (vs: DriverValue[]) => {
    for (const v of vs) {
      if (seen[v.handle] === 0) {
        seen[v.handle] = 1
        count++
        if (v.status >>> 30 !== 0) bad++
      }
    }
    if (count === TAGS) done()
  }
  const items = Array.from({ length: TAGS }, (_, i) => ({ handle: i, address: `ns=1;s=Load.T${String(i).padStart(5, '0')}`, dataType: 'LREAL' as const }))
  const t0 = performance.now()
  const driver = (await driverFactory('opcua'))('bench', { kind: 'opcua', endpoint }, { log: silent, onValues, onState: () => {} })
  let timer: NodeJS.Timeout | undefined
  try {
    await driver.start()
    await driver.subscribe(items)
    await Promise.race([
      allSeen,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`only ${count} of ${TAGS} values after ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS))),
    ])
    if (bad) throw new Error(`${bad} items delivered a bad first value`)
    return (performance.now() - t0) / 1000
  } finally {
    clearTimeout(timer)
    await driver.stop()
  }
}

export async function benchIngest(): Promise<void> {
  const sim = await spawnSim({ tags: TAGS, rate: 1 })
  const secs: number[] = []
  try {
    await oneRun(sim.endpoint) // warm-up: client certificate store, JIT
    for (let i = 0; i < RUNS; i++) secs.push(await oneRun(sim.endpoint))
  } finally {
    await sim.stop()
  }
  report('ingest_10k_s', median(secs), 's', `connect -> first value of all ${TAGS} items; runs ${secs.map((s) => s.toFixed(2)).join(' ')}; baseline: closest open-source peer 29 s, goal <= 1 s`)
}
