/**
 * Widget metadata: default size, properties (type, default, bindable) and names in both languages.
 * The editor builds its palette and inspector from this; registry.ts attaches the components.
 */
import type { WidgetType } from '@takt/blocks'
import type { PropSpec, PropType, UiText, WidgetSpec } from './types'

const L = (en: string, zh: string): UiText => ({ en, 'zh-CN': zh })

function prop(name: string, type: PropType, label: UiText, extra: Partial<PropSpec> = {}): PropSpec {
  return { name, type, label, bindable: false, ...extra }
}
const bound = (name: string, type: PropType, label: UiText, extra: Partial<PropSpec> = {}): PropSpec =>
  prop(name, type, label, { bindable: true, ...extra })

// Shared property specs. min/max/unit/decimals default to the bound tag's metadata when left unset.
const label = prop('label', 'text', L('Label', '标签'))
const unit = prop('unit', 'string', L('Unit (default: tag unit)', '单位（默认：变量单位）'))
const decimals = prop('decimals', 'number', L('Decimals (default: tag)', '小数位（默认：变量）'))
const min = prop('min', 'number', L('Minimum (default: tag range)', '最小值（默认：变量量程）'))
const max = prop('max', 'number', L('Maximum (default: tag range)', '最大值（默认：变量量程）'))
const labelWidth = prop('labelWidth', 'number', L('Label width, px (0 = auto)', '标签宽度（像素，0 = 自动）'), { default: 0 })
const fontSize = (d: number) => prop('fontSize', 'number', L('Font size', '字号'), { default: d })
const showState = prop('showState', 'boolean', L('Show state text', '显示状态文字'), { default: true })
const orientation = prop('orientation', 'enum', L('Orientation', '方向'), { options: ['horizontal', 'vertical'], default: 'horizontal' })
const onText = prop('onText', 'text', L('On text', '开状态文字'))
const offText = prop('offText', 'text', L('Off text', '关状态文字'))

