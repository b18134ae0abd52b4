/** English UI text, split by face. Every key here must exist in zh-CN.ts (the types there enforce it). */
import { viewer } from './en-parts/viewer'
import { editor } from './en-parts/editor'
import { ops } from './en-parts/ops'

export const en = { ...viewer, ...editor, ...ops } as const

export type MessageKey = keyof typeof en
