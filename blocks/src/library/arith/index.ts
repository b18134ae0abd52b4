export { ADD, MUL } from './add-mul.js'
export { SUB, DIV, MOD } from './sub-div-mod.js'
export { MIN, MAX, LIMIT } from './min-max-limit.js'
export { ABS, SQRT, MOVE } from './unary.js'
