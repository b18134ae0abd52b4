/**
 * The site file: what a plant holds and an APP never carries — listen address, connection endpoints and
 * credentials, users. `takt serve <app> --site site.json`.
 */
import { z } from 'zod'
import { readFile } from 'node:fs/promises'
import { Role, TaktError, type Diagnostic } from '@takt/blocks'

export const SiteConnection = z.object({
  kind: z.string().min(1),
  endpoint: z.string().min(1),
  options: z.record(z.string(), z.unknown()).optional(),
}).strict()

export const SiteUser = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  role: Role,
  /** `scrypt$N$r$p$salt$hash` as printed by `takt hash-password`. */
  passwordHash: z.string().startsWith('scrypt$'),
  displayName: z.string().max(128).optional(),
}).strict()
export type SiteUser = z.infer<typeof SiteUser>

export const SiteFile = z.object({
  format: z.literal(1),
  name: z.string().max(128).optional(),
  listen: z.object({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(8080) }).strict().default({ host: '127.0.0.1', port: 8080 }),
  connections: z.record(z.string(), SiteConnection).default({}),
  users: z.array(SiteUser).max(10_000).default([]),
  sessionTtlMinutes: z.number().int().min(1).max(7 * 24 * 60).default(12 * 60),
  /** HTTPS/WSS: PEM certificate (chain) and private key files. Without it the runtime serves plain HTTP. */
  tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }).strict().optional(),
  /** Folder for published versions and runtime state; relative paths resolve against the working directory. */
  dataDir: z.string().min(1).max(4096).optional(),
}).strict()
export type SiteFile = z.infer<typeof SiteFile>

export function parseSite(text: string, file: string): SiteFile {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    throw new TaktError('E_SITE', `${file}: not valid JSON (${(e as Error).message})`, { file })
  }
  const r = SiteFile.safeParse(raw)
  if (!r.success) {
    const first = r.error.issues[0]!
    const path = '$' + first.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')
    throw new TaktError('E_SITE', `${file} ${path}: ${first.message}`, { file, path })
  }
  const names = new Set<string>()
  for (const [i, u] of r.data.users.entries()) {
    if (names.has(u.name)) throw new TaktError('E_SITE', `${file} $.users[${i}].name: duplicate user ${u.name}`, { file, path: `$.users[${i}].name` })
    names.add(u.name)
  }
  return r.data
}

export async function loadSiteFile(file: string): Promise<SiteFile> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    throw new TaktError('E_SITE', `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file })
  }
  return parseSite(text, file)
}

/** Every connection the APP needs must be mapped by the site, with the same kind. */
export function checkConnections(needs: Record<string, { kind: string }>, site: SiteFile): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const [name, need] of Object.entries(needs)) {
    const c = site.connections[name]
    if (!c) out.push({ code: 'E_CONNECTION_UNMAPPED', severity: 'error', message: `the APP needs connection "${name}" (${need.kind}) but the site file does not define it`, path: `$.connections.${name}` })
    else if (c.kind !== need.kind) out.push({ code: 'E_CONNECTION_UNMAPPED', severity: 'error', message: `connection "${name}" is ${c.kind} in the site but the APP needs ${need.kind}`, path: `$.connections.${name}.kind` })
  }
  return out
}
