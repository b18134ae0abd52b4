export { AND, OR, XOR } from './and-or-xor.js'
export { NOT } from './not.js'
