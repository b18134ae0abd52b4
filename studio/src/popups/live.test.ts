import { describe, expect, it } from 'vitest'
import { popupSubscriptions } from './live'

function fake() {
  const log: string[] = []
  const live = {
    subscribe: (sub: string, tags: string[]) => { log.push(`+${sub} ${tags.join(',')}`) },
    unsubscribe: (sub: string, drop: string[]) => { log.push(`-${sub} drop ${drop.join(',')}`) },
  }
  return { log, live }
}

describe('popup subscriptions', () => {
  it('subscribes a group per popup, re-sends only changed tag lists, and unsubscribes closed ones', () => {
    const { log, live } = fake()
    const subs = popupSubscriptions(live, () => ['Tank/Level'])
    subs.sync(new Map([[1, ['M/Speed', 'M/Running']]]))
    subs.sync(new Map([[1, ['M/Speed', 'M/Running']], [2, ['Tank/Level', 'M/Speed', 'P/Flow']]]))
    subs.sync(new Map([[1, ['M/Speed', 'M/Running']], [2, ['Tank/Level', 'M/Speed', 'P/Flow', 'P/Run']]]))
    expect(log).toEqual([
      '+popup:1 M/Speed,M/Running',
      '+popup:2 Tank/Level,M/Speed,P/Flow',
      '+popup:2 Tank/Level,M/Speed,P/Flow,P/Run',
    ])
    log.length = 0
    // Closing 2 drops only what neither the screen nor popup 1 shows.
    subs.sync(new Map([[1, ['M/Speed', 'M/Running']]]))
    expect(log).toEqual(['-popup:2 drop P/Flow,P/Run'])
    log.length = 0
    subs.dispose()
    expect(log).toEqual(['-popup:1 drop M/Speed,M/Running'])
    log.length = 0
    subs.dispose()
    expect(log).toEqual([])
  })
})
