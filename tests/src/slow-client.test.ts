/**
 * A client that stops reading must not make the runtime buffer without bound, and must not slow anyone else:
 * its socket backlog stays near the configured limit, its pending set holds at most one entry per subscribed tag
 * (latest value wins), and when it reads again it receives the present values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Socket } from 'node:net'
import { loadDemo, startStack, USERS, type Stack } from './helpers/stack.js'
import { writeLoadApp } from './helpers/procs.js'
import { TestClient } from './helpers/ws-client.js'

const TAGS = 2000
const paths = Array.from({ length: TAGS }, (_, i) => `Load/T${String(i).padStart(5, '0')}`)

describe('slow client', () => {
  let stack: Stack
  beforeAll(async () => {
    const app = await loadDemo(await writeLoadApp(TAGS))
    stack = await startStack({ compiled: app, loadTags: TAGS, loadRateHz: 10, limits: { maxBufferedBytes: 256 * 1024 } })
  })
  afterAll(async () => {
    await stack?.stop()
  })

  it('holds a stalled client at a bounded backlog while others keep receiving, then catches it up', async () => {
    const slow = await TestClient.connect(stack.url)
    const fast = await TestClient.connect(stack.url)
    await slow.login('viewer', USERS.viewer)
    await fast.login('operator', USERS.operator)
    await slow.subscribe('all', paths)
    await fast.subscribe('all', paths)
    await fast.until(() => fast.latest.size === TAGS, 20_000, 'all values at the fast client')

    // Stop reading: the kernel buffers fill, then the runtime sees bufferedAmount grow and holds updates.
    ;(slow.ws as unknown as { _socket: Socket })._socket.pause()
    const fastRows = fast.updateRows
    const samples: { buffered: number; pending: number }[] = []
    // Loopback kernel buffers hold several MB before the runtime sees a backlog: sample until it has held updates
    // for a while (bounded), checking the bounds all along.
    let heldSince = 0
    for (let i = 0; i < 120 && heldSince < 6; i++) {
      await new Promise((r) => setTimeout(r, 500))
      const s = stack.runtime.gateway.clientStats().find((c) => c.user === 'viewer')!
      samples.push({ buffered: s.buffered, pending: s.pending })
      if (s.held > 0) heldSince++
    }
    const s = stack.runtime.gateway.clientStats().find((c) => c.user === 'viewer')!
    expect(s.held).toBeGreaterThan(0)
    // Bounded: pending never exceeds the subscribed tags; the socket backlog stays within the limit plus one batch.
    const oneBatch = TAGS * 80
    for (const x of samples) {
      expect(x.pending).toBeLessThanOrEqual(TAGS)
      expect(x.buffered).toBeLessThan(256 * 1024 + oneBatch)
    }
    // The other client was not slowed down: several seconds at 10 Hz x 2000 tags is far more than this floor.
    expect(fast.updateRows - fastRows).toBeGreaterThan(TAGS * 10)

    ;(slow.ws as unknown as { _socket: Socket })._socket.resume()
    const now = () => stack.runtime.engine.db.get(paths[7]!)!.value
    await slow.until(() => {
      const v = slow.value(paths[7]!)?.value
      return typeof v === 'number' && Math.abs(v - (now() as number)) < 1e-9
    }, 20_000, 'the slow client to catch up to the present value')
    slow.close()
    fast.close()
  })
})
