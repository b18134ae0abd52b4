/** The deployed APP (manifest, screens, tag metadata), the current screen and the UI locale. */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { AppBundle, ErrorCode, ResolvedTag, Screen } from '@takt/blocks'
import { createBindingCompiler } from '../bindings/expr'
import type { BindingCompiler } from '../bindings/expr'
import { locale, setLocale } from '../i18n'
import type { Locale } from '../i18n'
import { navigateToScreen, routeScreen } from '../router/hash'
import { bundleFaceplates } from '../widgets/faceplate/logic'
import { useClient } from '../wire/instance'
import { errorCodeOf } from '../wire/errors'

export const useAppStore = defineStore('app', () => {
  const client = useClient()
  const bundle = shallowRef<AppBundle | null>(null)
  const tags = shallowRef<ReadonlyMap<string, ResolvedTag>>(new Map())
  const compiler = shallowRef<BindingCompiler>(createBindingCompiler())
  const loading = ref(false)
  const error = ref<ErrorCode | null>(null)
  /** Bumped on every (re)load so screens re-subscribe even when the screen name stays the same. */
  const revision = ref(0)

  const screens = computed<readonly Screen[]>(() => bundle.value?.screens ?? [])
  /** Template faceplates by template name, for `faceplate` widgets. */
  const faceplates = computed(() => bundleFaceplates(bundle.value))
  /** Screens for the navigation bar: the entry screen first, then the others in bundle order. */
  const navScreens = computed(() => {
    const entry = bundle.value?.manifest.entryScreen
    const list = screens.value.filter((s) => s.nav !== false)
    return [...list.filter((s) => s.name === entry), ...list.filter((s) => s.name !== entry)]
  })

  /** The screen named in the URL, else the APP's entry screen, else the first one. */
  const currentScreen = computed<Screen | null>(() => {
    const list = screens.value
    const byName = (n: string | null | undefined) => (n ? list.find((s) => s.name === n) : undefined)
    return byName(routeScreen.value) ?? byName(bundle.value?.manifest.entryScreen) ?? list[0] ?? null
  })

  async function fetchApp(): Promise<void> {
    loading.value = true
    try {
      const { app } = await client.getApp()
      const map = new Map(app.tags.map((t) => [t.path, t]))
      tags.value = map
      compiler.value = createBindingCompiler((p) => map.has(p))
      bundle.value = app
      error.value = null
      revision.value++
    } catch (e) {
      error.value = errorCodeOf(e)
    } finally {
      loading.value = false
    }
  }

  function clear(): void {
    bundle.value = null
    tags.value = new Map()
  }

  function openScreen(name: string): void {
    navigateToScreen(name)
  }

  function setUiLocale(l: Locale): void {
    setLocale(l)
  }

  client.onNotice.on((n) => {
    if (n.event === 'appChanged' && bundle.value) void fetchApp()
  })

  return {
    bundle, tags, compiler, loading, error, revision, screens, faceplates, navScreens, currentScreen, locale,
    fetchApp, clear, openScreen, setLocale: setUiLocale,
  }
})
