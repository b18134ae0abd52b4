/**
 * Child of crash.test.ts: records TAGS tags in rounds (tag i, round k: value k at T0 + k s), flushes every FLUSH_EVERY
 * rounds and compacts often, printing `R <rounds recorded>` and `W <rows written>` until the parent kills it.
 */
import { Historian } from '../historian.js'

const [dir, tagsArg, flushArg] = process.argv.slice(2)
const TAGS = Number(tagsArg)
const FLUSH_EVERY = Number(flushArg)
const T0 = Date.UTC(2025, 0, 1)
const out = (line: string) => process.stdout.write(line + '\n')

const h = new Historian({ dir: dir!, log: { info() {}, warn() {}, error: (m, f) => out(`E ${m} ${JSON.stringify(f)}`) }, batchMs: 20, compactMs: 50, compactStepRows: 200 })
await h.open()
const handles = Array.from({ length: TAGS }, (_, i) => h.track(`T${i}`, { enabled: true }, 'REAL'))
let k = 0
const round = () => {
  for (const hd of handles) h.record(hd, k, 0, T0 + k * 1000)
  k++
  out(`R ${k}`)
  if (k % FLUSH_EVERY === 0) {
    h.flush()
    out(`W ${h.stats().written} K ${k} C ${h.stats().compacted}`)
  }
  // compaction steps run on the historian's own timers in between
  setTimeout(round, 1)
}
out('ready')
round()
