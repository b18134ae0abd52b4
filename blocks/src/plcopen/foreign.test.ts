import { describe, expect, it } from 'vitest'
import { compileSt } from '../st/compile.js'
import { importPlcOpen } from './index.js'

/** In the style CODESYS and Beremiz write: vendor `<addData>`, `<xhtml>` documentation, relPositions, sizes. */
const FOREIGN = `<?xml version="1.0" encoding="utf-8"?>
<project xmlns="http://www.plcopen.org/xml/tc6_0201" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <fileHeader companyName="" productName="CODESYS" productVersion="CODESYS V3.5 SP16" creationDateTime="2023-05-04T10:11:12.123"/>
  <contentHeader name="Plant.project" modificationDateTime="2023-05-04T10:11:12.123">
    <coordinateInfo>
      <fbd><scaling x="1" y="1"/></fbd><ld><scaling x="1" y="1"/></ld><sfc><scaling x="1" y="1"/></sfc>
    </coordinateInfo>
    <addData>
      <data name="http://www.3s-software.com/plcopenxml/projectinformation" handleUnknown="implementation">
        <ProjectInformation/>
      </data>
    </addData>
  </contentHeader>
  <types>
    <dataTypes>
      <dataType name="ST_Motor">
        <baseType>
          <struct>
            <variable name="speed"><type><REAL/></type><initialValue><simpleValue value="1.5"/></initialValue></variable>
            <variable name="on"><type><BOOL/></type></variable>
          </struct>
        </baseType>
        <addData><data name="http://www.3s-software.com/plcopenxml/objectid" handleUnknown="discard"><ObjectId>9f0c</ObjectId></data></addData>
      </dataType>
    </dataTypes>
    <pous>
      <pou name="PLC_PRG" pouType="program">
        <interface>
          <localVars>
            <variable name="counter">
              <type><INT/></type>
              <initialValue><simpleValue value="0"/></initialValue>
              <documentation><xhtml xmlns="http://www.w3.org/1999/xhtml">loop counter</xhtml></documentation>
            </variable>
            <variable name="motor"><type><derived name="ST_Motor"/></type></variable>
            <variable name="speeds"><type><array><dimension lower="0" upper="3"/><baseType><REAL/></baseType></array></type></variable>
          </localVars>
          <externalVars><variable name="gShared"><type><BOOL/></type></variable></externalVars>
        </interface>
        <body>
          <ST>
            <xhtml xmlns="http://www.w3.org/1999/xhtml">counter := counter + 1;
motor.on := counter &gt; 10;
speeds[0] := motor.speed;</xhtml>
          </ST>
        </body>
        <addData><data name="http://www.3s-software.com/plcopenxml/objectid" handleUnknown="discard"><ObjectId>77aa</ObjectId></data></addData>
        <documentation><xhtml xmlns="http://www.w3.org/1999/xhtml">Main program</xhtml></documentation>
      </pou>
      <pou name="fbd_prog" pouType="program">
        <interface>
          <inputVars>
            <variable name="start"><type><BOOL/></type></variable>
            <variable name="level"><type><REAL/></type></variable>
          </inputVars>
          <outputVars>
            <variable name="alarm"><type><BOOL/></type></variable>
            <variable name="total"><type><REAL/></type></variable>
          </outputVars>
          <localVars>
            <variable name="delay"><type><derived name="TON"/></type></variable>
            <variable name="tmp"><type><REAL/></type></variable>
          </localVars>
        </interface>
        <body>
          <FBD>
            <inVariable localId="1" height="30" width="50" executionOrderId="0" negated="false">
              <position x="100" y="100"/>
              <connectionPointOut><relPosition x="50" y="15"/></connectionPointOut>
              <expression>level</expression>
            </inVariable>
            <inVariable localId="2" height="30" width="70"><position x="100" y="160"/><connectionPointOut/><expression>REAL#2.5</expression></inVariable>
            <block localId="3" typeName="ADD" executionOrderId="1" height="60" width="70">
              <position x="200" y="100"/>
              <inputVariables>
                <variable formalParameter="IN1"><connectionPointIn><relPosition x="0" y="30"/><connection refLocalId="1"/></connectionPointIn></variable>
                <variable formalParameter="IN2"><connectionPointIn><relPosition x="0" y="50"/><connection refLocalId="2"/></connectionPointIn></variable>
              </inputVariables>
              <inOutVariables/>
              <outputVariables><variable formalParameter="OUT"><connectionPointOut><relPosition x="70" y="30"/></connectionPointOut></variable></outputVariables>
            </block>
            <outVariable localId="4"><position x="300" y="100"/><connectionPointIn><connection refLocalId="3" formalParameter="OUT"/></connectionPointIn><expression>tmp</expression></outVariable>
            <inVariable localId="5"><position x="100" y="240"/><connectionPointOut/><expression>tmp</expression></inVariable>
            <inVariable localId="6"><position x="100" y="280"/><connectionPointOut/><expression>10.0</expression></inVariable>
            <block localId="7" typeName="gt">
              <position x="200" y="240"/>
              <inputVariables>
                <variable formalParameter="in1"><connectionPointIn><connection refLocalId="5"/></connectionPointIn></variable>
                <variable formalParameter="in2"><connectionPointIn><connection refLocalId="6"/></connectionPointIn></variable>
              </inputVariables>
              <inOutVariables/>
              <outputVariables><variable formalParameter=""><connectionPointOut/></variable></outputVariables>
            </block>
            <connector name="hot" localId="8"><position x="300" y="240"/><connectionPointIn><connection refLocalId="7"/></connectionPointIn></connector>
            <continuation name="hot" localId="9"><position x="380" y="400"/><connectionPointOut/></continuation>
            <inVariable localId="10"><position x="380" y="440"/><connectionPointOut/><expression>T#2s</expression></inVariable>
            <block localId="11" typeName="TON" instanceName="delay">
              <position x="460" y="400"/>
              <inputVariables>
                <variable formalParameter="IN"><connectionPointIn><connection refLocalId="9"/></connectionPointIn></variable>
                <variable formalParameter="PT"><connectionPointIn><connection refLocalId="10"/></connectionPointIn></variable>
              </inputVariables>
              <inOutVariables/>
              <outputVariables>
                <variable formalParameter="Q"><connectionPointOut/></variable>
                <variable formalParameter="ET"><connectionPointOut/></variable>
              </outputVariables>
            </block>
            <inVariable localId="12"><position x="460" y="500"/><connectionPointOut/><expression>start</expression></inVariable>
            <block localId="13" typeName="AND">
              <position x="600" y="400"/>
              <inputVariables>
                <variable formalParameter="IN1"><connectionPointIn><connection refLocalId="11" formalParameter="Q"/></connectionPointIn></variable>
                <variable formalParameter="IN2" negated="true"><connectionPointIn><connection refLocalId="12"/></connectionPointIn></variable>
              </inputVariables>
              <inOutVariables/>
              <outputVariables><variable formalParameter="OUT"><connectionPointOut/></variable></outputVariables>
            </block>
            <outVariable localId="14"><position x="700" y="400"/><connectionPointIn><connection refLocalId="13" formalParameter="OUT"/></connectionPointIn><expression>alarm</expression></outVariable>
            <outVariable localId="15"><position x="300" y="160"/><connectionPointIn><connection refLocalId="3" formalParameter="OUT"/></connectionPointIn><expression>total</expression></outVariable>
            <block localId="16" typeName="MyVendorFB" instanceName="vendor1">
              <position x="200" y="600"/>
              <inputVariables><variable formalParameter="IN"><connectionPointIn><connection refLocalId="1"/></connectionPointIn></variable></inputVariables>
              <inOutVariables/><outputVariables/>
            </block>
            <comment localId="17" height="40" width="200"><position x="20" y="20"/><content><xhtml:p>note</xhtml:p></content></comment>
          </FBD>
        </body>
      </pou>
      <pou name="Ladder" pouType="program"><interface/><body><LD><leftPowerRail localId="1"><position x="0" y="0"/></leftPowerRail></LD></body></pou>
      <pou name="Sequence" pouType="program"><interface/><body><SFC/></body></pou>
      <pou name="Listing" pouType="function"><interface><returnType><INT/></returnType></interface><body><IL><xhtml:p>LD 1</xhtml:p></IL></body></pou>
    </pous>
  </types>
  <instances>
    <configurations>
      <configuration name="Device">
        <resource name="Application">
          <task name="MainTask" interval="PT0.01S" priority="1"><pouInstance name="PLC_PRG" typeName=""/></task>
        </resource>
      </configuration>
    </configurations>
  </instances>
</project>
`

