/** English UI text. Every key here must exist in zh-CN.ts (the type there enforces it). */
export const en = {
  'app.title': 'Takt',
  'lang.label': 'Language',

  'login.title': 'Sign in',
  'login.user': 'User',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.connecting': 'Connecting to the runtime…',

  'shell.user': 'User',
  'shell.role': 'Role',
  'shell.logout': 'Log out',
  'shell.screens': 'Screens',
  'shell.loading': 'Loading the APP…',
  'shell.noScreen': 'This APP has no screen to show.',
  'shell.appChanged': 'The APP was updated; screens reloaded.',

  'conn.open': 'Online',
  'conn.connecting': 'Connecting',
  'conn.reconnecting': 'Reconnecting',
  'conn.closed': 'Offline',

  'role.viewer': 'Viewer',
  'role.operator': 'Operator',
  'role.engineer': 'Engineer',
  'role.admin': 'Admin',

  'dialog.confirm': 'Confirm',
  'dialog.cancel': 'Cancel',
  'dialog.title': 'Confirm action',
  'dialog.writeValue': 'Write {value} to {tag}?',

  'quality.bad': 'Bad quality',
  'quality.uncertain': 'Uncertain quality',
  'quality.badShort': 'BAD',

  'state.running': 'Running',
  'state.stopped': 'Stopped',
  'state.fault': 'FAULT',
  'state.open': 'Open',
  'state.closed': 'Closed',
  'state.travelling': 'Travelling',
  'state.on': 'On',
  'state.off': 'Off',
  'state.unknown': 'Unknown',

  'alarm.hihi': 'High-high alarm',
  'alarm.hi': 'High alarm',
  'alarm.lo': 'Low alarm',
  'alarm.lolo': 'Low-low alarm',

  'write.noPermission': 'Your role may not operate this',
  'write.unknownValue': 'Current value is unknown; cannot toggle',
  'write.noTag': 'This widget is not bound to a tag',
  'write.failed': 'Write failed',

  'entry.notNumber': 'Enter a number',
  'entry.belowMin': 'Minimum is {min}',
  'entry.aboveMax': 'Maximum is {max}',
  'entry.hint': 'Enter to write, Esc to cancel',
  'entry.range': 'Range {min} … {max}',

  'trend.noPens': 'No pens configured',

  'widget.label': 'Label',
  'widget.numeric': 'Numeric display',
  'widget.bar': 'Bar graph',
  'widget.tank': 'Tank',
  'widget.pump': 'Pump',
  'widget.motor': 'Motor',
  'widget.valve': 'Valve',
  'widget.pipe': 'Pipe',
  'widget.button': 'Button',
  'widget.toggle': 'Toggle switch',
  'widget.setpoint': 'Setpoint entry',
  'widget.lamp': 'Indicator lamp',
  'widget.trend': 'Trend',
  'widget.rect': 'Rectangle',
  'widget.unknown': 'Unknown widget type: {type}',
} as const

export type MessageKey = keyof typeof en
