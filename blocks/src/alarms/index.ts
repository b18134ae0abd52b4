/** ISA-18.2 / IEC 62682 alarms: definitions, the state machine, the incremental engine, messages and KPIs. */
export {
  AlarmDef, AlarmPriority, LimitAlarm, DeviationAlarm, RocAlarm, DiscreteAlarm, BadQualityAlarm, ALARM_KINDS,
  ALARM_DEFAULTS, alarmKey, alarmTagRefs, defaultArea, priorityRank,
} from './schema.js'
export type { AlarmKind } from './schema.js'
export { ALARM_PHASES, initialAlarmState, alarmTransition, isHidden, isUnacknowledged, nextDue } from './state.js'
export type {
  AlarmPhase, AlarmState, AlarmConfig, AlarmEvent, AlarmRefusal, JournalEvent, ShelveKind, TransitionRecord,
  TransitionResult,
} from './state.js'
export { AlarmEngine, createAlarmEngine } from './engine.js'
export type { AlarmEngineOptions, ActionResult, AlarmRef, EngineResult, OperatorContext, StatusReader, ValueReader } from './engine.js'
export type { AlarmBinding } from './tables.js'
export type { AlarmView, AlarmFilter, AlarmCounts, AlarmQueries } from './query.js'
export { queryJournal, matchesJournalQuery } from './journal.js'
export type { AlarmJournalEntry, JournalQuery } from './journal.js'
export { AlarmSnapshot } from './store.js'
export { compileMessage, renderAlarmMessage, defaultAlarmMessage, pickLocalText, formatAlarmValue, BAD_VALUE_TEXT } from './message.js'
export type { CompiledMessage, MessageContext } from './message.js'
export {
  annunciationRate, alarmFloods, chatteringAlarms, staleAlarms, topFrequentAlarms, priorityDistribution, alarmKpis, TEN_MINUTES, ONE_MINUTE,
  ONE_DAY,
} from './kpi.js'
export type {
  KpiRecord, AnnunciationRate, RateWindow, Flood, FloodReport, ChatteringAlarm, StaleAlarm, FrequentAlarm, AlarmKpis, Span,
} from './kpi.js'
