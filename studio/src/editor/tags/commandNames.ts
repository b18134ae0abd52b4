import { ALARM_COMMAND_NAMES } from '../alarms/commandNames'

/** Readable names of the tag editor's commands (undo/redo menu), for the shell's command label table. */
export const TAG_COMMAND_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  'tags.add': { en: 'Add tag', 'zh-CN': '添加变量' },
  'tags.update': { en: 'Edit tag', 'zh-CN': '修改变量' },
  'tags.delete': { en: 'Delete tags', 'zh-CN': '删除变量' },
  'tags.duplicate': { en: 'Duplicate tags', 'zh-CN': '复制变量' },
  'tags.bulkSet': { en: 'Bulk edit', 'zh-CN': '批量修改' },
  'tags.createFolder': { en: 'New folder', 'zh-CN': '新建文件夹' },
  'tags.renameFolder': { en: 'Rename folder', 'zh-CN': '重命名文件夹' },
  'tags.deleteFolder': { en: 'Delete folder', 'zh-CN': '删除文件夹' },
  'tags.import': { en: 'Import CSV', 'zh-CN': '导入 CSV' },
  'tags.createFromBrowse': { en: 'Create tags from OPC UA', 'zh-CN': '从 OPC UA 创建变量' },
  ...ALARM_COMMAND_NAMES,
}
