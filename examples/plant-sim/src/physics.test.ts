import { describe, expect, it } from 'vitest'
import { PlantModel } from './physics.js'

/** Step the model `seconds` of plant time in 100 ms steps. */
function run(m: PlantModel, seconds: number, each?: (m: PlantModel) => void): void {
  for (let i = 0; i < Math.round(seconds * 10); i++) {
    each?.(m)
    m.step(0.1)
  }
}

describe('plant model', () => {
  it('starts with the documented state', () => {
    const s = new PlantModel().snapshot()
    expect(s).toMatchObject({ level: 2, pumpRunning: false, outletPosition: 0, inletCommand: 0, inletPosition: 0, supplyPressure: 3 })
  })

  it('moves the inlet valve at 20 %/s and clamps the command', () => {
    const m = new PlantModel()
    expect(m.setInletCommand(150)).toBe(100)
    run(m, 1)
    expect(m.snapshot().inletPosition).toBeCloseTo(20, 5)
    run(m, 5)
    expect(m.snapshot().inletPosition).toBe(100)
    expect(m.snapshot().inFlow).toBeGreaterThan(27)
  })

  it('starts the pump after 1 s with an inrush current, and pumps through the outlet valve', () => {
    const m = new PlantModel()
    m.cmd.pumpRun = true
    run(m, 0.9)
    expect(m.snapshot().pumpRunning).toBe(false)
    run(m, 0.2)
    expect(m.snapshot()).toMatchObject({ pumpRunning: true, pumpFlow: 0 })
    expect(m.snapshot().pumpCurrent).toBeGreaterThan(50)
    m.cmd.outletOpen = true
    run(m, 4.1)
    const s = m.snapshot()
    expect(s.outletIsOpen).toBe(true)
    expect(s.pumpFlow).toBeCloseTo(12, 5)
    expect(s.pumpCurrent).toBeGreaterThan(17)
    expect(s.pumpCurrent).toBeLessThan(19)
    expect(s.level).toBeLessThan(2)
  })

  it('trips the pump on dry run and latches the fault until the command is removed', () => {
    const m = new PlantModel({ initialLevel: 0.04 })
    m.cmd.pumpRun = true
    run(m, 1.5)
    expect(m.snapshot()).toMatchObject({ pumpRunning: false, pumpFault: true })
    m.cmd.pumpRun = false
    run(m, 0.1)
    expect(m.snapshot().pumpFault).toBe(false)
  })

  it('lets a PI controller on the inlet hold 2.5 m with the pump running', () => {
    const m = new PlantModel()
    m.cmd.pumpRun = true
    m.cmd.outletOpen = true
    let integral = 0
    run(m, 1800, (pm) => {
      const err = 2.5 - pm.snapshot().levelMeasured
      integral = Math.min(100, Math.max(0, integral + 0.5 * err * 0.1))
      pm.setInletCommand(200 * err + integral)
    })
    const s = m.snapshot()
    expect(s.pumpRunning).toBe(true)
    expect(Math.abs(s.level - 2.5)).toBeLessThan(0.05)
  })

  it('ramps the agitator to 1450 rpm with vibration growing with speed', () => {
    const m = new PlantModel()
    m.cmd.agitatorRun = true
    run(m, 1)
    const starting = m.snapshot()
    expect(starting.agitatorSpeed).toBeCloseTo(500, 5)
    expect(starting.agitatorCurrent).toBeGreaterThan(20)
    run(m, 5)
    const s = m.snapshot()
    expect(s.agitatorSpeed).toBe(1450)
    expect(s.agitatorVibration).toBeGreaterThan(1)
    expect(s.agitatorCurrent).toBeLessThan(10)
  })

  it('takes a written supply pressure as the present reading', () => {
    const m = new PlantModel()
    run(m, 10)
    m.setSupplyPressure(2)
    expect(m.snapshot().supplyPressure).toBe(2)
    run(m, 0.1)
    expect(m.snapshot().supplyPressure).toBeCloseTo(2, 2)
  })
})
