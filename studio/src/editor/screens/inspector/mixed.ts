/** Shown for a property whose value differs between the selected widgets. */
export const MIXED: unique symbol = Symbol('mixed')
export type Maybe<T> = T | typeof MIXED

/** The common value of `get` over items, or MIXED. */
export function shared<T, V>(items: readonly T[], get: (x: T) => V): Maybe<V> | undefined {
  if (items.length === 0) return undefined
  const first = get(items[0] as T)
  const a = JSON.stringify(first)
  for (let i = 1; i < items.length; i++) if (JSON.stringify(get(items[i] as T)) !== a) return MIXED
  return first
}