describe('importing a PLCopen file of another IEC tool', () => {
  const r = importPlcOpen(FOREIGN)
  const warnings = r.diagnostics.map((d) => `${d.line}: ${d.message}`)

  it('imports the ST POU with its interface, documentation and a TYPE file that compiles', () => {
    expect(r.stFiles.map((f) => f.file)).toEqual(['programs/types.st', 'programs/PLC_PRG.st'])
    const prg = r.stFiles[1]!.source
    expect(prg).toContain('(* Main program *)\nPROGRAM PLC_PRG\nVAR\n  counter : INT := 0; (* loop counter *)\n  motor : ST_Motor;\n  speeds : ARRAY[0..3] OF REAL;\nEND_VAR\n')
    expect(prg).toContain('\ncounter := counter + 1;\nmotor.on := counter > 10;\nspeeds[0] := motor.speed;\nEND_PROGRAM\n')
    const c = compileSt(r.stFiles.map((f) => f.source).join('\n'))
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(c.pous.map((p) => p.name)).toEqual(['PLC_PRG'])
  })

  it('rebuilds the FBD network: variables as tags, literals as constants, connectors and locals as wires', () => {
    expect(r.programs).toHaveLength(1)
    const p = r.programs[0]!
    expect(p.name).toBe('fbd_prog')
    expect(p.blocks).toEqual([
      { id: 'level', type: 'TAG_IN', params: { tag: 'level' }, x: 100, y: 100 },
      { id: 'add_3', type: 'ADD', inputs: { IN2: 2.5 }, x: 200, y: 100 },
      { id: 'gt_7', type: 'GT', inputs: { IN2: 10 }, x: 200, y: 240 },
      { id: 'delay', type: 'TON', inputs: { PT: 2000 }, x: 460, y: 400 },
      { id: 'start', type: 'TAG_IN', params: { tag: 'start' }, x: 460, y: 500 },
      { id: 'and_13', type: 'AND', x: 600, y: 400 },
      { id: 'alarm', type: 'TAG_OUT', params: { tag: 'alarm' }, x: 700, y: 400 },
      { id: 'total', type: 'TAG_OUT', params: { tag: 'total' }, x: 300, y: 160 },
      { id: 'vendor1', type: 'MYVENDORFB', x: 200, y: 600 },
    ])
    expect(p.wires).toEqual([
      { from: 'level.OUT', to: 'add_3.IN1' },
      { from: 'add_3.OUT', to: 'gt_7.IN1' },
      { from: 'gt_7.OUT', to: 'delay.IN' },
      { from: 'delay.Q', to: 'and_13.IN1' },
      { from: 'start.OUT', to: 'and_13.IN2' },
      { from: 'and_13.OUT', to: 'alarm.IN' },
      { from: 'add_3.OUT', to: 'total.IN' },
      { from: 'level.OUT', to: 'vendor1.IN' },
    ])
  })

  it('reports everything it could not take, with the line of the element', () => {
    expect(r.diagnostics.every((d) => d.code === 'E_PLCOPEN_UNSUPPORTED' && d.severity === 'warning')).toBe(true)
    expect(warnings).toEqual([
      expect.stringMatching(/^38: POU PLC_PRG: <externalVars> \(EXTERNAL variables\) is not supported/),
      expect.stringMatching(/^1\d\d: POU fbd_prog: negated or edge-triggered input and_13.IN2/),
      expect.stringMatching(/^1\d\d: POU fbd_prog: block type MyVendorFB is not in the block library; kept as MYVENDORFB/),
      expect.stringMatching(/^5\d: POU fbd_prog: 4 variable\(s\) became TAG_IN \/ TAG_OUT blocks/),
      expect.stringMatching(/^1\d\d: POU Ladder: LD bodies are not supported/),
      expect.stringMatching(/^1\d\d: POU Sequence: SFC bodies are not supported/),
      expect.stringMatching(/^1\d\d: POU Listing: IL bodies are not supported/),
      expect.stringMatching(/^1\d\d: configurations, resources, tasks and global variables are not imported/),
    ])
  })
})

