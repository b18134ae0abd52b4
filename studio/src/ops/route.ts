/**
 * Operations pages of the viewer: `#/ops/<page>` (alarm summary, journal, KPIs, the own account, for engineers the
 * programs and their faults and the audit trail, for admins users and certificates). Any other hash leaves `routeOps` null and the viewer shows a screen.
 */
import { ref } from 'vue'
import { roleAtLeast } from '@takt/blocks'
import type { Role } from '@takt/blocks'

export const OPS_PAGES = ['alarms', 'journal', 'kpi', 'programs', 'account', 'users', 'audit', 'certificates'] as const
export type OpsPage = (typeof OPS_PAGES)[number]

/** The least role that sees a page (the runtime enforces the same; this only hides links). */
export const PAGE_ROLE: Record<OpsPage, Role> = {
  alarms: 'viewer', journal: 'viewer', kpi: 'viewer', programs: 'engineer', account: 'viewer', users: 'admin', audit: 'engineer', certificates: 'admin',
}

export function parseOpsHash(hash: string): OpsPage | null {
  const m = /^#\/ops\/([a-z]+)\/?$/.exec(hash)
  const p = m?.[1]
  return p !== undefined && (OPS_PAGES as readonly string[]).includes(p) ? (p as OpsPage) : null
}

export function opsHash(page: OpsPage): string {
  return `#/ops/${page}`
}

/** Pages a role may open, in menu order. */
export function pagesFor(role: Role | null): OpsPage[] {
  return OPS_PAGES.filter((p) => PAGE_ROLE[p] === 'viewer' || (role !== null && roleAtLeast(role, PAGE_ROLE[p])))
}

/** The operations page named in the URL (null: none, show a screen). */
export const routeOps = ref<OpsPage | null>(typeof location === 'undefined' ? null : parseOpsHash(location.hash))

let installed = false
/** Follow `hashchange`; idempotent, returns the remover. */
export function installOpsRouter(): () => void {
  if (installed || typeof window === 'undefined') return () => {}
  installed = true
  const onChange = () => { routeOps.value = parseOpsHash(location.hash) }
  window.addEventListener('hashchange', onChange)
  onChange()
  return () => {
    window.removeEventListener('hashchange', onChange)
    installed = false
  }
}

export function openOpsPage(page: OpsPage): void {
  const h = opsHash(page)
  if (location.hash !== h) location.hash = h
  routeOps.value = page
}
