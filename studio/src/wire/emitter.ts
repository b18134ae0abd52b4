/** A minimal typed listener list; `on` returns its own remover (STYLE.md 21). */
export class Emitter<T> {
  private readonly fns = new Set<(v: T) => void>()

  on(fn: (v: T) => void): () => void {
    this.fns.add(fn)
    return () => { this.fns.delete(fn) }
  }

  emit(v: T): void {
    for (const fn of [...this.fns]) fn(v)
  }

  clear(): void {
    this.fns.clear()
  }
}
