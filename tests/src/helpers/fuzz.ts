/** Deterministic mutation helpers for fuzz tests (a seeded PRNG, so a failure reproduces). */
export function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WEIRD: unknown[] = [
  null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, '', ' ', 'x'.repeat(5000), '\u0000', '液位', '../../etc/passwd',
  '__proto__', 'constructor', [], [[[]]], {}, { __proto__: { polluted: true } }, '{Tank1/Level}', 'NaN', '1e999',
]

export function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!
}

/** Mutate a JSON value: replace, delete or add a key somewhere, change a type, or wrap it. */
export function mutate(r: () => number, v: unknown, depth = 0): unknown {
  const roll = r()
  if (depth > 6 || roll < 0.15) return pick(r, WEIRD)
  if (Array.isArray(v)) {
    const a = [...v]
    if (a.length && roll < 0.5) a[Math.floor(r() * a.length)] = mutate(r, a[Math.floor(r() * a.length)], depth + 1)
    else if (a.length && roll < 0.65) a.splice(Math.floor(r() * a.length), 1)
    else a.push(pick(r, WEIRD))
    return a
  }
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = { ...(v as Record<string, unknown>) }
    const keys = Object.keys(o)
    if (keys.length && roll < 0.55) {
      const k = pick(r, keys)
      o[k] = mutate(r, o[k], depth + 1)
    } else if (keys.length && roll < 0.75) delete o[pick(r, keys)]
    else o[pick(r, ['type', 'id', 'extra', '__proto__', 'format', 'tags', 'value'])] = pick(r, WEIRD)
    return o
  }
  return pick(r, WEIRD)
}

/** Damage JSON text itself: truncate, flip a character, or duplicate a slice. */
export function damageText(r: () => number, text: string): string {
  const i = Math.floor(r() * text.length)
  const roll = r()
  if (roll < 0.33) return text.slice(0, i)
  if (roll < 0.66) return text.slice(0, i) + pick(r, ['"', '{', ']', ',', '\\', '\u0000', 'ÿ']) + text.slice(i + 1)
  return text.slice(0, i) + text.slice(Math.max(0, i - 20), i) + text.slice(i)
}
