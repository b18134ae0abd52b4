/** Readable names of commands for the undo/redo tooltips; unknown names (other editors' commands) show as they are. */
import { locale } from '../../i18n'
import { LOGIC_COMMAND_NAMES } from '../logic/commandNames'
import { ST_COMMAND_NAMES } from '../st/commands'
import { TASK_COMMAND_NAMES } from '../tasks/commands'
import { TEST_COMMAND_NAMES } from '../tests/commands'
import { TAG_COMMAND_NAMES } from '../tags/commandNames'

const NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  'screen.addWidgets': { en: 'Add widgets', 'zh-CN': '添加控件' },
  'screen.moveWidgets': { en: 'Move', 'zh-CN': '移动' },
  'screen.setGeometry': { en: 'Position and size', 'zh-CN': '位置和尺寸' },
  'screen.deleteWidgets': { en: 'Delete widgets', 'zh-CN': '删除控件' },
  'screen.reorder': { en: 'Change stacking order', 'zh-CN': '调整层次' },
  'screen.group': { en: 'Group', 'zh-CN': '组合' },
  'screen.ungroup': { en: 'Ungroup', 'zh-CN': '取消组合' },
  'screen.lock': { en: 'Lock/unlock', 'zh-CN': '锁定/解锁' },
  'screen.setProps': { en: 'Change property', 'zh-CN': '修改属性' },
  'screen.setBinding': { en: 'Change binding', 'zh-CN': '修改绑定' },
  'screen.setEvent': { en: 'Change actions', 'zh-CN': '修改动作' },
  'screen.setProperties': { en: 'Screen properties', 'zh-CN': '画面属性' },
  'project.createScreen': { en: 'New screen', 'zh-CN': '新建画面' },
  'project.renameScreen': { en: 'Rename screen', 'zh-CN': '重命名画面' },
  'project.deleteScreen': { en: 'Delete screen', 'zh-CN': '删除画面' },
  'project.createProgram': { en: 'New program', 'zh-CN': '新建程序' },
  'project.renameProgram': { en: 'Rename program', 'zh-CN': '重命名程序' },
  'project.deleteProgram': { en: 'Delete program', 'zh-CN': '删除程序' },
  'project.setEntryScreen': { en: 'Set entry screen', 'zh-CN': '设为启动画面' },
  'project.restoreUnsaved': { en: 'Restore unsaved edits', 'zh-CN': '恢复未保存的修改' },
  ...LOGIC_COMMAND_NAMES,
  ...TAG_COMMAND_NAMES,
  ...ST_COMMAND_NAMES,
  ...TASK_COMMAND_NAMES,
  ...TEST_COMMAND_NAMES,
}

export function commandLabel(name: string | undefined): string {
  if (name === undefined) return ''
  const n = NAMES[name]
  return n ? n[locale.value] : name
}
