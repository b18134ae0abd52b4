/**
 * Fan-out: 20 WebSocket clients each subscribed to the same 1,000 tags changing at 10 Hz at the plant.
 * Simulator and runtime run as separate processes so the runtime's CPU is its own. Per window of WINDOW_MS:
 * updates/s delivered to all clients, runtime CPU µs per 1,000 delivered updates, and latency from the plant's
 * source timestamp to the client's receipt (same machine clock).
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hashPassword } from '@takt/runtime'
import { cpuMs, spawnRuntime, spawnSim, writeLoadApp, writeSite } from '../helpers/procs.js'
import { TestClient } from '../helpers/ws-client.js'
import { median, percentile, report } from './util.js'

const CLIENTS = 20
const TAGS = 1000
const RATE_HZ = 10
const WINDOWS = 5
const WINDOW_MS = 3000

export async function benchFanout(): Promise<void> {
  const sim = await spawnSim({ tags: TAGS, rate: RATE_HZ })
  const app = await writeLoadApp(TAGS)
  const site = await writeSite(await mkdtemp(join(tmpdir(), 'takt-site-')), sim.endpoint, [
    { name: 'bench', role: 'viewer', passwordHash: await hashPassword('bench-password', { N: 1024, r: 8, p: 1 }) },
  ])
  const rt = await spawnRuntime(app, site)
  const clients: TestClient[] = []
  try {
    const paths = Array.from({ length: TAGS }, (_, i) => `Load/T${String(i).padStart(5, '0')}`)
    // Latency samples: every row of every client is bounded per window by CLIENTS*TAGS*RATE*WINDOW (≈600k numbers).
    let latencies: number[] = []
    for (let i = 0; i < CLIENTS; i++) {
      const c = await TestClient.connect(rt.url)
      await c.login('bench', 'bench-password')
      c.ws.on('message', (data) => {
        const s = String(data)
        if (!s.startsWith('{"type":"updates"')) return
        const now = Date.now()
        const m = JSON.parse(s) as { u: [number, unknown, number, number][] }
        for (const row of m.u) latencies.push(now - row[3])
      })
      await c.subscribe('load', paths)
      clients.push(c)
    }
    // Let every client receive its initial image and the stream settle.
    await new Promise((r) => setTimeout(r, 2000))
    const rates: number[] = []
    const cpuPer1k: number[] = []
    const p50s: number[] = []
    const p99s: number[] = []
    for (let w = 0; w < WINDOWS; w++) {
      const rows0 = clients.reduce((a, c) => a + c.updateRows, 0)
      const cpu0 = cpuMs(rt.pid)
      const t0 = Date.now()
      latencies = []
      await new Promise((r) => setTimeout(r, WINDOW_MS))
      const dt = (Date.now() - t0) / 1000
      const rows = clients.reduce((a, c) => a + c.updateRows, 0) - rows0
      const cpu = cpuMs(rt.pid) - cpu0
      rates.push(rows / dt)
      cpuPer1k.push(rows ? (cpu * 1000) / (rows / 1000) : NaN)
      p50s.push(percentile(latencies, 50))
      p99s.push(percentile(latencies, 99))
    }
    const expected = CLIENTS * TAGS * RATE_HZ
    report('fanout_updates_per_s', median(rates), 'updates/s', `offered ${expected}/s (${CLIENTS} clients x ${TAGS} tags x ${RATE_HZ} Hz); ratio to offered ${(median(rates) / expected).toFixed(2)}`)
    report('fanout_cpu_us_per_1k', median(cpuPer1k), 'us', 'runtime process CPU per 1,000 delivered updates')
    report('fanout_p50_ms', median(p50s), 'ms', 'plant source timestamp -> client')
    report('fanout_p99_ms', median(p99s), 'ms')
  } finally {
    for (const c of clients) c.close()
    await rt.stop()
    await sim.stop()
  }
}
