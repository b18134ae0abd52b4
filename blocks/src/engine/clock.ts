/** The engine's only source of time, in ms. The host injects it (STYLE.md 6); tests use FakeClock. */
export interface Clock {
  now(): number
}

/** A clock that moves only when told to, for tests and offline simulation. */
export class FakeClock implements Clock {
  private t: number

  constructor(startMs = 0) {
    this.t = startMs
  }

  now(): number {
    return this.t
  }

  /** Moves time forward by `ms` (negative values are refused: scan time never runs backwards here). */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError('FakeClock.advance needs a non-negative number of ms')
    this.t += ms
    return this.t
  }

  set(ms: number): void {
    this.t = ms
  }
}
