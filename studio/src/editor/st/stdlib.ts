/**
 * What the editor says about IEC 61131-3 Structured Text itself: keywords, elementary types and the standard
 * functions the compiler knows (blocks/src/st/README.md "Standard functions"), with a signature and a short text
 * in both studio languages for completion and hover.
 */
import type { LocalizedText } from '@takt/blocks'

export const ST_KEYWORDS = [
  'PROGRAM', 'END_PROGRAM', 'FUNCTION_BLOCK', 'END_FUNCTION_BLOCK', 'FUNCTION', 'END_FUNCTION', 'TYPE', 'END_TYPE',
  'STRUCT', 'END_STRUCT', 'VAR', 'VAR_INPUT', 'VAR_OUTPUT', 'VAR_IN_OUT', 'VAR_TEMP', 'END_VAR', 'CONSTANT', 'RETAIN',
  'PERSISTENT', 'IF', 'THEN', 'ELSIF', 'ELSE', 'END_IF', 'CASE', 'OF', 'END_CASE', 'FOR', 'TO', 'BY', 'DO', 'END_FOR',
  'WHILE', 'END_WHILE', 'REPEAT', 'UNTIL', 'END_REPEAT', 'EXIT', 'CONTINUE', 'RETURN', 'AND', 'OR', 'XOR', 'NOT', 'MOD',
  'TRUE', 'FALSE', 'ARRAY',
] as const

export const ST_TYPES = [
  'BOOL', 'SINT', 'INT', 'DINT', 'LINT', 'USINT', 'UINT', 'UDINT', 'ULINT', 'BYTE', 'WORD', 'DWORD', 'LWORD', 'REAL',
  'LREAL', 'TIME', 'LTIME', 'STRING', 'WSTRING',
] as const

export interface StdFunction { name: string; params: string; doc: LocalizedText }

const fn = (names: string, params: string, en: string, zh: string): StdFunction[] =>
  names.split(' ').map((name) => ({ name, params, doc: { en, 'zh-CN': zh } }))

/** The standard functions, in the README's order. Conversions (`INT_TO_REAL`, `TO_LREAL`) are matched by pattern. */
export const STD_FUNCTIONS: readonly StdFunction[] = [
  ...fn('ABS SQRT LN LOG EXP SIN COS TAN ASIN ACOS ATAN', 'IN', 'Numeric function of one REAL or LREAL argument (ABS also for integers).', '单参数数值函数（REAL 或 LREAL；ABS 也适用于整数）。'),
  ...fn('EXPT', 'IN1, IN2', 'IN1 raised to the power IN2.', 'IN1 的 IN2 次幂。'),
  ...fn('ADD MUL', 'IN1, IN2, ...', 'Sum / product of its arguments (extensible).', '各参数之和 / 积（可扩展）。'),
  ...fn('SUB DIV MOD', 'IN1, IN2', 'IN1 - IN2, IN1 / IN2, IN1 MOD IN2. Integer division by zero faults the program.', 'IN1 - IN2、IN1 / IN2、IN1 MOD IN2。整数除以零会使程序故障。'),
  ...fn('MOVE', 'IN', 'Returns its argument.', '返回其参数。'),
  ...fn('SEL', 'G, IN0, IN1', 'IN0 when G is FALSE, IN1 when TRUE.', 'G 为 FALSE 时取 IN0，为 TRUE 时取 IN1。'),
  ...fn('MAX MIN', 'IN1, IN2, ...', 'Largest / smallest argument (extensible).', '最大 / 最小参数（可扩展）。'),
  ...fn('LIMIT', 'MN, IN, MX', 'IN clamped to MN..MX.', '将 IN 限制在 MN..MX 之间。'),
  ...fn('MUX', 'K, IN0, IN1, ...', 'The K-th input (K clamped into range, as the FBD block).', '第 K 个输入（K 超出范围时被限制，与 FBD 块相同）。'),
  ...fn('GT GE EQ LE LT NE', 'IN1, IN2, ...', 'Comparison; GT GE EQ LE LT chain over more arguments (IEC).', '比较；GT GE EQ LE LT 可链式比较多个参数（IEC）。'),
  ...fn('AND OR XOR', 'IN1, IN2, ...', 'Boolean or bitwise operation (extensible).', '布尔或按位运算（可扩展）。'),
  ...fn('NOT', 'IN', 'Boolean or bitwise negation.', '布尔或按位取反。'),
  ...fn('SHL SHR ROL ROR', 'IN, N', 'Shift / rotate a bit string by N bits.', '位串移位 / 循环移位 N 位。'),
  ...fn('LEN', 'IN', 'Length of a string.', '字符串长度。'),
  ...fn('LEFT RIGHT', 'IN, L', 'The L leftmost / rightmost characters.', '最左 / 最右的 L 个字符。'),
  ...fn('MID', 'IN, L, P', 'L characters from position P (1-based).', '从位置 P（从 1 开始）起的 L 个字符。'),
  ...fn('CONCAT', 'IN1, IN2, ...', 'Strings joined (extensible).', '连接字符串（可扩展）。'),
  ...fn('FIND', 'IN1, IN2', 'Position of IN2 in IN1, 0 when absent.', 'IN2 在 IN1 中的位置，不存在时为 0。'),
  ...fn('INSERT', 'IN1, IN2, P', 'IN2 inserted into IN1 after position P.', '在 IN1 的位置 P 之后插入 IN2。'),
  ...fn('DELETE', 'IN, L, P', 'L characters deleted from position P.', '从位置 P 删除 L 个字符。'),
  ...fn('REPLACE', 'IN1, IN2, L, P', 'L characters of IN1 from position P replaced by IN2.', '用 IN2 替换 IN1 中从位置 P 起的 L 个字符。'),
  ...fn('TRUNC', 'IN', 'REAL to DINT, truncated toward zero and saturated.', 'REAL 转 DINT，向零截断并饱和。'),
]

