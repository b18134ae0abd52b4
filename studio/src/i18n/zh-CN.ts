import type { ErrorCode } from '@takt/blocks'
import type { MessageKey } from './en'
import { viewer } from './zh-parts/viewer'
import { editor } from './zh-parts/editor'
import { ops } from './zh-parts/ops'

/** Simplified Chinese UI text, split by face like en.ts. */
export const zhCN: Record<MessageKey, string> = { ...viewer, ...editor, ...ops }

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
