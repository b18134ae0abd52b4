/** PLCopen XML (TC6 v2.01) import: FBD and ST POUs and data types; everything else is reported, never guessed. */
import type { Diagnostic } from '../errors.js'
import type { BlockLibrary } from '../engine/registry.js'
import type { StSourceFile } from '../format/app.js'
import type { FbdBlockFile } from '../format/fbd-blocks.js'
import type { FbdProgram } from '../format/program.js'
import { defaultLibrary } from '../library/index.js'
import { DiagList, NS_TC6, taktData } from './common.js'
import { fbStubDef, fbTypeOf, importFbBlock } from './import-fb-block.js'
import { importFbd } from './import-fbd.js'
import { dataTypeSource, stPouSource } from './import-st.js'
import { child, children, parseXml, XmlError, type XmlElement, type XmlLimits } from './xml-read.js'

export interface PlcOpenImportOptions {
  /** Block library FBD block types are looked up in; default the standard one. */
  library?: BlockLibrary
  /** Bounds of the XML reader (size, depth, attributes). */
  limits?: Partial<XmlLimits>
}

export interface PlcOpenImport {
  /** FBD programs, for `programs/<name>.fbd.json`. */
  programs: FbdProgram[]
  /** Function blocks with FBD bodies, for `blocks/<NAME>.fb.json`. */
  fbBlocks: FbdBlockFile[]
  /** Structured Text files with paths like `programs/<name>.st`. */
  stFiles: StSourceFile[]
  /** XML errors (with line and column) and everything not imported or changed on the way. */
  diagnostics: Diagnostic[]
}

const ACCEPTED_NS = new Set([NS_TC6, 'http://www.plcopen.org/xml/tc6_0200'])
const SAFE_ST_FILE = /^programs\/[A-Za-z0-9_][A-Za-z0-9_-]{0,63}\.st$/
const BODY_LANGUAGES = new Set(['ST', 'FBD', 'LD', 'SFC', 'IL'])

/**
 * Reads a PLCopen project. POUs and types Takt wrote come back as they were (file, order, block ids, tag paths);
 * those of other tools get one ST file per POU (`programs/<POU>.st`, data types in `programs/types.st`).
 * Never throws on bad input: hostile or malformed XML gives an error diagnostic and nothing else.
 * @example
 * const r = importPlcOpen(xml)
 * for (const d of r.diagnostics) log(formatDiagnostic(d))
 */
export function importPlcOpen(xml: string, options: PlcOpenImportOptions = {}): PlcOpenImport {
  const diags = new DiagList()
  const result: PlcOpenImport = { programs: [], fbBlocks: [], stFiles: [], diagnostics: diags.items }
  let root: XmlElement
  try {
    root = parseXml(xml, options.limits)
  } catch (err) {
    if (!(err instanceof XmlError)) throw err
    result.diagnostics.push({ code: err.code, severity: 'error', message: err.message, line: err.line, column: err.column })
    return result
  }
  if (root.local !== 'project') {
    diags.add('E_PLCOPEN_FORMAT', 'error', `the root element is <${root.name}>, not a PLCopen <project>`, root)
    return result
  }
  const ns = root.attrs.get(root.name.includes(':') ? `xmlns:${root.name.split(':')[0]!}` : 'xmlns')
  if (!ACCEPTED_NS.has(ns ?? '')) diags.warn(`namespace "${ns ?? ''}" is not PLCopen TC6 v2.01; read as if it were`, root)

  const pieces: { file: string; order: number; text: string }[] = []
  let seq = 0
  const place = (e: XmlElement, fallback: string, text: string): void => {
    const src = taktData(e, 'source')
    let file = src?.attrs.get('file') ?? fallback
    if (!SAFE_ST_FILE.test(file)) {
      diags.add('E_PLCOPEN_FORMAT', 'warning', `file name "${file}" is not allowed; using ${fallback}`, e)
      file = fallback
    }
    const order = Number(src?.attrs.get('order'))
    pieces.push({ file, order: Number.isFinite(order) ? order : 1_000_000 + seq, text })
    seq++
  }

  const types = child(root, 'types')
  if (!types) diags.add('E_PLCOPEN_FORMAT', 'error', 'the project has no <types> element', root)
  for (const dt of children(child(types ?? root, 'dataTypes') ?? root, 'dataType')) {
    place(dt, 'programs/types.st', dataTypeSource(dt, diags))
  }
  const pouList = children(child(types ?? root, 'pous') ?? root, 'pou')
  const fbdBody = (pou: XmlElement): XmlElement | undefined => child(children(pou, 'body')[0] ?? pou, 'FBD')
  const isFbdFb = (pou: XmlElement): boolean => pou.attrs.get('pouType') === 'functionBlock' && fbdBody(pou) !== undefined
  // Function blocks with FBD bodies become block types; programs anywhere in the file may use them.
  const base = options.library ?? defaultLibrary
  const stubs = pouList.filter(isFbdFb).filter((pou) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(pou.attrs.get('name') ?? '') && !base.get(fbTypeOf(pou))).map(fbStubDef)
  const library = stubs.length ? base.with(...new Map(stubs.map((d) => [d.type, d])).values()) : base
  for (const pou of pouList) {
    const name = pou.attrs.get('name')
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      diags.add('E_PLCOPEN_FORMAT', 'error', `a <pou> needs a name that is an IEC identifier (found "${name ?? ''}")`, pou)
      continue
    }
    for (const extra of ['actions', 'transitions']) {
      if (child(pou, extra)) diags.warn(`POU ${name}: <${extra}> are not supported; skipped`, child(pou, extra))
    }
    const bodies = children(pou, 'body')
    const lang = bodies[0] ? children(bodies[0]).find((c) => BODY_LANGUAGES.has(c.local)) : undefined
    if (bodies.length > 1) diags.warn(`POU ${name}: only the first of ${bodies.length} bodies is imported`, bodies[1])
    if (!lang) {
      diags.warn(`POU ${name}: no ST or FBD body; skipped`, pou)
    } else if (lang.local === 'ST') {
      place(pou, `programs/${name}.st`, stPouSource(pou, lang, diags))
    } else if (lang.local === 'FBD' && isFbdFb(pou)) {
      const fb = importFbBlock(pou, lang, library, diags)
      if (fb) result.fbBlocks.push(fb)
    } else if (lang.local === 'FBD') {
      if (pou.attrs.get('pouType') !== 'program') diags.warn(`POU ${name}: an FBD ${pou.attrs.get('pouType') ?? 'POU'} is imported as a program`, pou)
      const p = importFbd(pou, lang, library, diags)
      if (p) result.programs.push(p)
    } else {
      diags.warn(`POU ${name}: ${lang.local} bodies are not supported; skipped`, lang)
    }
  }
  const configs = child(child(root, 'instances') ?? root, 'configurations')
  if (configs && children(configs, 'configuration').length) {
    diags.warn('configurations, resources, tasks and global variables are not imported; define tasks in app.json', configs)
  }

  const files = new Map<string, { order: number; text: string }[]>()
  for (const p of pieces) {
    const list = files.get(p.file) ?? []
    list.push(p)
    files.set(p.file, list)
  }
  for (const [file, list] of files) {
    list.sort((a, b) => a.order - b.order)
    result.stFiles.push({ file, source: list.map((x) => x.text).join('\n') })
  }
  return result
}
