/**
 * The tab each template was last shown on, for the life of the page: coming back from a program's network (or any
 * other editor) reopens the template where the engineer left it. UI state only; never saved in the document.
 */
export type TemplateTab = 'members' | 'faceplate' | 'programs' | 'instances'

const last = new Map<string, TemplateTab>()

export function lastTemplateTab(template: string): TemplateTab {
  return last.get(template) ?? 'members'
}

export function rememberTemplateTab(template: string, tab: TemplateTab): void {
  last.set(template, tab)
}
