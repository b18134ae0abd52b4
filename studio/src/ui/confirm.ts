/** One modal confirmation at a time; `askConfirm` resolves true on confirm, false on cancel or Esc. */
import { shallowRef } from 'vue'

export interface ConfirmRequest { message: string; resolve: (ok: boolean) => void }

export const pendingConfirm = shallowRef<ConfirmRequest | null>(null)

export function askConfirm(message: string): Promise<boolean> {
  // A new question cancels an unanswered one rather than stacking dialogs on an operator.
  pendingConfirm.value?.resolve(false)
  return new Promise<boolean>((resolve) => {
    const req: ConfirmRequest = {
      message,
      resolve: (ok) => {
        if (pendingConfirm.value === req) pendingConfirm.value = null
        resolve(ok)
      },
    }
    pendingConfirm.value = req
  })
}
