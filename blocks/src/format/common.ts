import { z } from 'zod'

/** Every persisted file carries its format version; v1 is the first. See migrate.ts for how older files move up. */
export const FORMAT_VERSION = 1

/** Localised text: a plain string, or per-locale strings (`en`, `zh-CN`, ...). */
export const LocalText = z.union([z.string(), z.record(z.string(), z.string())])
export type LocalText = z.infer<typeof LocalText>

/** Names of tags, screens, programs, widgets: letters, digits, `_`, `-`; no path separators. */
export const Name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'letters, digits, _ and - only; starts with a letter or _')
/** A tag path `Area/Tank1/Level`: names joined by `/`. */
export const TagPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*(\/[A-Za-z_][A-Za-z0-9_-]*){0,15}$/, 'a tag path like Area/Tank1/Level')

export const IEC_TYPES = ['BOOL', 'SINT', 'INT', 'DINT', 'LINT', 'USINT', 'UINT', 'UDINT', 'ULINT', 'REAL', 'LREAL', 'STRING', 'TIME'] as const
export const DataType = z.enum(IEC_TYPES)
export type DataType = z.infer<typeof DataType>

export const Role = z.enum(['viewer', 'operator', 'engineer', 'admin'])
export type Role = z.infer<typeof Role>
export const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, engineer: 2, admin: 3 }
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed]
}
