/** Builds AlarmView rows for tests: an active, unacknowledged priority-2 alarm unless told otherwise. */
import type { AlarmView } from '@takt/blocks'

export function alarm(id: string, over: Partial<AlarmView> = {}): AlarmView {
  const [tag = id, name = 'HI'] = id.split(':')
  const area = tag.includes('/') ? tag.slice(0, tag.lastIndexOf('/')) : tag
  return {
    index: 0, alarmId: id, tag, name, kind: 'hi', area, priority: 2, phase: 'unack', active: true, unacknowledged: true,
    shelved: 'none', shelvedUntil: null, suppressed: false, outOfService: false, since: 1000, activeSince: over.since ?? 1000, value: 1,
    ...over,
  }
}
