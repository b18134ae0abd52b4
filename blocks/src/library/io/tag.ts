import { CONCRETE_TYPES } from '../../engine/typesys.js'
import type { BlockDef, ParamDef } from '../../engine/types.js'
import { pin, t } from '../define.js'

/** Same rule as the `TagPath` schema in format/common.ts (kept as a RegExp so the palette can show it). */
export const TAG_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\/[A-Za-z_][A-Za-z0-9_-]*){0,15}$/

const TAG: ParamDef = {
  name: 'tag',
  type: 'string',
  required: true,
  pattern: TAG_PATH,
  description: t('Tag path, e.g. Area/Tank1/Level.', '变量路径，例如 Area/Tank1/Level。'),
}

export const TAG_IN: BlockDef = {
  type: 'TAG_IN',
  family: 'io',
  symbol: 'TAG',
  description: t('Reads a tag from the scan task\'s input image.', '从扫描任务的输入映像读取一个变量。'),
  inputs: [],
  outputs: [pin('OUT', 'ANY', 0)],
  params: [
    TAG,
    {
      name: 'type',
      type: 'string',
      required: false,
      values: CONCRETE_TYPES,
      description: t('Data type of the tag; lets the compiler check what OUT may drive.', '变量的数据类型；用于编译器检查 OUT 可连接的引脚。'),
    },
  ],
  typeParam: 'type',
  tagIo: 'read',
  stateSize: 0,
  kernel: null,
}

export const TAG_OUT: BlockDef = {
  type: 'TAG_OUT',
  family: 'io',
  symbol: 'TAG',
  description: t('Writes IN to a tag at the end of the scan.', '在扫描结束时将 IN 写入一个变量。'),
  inputs: [pin('IN', 'ANY', 0)],
  outputs: [],
  params: [TAG],
  tagIo: 'write',
  stateSize: 0,
  kernel: null,
}
