/** Runtime start to first value served (spawn -> a logged-in client holds a good Tank1/Level), and idle RSS with the demo. */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { hashPassword } from '@takt/runtime'
import { qualityOf } from '@takt/blocks'
import { freePort, rssMb, spawnNode, spawnSim, writeSite, CLI } from '../helpers/procs.js'
import { TANK_DEMO } from '../helpers/stack.js'
import { TestClient } from '../helpers/ws-client.js'
import { median, report } from './util.js'

const RUNS = 5
const IDLE_MS = 5000

async function connectWhenUp(url: string, deadline: number): Promise<TestClient> {
  for (;;) {
    try {
      return await TestClient.connect(url)
    } catch (e) {
      if (Date.now() > deadline) throw e
      await new Promise((r) => setTimeout(r, 5))
    }
  }
}

export async function benchStart(): Promise<void> {
  const sim = await spawnSim()
  const site = await writeSite(await mkdtemp(join(tmpdir(), 'takt-site-')), sim.endpoint, [
    { name: 'op', role: 'operator', passwordHash: await hashPassword('op-password', { N: 1024, r: 8, p: 1 }) },
  ])
  const starts: number[] = []
  const rss: number[] = []
  try {
    for (let i = 0; i < RUNS; i++) {
      const port = await freePort()
      const url = `http://127.0.0.1:${port}/`
      const t0 = performance.now()
      const rtP = spawnNode([CLI, 'serve', TANK_DEMO, '--site', site, '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warn'], /serving/, 60_000)
      const c = await connectWhenUp(url, Date.now() + 60_000)
      await c.login('op', 'op-password')
      await c.subscribe('s', ['Tank1/Level'])
      await c.until(() => qualityOf(c.value('Tank1/Level')?.status ?? 0x80000000) === 'good', 60_000, 'first good value')
      starts.push(performance.now() - t0)
      c.close()
      const rt = await rtP
      await new Promise((r) => setTimeout(r, IDLE_MS))
      rss.push(rssMb(rt.pid))
      await rt.stop()
    }
  } finally {
    await sim.stop()
  }
  report('start_ms', median(starts), 'ms', 'spawn of `takt serve` -> first good value at a WebSocket client')
  report('idle_rss_mb', median(rss), 'MB', `runtime RSS after ${IDLE_MS / 1000} s idle with the demo APP`)
}
