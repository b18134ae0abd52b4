/** Readable names of the alarm and history commands (undo/redo menu); merged into the tag editor's table. */
export const ALARM_COMMAND_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  'alarms.add': { en: 'Add alarm', 'zh-CN': '添加报警' },
  'alarms.setField': { en: 'Edit alarm', 'zh-CN': '修改报警' },
  'alarms.setKind': { en: 'Change alarm kind', 'zh-CN': '修改报警类型' },
  'alarms.remove': { en: 'Delete alarm', 'zh-CN': '删除报警' },
  'alarms.move': { en: 'Reorder alarms', 'zh-CN': '调整报警顺序' },
  'alarms.setHistory': { en: 'History settings', 'zh-CN': '历史记录设置' },
}
