/**
 * A shared feed's holders: views call `acquire()` and the feed runs while `holding` is true, that is while any
 * returned release function has not been called. Releasing twice counts once, so an unmount after an explicit
 * release cannot stop a feed another view still holds.
 */
import { ref } from 'vue'
import type { Ref } from 'vue'

export interface Hold {
  holding: Readonly<Ref<boolean>>
  /** Keep the feed running until the returned release function is called. */
  acquire: () => () => void
}

/** `onIdle` runs when the last holder releases, e.g. to tell the runtime to stop pushing. */
export function createHold(onIdle?: () => void): Hold {
  const holding = ref(false)
  let holders = 0
  function acquire(): () => void {
    holders++
    holding.value = true
    let released = false
    return () => {
      if (released) return
      released = true
      holders--
      if (holders > 0) return
      holding.value = false
      onIdle?.()
    }
  }
  return { holding, acquire }
}
