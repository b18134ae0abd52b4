/** Readable names of the logic editor's commands (undo/redo menu), for the shell's command label table. */
export const LOGIC_COMMAND_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  'logic.addBlock': { en: 'Add block', 'zh-CN': '添加功能块' },
  'logic.delete': { en: 'Delete blocks/wires', 'zh-CN': '删除功能块/连线' },
  'logic.moveBlocks': { en: 'Move blocks', 'zh-CN': '移动功能块' },
  'logic.connect': { en: 'Connect', 'zh-CN': '连线' },
  'logic.setInput': { en: 'Set constant input', 'zh-CN': '设置常量输入' },
  'logic.setParams': { en: 'Set block parameter', 'zh-CN': '设置功能块参数' },
  'logic.renameBlock': { en: 'Rename block', 'zh-CN': '重命名功能块' },
  'logic.paste': { en: 'Paste blocks', 'zh-CN': '粘贴功能块' },
}
