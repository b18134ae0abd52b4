/**
 * The plant's OPC UA variables (ns=1, string NodeIds). The demo APP binds to these exact addresses: keep them.
 * Each point reads from the model snapshot; writable points push the written value into the model.
 */
import { DataType, StatusCodes, Variant, makeEUInformation, standardUnits } from 'node-opcua'
import type { DataValue, EUInformation, Namespace, UAObject, UAVariable } from 'node-opcua'
import type { PlantModel, PlantState } from './physics.js'

type Unit = EUInformation
export interface PointDef {
  /** `<Object>.<Variable>`: also the string NodeId. */
  id: string
  type: 'Double' | 'Boolean'
  unit?: Unit
  range?: [number, number]
  read: (s: PlantState) => number | boolean
  /** Applies a written value to the model and returns what the plant accepted (clamped). */
  write?: (m: PlantModel, v: number | boolean) => number | boolean
}

const u = standardUnits
const mmPerS = makeEUInformation('C16', 'mm/s', 'millimetre per second')
export const POINTS: readonly PointDef[] = [
  { id: 'Tank1.Level', type: 'Double', unit: u.metre, range: [0, 5], read: (s) => s.levelMeasured },
  { id: 'Tank1.InFlow', type: 'Double', unit: u.cubic_metre_per_hour, range: [0, 40], read: (s) => s.inFlow },
  { id: 'Tank1.OutFlow', type: 'Double', unit: u.cubic_metre_per_hour, range: [0, 40], read: (s) => s.outFlow },
  { id: 'InletValve.Command', type: 'Double', unit: u.percent, range: [0, 100], read: (s) => s.inletCommand, write: (m, v) => m.setInletCommand(Number(v)) },
  { id: 'InletValve.Position', type: 'Double', unit: u.percent, range: [0, 100], read: (s) => s.inletPosition },
  { id: 'Plant.SupplyPressure', type: 'Double', unit: u.bar, range: [0, 6], read: (s) => s.supplyPressure, write: (m, v) => m.setSupplyPressure(Number(v)) },
  { id: 'Pump1.RunCmd', type: 'Boolean', read: (s) => s.pumpRun, write: (m, v) => (m.cmd.pumpRun = Boolean(v)) },
  { id: 'Pump1.Running', type: 'Boolean', read: (s) => s.pumpRunning },
  { id: 'Pump1.Fault', type: 'Boolean', read: (s) => s.pumpFault },
  { id: 'Pump1.Flow', type: 'Double', unit: u.cubic_metre_per_hour, range: [0, 15], read: (s) => s.pumpFlow },
  { id: 'Pump1.Current', type: 'Double', unit: u.ampere, range: [0, 80], read: (s) => s.pumpCurrent },
  { id: 'OutletValve.OpenCmd', type: 'Boolean', read: (s) => s.outletOpen, write: (m, v) => (m.cmd.outletOpen = Boolean(v)) },
  { id: 'OutletValve.Open', type: 'Boolean', read: (s) => s.outletIsOpen },
  { id: 'OutletValve.Position', type: 'Double', unit: u.percent, range: [0, 100], read: (s) => s.outletPosition },
  { id: 'Agitator.RunCmd', type: 'Boolean', read: (s) => s.agitatorRun, write: (m, v) => (m.cmd.agitatorRun = Boolean(v)) },
  { id: 'Agitator.Running', type: 'Boolean', read: (s) => s.agitatorRunning },
  { id: 'Agitator.Speed', type: 'Double', unit: u.revolutions_per_minute, range: [0, 1500], read: (s) => s.agitatorSpeed },
  { id: 'Agitator.Current', type: 'Double', unit: u.ampere, range: [0, 30], read: (s) => s.agitatorCurrent },
  { id: 'Agitator.Vibration', type: 'Double', unit: mmPerS, range: [0, 10], read: (s) => s.agitatorVibration },
]

interface Bound { def: PointDef; variable: UAVariable; last: number | boolean }

/** The plant's variables in the address space, refreshed from the model once per tick. */
export class PlantPoints {
  private readonly bound: Bound[] = []

  constructor(ns: Namespace, objectsFolder: UAObject, private readonly model: PlantModel) {
    const owners = new Map<string, UAObject>()
    const state = model.snapshot()
    for (const def of POINTS) {
      const [objName, varName] = def.id.split('.') as [string, string]
      let owner = owners.get(objName)
      if (!owner) {
        owner = ns.addObject({ organizedBy: objectsFolder, browseName: objName, nodeId: `s=${objName}` })
        owners.set(objName, owner)
      }
      const initial = def.read(state)
      const common = {
        componentOf: owner,
        browseName: varName,
        nodeId: `s=${def.id}`,
        accessLevel: def.write ? 'CurrentRead | CurrentWrite' : 'CurrentRead',
        userAccessLevel: def.write ? 'CurrentRead | CurrentWrite' : 'CurrentRead',
        minimumSamplingInterval: 0,
      } as const
      const variable = def.type === 'Double'
        ? ns.addAnalogDataItem({
          ...common,
          dataType: 'Double',
          engineeringUnitsRange: { low: def.range?.[0] ?? 0, high: def.range?.[1] ?? 100 },
          ...(def.unit ? { engineeringUnits: def.unit } : {}),
          value: new Variant({ dataType: DataType.Double, value: initial }),
        })
        : ns.addVariable({ ...common, dataType: 'Boolean', value: new Variant({ dataType: DataType.Boolean, value: initial }) })
      const b: Bound = { def, variable, last: initial }
      this.bound.push(b)
      if (def.write) variable.on('value_changed', (dv: DataValue) => this.onWritten(b, dv))
    }
  }

  private onWritten(b: Bound, dv: DataValue): void {
    const raw = dv.value.value as unknown
    if (raw === b.last || (typeof raw !== 'number' && typeof raw !== 'boolean')) return
    const accepted = b.def.write!(this.model, raw)
    b.last = accepted
    // A clamped write is corrected on the server so every client sees what the plant actually took. Deferred: inside
    // this listener the monitored items have not yet seen the written value, and would record it after the fix.
    if (accepted !== raw) queueMicrotask(() => this.publish(b, accepted, new Date()))
  }

  private publish(b: Bound, v: number | boolean, at: Date): void {
    b.last = v
    const dataType = b.def.type === 'Double' ? DataType.Double : DataType.Boolean
    b.variable.setValueFromSource(new Variant({ dataType, value: v }), StatusCodes.Good, at)
  }

  /** Publish every point whose value changed since the last tick, stamped with the tick time. */
  refresh(at: Date): void {
    const s = this.model.snapshot()
    for (const b of this.bound) {
      const v = b.def.read(s)
      if (v !== b.last) this.publish(b, v, at)
    }
  }
}
