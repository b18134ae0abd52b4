/**
 * The widget registry: widget type -> component plus its metadata from specs.ts (STYLE.md 8). The viewer
 * renders through it; the editor's palette and inspector read the same entries.
 */
import type { Component } from 'vue'
import type { WidgetType } from '@takt/blocks'
import AlarmBannerWidget from './AlarmBannerWidget.vue'
import AlarmIndicatorWidget from './AlarmIndicatorWidget.vue'
import AlarmSummaryWidget from './AlarmSummaryWidget.vue'
import BarWidget from './BarWidget.vue'
import ButtonWidget from './ButtonWidget.vue'
import FaceplateWidget from './FaceplateWidget.vue'
import LabelWidget from './LabelWidget.vue'
import LampWidget from './LampWidget.vue'
import MotorWidget from './MotorWidget.vue'
import NumericWidget from './NumericWidget.vue'
import PipeWidget from './PipeWidget.vue'
import PumpWidget from './PumpWidget.vue'
import RectWidget from './RectWidget.vue'
import SetpointWidget from './SetpointWidget.vue'
import TankWidget from './TankWidget.vue'
import ToggleWidget from './ToggleWidget.vue'
import TrendWidget from './TrendWidget.vue'
import ValveWidget from './ValveWidget.vue'
import { setWidgetComponents } from './faceplate/lookup'
import { WIDGET_SPECS } from './specs'
import type { WidgetMeta } from './types'

export { WIDGET_SPECS, specsOf } from './specs'

const COMPONENTS: Record<WidgetType, Component> = {
  label: LabelWidget, numeric: NumericWidget, bar: BarWidget, tank: TankWidget, pump: PumpWidget, motor: MotorWidget,
  valve: ValveWidget, pipe: PipeWidget, button: ButtonWidget, toggle: ToggleWidget, setpoint: SetpointWidget,
  lamp: LampWidget, trend: TrendWidget, rect: RectWidget, faceplate: FaceplateWidget,
  alarmBanner: AlarmBannerWidget, alarmSummary: AlarmSummaryWidget, alarmIndicator: AlarmIndicatorWidget,
}

/** Registry by type: every WidgetType of blocks has a component (the Record type enforces it). */
export const WIDGETS: ReadonlyMap<WidgetType, WidgetMeta> = new Map(
  [...WIDGET_SPECS].map(([type, spec]) => [type, { ...spec, component: COMPONENTS[type] }]),
)

export function widgetMeta(type: WidgetType): WidgetMeta | undefined {
  return WIDGETS.get(type)
}

// The faceplate draws other widgets; it finds their components through this, not by importing the registry.
setWidgetComponents((type) => COMPONENTS[type])
