/** A tiny hash router: `#/screen/<name>` selects the screen; anything else means "the entry screen". */
import { ref } from 'vue'

export function parseHash(hash: string): { screen: string | null } {
  const m = /^#\/screen\/([^/?#]+)/.exec(hash)
  if (!m?.[1]) return { screen: null }
  try {
    return { screen: decodeURIComponent(m[1]) }
  } catch {
    return { screen: null }
  }
}

export function screenHash(name: string): string {
  return `#/screen/${encodeURIComponent(name)}`
}

/** The screen named in the URL (null: none). */
export const routeScreen = ref<string | null>(typeof location === 'undefined' ? null : parseHash(location.hash).screen)

let installed = false
/** Start following `hashchange`; returns the remover. */
export function installHashRouter(): () => void {
  if (installed) return () => {}
  installed = true
  const onChange = () => { routeScreen.value = parseHash(location.hash).screen }
  window.addEventListener('hashchange', onChange)
  onChange()
  return () => {
    window.removeEventListener('hashchange', onChange)
    installed = false
  }
}

export function navigateToScreen(name: string): void {
  const h = screenHash(name)
  if (location.hash !== h) location.hash = h
  routeScreen.value = name
}
