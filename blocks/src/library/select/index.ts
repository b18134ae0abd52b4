export { SEL } from './sel.js'
export { MUX } from './mux.js'
