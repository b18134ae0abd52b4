/**
 * Project commands for FBD function blocks (`blocks/<NAME>.fb.json`): create, rename, delete. A function block's
 * name is its block type, so a rename also renames the type of every block using it in programs, in other
 * function blocks and in template programs; a block still in use is not deleted.
 */
import { fbBlockFile, FbTypeName, getBlock } from '@takt/blocks'
import type { FbBlock, FbdBlockFile } from '@takt/blocks'
import { defineCommand } from '../doc/command'
import type { FileChanges, ReadonlyDoc } from '../doc/command'
import { namesIn } from './commands'
import { editNetworks, networksOf } from './networks'

/** Names of the draft's function blocks, sorted. */
export function fbBlockNames(doc: ReadonlyDoc): string[] {
  return namesIn(doc, 'blocks', '.fb.json')
}

/** A name as the engineer typed it, as a block type: `motor_start` -> `MOTOR_START`. */
export function fbTypeName(name: string): string {
  return name.trim().toUpperCase()
}

function checkNew(doc: ReadonlyDoc, name: string): string | null {
  if (!FbTypeName.safeParse(name).success) return `"${name}" is not a valid function block name: letters, digits and _ only; starts with a letter or _`
  if (doc.get(fbBlockFile(name)) !== undefined) return `${fbBlockFile(name)} already exists`
  if (getBlock(name) || name === 'FB_IN' || name === 'FB_OUT') return `${name} is already a library block`
  return null
}

/** Where blocks of `type` are used: `programs/p.fbd.json block 'm1'`, `types/Motor.json program RunCheck block 'd'`. */
export function fbBlockUses(doc: ReadonlyDoc, type: string): string[] {
  const out: string[] = []
  for (const { file, program, net } of networksOf(doc)) {
    for (const b of net.blocks) if (b.type === type) out.push(`${file}${program === undefined ? '' : ` program ${program}`} block '${b.id}'`)
  }
  return out
}

/** Creates an empty function block (its name upper-cased): one BOOL input and output to start from. */
export const createFbBlock = defineCommand<{ name: string }>('project.createFbBlock', (doc, a) => {
  const name = fbTypeName(a.name)
  const err = checkNew(doc, name)
  if (err) return { error: err }
  const fb: FbdBlockFile = {
    format: 1, name,
    interface: { inputs: [{ name: 'IN1', type: 'BOOL' }], outputs: [{ name: 'OUT1', type: 'BOOL' }] },
    blocks: [
      { id: 'in1', type: 'FB_IN', params: { pin: 'IN1' }, x: 40, y: 80 },
      { id: 'out1', type: 'FB_OUT', params: { pin: 'OUT1' }, x: 360, y: 80 },
    ],
    wires: [{ from: 'in1.OUT', to: 'out1.IN' }],
  }
  return { changes: { [fbBlockFile(name)]: fb } }
})

/** Renames a function block, its file, and the type of every block using it. */
export const renameFbBlock = defineCommand<{ from: string; to: string }>('project.renameFbBlock', (doc, a) => {
  const src = fbBlockFile(a.from)
  const fb = doc.get<FbdBlockFile>(src)
  if (!fb) return { error: `no function block ${a.from}` }
  const to = fbTypeName(a.to)
  if (to === a.from) return { changes: {} }
  const err = checkNew(doc, to)
  if (err) return { error: err }
  const retype = (blocks: readonly FbBlock[]): FbBlock[] | null =>
    blocks.some((b) => b.type === a.from) ? blocks.map((b) => (b.type === a.from ? { ...b, type: to } : b)) : null
  const changes: FileChanges = editNetworks(doc, (net) => {
    const blocks = retype(net.blocks)
    return blocks ? { ...net, blocks } : null
  }, src)
  changes[src] = null
  changes[fbBlockFile(to)] = { ...fb, name: to, blocks: retype(fb.blocks) ?? fb.blocks }
  return { changes }
})

/** Deletes a function block no program or other function block uses. */
export const deleteFbBlock = defineCommand<{ name: string }>('project.deleteFbBlock', (doc, a) => {
  const path = fbBlockFile(a.name)
  if (doc.get(path) === undefined) return { error: `no function block ${a.name}` }
  const uses = fbBlockUses(doc, a.name).filter((u) => !u.startsWith(`${path} `))
  if (uses.length > 0) return { error: `${a.name} is still used: ${uses.slice(0, 3).join(', ')}${uses.length > 3 ? ', …' : ''}` }
  return { changes: { [path]: null } }
})
