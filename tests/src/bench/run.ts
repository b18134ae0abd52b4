/**
 * `pnpm bench`: every figure of every issue, one `BENCH <name> <median> <unit>` line each.
 * Run one group with `pnpm bench -- fb` (groups: fb, ingest, fanout, start, alarms, hmi, studio, st, history).
 */
import { benchFbEngine } from './fb-engine.js'
import { benchIngest } from './ingest.js'
import { benchFanout } from './fanout.js'
import { benchStart } from './start.js'
import { benchAlarms } from './alarms.js'
import { benchHmi } from './hmi.js'
import { benchStudio } from './studio.js'
import { benchSt } from './st.js'
import { benchHistory } from './history.js'

const GROUPS: Record<string, () => Promise<void>> = {
  fb: benchFbEngine,
  ingest: benchIngest,
  fanout: benchFanout,
  start: benchStart,
  alarms: benchAlarms,
  hmi: benchHmi,
  studio: benchStudio,
  st: benchSt,
  history: benchHistory,
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => a !== '--')
  for (const w of wanted) if (!GROUPS[w]) throw new Error(`unknown bench group "${w}" (known: ${Object.keys(GROUPS).join(', ')})`)
  for (const [name, run] of Object.entries(GROUPS)) {
    if (wanted.length && !wanted.includes(name)) continue
    process.stdout.write(`# ${name}\n`)
    await run()
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`bench failed: ${e.stack ?? e.message}\n`)
    process.exit(1)
  },
)
