/**
 * ISA-101 alarm priority marks: shape, colour and the priority number together, so no priority is told by colour
 * alone (colour-blind operators, monochrome panels). Shapes are drawn in a 20 x 20 box.
 */
import type { AlarmPriority } from '@takt/blocks'

export type ShapeName = 'triangleDown' | 'diamond' | 'square' | 'circle' | 'hexagon'

export interface PriorityMark {
  shape: ShapeName
  /** Fill colour of the shape. */
  fill: string
  /** Colour of the number on the fill (contrast). */
  ink: string
  /** The text inside: 1..4, or D for diagnostic. */
  text: string
  /** SVG path of the shape in a 20 x 20 box. */
  path: string
  /** Where the number sits vertically (the inverted triangle's centre of mass is high). */
  textY: number
}

const PATHS: Record<ShapeName, string> = {
  triangleDown: 'M1 2 H19 L10 19 Z',
  diamond: 'M10 0.5 L19.5 10 L10 19.5 L0.5 10 Z',
  square: 'M2 2 H18 V18 H2 Z',
  circle: 'M10 1 A9 9 0 1 1 9.99 1 Z',
  hexagon: 'M5.5 2 H14.5 L19 10 L14.5 18 H5.5 L1 10 Z',
}

const MARKS: Record<string, Omit<PriorityMark, 'path'>> = {
  '1': { shape: 'triangleDown', fill: '#e00000', ink: '#ffffff', text: '1', textY: 9.2 },
  '2': { shape: 'diamond', fill: '#ff8c00', ink: '#000000', text: '2', textY: 10.5 },
  '3': { shape: 'square', fill: '#ffe000', ink: '#000000', text: '3', textY: 10.5 },
  '4': { shape: 'circle', fill: '#46b4e6', ink: '#000000', text: '4', textY: 10.5 },
  diagnostic: { shape: 'hexagon', fill: '#b4b4b4', ink: '#000000', text: 'D', textY: 10.5 },
}

/** The mark of a priority (1 = red inverted triangle, 2 = orange diamond, 3 = yellow square, 4 = cyan circle, diagnostic = grey hexagon). */
export function priorityMark(p: AlarmPriority): PriorityMark {
  const m = MARKS[String(p)] ?? MARKS.diagnostic!
  return { ...m, path: PATHS[m.shape] }
}
