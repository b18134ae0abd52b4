import { describe, expect, it } from 'vitest'
import { alarmTransition, initialAlarmState, isHidden, nextDue } from './state.js'
import type { AlarmConfig, AlarmEvent, AlarmState, TransitionRecord } from './state.js'

const cfg = (o: Partial<AlarmConfig> = {}): AlarmConfig => ({ onDelayMs: 0, offDelayMs: 0, latched: false, shelvable: true, maxShelveMs: 3_600_000, ...o })
const ON: AlarmEvent = { type: 'condition', active: true }
const OFF: AlarmEvent = { type: 'condition', active: false }
const TICK: AlarmEvent = { type: 'tick' }
const ACK: AlarmEvent = { type: 'ack', user: 'op1', comment: 'seen' }
const RESET: AlarmEvent = { type: 'reset', user: 'op1' }

/** Runs events in order; returns the final state, every journal line and every refusal. */
function run(c: AlarmConfig, events: [AlarmEvent, number][], start: AlarmState = initialAlarmState(0)) {
  let state = start
  const journal: TransitionRecord[] = []
  const refused: string[] = []
  for (const [ev, now] of events) {
    const r = alarmTransition(c, state, ev, now)
    state = r.state
    journal.push(...r.journal)
    if (r.refused) refused.push(r.refused)
  }
  return { state, journal, refused, moves: journal.map((j) => `${j.event}:${j.from}>${j.to}${j.hidden ? ' hidden' : ''}`) }
}

describe('ISA-18.2 annunciation phases', () => {
  it('A -> B on activation, B -> C on ack while active, C -> A on return', () => {
    const r = run(cfg(), [[ON, 10], [ACK, 20], [OFF, 30]])
    expect(r.moves).toEqual(['activate:normal>unack', 'ack:unack>acked', 'return:acked>normal'])
    expect(r.state.phase).toBe('normal')
    expect(r.journal[1]).toMatchObject({ time: 20, user: 'op1', comment: 'seen' })
  })

  it('B -> D on return unacknowledged, D -> A on ack after return, D -> B on re-activation', () => {
    expect(run(cfg(), [[ON, 10], [OFF, 20], [ACK, 30]]).moves).toEqual(['activate:normal>unack', 'return:unack>rtnUnack', 'ack:rtnUnack>normal'])
    const again = run(cfg(), [[ON, 10], [OFF, 20], [ON, 30]])
    expect(again.moves.at(-1)).toBe('activate:rtnUnack>unack')
    expect(again.state.since).toBe(30)
  })

  it('refuses ack when nothing waits for one, without journal', () => {
    const idle = run(cfg(), [[ACK, 10]])
    expect(idle.refused).toEqual(['notUnacknowledged'])
    expect(idle.journal).toEqual([])
    expect(run(cfg(), [[ON, 10], [ACK, 20], [ACK, 30]]).refused).toEqual(['notUnacknowledged'])
  })

  it('repeated conditions are not transitions', () => {
    expect(run(cfg(), [[ON, 1], [ON, 2], [OFF, 3], [OFF, 4]]).journal).toHaveLength(2)
  })
})

describe('latched alarms', () => {
  const latched = cfg({ latched: true })

  it('return while acknowledged waits for reset (C -> E -> A)', () => {
    const r = run(latched, [[ON, 1], [ACK, 2], [OFF, 3], [RESET, 4]])
    expect(r.moves).toEqual(['activate:normal>unack', 'ack:unack>acked', 'return:acked>latched', 'reset:latched>normal'])
  })

  it('ack after return waits for reset (D -> E -> A)', () => {
    const r = run(latched, [[ON, 1], [OFF, 2], [ACK, 3], [RESET, 4]])
    expect(r.moves).toEqual(['activate:normal>unack', 'return:unack>rtnUnack', 'ack:rtnUnack>latched', 'reset:latched>normal'])
  })

  it('reset needs acknowledgement and return to normal', () => {
    expect(run(latched, [[ON, 1], [RESET, 2]]).refused).toEqual(['notResettable'])
    expect(run(latched, [[ON, 1], [ACK, 2], [RESET, 3]]).refused).toEqual(['notResettable'])
    expect(run(latched, [[ON, 1], [OFF, 2], [RESET, 3]]).refused).toEqual(['notResettable'])
    expect(run(cfg(), [[ON, 1], [OFF, 2], [ACK, 3], [RESET, 4]]).refused).toEqual(['notLatched'])
  })

  it('a new activation while waiting for reset annunciates again', () => {
    const r = run(latched, [[ON, 1], [ACK, 2], [OFF, 3], [ON, 4]])
    expect(r.moves.at(-1)).toBe('activate:latched>unack')
  })
})

