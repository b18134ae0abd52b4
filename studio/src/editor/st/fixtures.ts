/** A small APP with Structured Text and tests, as parsed draft files, for the ST and tests unit tests. */
import type { AppManifest } from '@takt/blocks'
import { ProjectDocument } from '../doc/document'

export const GATE_ST = `PROGRAM gate
VAR_INPUT
  level : REAL;
END_VAR
VAR_OUTPUT
  open : BOOL;
END_VAR
VAR
  t : TON;
  l : Latch;
END_VAR
t(IN := level > 5.0, PT := T#300ms);
l(s := t.Q, r := level < 1.0);
open := l.q;
END_PROGRAM
`

export const LIB_ST = `FUNCTION_BLOCK Latch
VAR_INPUT
  s : BOOL;
  r : BOOL;
END_VAR
VAR_OUTPUT
  q : BOOL;
END_VAR
q := (q OR s) AND NOT r;
END_FUNCTION_BLOCK
`

export function manifest(bindings = true): AppManifest {
  return {
    format: 1, id: 'gate', name: 'Gate', version: '1.0.0', connections: {}, entryScreen: 'main',
    tasks: [{ name: 'control', periodMs: 100, programs: ['gate'], ...(bindings ? { bindings: { gate: { level: 'Plant/Level', open: 'Plant/Open' } } } : {}) }],
  }
}

export function gateFiles(): Record<string, unknown> {
  return {
    'app.json': manifest(),
    'screens/main.json': { format: 1, name: 'main', title: 'Main', width: 800, height: 600, widgets: [] },
    'tags/Plant.json': {
      format: 1, folder: 'Plant',
      tags: [
        { name: 'Level', dataType: 'REAL', source: { kind: 'memory', initial: 0 }, unit: 'm' },
        { name: 'Open', dataType: 'BOOL', source: { kind: 'memory', initial: false } },
        { name: 'Label', dataType: 'STRING', source: { kind: 'memory', initial: '' } },
      ],
    },
    'programs/gate.st': GATE_ST,
    'programs/lib.st': LIB_ST,
    'tests/gate.test.json': {
      format: 1, name: 'gate',
      cases: [
        { name: 'opens after 300 ms of high level', initial: { 'Plant/Level': 0 }, steps: [{ at: 0, set: { 'Plant/Level': 10 } }, { at: 500, expect: { 'Plant/Open': true } }] },
        { name: 'too early', steps: [{ at: 0, set: { 'Plant/Level': 10 } }, { at: 100, expect: { 'Plant/Open': true, 'Plant/Level': { value: 9, tolerance: 0.5 } } }] },
      ],
    },
  }
}

export function gateDoc(): ProjectDocument {
  const d = new ProjectDocument()
  d.load(gateFiles())
  return d
}
