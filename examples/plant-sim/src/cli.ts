/**
 * `node examples/plant-sim/dist/cli.js [--port 4840] [--tags N] [--rate HZ] [--tick MS]`
 * Prints the endpoint and runs until SIGINT/SIGTERM. Bad arguments: a message and exit code 2.
 */
import { parseArgs } from 'node:util'
import { startPlantSim } from './index.js'

const USAGE = 'usage: plant-sim [--port 4840] [--host 127.0.0.1] [--tags N] [--rate HZ] [--tick MS] [--pki DIR] [--quiet]'

function num(name: string, raw: string | undefined, def: number, ok: (n: number) => boolean): number {
  if (raw === undefined) return def
  const n = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new Error(`invalid --${name}: ${raw}`)
  return n
}

function parse() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' }, host: { type: 'string' }, tags: { type: 'string' }, rate: { type: 'string' },
      tick: { type: 'string' }, pki: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  })
  return {
    help: values.help ?? false,
    quiet: values.quiet ?? false,
    host: values.host ?? '127.0.0.1',
    pkiDir: values.pki,
    port: num('port', values.port, 4840, (n) => Number.isInteger(n) && n >= 0 && n <= 65535),
    loadTags: num('tags', values.tags, 0, (n) => Number.isInteger(n) && n >= 0 && n <= 1_000_000),
    loadRateHz: num('rate', values.rate, 1, (n) => n > 0 && n <= 100),
    tickMs: num('tick', values.tick, 100, (n) => n >= 10 && n <= 10_000),
  }
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parse>
  try {
    args = parse()
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`)
    process.exit(2)
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const sim = await startPlantSim({
    port: args.port, host: args.host, loadTags: args.loadTags, loadRateHz: args.loadRateHz, tickMs: args.tickMs,
    pkiDir: args.pkiDir,
    log: args.quiet ? undefined : (m) => process.stderr.write(`${m}\n`),
  })
  process.stdout.write(`${sim.endpoint}\n`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    if (!args.quiet) process.stderr.write(`${signal}: stopping\n`)
    sim.stop().then(() => process.exit(0), (err: unknown) => {
      process.stderr.write(`stop failed: ${(err as Error).message}\n`)
      process.exit(1)
    })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  process.stderr.write(`plant-sim: ${(err as Error).message}\n`)
  process.exit(1)
})
