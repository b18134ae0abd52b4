import { computed, ref, shallowRef } from 'vue'
import type { ErrorCode } from '@takt/blocks'
import { errorCodeOf } from '../wire/errors'

/**
 * Keyset paging over newest-first lists that page backwards with `before` (an id): the cursor of the next page is the
 * last id shown; going back pops the cursor stack. Works the same for the alarm journal and the audit trail.
 */
export class Pager {
  /** `before` of each page shown so far; the first page has none. */
  private readonly cursors: (number | undefined)[] = [undefined]

  constructor(readonly pageSize: number) {}

  /** Page number, 0 for the newest. */
  get page(): number { return this.cursors.length - 1 }
  /** `before` for the current page's query. */
  get before(): number | undefined { return this.cursors[this.cursors.length - 1] }
  get hasPrevious(): boolean { return this.cursors.length > 1 }

  /** Whether a page of rows (newest first) leaves more behind it. */
  hasMore(rows: readonly { id: number }[]): boolean {
    return rows.length >= this.pageSize
  }

  /** Moves to the page after `rows`; false when there is none. */
  next(rows: readonly { id: number }[]): boolean {
    const last = rows[rows.length - 1]
    if (!last || !this.hasMore(rows)) return false
    this.cursors.push(last.id)
    return true
  }

  previous(): boolean {
    if (this.cursors.length <= 1) return false
    this.cursors.pop()
    return true
  }

  /** Back to the newest page (after a filter change). */
  reset(): void {
    this.cursors.length = 1
  }
}

/**
 * A paged, filtered list as a view shows it: `fetch` asks the runtime for one page (`before` from the pager); an
 * answer that arrives after a newer request started is dropped, so fast filter changes never show stale rows.
 */
export function usePagedList<Row extends { id: number }>(pageSize: number, fetch: (before: number | undefined) => Promise<Row[]>) {
  const pager = new Pager(pageSize)
  const rows = shallowRef<Row[]>([])
  const error = ref<ErrorCode | null>(null)
  const loading = ref(false)
  const page = ref(0)
  let seq = 0
  const hasMore = computed(() => pager.hasMore(rows.value))

  async function load(): Promise<void> {
    const my = ++seq
    loading.value = true
    try {
      const r = await fetch(pager.before)
      if (my !== seq) return
      rows.value = r
      error.value = null
    } catch (e) {
      if (my === seq) error.value = errorCodeOf(e)
    } finally {
      if (my === seq) {
        loading.value = false
        page.value = pager.page
      }
    }
  }
  return {
    pager, rows, error, loading, page, hasMore, load,
    /** A new filter: back to the newest page. */
    search(): void {
      pager.reset()
      void load()
    },
    older(): void {
      if (pager.next(rows.value)) void load()
    },
    newer(): void {
      if (pager.previous()) void load()
    },
  }
}