describe('on-delay and off-delay', () => {
  const delayed = cfg({ onDelayMs: 1000, offDelayMs: 500 })

  it('activates only after the condition held for the whole on-delay', () => {
    let r = run(delayed, [[ON, 0], [TICK, 999]])
    expect(r.state.phase).toBe('normal')
    expect(r.state.pendingAt).toBe(1000)
    expect(nextDue(r.state)).toBe(1000)
    r = run(delayed, [[TICK, 1000]], r.state)
    expect(r.state).toMatchObject({ phase: 'unack', active: true, pendingAt: null, activeSince: 1000 })
  })

  it('an interruption restarts the on-delay', () => {
    const r = run(delayed, [[ON, 0], [OFF, 600], [ON, 800], [TICK, 1000], [TICK, 1799]])
    expect(r.state.phase).toBe('normal')
    expect(run(delayed, [[TICK, 1800]], r.state).state.phase).toBe('unack')
  })

  it('returns only after the off-delay; a brief return is filtered', () => {
    let r = run(delayed, [[ON, 0], [TICK, 1000], [OFF, 2000], [ON, 2400], [TICK, 3000]])
    expect(r.state.phase).toBe('unack')
    expect(r.journal).toHaveLength(1)
    r = run(delayed, [[OFF, 4000], [TICK, 4499]], r.state)
    expect(r.state.active).toBe(true)
    r = run(delayed, [[TICK, 4500]], r.state)
    expect(r.moves).toEqual(['return:unack>rtnUnack'])
  })

  it('repeating the same raw condition keeps the running timer', () => {
    const r = run(delayed, [[ON, 0], [ON, 500], [TICK, 1000]])
    expect(r.state.phase).toBe('unack')
  })
})

describe('shelving', () => {
  const shelve = (durationMs: number | 'oneShot', reason = 'instrument fault'): AlarmEvent => ({ type: 'shelve', user: 'op1', reason, durationMs })

  it('hides an annunciated alarm, journals hidden activity, and re-annunciates at expiry while active', () => {
    let r = run(cfg(), [[ON, 0], [shelve(60_000), 10]])
    expect(r.moves).toEqual(['activate:normal>unack', 'shelve:unack>normal hidden'])
    expect(r.state).toMatchObject({ shelved: 'timed', shelvedUntil: 60_010, phase: 'normal' })
    expect(r.journal[1]).toMatchObject({ user: 'op1', comment: 'instrument fault', until: 60_010 })
    r = run(cfg(), [[OFF, 20], [ON, 30], [TICK, 60_009]], r.state)
    expect(r.moves).toEqual(['return:normal>normal hidden', 'activate:normal>normal hidden'])
    expect(r.state.phase).toBe('normal')
    r = run(cfg(), [[TICK, 60_010]], r.state)
    expect(r.moves).toEqual(['shelveExpired:normal>normal', 'activate:normal>unack'])
    expect(r.state.shelved).toBe('none')
  })

  it('expiry while inactive returns quietly to normal', () => {
    const r = run(cfg(), [[shelve(1000), 0], [TICK, 1000]])
    expect(r.moves).toEqual(['shelve:normal>normal hidden', 'shelveExpired:normal>normal'])
  })

  it('caps the duration at maxShelveMs', () => {
    const r = run(cfg({ maxShelveMs: 5000 }), [[shelve(1e9), 100]])
    expect(r.state.shelvedUntil).toBe(5100)
  })

  it('one-shot shelving ends at the next return to normal', () => {
    let r = run(cfg(), [[ON, 0], [shelve('oneShot'), 10], [ON, 20]])
    expect(r.state.shelved).toBe('oneShot')
    r = run(cfg(), [[OFF, 30]], r.state)
    expect(r.moves).toEqual(['return:normal>normal hidden', 'unshelve:normal>normal'])
    expect(r.state.shelved).toBe('none')
    expect(run(cfg(), [[ON, 40]], r.state).moves).toEqual(['activate:normal>unack'])
  })

  it('one-shot shelving placed while normal lasts through the next activation until its return', () => {
    const r = run(cfg(), [[shelve('oneShot'), 0], [ON, 10], [OFF, 20]])
    expect(r.moves).toEqual(['shelve:normal>normal hidden', 'activate:normal>normal hidden', 'return:normal>normal hidden', 'unshelve:normal>normal'])
  })

  it('one-shot shelving is bounded by maxShelveMs', () => {
    const r = run(cfg({ maxShelveMs: 2000 }), [[ON, 0], [shelve('oneShot'), 0], [TICK, 2000]])
    expect(r.moves.slice(-2)).toEqual(['shelveExpired:normal>normal', 'activate:normal>unack'])
  })

  it('manual unshelve re-annunciates an active condition', () => {
    const r = run(cfg(), [[ON, 0], [ACK, 1], [shelve(10_000), 2], [{ type: 'unshelve', user: 'op2' }, 3]])
    expect(r.moves.slice(-2)).toEqual(['unshelve:normal>normal', 'activate:normal>unack'])
    expect(r.journal.at(-2)?.user).toBe('op2')
  })

  it('refusals: not shelvable, no reason, bad duration, not shelved, out of service', () => {
    expect(run(cfg({ shelvable: false }), [[shelve(1000), 0]]).refused).toEqual(['notShelvable'])
    expect(run(cfg(), [[shelve(1000, '  '), 0]]).refused).toEqual(['reasonRequired'])
    expect(run(cfg(), [[shelve(0), 0], [shelve(-5), 0], [shelve(NaN), 0]]).refused).toEqual(['badDuration', 'badDuration', 'badDuration'])
    expect(run(cfg(), [[{ type: 'unshelve', user: 'x' }, 0]]).refused).toEqual(['notShelved'])
    expect(run(cfg(), [[{ type: 'outOfService', user: 'x' }, 0], [shelve(1000), 1]]).refused).toEqual(['outOfService'])
  })

  it('a delay that ran out before the shelve ended is journaled as hidden, in time order', () => {
    const r = run(cfg({ onDelayMs: 100 }), [[shelve(500), 0], [ON, 0], [TICK, 1000]])
    expect(r.moves).toEqual(['shelve:normal>normal hidden', 'activate:normal>normal hidden', 'shelveExpired:normal>normal', 'activate:normal>unack'])
  })
})

