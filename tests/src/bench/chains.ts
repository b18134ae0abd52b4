/**
 * Shared by the FB engine and ST benches: block kinds, the seeded PRNG, the chain layout and the hand-written
 * struct-of-arrays loop both are measured against.
 */
export const K_ADD = 0
export const K_GT = 1
export const K_TON = 2
export const K_PID = 3

/** Deterministic PRNG (mulberry32), so every run benchmarks the same network. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A chain layout: blocks chain by chain, with the parameters the hand-written loop needs. */
export interface Chains {
  kind: Uint8Array
  chainStart: Int32Array
  /** ADD: k; GT: threshold; TON: PT; PID: SP. */
  p0: Float64Array
  /** PID: KP. */
  p1: Float64Array
  /** PID: TI. */
  p2: Float64Array
}

/**
 * The hand-written version: one pass per chain, values carried in locals, every block's outputs and state stored in
 * typed arrays as an IEC program keeps FB instance variables. Constants an engineer would hard-code (TD = 0,
 * OUT 0..100, MV_MAN = 50, reverse acting) are hard-coded. Timer and PID math mirror the library kernels exactly.
 */
export class Baseline {
  readonly out: Float64Array
  readonly out2: Float64Array
  readonly s0: Float64Array
  readonly s1: Float64Array
  readonly s2: Float64Array
  readonly s3: Float64Array
  readonly fb: Float64Array
  private last: number | undefined = undefined

  constructor(readonly net: Chains) {
    const n = net.kind.length
    this.out = new Float64Array(n)
    this.out2 = new Float64Array(n)
    this.s0 = new Float64Array(n)
    this.s1 = new Float64Array(n)
    this.s2 = new Float64Array(n)
    this.s3 = new Float64Array(n)
    this.fb = new Float64Array(net.chainStart.length - 1)
  }

  scan(now: number): number {
    let dt = this.last === undefined ? 0 : now - this.last
    if (!(dt > 0)) dt = 0
    this.last = now
    const dts = dt * 0.001
    const { kind, chainStart, p0, p1, p2 } = this.net
    const { out, out2, s0, s1, s2, s3, fb } = this
    const td = 0
    const lo = 0
    const hi = 100
    const mvMan = 50
    let checksum = 0
    for (let c = 0; c < fb.length; c++) {
      let x = fb[c]!
      let b = 0
      let q = 0
      for (let j = chainStart[c]!; j < chainStart[c + 1]!; j++) {
        switch (kind[j]) {
          case K_ADD:
            x = x + p0[j]!
            out[j] = x
            break
          case K_GT:
            b = x > p0[j]! ? 1 : 0
            out[j] = b
            break
          case K_TON: {
            if (b !== 0) {
              const el = s1[j] !== 0 ? s0[j]! + dt : 0
              s0[j] = el
              s1[j] = 1
              let pt = p0[j]!
              if (!(pt > 0)) pt = 0
              q = el >= pt ? 1 : 0
              out[j] = q
              out2[j] = el < pt ? el : pt
            } else {
              s0[j] = 0
              s1[j] = 0
              q = 0
              out[j] = 0
              out2[j] = 0
            }
            break
          }
          case K_PID: {
            const pv = x
            const sp = p0[j]!
            const kp = p1[j]!
            const ti = p2[j]!
            const e = sp - pv
            const init = s2[j] !== 0
            let d = s3[j]!
            if (!init) d = 0
            else if (dts > 0) d = td > 0 ? (kp * td * (s1[j]! - pv)) / dts : 0
            const p = kp * e
            let i = s0[j]!
            let o: number
            if (q !== 0) {
              o = mvMan
              if (o > hi) o = hi
              if (o < lo) o = lo
              i = o - p - d
            } else {
              if (init && dts > 0 && ti > 0) {
                const inc = (kp * dts * e) / ti
                const u = p + i + inc + d
                if (!((u > hi && inc > 0) || (u < lo && inc < 0))) i += inc
              }
              o = p + i + d
              if (o > hi) o = hi
              if (o < lo) o = lo
            }
            s0[j] = i
            s1[j] = pv
            s2[j] = 1
            s3[j] = d
            out[j] = o
            out2[j] = e
            x = o
            break
          }
        }
      }
      fb[c] = x
      checksum += x
    }
    return checksum
  }
}

/** Measured runs of a scan bench: 200 scans of 10 ms each, 7 runs after 2 warm-up runs. */
export const SCAN_RUNS = { scans: 200, scanMs: 10, runs: 7, warmup: 2 }

/**
 * Times each scanner (a scan at a clock time, returning a checksum) for `scans` scans per run, the scanners taking
 * turns run after run so that machine noise (2 shared cores) hits all alike. Returns µs per scan of each measured run,
 * per scanner. Throws when the checksums are not finite (a scanner that computes nothing would look fast).
 */
export function interleavedScanUs(scanners: readonly ((t: number) => number)[], o = SCAN_RUNS): number[][] {
  const out = scanners.map((): number[] => [])
  let now = 0
  let sink = 0
  for (let run = -o.warmup; run < o.runs; run++) {
    scanners.forEach((scan, k) => {
      const t = performance.now()
      for (let s = 0; s < o.scans; s++) sink += scan(now + s * o.scanMs)
      if (run >= 0) out[k]!.push(((performance.now() - t) * 1000) / o.scans)
    })
    now += o.scans * o.scanMs
  }
  if (!Number.isFinite(sink)) throw new Error('checksum is not finite')
  return out
}
