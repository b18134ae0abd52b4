/** Short messages in the corner (write failures and notices). Bounded: old toasts drop off. */
import { shallowRef } from 'vue'

export interface Toast { id: number; message: string; kind: 'error' | 'info' }

const MAX_TOASTS = 4
const TOAST_MS = 6000
let nextId = 1

export const toasts = shallowRef<readonly Toast[]>([])

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((x) => x.id !== id)
}

export function showToast(message: string, kind: Toast['kind'] = 'error'): void {
  const toast = { id: nextId++, message, kind }
  toasts.value = [...toasts.value, toast].slice(-MAX_TOASTS)
  setTimeout(() => dismissToast(toast.id), TOAST_MS)
}
