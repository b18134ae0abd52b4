import { describe, expect, it } from 'vitest'
import { parseArgs } from './args.js'

describe('parseArgs', () => {
  const spec = { port: 'number', site: 'string', verbose: 'boolean' } as const
  it('parses positional, valued and boolean flags', () => {
    expect(parseArgs(['app', '--port', '80', '--site=s.json', '--verbose'], spec)).toEqual({ positional: ['app'], flags: { port: 80, site: 's.json', verbose: true } })
  })
  it('refuses unknown flags, missing values and non-numbers with E_USAGE', () => {
    for (const argv of [['--nope'], ['--port'], ['--port', '--site', 'x'], ['--port', 'eighty'], ['--port=']])
      expect(() => parseArgs(argv, spec), argv.join(' ')).toThrow(expect.objectContaining({ code: 'E_USAGE' }))
  })
})