const BY_NAME = new Map(STD_FUNCTIONS.map((f) => [f.name, f]))
const CONV = /^(?:([A-Z]+)_)?(TO|TRUNC)_([A-Z]+)$/
const ELEMENTARY = new Set<string>(ST_TYPES)

/** The standard function `name` (case-insensitive), including conversions such as `INT_TO_REAL`. */
export function stdFunction(name: string): StdFunction | undefined {
  const n = name.toUpperCase()
  const hit = BY_NAME.get(n)
  if (hit) return hit
  const m = CONV.exec(n)
  if (!m || !ELEMENTARY.has(m[3]!) || (m[1] !== undefined && !ELEMENTARY.has(m[1]))) return undefined
  const trunc = m[2] === 'TRUNC'
  return {
    name: n, params: 'IN',
    doc: trunc
      ? { en: `Converts to ${m[3]}, truncated toward zero and saturated.`, 'zh-CN': `转换为 ${m[3]}，向零截断并饱和。` }
      : { en: `Converts to ${m[3]}: REAL to integer rounds half to even and saturates; integers wrap.`, 'zh-CN': `转换为 ${m[3]}：REAL 转整数按四舍六入五成双并饱和；整数之间按位宽回绕。` },
  }
}

/** Conversions offered by completion (the common ones; any `A_TO_B` compiles). */
export const COMMON_CONVERSIONS = [
  'INT_TO_REAL', 'DINT_TO_REAL', 'REAL_TO_INT', 'REAL_TO_DINT', 'INT_TO_DINT', 'DINT_TO_INT', 'BOOL_TO_INT',
  'INT_TO_BOOL', 'REAL_TO_LREAL', 'LREAL_TO_REAL', 'TIME_TO_DINT', 'DINT_TO_TIME', 'TIME_TO_REAL', 'REAL_TO_TIME',
  'INT_TO_STRING', 'REAL_TO_STRING', 'STRING_TO_INT', 'STRING_TO_REAL', 'TO_INT', 'TO_DINT', 'TO_REAL', 'TO_LREAL',
]
