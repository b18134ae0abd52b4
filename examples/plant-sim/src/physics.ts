/**
 * The plant model: a tank filled through an inlet valve and emptied by a pump through an outlet valve, plus an
 * agitator. Pure and deterministic (seeded noise), so it can be stepped in tests without a server.
 */

/** Operator inputs, as written over OPC UA. */
export interface PlantCommands {
  inletCommand: number
  pumpRun: boolean
  outletOpen: boolean
  agitatorRun: boolean
}

/** Everything the plant shows, including the true (noise-free) level. */
export interface PlantState extends PlantCommands {
  timeS: number
  level: number
  levelMeasured: number
  inFlow: number
  outFlow: number
  inletPosition: number
  supplyPressure: number
  pumpRunning: boolean
  pumpFault: boolean
  pumpFlow: number
  pumpCurrent: number
  outletPosition: number
  outletIsOpen: boolean
  agitatorRunning: boolean
  agitatorSpeed: number
  agitatorCurrent: number
  agitatorVibration: number
}

export const TANK_AREA_M2 = 2
export const TANK_HEIGHT_M = 5
export const INLET_CAPACITY_M3H = 30
export const PUMP_FLOW_M3H = 12
export const NOMINAL_PRESSURE_BAR = 3
export const DRY_RUN_LEVEL_M = 0.05
const INLET_TRAVEL_PCT_S = 20
const OUTLET_TRAVEL_PCT_S = 25
const PUMP_START_DELAY_S = 1
const PUMP_INRUSH_S = 0.5
const AGITATOR_RPM = 1450
const AGITATOR_RAMP_RPM_S = 500
const PRESSURE_SWING_BAR = 0.3
const PRESSURE_PERIOD_S = 120

/** Small, fast, seedable PRNG (mulberry32): tests get the same noise every run. */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))
const travel = (pos: number, target: number, rate: number, dt: number) =>
  pos < target ? Math.min(target, pos + rate * dt) : Math.max(target, pos - rate * dt)

export interface PlantModelOptions { initialLevel?: number; seed?: number }

export class PlantModel {
  readonly cmd: PlantCommands = { inletCommand: 0, pumpRun: false, outletOpen: false, agitatorRun: false }
  private t = 0
  private level: number
  private levelMeasured: number
  private inletPos = 0
  private outletPos = 0
  private pressureBase = NOMINAL_PRESSURE_BAR
  private pressure = NOMINAL_PRESSURE_BAR
  private pumpStartTimer = 0
  private pumpRunTime = 0
  private pumpRunning = false
  private pumpFault = false
  private pumpCurrent = 0
  private agitatorSpeed = 0
  private agitatorCurrent = 0
  private vibration = 0.05
  private spikeS = 0
  private readonly rng: () => number

  constructor(opts: PlantModelOptions = {}) {
    this.level = clamp(opts.initialLevel ?? 2, 0, TANK_HEIGHT_M)
    this.levelMeasured = this.level
    this.rng = makeRng(opts.seed ?? 1)
  }

  /** Uniform noise in [-amp, amp]. */
  private noise(amp: number): number {
    return (this.rng() * 2 - 1) * amp
  }

  setInletCommand(pct: number): number {
    this.cmd.inletCommand = Number.isFinite(pct) ? clamp(pct, 0, 100) : 0
    return this.cmd.inletCommand
  }

  /** A written supply pressure becomes the present reading; the slow disturbance continues around it. */
  setSupplyPressure(bar: number): number {
    const v = Number.isFinite(bar) ? Math.max(0, bar) : NOMINAL_PRESSURE_BAR
    this.pressureBase = v - this.pressureSwing()
    this.pressure = v
    return v
  }

  private pressureSwing(): number {
    return PRESSURE_SWING_BAR * Math.sin((2 * Math.PI * this.t) / PRESSURE_PERIOD_S)
  }

  private pumpFlow(): number {
    return this.pumpRunning ? (PUMP_FLOW_M3H * this.outletPos) / 100 : 0
  }

