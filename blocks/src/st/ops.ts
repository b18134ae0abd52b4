/**
 * Register bytecode of the ST VM. Operands are slot indexes into number memory `m` (or string memory `s`), jump
 * targets (code offsets), or small immediates. Constants live in memory like variables, so an operation never
 * needs a constant variant. vm.ts switches on the same numbers written as literals (a `case Op.X` would cost a
 * property load per case); the execution tests run every instruction, so a mismatch shows there.
 *
 * Why bytecode and not a closure tree: with 10,000 statements per scan, a closure per statement measured about
 * 13 ns against 4 ns for a switch-dispatched instruction (closures from many sites make every call megamorphic).
 */
export const Op = {
  HALT: 0,
  MOV: 1, // d a
  ADD: 3, SUB: 4, MUL: 5, DIV: 6, // d a b  (float)
  NEG: 7, // d a
  WRAP: 8, // d a code
  IMUL: 9, // d a b code
  IDIV: 10, // d a b code site
  IMOD: 11, // d a b site
  EXPT: 12, // d a b
  EQ: 13, NE: 14, LT: 15, LE: 16, GT: 17, GE: 18, // d a b -> 0/1
  BAND: 19, BOR: 20, BXOR: 21, // d a b, BOOL
  BNOT: 22, // d a
  IAND: 23, IOR: 24, IXOR: 25, // d a b code
  INOT: 26, // d a code
  JMP: 27, // t
  JZ: 28, JNZ: 29, // a t
  LOOPJ: 30, // t site: spend one unit of the loop budget, then jump
  CALLA: 32, // t n (d a)*n: copy arguments, then call
  CALLD: 33, // nb nr off: call the user FB instance at nb + m[nr]; its entry address is in cell `off`
  RET: 34,
  KCALL: 35, // ki k tslot n (d a)*n: copy arguments, run library kernel ki on slot layout k
  KCALLD: 36, // ki nb nr: library FB instance at nb + m[nr]
  LDI: 37, // d nb nr: d = m[nb + m[nr]]
  STI: 38, // nb nr a
  IDX: 39, // d a lo len mul site: d = (m[a] - lo) * mul, faulting unless 0 <= m[a] - lo < len
  COPY: 40, // dnb dnr snb snr n: number block copy
  SCOPY: 41, // dsb dsr ssb ssr n: string block copy
  SMOV: 42, // d a maxLen (strings)
  SLDI: 43, // d sb sr
  SSTI: 44, // sb sr a maxLen
  SCMP: 45, // d a b rel (0 = 1 <> 2 < 3 > 4 <= 5 >=)
  MATH: 46, // d a fn
  MIN: 47, MAX: 48, // d a b
  LIMIT: 49, // d mn in mx
  SEL: 50, // d g a b
  MUX: 51, // d k n a0..a(n-1)
  CONV: 52, // d a kind code lo hi (lo, hi: slots)
  NAT: 53, // id d a b c e
  JEQ: 54, // a b t: jump if m[a] === m[b]
  JRNG: 55, // a lo hi t: jump if m[lo] <= m[a] <= m[hi]
  JTAB: 56, // a lo n tdef t0..t(n-1)
  FORNEXT: 57, // v step code t site: v += step (wrapped), spend budget, jump
  FORCHK: 58, // v end step t: jump to t when the loop is done
  JFEQ: 59, JFNE: 60, JFLT: 61, JFLE: 62, JFGT: 63, JFGE: 64, // a b t: jump unless the relation holds
  ADDR: 65, // d nb nr: d = nb + m[nr] (address of a dynamic place)
  KCALLH: 66, // h k tslot stride n (d a)*n: as KCALL, for the library kernel HOT_KERNELS[h] (hot.ts)
  VEC: 67, // op n tuples: n independent instructions of one kind (sched.ts)
  KCALLV: 68, // ki stride n kStart shared (k tslot)*n np (d a)*np: n instances of one library FB (sched.ts)
} as const

/** Natives: rarely used operations, run by one `NAT` instruction through a switch in natives-vm.ts. */
export const Nat = {
  LEN: 0, LEFT: 1, RIGHT: 2, MID: 3, CONCAT: 4, FIND: 5, INSERT: 6, DELETE: 7, REPLACE: 8,
  TOSTR: 9, FROMSTR: 10, SHL: 11, SHR: 12, ROL: 13, ROR: 14, AND64: 15, OR64: 16, XOR64: 17, NOT64: 18,
} as const

/** A runtime fault: `site` indexes the code's fault sites (source positions), `code` says what happened. */
export class StFault extends Error {
  constructor(readonly site: number, readonly code: 'E_ST_DIV_ZERO' | 'E_ST_INDEX' | 'E_ST_LOOP_BUDGET' | 'E_ST_RUNTIME', message: string) {
    super(message)
  }
}
