export { CTU } from './ctu.js'
export { CTD } from './ctd.js'
export { CTUD } from './ctud.js'
