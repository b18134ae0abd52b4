import { Op } from './ops.js'
import { ROLES } from './sched.js'

const NAMES = new Map<number, string>(Object.entries(Op).map(([k, v]) => [v, k]))

/** Fixed operand counts; variable-length instructions are sized in `length`. */
const FIXED: Record<string, number> = {
  HALT: 0, MOV: 2, ADD: 3, SUB: 3, MUL: 3, DIV: 3, NEG: 2, WRAP: 3, IMUL: 4, IDIV: 5, IMOD: 4, EXPT: 3,
  EQ: 3, NE: 3, LT: 3, LE: 3, GT: 3, GE: 3, BAND: 3, BOR: 3, BXOR: 3, BNOT: 2, IAND: 4, IOR: 4, IXOR: 4, INOT: 3,
  JMP: 1, JZ: 2, JNZ: 2, LOOPJ: 2, CALLD: 3, RET: 0, KCALLD: 3, LDI: 3, STI: 3, IDX: 6, COPY: 5, SCOPY: 5,
  SMOV: 3, SLDI: 3, SSTI: 4, SCMP: 4, MATH: 3, MIN: 3, MAX: 3, LIMIT: 4, SEL: 4, CONV: 6, NAT: 6, JEQ: 3, JRNG: 4,
  FORNEXT: 5, FORCHK: 4, JFEQ: 3, JFNE: 3, JFLT: 3, JFLE: 3, JFGT: 3, JFGE: 3, ADDR: 3,
}

/** Length in words of the instruction at `pc`. */
export function length(code: ArrayLike<number>, pc: number): number {
  const name = NAMES.get(code[pc]!)
  switch (name) {
    case 'CALLA': return 3 + 2 * code[pc + 2]!
    case 'KCALL': return 5 + 2 * code[pc + 4]!
    case 'KCALLH': return 6 + 2 * code[pc + 5]!
    case 'MUX': return 4 + code[pc + 3]!
    case 'JTAB': return 5 + code[pc + 3]!
    case 'VEC': return 3 + code[pc + 2]! * (ROLES[code[pc + 1]!]!.length)
    case 'KCALLV': {
      const n = code[pc + 3]!
      return 7 + 2 * n + 2 * code[pc + 6 + 2 * n]!
    }
    case undefined: throw new Error(`no instruction ${code[pc]} at ${pc}`)
    default: return 1 + FIXED[name]!
  }
}

/** One line per instruction (`12: ADD 40 41 7`), for tests and for reading what the compiler made. */
export function disassemble(code: ArrayLike<number>, from = 0, to = code.length): string[] {
  const out: string[] = []
  for (let pc = from; pc < to;) {
    const n = length(code, pc)
    const ops = Array.from({ length: n - 1 }, (_, i) => code[pc + 1 + i])
    out.push(`${pc}: ${NAMES.get(code[pc]!)}${ops.length ? ` ${ops.join(' ')}` : ''}`)
    pc += n
  }
  return out
}
