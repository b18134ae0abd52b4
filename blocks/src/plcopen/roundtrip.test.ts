import { describe, expect, it } from 'vitest'
import type { StSourceFile } from '../format/app.js'
import { loadApp, memorySource } from '../format/loader.js'
import type { FbdBlockFile } from '../format/fbd-blocks.js'
import type { FbdProgram } from '../format/program.js'
import { compileSt } from '../st/compile.js'
import { exportPlcOpen, importPlcOpen } from './index.js'

// The shipped demo APP as text, by path relative to its folder.
const raw = import.meta.glob('../../../examples/tank-demo/{app.json,types/*.json,tags/*.json,programs/*.json,programs/*.st,blocks/*.json,screens/*.json}', { eager: true, query: '?raw', import: 'default' })
const files = Object.fromEntries(Object.entries(raw).map(([p, text]) => [p.replace('../../../examples/tank-demo/', ''), text as string]))

/** Wire order carries no meaning; import lists wires by target block and pin. */
function canonical(p: FbdProgram): FbdProgram {
  const key = (w: { from: string; to: string }): string => `${w.to} ${w.from}`
  return { ...p, wires: [...p.wires].sort((a, b) => key(a).localeCompare(key(b))) }
}

/** A function block as PLCopen carries it: descriptions keep their English text only, so they are left out. */
function fbShape(fb: FbdBlockFile): unknown {
  const bare = JSON.parse(JSON.stringify(fb, (k, v: unknown) => (k === 'description' ? undefined : v))) as FbdBlockFile
  return { ...bare, wires: canonical({ format: 1, name: 'x', blocks: [], wires: bare.wires }).wires }
}

/** What the compiler sees of each POU: names, kinds, and every variable with its type and qualifiers. */
function shape(files: readonly StSourceFile[]): unknown {
  const r = compileSt(files.map((f) => f.source).join('\n'))
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return r.pous.map((p) => ({
    name: p.name, kind: p.kind, returnType: p.returnType,
    variables: p.variables.map(({ line: _l, column: _c, ...v }) => v),
  }))
}

const normalise = (s: string): string => s.replace(/\s+/g, ' ').trim()

describe('PLCopen round trip of the tank demo', async () => {
  const { app, diagnostics } = await loadApp(memorySource(files))
  expect(diagnostics).toEqual([])
  const tagTypes = new Map(app!.tags.map((t) => [t.path, t.dataType]))
  const xml = exportPlcOpen({ programs: app!.programs, stFiles: app!.stFiles ?? [], fbBlocks: app!.fbBlocks ?? [] }, { name: 'tank-demo', tagType: (p) => tagTypes.get(p) })
  const back = importPlcOpen(xml)

  it('imports without a diagnostic', () => {
    expect(back.diagnostics).toEqual([])
  })

  it('gives back the same FBD programs: blocks, constants, params, positions and wires', () => {
    expect(back.programs.map(canonical)).toEqual(app!.programs.map(canonical))
  })

  it('gives back the same FBD function blocks (descriptions keep their English text only)', () => {
    expect(back.fbBlocks.map(fbShape)).toEqual((app!.fbBlocks ?? []).map(fbShape))
  })

  it('gives back the same Structured Text, POU for POU and variable for variable', () => {
    expect(back.stFiles.map((f) => f.file)).toEqual(app!.stFiles!.map((f) => f.file))
    expect(shape(back.stFiles)).toEqual(shape(app!.stFiles!))
    // Comments on POUs and variables survive too; only white space differs.
    expect(back.stFiles.map((f) => normalise(f.source))).toEqual(app!.stFiles!.map((f) => normalise(f.source)))
  })

  it('declares tag variables with the tag type and FB instances as locals, and is deterministic', () => {
    expect(xml).toContain('<variable name="level">\n              <type>\n                <REAL/>')
    expect(xml).toContain('<derived name="TON"/>')
    expect(xml).toContain('<xhtml:p>Tank1/Level</xhtml:p>')
    const again = { programs: back.programs, stFiles: back.stFiles, fbBlocks: app!.fbBlocks ?? [] }
    expect(exportPlcOpen(again, { name: 'tank-demo', tagType: (p) => tagTypes.get(p) })).toBe(xml)
  })

  it('passes the APP loader after import', async () => {
    const imported: Record<string, string> = { ...files }
    for (const k of Object.keys(imported)) if (k.startsWith('programs/')) delete imported[k]
    for (const p of back.programs) imported[`programs/${p.name}.fbd.json`] = JSON.stringify(p)
    for (const fb of back.fbBlocks) imported[`blocks/${fb.name}.fb.json`] = JSON.stringify(fb)
    for (const f of back.stFiles) imported[f.file] = f.source
    expect((await loadApp(memorySource(imported))).diagnostics).toEqual([])
  })
})