describe('suppression by design', () => {
  it('hides annunciation but keeps the journal; unsuppress re-annunciates an active condition', () => {
    let r = run(cfg(), [[{ type: 'suppress' }, 0], [ON, 10], [OFF, 20], [ON, 30]])
    expect(r.moves).toEqual(['suppress:normal>normal hidden', 'activate:normal>normal hidden', 'return:normal>normal hidden', 'activate:normal>normal hidden'])
    expect(isHidden(r.state)).toBe(true)
    expect(r.state.phase).toBe('normal')
    r = run(cfg(), [[{ type: 'unsuppress' }, 40]], r.state)
    expect(r.moves).toEqual(['unsuppress:normal>normal', 'activate:normal>unack'])
  })

  it('suppressing withdraws an unacknowledged alarm; repeated suppress is a no-op', () => {
    const r = run(cfg(), [[ON, 0], [{ type: 'suppress' }, 10], [{ type: 'suppress' }, 11], [OFF, 12], [{ type: 'unsuppress' }, 20]])
    expect(r.moves).toEqual(['activate:normal>unack', 'suppress:unack>normal hidden', 'return:normal>normal hidden', 'unsuppress:normal>normal'])
    expect(r.state.phase).toBe('normal')
  })
})

describe('out of service', () => {
  it('takes the alarm out of processing and journal; return to service re-annunciates', () => {
    let r = run(cfg(), [[ON, 0], [{ type: 'outOfService', user: 'eng', comment: 'transmitter replaced' }, 10], [OFF, 20], [ON, 30]])
    expect(r.moves).toEqual(['activate:normal>unack', 'outOfService:unack>normal hidden'])
    expect(r.journal[1]).toMatchObject({ user: 'eng', comment: 'transmitter replaced' })
    expect(r.state.active).toBe(true)
    r = run(cfg(), [[{ type: 'returnToService', user: 'eng' }, 40]], r.state)
    expect(r.moves).toEqual(['returnToService:normal>normal', 'activate:normal>unack'])
  })

  it('refuses double transitions', () => {
    expect(run(cfg(), [[{ type: 'returnToService', user: 'x' }, 0]]).refused).toEqual(['notOutOfService'])
    expect(run(cfg(), [[{ type: 'outOfService', user: 'x' }, 0], [{ type: 'outOfService', user: 'x' }, 1]]).refused).toEqual(['alreadyOutOfService'])
  })

  it('stays hidden while also suppressed', () => {
    const r = run(cfg(), [[{ type: 'outOfService', user: 'x' }, 0], [{ type: 'suppress' }, 1], [ON, 2], [{ type: 'returnToService', user: 'x' }, 3]])
    expect(r.state.phase).toBe('normal')
    expect(r.moves.at(-1)).toBe('returnToService:normal>normal hidden')
  })
})

it('is pure: the input state is not modified', () => {
  const s0 = initialAlarmState(0)
  const frozen = Object.freeze({ ...s0 })
  const r = alarmTransition(cfg(), frozen, ON, 5)
  expect(frozen).toEqual(s0)
  expect(r.state).not.toBe(frozen)
})
