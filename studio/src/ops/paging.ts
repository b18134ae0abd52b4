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