  private inFlow(): number {
    return ((this.inletPos / 100) * INLET_CAPACITY_M3H * Math.sqrt(Math.max(0, this.pressure) / NOMINAL_PRESSURE_BAR))
  }

  /** Advance the plant by `dt` seconds. */
  step(dt: number): void {
    if (!(dt > 0)) return
    this.t += dt
    this.pressure = Math.max(0, this.pressureBase + this.pressureSwing())
    this.inletPos = travel(this.inletPos, this.cmd.inletCommand, INLET_TRAVEL_PCT_S, dt)
    this.outletPos = travel(this.outletPos, this.cmd.outletOpen ? 100 : 0, OUTLET_TRAVEL_PCT_S, dt)
    this.stepPump(dt)
    const net = this.inFlow() - this.pumpFlow()
    this.level = clamp(this.level + (net / 3600 / TANK_AREA_M2) * dt, 0, TANK_HEIGHT_M)
    this.levelMeasured = this.level + this.noise(0.005)
    this.stepAgitator(dt)
  }

  private stepPump(dt: number): void {
    if (!this.cmd.pumpRun) {
      this.pumpRunning = false
      this.pumpFault = false
      this.pumpStartTimer = 0
      this.pumpRunTime = 0
    } else if (!this.pumpFault && !this.pumpRunning) {
      this.pumpStartTimer += dt
      if (this.pumpStartTimer >= PUMP_START_DELAY_S) {
        this.pumpRunning = true
        this.pumpRunTime = 0
      }
    } else if (this.pumpRunning) {
      this.pumpRunTime += dt
    }
    // Dry-run protection trips on the true level; the fault latches until the run command is removed.
    if (this.pumpRunning && this.level < DRY_RUN_LEVEL_M) {
      this.pumpRunning = false
      this.pumpFault = true
    }
    this.pumpCurrent = !this.pumpRunning ? 0 : this.pumpRunTime < PUMP_INRUSH_S ? 60 + this.noise(1) : 18 + this.noise(0.3)
  }

  private stepAgitator(dt: number): void {
    const target = this.cmd.agitatorRun ? AGITATOR_RPM : 0
    const accelerating = this.cmd.agitatorRun && this.agitatorSpeed < AGITATOR_RPM
    this.agitatorSpeed = travel(this.agitatorSpeed, target, AGITATOR_RAMP_RPM_S, dt)
    const frac = this.agitatorSpeed / AGITATOR_RPM
    this.agitatorCurrent = !this.cmd.agitatorRun ? 0 : accelerating ? 25 + this.noise(0.5) : 4 + 5 * frac * frac + this.noise(0.15)
    // Occasional bearing knocks: rare spikes while turning, each lasting a few tenths of a second.
    if (this.spikeS > 0) this.spikeS -= dt
    else if (frac > 0.5 && this.rng() < 0.02 * dt) this.spikeS = 0.3
    const spike = this.spikeS > 0 ? 4 : 0
    this.vibration = Math.max(0, 0.05 + 1.45 * frac * frac + (frac > 0 ? this.noise(0.1) : 0) + spike)
  }

  snapshot(): PlantState {
    return {
      ...this.cmd,
      timeS: this.t,
      level: this.level,
      levelMeasured: this.levelMeasured,
      inFlow: this.inFlow(),
      outFlow: this.pumpFlow(),
      inletPosition: this.inletPos,
      supplyPressure: this.pressure,
      pumpRunning: this.pumpRunning,
      pumpFault: this.pumpFault,
      pumpFlow: this.pumpFlow(),
      pumpCurrent: this.pumpCurrent,
      outletPosition: this.outletPos,
      outletIsOpen: this.outletPos > 95,
      agitatorRunning: this.cmd.agitatorRun,
      agitatorSpeed: this.agitatorSpeed,
      agitatorCurrent: this.agitatorCurrent,
      agitatorVibration: this.vibration,
    }
  }
}
