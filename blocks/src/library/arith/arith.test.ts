import { describe, expect, it } from 'vitest'
import { rig } from '../../engine/__tests__/net.js'

describe('ADD / SUB / MUL / DIV / MOD', () => {
  it('compute on two inputs', () => {
    expect(rig('ADD').step({ IN1: 2, IN2: 3.5 }).get('OUT')).toBe(5.5)
    expect(rig('SUB').step({ IN1: 2, IN2: 3.5 }).get('OUT')).toBe(-1.5)
    expect(rig('MUL').step({ IN1: 2, IN2: 3.5 }).get('OUT')).toBe(7)
    expect(rig('DIV').step({ IN1: 7, IN2: 2 }).get('OUT')).toBe(3.5)
  })

  it('ADD and MUL extend to IN8 with neutral defaults', () => {
    expect(rig('ADD', { IN4: 10 }).step({ IN1: 1, IN2: 2 }).get('OUT')).toBe(13)
    expect(rig('MUL', {}, { drive: ['IN1', 'IN2', 'IN3'] }).step({ IN1: 2, IN2: 3, IN3: 4 }).get('OUT')).toBe(24)
    expect(rig('MUL', { IN8: 1 }).step({ IN1: 2, IN2: 3 }).get('OUT')).toBe(6)
  })

  it('DIV truncates on integers and gives 0 for x/0; REAL follows IEEE 754', () => {
    const int = rig('DIV', {}, { types: { IN1: 'INT', IN2: 'INT' } })
    expect(int.plan.pinType('b', 'OUT')).toBe('INT')
    expect(int.step({ IN1: 7, IN2: 2 }).get('OUT')).toBe(3)
    expect(int.step({ IN1: -7, IN2: 2 }).get('OUT')).toBe(-3)
    expect(int.step({ IN1: 7, IN2: 0 }).get('OUT')).toBe(0)
    expect(rig('DIV').step({ IN1: 1, IN2: 0 }).get('OUT')).toBe(Infinity)
  })

  it('MOD keeps the sign of IN1 and IN1 MOD 0 = 0', () => {
    const r = rig('MOD')
    expect(r.step({ IN1: 7, IN2: 3 }).get('OUT')).toBe(1)
    expect(r.step({ IN1: -7, IN2: 3 }).get('OUT')).toBe(-1)
    expect(r.step({ IN1: 7, IN2: 0 }).get('OUT')).toBe(0)
  })
})

describe('ABS / SQRT / MOVE', () => {
  it('compute', () => {
    expect(rig('ABS').step({ IN: -4 }).get('OUT')).toBe(4)
    expect(rig('SQRT').step({ IN: 16 }).get('OUT')).toBe(4)
    expect(rig('SQRT').step({ IN: -1 }).get('OUT')).toBeNaN()
    expect(rig('MOVE').step({ IN: 42 }).get('OUT')).toBe(42)
  })
})

describe('MIN / MAX / LIMIT', () => {
  it('MIN and MAX pick extremes, ignoring unwired extensions', () => {
    expect(rig('MIN').step({ IN1: 3, IN2: -2 }).get('OUT')).toBe(-2)
    expect(rig('MAX').step({ IN1: 3, IN2: -2 }).get('OUT')).toBe(3)
    expect(rig('MIN', {}, { drive: ['IN1', 'IN2', 'IN6'] }).step({ IN1: 3, IN2: 2, IN6: 1 }).get('OUT')).toBe(1)
    expect(rig('MAX', { IN3: -5 }).step({ IN1: -3, IN2: -2 }).get('OUT')).toBe(-2)
  })

  it('LIMIT clamps IN to MN..MX, MX winning when MN > MX', () => {
    const r = rig('LIMIT')
    expect(r.step({ MN: 0, IN: 5, MX: 10 }).get('OUT')).toBe(5)
    expect(r.step({ IN: -1 }).get('OUT')).toBe(0)
    expect(r.step({ IN: 11 }).get('OUT')).toBe(10)
    expect(r.step({ MN: 20, IN: 15, MX: 10 }).get('OUT')).toBe(10)
  })
})
