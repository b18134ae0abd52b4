/** Password hashing with scrypt (memory-hard KDF, DESIGN.md Security). Format: `scrypt$N$r$p$salt$hash` (base64). */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))))

/** N=2^15, r=8 → 32 MiB per hash: slow enough against brute force, fast enough for a login (~100 ms). */
export const DEFAULT_SCRYPT = { N: 1 << 15, r: 8, p: 1 } as const
const KEYLEN = 32

export async function hashPassword(password: string, params: { N: number; r: number; p: number } = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, KEYLEN, { ...params, maxmem: 256 * params.N * params.r })
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$')
}

/** Constant-time verification; a malformed stored hash never matches (and never throws). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > 1 << 20 || r > 32 || p > 16) return false
  const salt = Buffer.from(parts[4]!, 'base64')
  const expected = Buffer.from(parts[5]!, 'base64')
  if (expected.length !== KEYLEN) return false
  try {
    const key = await scrypt(password, salt, KEYLEN, { N, r, p, maxmem: 256 * N * r })
    return timingSafeEqual(key, expected)
  } catch {
    return false
  }
}
