/** PLCopen XML (IEC 61131-10 / TC6 v2.01) export of an APP's FBD programs and Structured Text files. */
import { TaktError, type Diagnostic } from '../errors.js'
import type { BlockLibrary } from '../engine/registry.js'
import type { StSourceFile } from '../format/app.js'
import { userBlocksFromFbd } from '../format/fbd-blocks-build.js'
import { fbBlockFile, type FbdBlockFile } from '../format/fbd-blocks.js'
import type { FbdProgram } from '../format/program.js'
import { defaultLibrary } from '../library/index.js'
import { NS_TAKT, NS_TC6, NS_XHTML } from './common.js'
import { exportFbBlock, exportFbd } from './export-fbd.js'
import { exportStFile } from './export-st.js'
import { el, serialise, type OutElement } from './xml-write.js'

export interface PlcOpenExportOptions {
  /** `contentHeader` name; default `takt`. */
  name?: string
  /** `contentHeader` version, e.g. the APP's semver. */
  version?: string
  /** Creation and modification time written in the headers. Default a fixed instant, so output is reproducible. */
  dateTime?: string
  /** Block library the FBD programs use; default the standard one. */
  library?: BlockLibrary
  /** IEC type of a tag path, for TAG_IN / TAG_OUT variables whose block does not say. */
  tagType?: (path: string) => string | undefined
}

export interface PlcOpenApp {
  programs: readonly FbdProgram[]
  stFiles?: readonly StSourceFile[]
  /** Function blocks defined as FBD networks (`blocks/*.fb.json`), written as `functionBlock` POUs. */
  fbBlocks?: readonly FbdBlockFile[]
}

const FIXED_TIME = '2000-01-01T00:00:00'

/**
 * Writes a TC6 v2.01 `<project>`: each FBD function block as an FBD `<pou pouType="functionBlock">`, each FBD
 * program as an FBD `<pou>`, each POU and TYPE of the Structured Text files as an ST `<pou>` / `<dataType>`.
 * Same input, same bytes.
 * @throws TaktError E_PLCOPEN_EXPORT when a Structured Text file does not parse (`detail` holds the diagnostics)
 * @example
 * const xml = exportPlcOpen({ programs: app.programs, stFiles: app.stFiles }, { name: app.manifest.id })
 */
export function exportPlcOpen(app: PlcOpenApp, options: PlcOpenExportOptions = {}): string {
  const base = options.library ?? defaultLibrary
  const fbBlocks = app.fbBlocks ?? []
  // Programs name the pins of the function blocks they use; a broken network still has its interface.
  const fbDefs = fbBlocks.length ? userBlocksFromFbd(fbBlocks.map((value) => ({ file: fbBlockFile(value.name), value })), base).defs : []
  const library = fbDefs.length ? base.with(...fbDefs) : base
  const dataTypes: OutElement[] = []
  const pous: OutElement[] = []
  const errors: Diagnostic[] = []
  for (const fb of fbBlocks) pous.push(exportFbBlock(fb, { library, ...(options.tagType ? { tagType: options.tagType } : {}) }))
  for (const p of app.programs) pous.push(exportFbd(p, { library, ...(options.tagType ? { tagType: options.tagType } : {}) }))
  for (const f of app.stFiles ?? []) {
    const r = exportStFile(f.file, f.source)
    errors.push(...r.diagnostics)
    dataTypes.push(...r.dataTypes)
    pous.push(...r.pous)
  }
  if (errors.length) {
    throw new TaktError('E_PLCOPEN_EXPORT', `Structured Text with syntax errors cannot be exported (${errors.length} error(s))`, { file: errors[0]!.file ?? '' }, errors)
  }
  const time = options.dateTime ?? FIXED_TIME
  const scaling = (name: string): OutElement => el(name, {}, [el('scaling', { x: 1, y: 1 })])
  const root = el('project', { xmlns: NS_TC6, 'xmlns:xhtml': NS_XHTML, 'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema', 'xmlns:takt': NS_TAKT }, [
    el('fileHeader', { companyName: 'Takt', productName: 'Takt', productVersion: '1', creationDateTime: time }),
    el('contentHeader', { name: options.name ?? 'takt', version: options.version, modificationDateTime: time }, [
      el('coordinateInfo', {}, [scaling('fbd'), scaling('ld'), scaling('sfc')]),
    ]),
    el('types', {}, [el('dataTypes', {}, dataTypes), el('pous', {}, pous)]),
    el('instances', {}, [el('configurations')]),
  ])
  return serialise(root)
}
