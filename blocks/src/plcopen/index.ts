/** PLCopen XML (TC6 v2.01) exchange of FBD programs and Structured Text with other IEC 61131-3 tools. */
export { exportPlcOpen } from './export.js'
export type { PlcOpenApp, PlcOpenExportOptions } from './export.js'
export { importPlcOpen } from './import.js'
export type { PlcOpenImport, PlcOpenImportOptions } from './import.js'
export { DEFAULT_XML_LIMITS } from './xml-read.js'
export type { XmlLimits } from './xml-read.js'