const list: WidgetSpec[] = [
  {
    type: 'label', name: L('Label', '文本'), defaultSize: { w: 160, h: 28 }, events: [],
    props: [
      bound('text', 'text', L('Text', '文本'), { default: 'Label' }), fontSize(16),
      prop('align', 'enum', L('Alignment', '对齐'), { options: ['left', 'center', 'right'], default: 'left' }),
      prop('bold', 'boolean', L('Bold', '粗体'), { default: false }),
    ],
  },
  {
    type: 'numeric', name: L('Numeric display', '数值显示'), defaultSize: { w: 200, h: 32 }, events: [],
    props: [bound('value', 'value', L('Value', '值')), label, labelWidth, unit, decimals, fontSize(18), prop('showUnit', 'boolean', L('Show unit', '显示单位'), { default: true })],
  },
  {
    type: 'bar', name: L('Bar graph', '棒图'), defaultSize: { w: 90, h: 220 }, events: [],
    props: [
      bound('value', 'value', L('Value', '值')), label, min, max, unit, decimals,
      { ...orientation, default: 'vertical' }, prop('showValue', 'boolean', L('Show value', '显示数值'), { default: true }),
    ],
  },
  {
    type: 'tank', name: L('Tank', '罐'), defaultSize: { w: 160, h: 240 }, events: [],
    props: [bound('level', 'value', L('Level', '液位')), label, min, max, unit, decimals, prop('showLimits', 'boolean', L('Show limit marks', '显示限值标记'), { default: true })],
  },
  {
    type: 'pump', name: L('Pump', '泵'), defaultSize: { w: 80, h: 90 }, events: ['click'],
    props: [
      bound('running', 'value', L('Running', '运行')), bound('fault', 'value', L('Fault', '故障')), label, showState,
      prop('flip', 'boolean', L('Discharge to the left', '出口朝左'), { default: false }),
    ],
  },
  {
    type: 'motor', name: L('Motor', '电机'), defaultSize: { w: 80, h: 90 }, events: ['click'],
    props: [bound('running', 'value', L('Running', '运行')), bound('fault', 'value', L('Fault', '故障')), label, showState],
  },
  {
    type: 'valve', name: L('Valve', '阀门'), defaultSize: { w: 80, h: 80 }, events: ['click'],
    props: [
      bound('open', 'value', L('Open feedback', '开到位')), bound('position', 'value', L('Position %', '开度 %')), label,
      prop('modulating', 'boolean', L('Control valve (modulating)', '调节阀'), { default: false }), orientation, showState,
    ],
  },
  {
    type: 'pipe', name: L('Pipe', '管道'), defaultSize: { w: 200, h: 12 }, events: [],
    props: [
      bound('flowing', 'value', L('Flowing', '有流量')), prop('thickness', 'number', L('Thickness', '粗细'), { default: 6 }),
      prop('orientation', 'enum', L('Orientation', '方向'), { options: ['auto', 'horizontal', 'vertical'], default: 'auto' }),
    ],
  },
  {
    type: 'button', name: L('Button', '按钮'), defaultSize: { w: 120, h: 36 }, events: ['click'],
    props: [bound('text', 'text', L('Text', '文本'), { default: 'Button' }), fontSize(14)],
  },
  {
    type: 'toggle', name: L('Toggle switch', '切换开关'), defaultSize: { w: 220, h: 32 }, events: [],
    props: [
      bound('value', 'value', L('Value (tag to write)', '值（写入的变量）'), { writes: true }), label, onText, offText,
      prop('confirm', 'text', L('Confirmation text', '确认提示')),
      prop('confirmOn', 'text', L('Confirmation text, switching on', '确认提示（切换为开）')),
      prop('confirmOff', 'text', L('Confirmation text, switching off', '确认提示（切换为关）')), fontSize(13),
    ],
  },
  {
    type: 'setpoint', name: L('Setpoint entry', '设定值输入'), defaultSize: { w: 220, h: 32 }, events: [],
    props: [
      bound('value', 'value', L('Value (tag to write)', '值（写入的变量）'), { writes: true }), label, labelWidth, unit, decimals, min, max,
      prop('confirm', 'text', L('Confirmation text', '确认提示')), fontSize(16),
    ],
  },
  {
    type: 'lamp', name: L('Indicator lamp', '指示灯'), defaultSize: { w: 160, h: 26 }, events: [],
    props: [
      bound('value', 'value', L('Value', '值')), label, onText, offText,
      prop('abnormal', 'boolean', L('On is abnormal (alarm)', '开为异常（报警）'), { default: false }), fontSize(13),
    ],
  },
  {
    type: 'trend', name: L('Trend', '趋势图'), defaultSize: { w: 480, h: 260 }, events: [],
    props: [
      bound('pen1', 'tag', L('Pen 1', '曲线 1')), bound('pen2', 'tag', L('Pen 2', '曲线 2')),
      bound('pen3', 'tag', L('Pen 3', '曲线 3')), bound('pen4', 'tag', L('Pen 4', '曲线 4')),
      prop('pens', 'tagList', L('More pens (tag paths)', '更多曲线（变量路径）')),
      prop('title', 'text', L('Title', '标题')),
      prop('window', 'number', L('Time window, s', '时间窗口（秒）'), { default: 300 }),
      prop('scale', 'enum', L('Y scale', '纵轴'), { options: ['auto', 'range', 'fixed'], default: 'auto' }),
      prop('min', 'number', L('Fixed minimum', '固定最小值')), prop('max', 'number', L('Fixed maximum', '固定最大值')),
      prop('axes', 'enum', L('Y axes: per unit or one per pen', '纵轴：按单位或每条曲线一个'), { options: ['unit', 'pen'], default: 'unit' }),
      prop('showLegend', 'boolean', L('Show legend', '显示图例'), { default: true }),
    ],
  },
  {
    type: 'rect', name: L('Rectangle', '矩形'), defaultSize: { w: 200, h: 120 }, events: [],
    props: [
      prop('title', 'text', L('Title', '标题')), prop('fill', 'color', L('Fill', '填充'), { default: '#cbcbcb' }),
      prop('stroke', 'color', L('Border', '边框'), { default: '#9a9a9a' }),
      prop('strokeWidth', 'number', L('Border width', '边框宽度'), { default: 1 }),
      prop('radius', 'number', L('Corner radius', '圆角'), { default: 0 }), fontSize(13),
    ],
  },
  {
    // An equipment template's faceplate bound to one instance; the editor's palette offers one per template.
    type: 'faceplate', name: L('Faceplate', '面板'), defaultSize: { w: 240, h: 140 }, events: [],
    props: [
      prop('template', 'string', L('Template', '模板')),
      prop('instance', 'string', L('Instance (equipment path)', '实例（设备路径）')),
      prop('label', 'text', L('Caption', '标题')),
    ],
  },
  {
    type: 'alarmBanner', name: L('Alarm banner', '报警横幅'), defaultSize: { w: 900, h: 84 }, events: [],
    props: [prop('rows', 'number', L('Alarm lines', '报警行数'), { default: 3 })],
  },
  {
    type: 'alarmSummary', name: L('Alarm summary', '报警汇总'), defaultSize: { w: 860, h: 320 }, events: [],
    props: [
      prop('area', 'string', L('Area (empty: all)', '区域（空：全部）')),
      prop('showFilters', 'boolean', L('Show filters', '显示筛选'), { default: true }),
    ],
  },
  {
    // Bound by path, not value: it shows the most severe alarm of this tag or of every tag below this folder.
    type: 'alarmIndicator', name: L('Alarm indicator', '报警指示'), defaultSize: { w: 26, h: 26 }, events: [],
    props: [prop('tag', 'string', L('Tag or equipment path', '变量或设备路径'))],
  },
]

/** Widget metadata by type, without components (usable in logic and tests without a Vue compiler). */
export const WIDGET_SPECS: ReadonlyMap<WidgetType, WidgetSpec> = new Map(list.map((m) => [m.type, m]))

/** Property specs of a type (empty for an unknown one). */
export function specsOf(type: WidgetType): readonly PropSpec[] {
  return WIDGET_SPECS.get(type)?.props ?? []
}
