/** Child processes for benches and fault tests: the built simulator and runtime, stopped by PID. */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const CLI = join(ROOT, 'runtime/dist/cli.js')
export const SIM_CLI = join(ROOT, 'examples/plant-sim/dist/cli.js')

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port
      s.close(() => resolve(p))
    })
  })
}

export interface Proc { child: ChildProcess; pid: number; output: () => string; stop(): Promise<void> }

/** Spawn node with args; resolve once a stdout line matches `ready` (or fail after timeoutMs). */
export function spawnNode(args: string[], ready: RegExp, timeoutMs = 30_000): Promise<Proc & { match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`not ready within ${timeoutMs} ms: ${args.join(' ')}\n${out}\n${err}`))
    }, timeoutMs)
    const stop = () => new Promise<void>((res) => {
      if (child.exitCode !== null || child.signalCode !== null) return res()
      child.once('exit', () => res())
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5000).unref()
    })
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.length > 1_000_000) out = out.slice(-100_000)
      const m = out.match(ready)
      if (m && timer) {
        clearTimeout(timer)
        resolve({ child, pid: child.pid!, match: m, output: () => out + err, stop })
      }
    })
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString()
      if (err.length > 1_000_000) err = err.slice(-100_000)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code} before ready: ${args.join(' ')}\n${out}\n${err}`))
    })
  })
}

export async function spawnSim(opts: { port?: number; tags?: number; rate?: number } = {}): Promise<Proc & { endpoint: string; port: number }> {
  const port = opts.port ?? (await freePort())
  const args = [SIM_CLI, '--port', String(port)]
  if (opts.tags) args.push('--tags', String(opts.tags), '--rate', String(opts.rate ?? 1))
  const p = await spawnNode(args, /(opc\.tcp:\/\/[^\s]+)/, 60_000)
  return { ...p, endpoint: p.match[1]!, port }
}

/** Write a site file with the given users (hashes) and connection endpoint; returns its path. */
export async function writeSite(dir: string, endpoint: string, users: { name: string; role: string; passwordHash: string }[], dataDir?: string): Promise<string> {
  const file = join(dir, 'site.json')
  await writeFile(file, JSON.stringify({ format: 1, connections: { plant: { kind: 'opcua', endpoint } }, users, ...(dataDir ? { dataDir } : {}) }))
  return file
}

export async function spawnRuntime(appDir: string, sitePath: string, port?: number): Promise<Proc & { url: string }> {
  const p = await spawnNode([CLI, 'serve', appDir, '--site', sitePath, '--host', '127.0.0.1', '--port', String(port ?? (await freePort())), '--log-level', 'warn'], /serving .* at (http:\/\/\S+)/, 60_000)
  return { ...p, url: p.match[1]! }
}

/** User + system CPU time of a process, ms (Linux /proc). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(f[11]) + Number(f[12])
  return (ticks * 1000) / 100 // CLK_TCK is 100 on Linux
}

export function rssMb(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return m ? Number(m[1]) / 1024 : NaN
}

/** A generated APP of `n` load tags bound to the simulator's load mode (`Load/T00000`..), optionally with a screen of `widgets` numeric displays bound to them. */
export async function writeLoadApp(n: number, widgets = 0): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'takt-load-app-'))
  await mkdir(join(dir, 'tags'))
  await mkdir(join(dir, 'screens'))
  await writeFile(join(dir, 'app.json'), JSON.stringify({ format: 1, id: 'load', name: 'Load', version: '1.0.0', connections: { plant: { kind: 'opcua' } }, entryScreen: 'main' }))
  const tags = Array.from({ length: n }, (_, i) => {
    const id = `T${String(i).padStart(5, '0')}`
    return { name: id, dataType: 'LREAL', source: { kind: 'connection', connection: 'plant', address: `ns=1;s=Load.${id}` } }
  })
  await writeFile(join(dir, 'tags', 'Load.json'), JSON.stringify({ format: 1, folder: 'Load', tags }))
  // A grid of numeric displays, each bound to one load tag (wrapping around when there are more widgets than tags).
  const cols = Math.max(1, Math.ceil(Math.sqrt(widgets * 2)))
  const w = Math.floor(1900 / cols)
  const h = Math.max(8, Math.floor(w / 2))
  const grid = Array.from({ length: widgets }, (_, i) => ({
    id: `n${i}`, type: 'numeric', x: (i % cols) * w, y: Math.floor(i / cols) * h, w, h,
    props: { decimals: 2, showUnit: false, fontSize: Math.max(6, Math.floor(h * 0.5)) },
    bindings: { value: { tag: `Load/T${String(i % n).padStart(5, '0')}` } },
  }))
  const height = Math.max(720, Math.ceil(widgets / cols) * h)
  await writeFile(join(dir, 'screens', 'main.json'), JSON.stringify({ format: 1, name: 'main', title: 'Main', width: 1920, height: Math.min(16384, height), widgets: grid }))
  return dir
}
