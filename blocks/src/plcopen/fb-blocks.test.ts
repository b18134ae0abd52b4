import { describe, expect, it } from 'vitest'
import { accumulator, fb, fbIn, fbOut, latchDelay } from '../format/__tests__/fb-fixture.js'
import type { FbdBlockFile } from '../format/fbd-blocks.js'
import type { FbdProgram } from '../format/program.js'
import { exportPlcOpen, importPlcOpen } from './index.js'

const byTarget = <T extends { wires: { from: string; to: string }[] }>(p: T): T =>
  ({ ...p, wires: [...p.wires].sort((a, b) => `${a.to} ${a.from}`.localeCompare(`${b.to} ${b.from}`)) })

describe('PLCopen exchange of FBD function blocks', () => {
  const outer: FbdBlockFile = {
    ...fb('TWO_STAGE', {
      inputs: [{ name: 'GO', type: 'BOOL', description: 'start both stages' }, { name: 'PT', type: 'TIME', default: 1500 }],
      outputs: [{ name: 'DONE', type: 'BOOL' }, { name: 'N', type: 'INT' }],
    }, [
      { ...fbIn('go', 'GO'), x: 0, y: 0 }, { ...fbIn('pt', 'PT'), x: 0, y: 40 },
      { id: 'first', type: 'LATCH_DELAY', x: 100, y: 0 }, { id: 'acc', type: 'ACC', inputs: { STEP: 2 }, x: 100, y: 100 },
      { ...fbOut('done', 'DONE'), x: 300, y: 0 }, { ...fbOut('n', 'N'), x: 300, y: 100 },
    ], [['go.OUT', 'first.SET'], ['pt.OUT', 'first.PT'], ['first.Q', 'done.IN'], ['acc.N', 'n.IN']]),
    description: 'Two stages',
  }
  const program: FbdProgram = {
    format: 1, name: 'main',
    blocks: [{ id: 'ts', type: 'TWO_STAGE', inputs: { GO: true }, x: 0, y: 0 }, { id: 'q', type: 'TAG_OUT', params: { tag: 'Io/Done' }, x: 200, y: 0 }],
    wires: [{ from: 'ts.DONE', to: 'q.IN' }],
  }
  const fbBlocks = [outer, latchDelay(), accumulator()].map((f) => ({
    ...f, blocks: f.blocks.map((b, i) => ({ ...b, x: b.x ?? 10 * i, y: b.y ?? 0 })),
  }))

  it('writes each as a functionBlock POU with its pins as variables, and reads it back as it was', () => {
    const xml = exportPlcOpen({ programs: [program], fbBlocks })
    expect(xml).toContain('<pou name="TWO_STAGE" pouType="functionBlock">')
    expect(xml).toMatch(/<initialValue>\s*<simpleValue value="T#1s500ms"\/>/)
    expect(xml).toContain('<expression>PT</expression>')
    expect(xml).toContain('<derived name="LATCH_DELAY"/>') // an FBD function block instance is a function block instance
    const back = importPlcOpen(xml)
    expect(back.diagnostics).toEqual([])
    expect(back.fbBlocks.map(byTarget)).toEqual(fbBlocks.map(byTarget))
    expect(back.programs).toEqual([program])
  })

  it('reads a function block another tool wrote: pins by their variables, unsupported pin types reported', () => {
    const xml = `<project xmlns="http://www.plcopen.org/xml/tc6_0201"><types><dataTypes/><pous>
<pou name="Blink" pouType="functionBlock"><interface>
  <inputVars><variable name="En"><type><BOOL/></type></variable><variable name="Period"><type><TIME/></type><initialValue><simpleValue value="T#2s"/></initialValue></variable>
    <variable name="Label"><type><string/></type></variable></inputVars>
  <outputVars><variable name="Q"><type><BOOL/></type></variable></outputVars>
</interface><body><FBD>
  <inVariable localId="1"><position x="0" y="0"/><connectionPointOut/><expression>En</expression></inVariable>
  <inVariable localId="2"><position x="0" y="40"/><connectionPointOut/><expression>Period</expression></inVariable>
  <block localId="3" typeName="TON" instanceName="t"><position x="100" y="0"/>
    <inputVariables><variable formalParameter="IN"><connectionPointIn><connection refLocalId="1"/></connectionPointIn></variable>
      <variable formalParameter="PT"><connectionPointIn><connection refLocalId="2"/></connectionPointIn></variable></inputVariables>
    <inOutVariables/><outputVariables><variable formalParameter="Q"><connectionPointOut/></variable></outputVariables></block>
  <outVariable localId="4"><position x="200" y="0"/><connectionPointIn><connection refLocalId="3" formalParameter="Q"/></connectionPointIn><expression>Q</expression></outVariable>
</FBD></body></pou>
<pou name="Main" pouType="program"><interface><localVars><variable name="b"><type><derived name="Blink"/></type></variable></localVars></interface>
<body><FBD><block localId="1" typeName="Blink" instanceName="b"><position x="0" y="0"/><inputVariables><variable formalParameter="en"><connectionPointIn/></variable></inputVariables><inOutVariables/><outputVariables><variable formalParameter="q"><connectionPointOut/></variable></outputVariables></block></FBD></body></pou>
</pous></types></project>`
    const r = importPlcOpen(xml)
    expect(r.diagnostics.map((d) => d.message)).toEqual(['POU Blink: pin Label of type STRING is not supported (BOOL, INT, DINT, REAL, LREAL, TIME); skipped'])
    const [blink] = r.fbBlocks
    expect(blink?.name).toBe('BLINK')
    expect(blink?.interface).toEqual({ inputs: [{ name: 'En', type: 'BOOL' }, { name: 'Period', type: 'TIME', default: 2000 }], outputs: [{ name: 'Q', type: 'BOOL' }] })
    expect(blink?.blocks.map((b) => [b.id, b.type, b.params?.['pin']])).toEqual([['En', 'FB_IN', 'En'], ['Period', 'FB_IN', 'Period'], ['t', 'TON', undefined], ['Q_out', 'FB_OUT', 'Q']])
    expect(r.programs[0]?.blocks.map((b) => b.type)).toEqual(['BLINK'])
  })
})
