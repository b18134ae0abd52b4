/** A small APP with Structured Text and FBD programs over memory tags and one device tag, for runtime tests. */
import { memorySource } from '@takt/blocks'
import { loadAppSource, type CompiledApp } from '../../app/load.js'

export const CALC = `PROGRAM calc
VAR_INPUT x : REAL; name : STRING[10]; small : SINT; END_VAR
VAR_OUTPUT y : REAL; cmd : BOOL; echo : STRING[10]; smallOut : SINT; END_VAR
VAR RETAIN total : DINT; END_VAR
VAR plain : DINT; t : TON; END_VAR
y := x * 2.0;
cmd := x > 5.0;
echo := CONCAT(name, '!');
smallOut := small;
total := total + 1;
plain := plain + 1;
t(IN := TRUE, PT := T#10s);
END_PROGRAM
`

export const DIVIDE = `PROGRAM divide
VAR_INPUT d : INT; END_VAR
VAR_OUTPUT r : INT; END_VAR
r := 100 / d;
END_PROGRAM
`

const tag = (name: string, dataType: string, initial?: unknown) => ({ name, dataType, source: { kind: 'memory', ...(initial !== undefined ? { initial } : {}) } })

/** The APP's files; `st` replaces the ST source (online change tests). */
export function stAppFiles(st = `${CALC}\n${DIVIDE}`): Record<string, string> {
  const docs: Record<string, unknown> = {
    'app.json': {
      format: 1, id: 'st-app', name: 'ST app', version: '1.0.0', entryScreen: 'main',
      connections: { plc1: { kind: 'opcua' } },
      // An hour-long period: the task's own timer never fires in a test; tests call scan() with their clock.
      tasks: [{
        name: 'main', periodMs: 3_600_000, programs: ['calc', 'divide', 'inv'],
        bindings: {
          calc: { x: 'Io/In', name: 'Io/Name', small: 'Io/Big', y: 'Io/Out', cmd: 'Io/Cmd', echo: 'Io/Echo', smallOut: 'Io/SmallOut' },
          divide: { d: 'Io/Divisor', r: 'Io/Ratio' },
        },
      }],
    },
    'tags/Io.json': {
      format: 1, folder: 'Io',
      tags: [
        tag('In', 'REAL', 1), tag('Name', 'STRING', 'abc'), tag('Big', 'INT', 1000), tag('Out', 'REAL', 0), tag('Echo', 'STRING', ''),
        tag('SmallOut', 'INT', 0), tag('Divisor', 'INT', 1), tag('Ratio', 'INT', 0), tag('Flag', 'BOOL', false), tag('NotFlag', 'BOOL', false),
        { name: 'Cmd', dataType: 'BOOL', source: { kind: 'connection', connection: 'plc1', address: 'ns=1;s=Cmd' } },
      ],
    },
    'programs/inv.fbd.json': {
      format: 1, name: 'inv',
      blocks: [
        { id: 'flag', type: 'TAG_IN', params: { tag: 'Io/Flag' } },
        { id: 'not1', type: 'NOT' },
        { id: 'out', type: 'TAG_OUT', params: { tag: 'Io/NotFlag' } },
      ],
      wires: [{ from: 'flag.OUT', to: 'not1.IN' }, { from: 'not1.OUT', to: 'out.IN' }],
    },
    'screens/main.json': { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] },
  }
  const files: Record<string, string> = { 'programs/main.st': st }
  for (const [p, d] of Object.entries(docs)) files[p] = JSON.stringify(d, null, 2)
  return files
}

export async function compileStApp(st?: string): Promise<CompiledApp> {
  const r = await loadAppSource(memorySource(stAppFiles(st)))
  if (!r.compiled) throw new Error(JSON.stringify(r.diagnostics, null, 2))
  return r.compiled
}