describe('importing hostile or broken files', () => {
  it.each([
    ['a DOCTYPE with entities', '<?xml version="1.0"?>\n<!DOCTYPE project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<project>&xxe;</project>', 'E_PLCOPEN_DOCTYPE', 2],
    ['deep nesting', `<project>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</project>`, 'E_PLCOPEN_LIMIT', 1],
    ['a huge attribute', `<project name="${'A'.repeat(1_000_000)}"/>`, 'E_PLCOPEN_LIMIT', 1],
    ['broken XML', '<project>\n<types>\n</project>', 'E_PLCOPEN_XML', 3],
  ])('refuses %s with a code and a line', (_what, xml, code, line) => {
    const r = importPlcOpen(xml)
    expect(r.diagnostics).toEqual([expect.objectContaining({ code, severity: 'error', line })])
    expect(r.programs).toEqual([])
    expect(r.stFiles).toEqual([])
  })

  it('says when the file is XML but not a PLCopen project', () => {
    expect(importPlcOpen('<svg/>').diagnostics).toEqual([expect.objectContaining({ code: 'E_PLCOPEN_FORMAT', severity: 'error' })])
  })

  it('never writes outside programs/ whatever file name Takt data claims', () => {
    const xml = `<project xmlns="http://www.plcopen.org/xml/tc6_0201"><types><dataTypes/><pous>
      <pou name="p" pouType="program"><body><ST><p>x := 1;</p></ST></body>
        <addData><data name="urn:takt:plcopen:1"><takt:source file="../../etc/cron.st" order="0"/></data></addData></pou>
    </pous></types></project>`
    const r = importPlcOpen(xml)
    expect(r.stFiles.map((f) => f.file)).toEqual(['programs/p.st'])
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'E_PLCOPEN_FORMAT', severity: 'warning' })])
  })
})
