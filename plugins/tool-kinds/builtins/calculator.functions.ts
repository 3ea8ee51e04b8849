// The calculator's named constants and functions (names are case-insensitive). Maps, not object
// literals: a name such as "constructor" must not find something on Object.prototype.

export const constants: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
])

export interface CalculatorFunction {
  minArgs: number
  maxArgs: number
  apply: (args: number[]) => number
}

const unary = (fn: (x: number) => number): CalculatorFunction => ({
  minArgs: 1,
  maxArgs: 1,
  apply: (args) => fn(args[0]!),
})

// Half away from zero (round(-2.5) = -3), as people round; Math.round rounds half up (-2).
const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x))

export const functions: ReadonlyMap<string, CalculatorFunction> = new Map(
  Object.entries({
    abs: unary(Math.abs),
    sqrt: unary(Math.sqrt),
    cbrt: unary(Math.cbrt),
    exp: unary(Math.exp),
    ln: unary(Math.log),
    log: unary(Math.log10),
    log2: unary(Math.log2),
    sin: unary(Math.sin),
    cos: unary(Math.cos),
    tan: unary(Math.tan),
    asin: unary(Math.asin),
    acos: unary(Math.acos),
    atan: unary(Math.atan),
    floor: unary(Math.floor),
    ceil: unary(Math.ceil),
    round: unary(roundHalfAway),
    trunc: unary(Math.trunc),
    sign: unary(Math.sign),
    min: { minArgs: 1, maxArgs: 100, apply: (args) => Math.min(...args) },
    max: { minArgs: 1, maxArgs: 100, apply: (args) => Math.max(...args) },
  } satisfies Record<string, CalculatorFunction>),
)