describe('PLCopen round trip of edge cases', () => {
  it('keeps ids IEC cannot spell, missing positions, parameters, typed constants and feedback wires', () => {
    const p: FbdProgram = {
      format: 1, name: 'edge-cases',
      blocks: [
        { id: 'in-1', type: 'TAG_IN', params: { tag: 'Area/In-1', type: 'BOOL' } },
        { id: 'a', type: 'AND', inputs: { IN2: true }, x: 10.5, y: -3 },
        { id: 'A', type: 'OR', inputs: { IN1: false } },
        { id: 'delay', type: 'TOF', inputs: { PT: 1500.25 }, x: 5 },
        { id: 'cnt', type: 'CTU', inputs: { PV: 3, RESET: 0 }, y: 7 },
        { id: 'add-x', type: 'ADD', inputs: { IN1: -1e21, IN2: 16 } },
        { id: 'out', type: 'TAG_OUT', params: { tag: 'Area/Out' }, x: 1, y: 2 },
      ],
      wires: [
        { from: 'in-1.OUT', to: 'a.IN1' },
        { from: 'A.OUT', to: 'delay.IN' },
        { from: 'delay.Q', to: 'A.IN2' },
        { from: 'a.OUT', to: 'cnt.CU' },
        { from: 'cnt.Q', to: 'out.IN' },
      ],
    }
    const xml = exportPlcOpen({ programs: [p] })
    expect(xml).toContain('<expression>T#1s500.25ms</expression>')
    expect(xml).toContain('instanceName="delay"')
    expect(xml).toContain('<expression>in_1</expression>')
    const back = importPlcOpen(xml)
    expect(back.diagnostics).toEqual([])
    expect(back.programs.map(canonical)).toEqual([canonical(p)])
  })

  it('keeps types, functions, FBs, every VAR section and initialisers across several files', () => {
    const stFiles: StSourceFile[] = [
      {
        file: 'programs/types.st',
        source: `(* A point. *)
TYPE
  Point : STRUCT
    x : REAL := 1.5;
    y : REAL;
  END_STRUCT;
  Mode : (IDLE, RUN := 5, STOP);
  Percent : REAL;
END_TYPE
`,
      },
      {
        file: 'programs/logic.st',
        source: `FUNCTION Clamp : REAL   // limits v
VAR_INPUT
  v : REAL;
  lo, hi : REAL;
END_VAR
Clamp := LIMIT(lo, v, hi);
END_FUNCTION

FUNCTION_BLOCK Acc
VAR_IN_OUT
  total : DINT;
END_VAR
VAR_INPUT
  add : DINT := 1;
END_VAR
VAR_OUTPUT RETAIN
  calls : UDINT;
END_VAR
VAR_TEMP
  t : DINT;
END_VAR
t := total + add;
total := t;
calls := calls + 1;
END_FUNCTION_BLOCK

PROGRAM main
VAR
  p : Point := (x := 2.0, y := 3.0);
  m : Mode := Mode#RUN;
  grid : ARRAY[1..3, 0..1] OF INT := [1, 2, 4(0)];
  name : STRING[20] := 'It$'s <ok> & "fine" ]]>';
  acc : Acc;
  sum : DINT;
  pct : Percent;
  blink : TON := (PT := T#1s500ms);
END_VAR
VAR CONSTANT RETAIN
  LIMIT_HI : REAL := 100.0; (* upper bound *)
END_VAR
acc(total := sum);
p.x := Clamp(v := p.x, lo := 0.0, hi := LIMIT_HI);
IF m = Mode#STOP AND grid[1, 0] > 0 AND LEN(name) > 0 AND pct > 0.0 THEN
  blink(IN := NOT blink.Q);
END_IF;
END_PROGRAM
`,
      },
    ]
    const xml = exportPlcOpen({ programs: [], stFiles })
    expect(xml).toContain('<dataType name="Point">')
    expect(xml).toContain('<returnType>')
    expect(xml).toContain('<inOutVars>')
    expect(xml).toContain('<tempVars>')
    expect(xml).toContain('<outputVars retain="true">')
    expect(xml).toContain('<localVars constant="true" retain="true">')
    expect(xml).toContain('<arrayValue>')
    expect(xml).toContain('<structValue>')
    const back = importPlcOpen(xml)
    expect(back.diagnostics).toEqual([])
    expect(back.stFiles.map((f) => f.file)).toEqual(['programs/types.st', 'programs/logic.st'])
    expect(shape(back.stFiles)).toEqual(shape(stFiles))
    expect(exportPlcOpen({ programs: [], stFiles: back.stFiles })).toBe(xml)
  })

  it('refuses to export Structured Text that does not parse, naming the file', () => {
    expect(() => exportPlcOpen({ programs: [], stFiles: [{ file: 'programs/bad.st', source: 'PROGRAM p\nx := ;\nEND_PROGRAM\n' }] }))
      .toThrow(expect.objectContaining({ code: 'E_PLCOPEN_EXPORT', file: 'programs/bad.st' }))
  })
})
