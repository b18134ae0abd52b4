import type { ErrorCode } from '@takt/blocks'
import type { MessageKey } from './en'

/** Simplified Chinese UI text. */
export const zhCN: Record<MessageKey, string> = {
  'app.title': 'Takt',
  'lang.label': '语言',

  'login.title': '登录',
  'login.user': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.busy': '正在登录…',
  'login.connecting': '正在连接运行时…',

  'shell.user': '用户',
  'shell.role': '角色',
  'shell.logout': '退出登录',
  'shell.screens': '画面',
  'shell.loading': '正在加载应用…',
  'shell.noScreen': '此应用没有可显示的画面。',
  'shell.appChanged': '应用已更新，画面已重新加载。',

  'conn.open': '在线',
  'conn.connecting': '连接中',
  'conn.reconnecting': '重新连接中',
  'conn.closed': '离线',

  'role.viewer': '查看者',
  'role.operator': '操作员',
  'role.engineer': '工程师',
  'role.admin': '管理员',

  'dialog.confirm': '确认',
  'dialog.cancel': '取消',
  'dialog.title': '确认操作',
  'dialog.writeValue': '将 {value} 写入 {tag}？',

  'quality.bad': '质量差',
  'quality.uncertain': '质量不确定',
  'quality.badShort': '坏值',

  'state.running': '运行',
  'state.stopped': '停止',
  'state.fault': '故障',
  'state.open': '开',
  'state.closed': '关',
  'state.travelling': '动作中',
  'state.on': '开',
  'state.off': '关',
  'state.unknown': '未知',

  'alarm.hihi': '高高报警',
  'alarm.hi': '高报警',
  'alarm.lo': '低报警',
  'alarm.lolo': '低低报警',

  'write.noPermission': '您的角色无权操作此项',
  'write.unknownValue': '当前值未知，无法切换',
  'write.noTag': '此控件未绑定变量',
  'write.failed': '写入失败',

  'entry.notNumber': '请输入数字',
  'entry.belowMin': '最小值为 {min}',
  'entry.aboveMax': '最大值为 {max}',
  'entry.hint': '回车写入，Esc 取消',
  'entry.range': '范围 {min} … {max}',

  'trend.noPens': '未配置曲线',

  'widget.label': '文本',
  'widget.numeric': '数值显示',
  'widget.bar': '棒图',
  'widget.tank': '罐',
  'widget.pump': '泵',
  'widget.motor': '电机',
  'widget.valve': '阀门',
  'widget.pipe': '管道',
  'widget.button': '按钮',
  'widget.toggle': '切换开关',
  'widget.setpoint': '设定值输入',
  'widget.lamp': '指示灯',
  'widget.trend': '趋势图',
  'widget.rect': '矩形',
  'widget.unknown': '未知控件类型：{type}',
}

/**
 * Error code messages in Chinese. Partial on purpose: codes added to blocks later fall back to the English table
 * instead of breaking the build.
 */
export const zhCNErrors: Partial<Record<ErrorCode, string>> = {
  E_PARSE: '消息不是有效的 JSON',
  E_BAD_MESSAGE: '消息不符合协议格式',
  E_UNKNOWN_TYPE: '未知的消息类型',
  E_TOO_LARGE: '消息超过大小限制',
  E_RATE_LIMIT: '消息过多，请稍候',
  E_PROTOCOL_VERSION: '不支持的协议版本',
  E_AUTH_REQUIRED: '请先登录',
  E_AUTH_FAILED: '用户名或密码错误',
  E_SESSION_EXPIRED: '会话已过期，请重新登录',
  E_FORBIDDEN: '您的角色无权执行此操作',
  E_UNKNOWN_TAG: '变量不存在',
  E_UNKNOWN_SCREEN: '画面不存在',
  E_NOT_WRITABLE: '变量为只读',
  E_CONFIRM_REQUIRED: '此写入需要确认',
  E_TYPE_MISMATCH: '值与变量数据类型不符',
  E_OUT_OF_RANGE: '值超出允许范围',
  E_WRITE_FAILED: '设备拒绝或未完成写入',
  E_NOT_CONNECTED: '与设备的连接已断开',
  E_LIMIT: '已达到配置的限制',
  E_INTERNAL: '内部错误',
  E_TIMEOUT: '运行时未及时应答',
  E_OFFLINE: '未连接到运行时',
}
