/** A small APP for the task editor tests: two FBD programs, an ST file with two PROGRAMs, a template with a program. */
import type { AppManifest } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'

export const PUMPS_ST = `PROGRAM pumps
VAR_INPUT
  level : REAL;
END_VAR
VAR_OUTPUT
  run : BOOL;
END_VAR
run := level > 5.0;
END_PROGRAM

PROGRAM Spare
VAR
  n : INT;
END_VAR
n := n + 1;
END_PROGRAM
`

export function tasksManifest(): AppManifest {
  return {
    format: 1, id: 'plant', name: 'Plant', version: '1.0.0', connections: {}, entryScreen: 'main',
    tasks: [
      { name: 'main', periodMs: 100, programs: ['fill', 'pumps'], bindings: { pumps: { level: 'Plant/Level', run: 'Plant/Run' } } },
      { name: 'slow', periodMs: 1000, programs: [] },
    ],
  }
}

const empty = (name: string) => ({ format: 1, name, blocks: [], wires: [] })

export function tasksFiles(): Record<string, unknown> {
  return {
    'app.json': tasksManifest(),
    'screens/main.json': { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] },
    'tags/Plant.json': {
      format: 1, folder: 'Plant',
      tags: [
        { name: 'Level', dataType: 'REAL', source: { kind: 'memory', initial: 0 } },
        { name: 'Run', dataType: 'BOOL', source: { kind: 'memory', initial: false } },
      ],
      instances: [{ name: 'M1', type: 'Motor' }, { name: 'M2', type: 'Motor' }],
    },
    'types/Motor.json': {
      format: 1, name: 'Motor',
      tags: [{ name: 'Run', dataType: 'BOOL', source: { kind: 'memory' } }],
      programs: [{ ...empty('RunCheck'), task: 'slow' }, empty('Count')],
    },
    'programs/fill.fbd.json': empty('fill'),
    'programs/drain.fbd.json': empty('drain'),
    'programs/pumps.st': PUMPS_ST,
  }
}

export function tasksDoc(): ProjectDocument {
  const d = new ProjectDocument()
  d.load(tasksFiles())
  return d
}
