/**
 * A parameterised WHERE clause built from optional filters, for the append-only SQLite logs (audit trail, alarm
 * journal). Values only ever travel as parameters; conditions are fixed strings written by the caller.
 */
export class SqlFilter {
  private readonly conds: string[] = []
  readonly args: (string | number)[] = []

  /** Add `cond` (with its `?` placeholders) when `v` is given. */
  add(cond: string, ...v: (string | number | undefined)[]): this {
    if (v.some((x) => x === undefined)) return this
    this.conds.push(cond)
    this.args.push(...(v as (string | number)[]))
    return this
  }

  /** `WHERE a AND b`, or '' without conditions. */
  get where(): string {
    return this.conds.length ? `WHERE ${this.conds.join(' AND ')}` : ''
  }
}
