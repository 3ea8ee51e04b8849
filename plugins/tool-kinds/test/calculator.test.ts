import { expect } from 'chai'
import { calculator } from '../builtins/calculator.js'
import { CalculatorError } from '../builtins/calculator.lexer.js'
import { evaluate } from '../builtins/calculator.parser.js'

const failure = (expression: string): CalculatorError => {
  try {
    evaluate(expression)
  } catch (error) {
    if (error instanceof CalculatorError) return error
    throw error
  }
  throw new Error(`${expression} did not fail`)
}

describe('the calculator builtin', () => {
  const values: [string, number][] = [
    ['1 + 2', 3],
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ['10 - 4 - 3', 3], // left-associative
    ['100 / 10 / 5', 2],
    ['7 % 4', 3],
    ['-7 % 4', -3],
    ['2 ^ 10', 1024],
    ['2 ** 10', 1024],
    ['2 ^ 3 ^ 2', 512], // right-associative
    ['-2 ^ 2', -4], // the exponent binds tighter than the sign
    ['(-2) ^ 2', 4],
    ['2 ^ -1', 0.5],
    ['- -3', 3],
    ['+4', 4],
    ['3 * -2', -6],
    ['1.5 * 2', 3],
    ['.5 + .25', 0.75],
    ['1e3 + 2.5E-1', 1000.25],
    ['1.2e+2', 120],
    ['0.1 + 0.2', 0.3], // rounded to 15 significant digits
    ['sqrt(16) + abs(-3)', 7],
    ['max(1, 5, 3) - min(4, 2)', 3],
    ['round(2.5) + round(-2.5)', 0], // half away from zero: 3 + -3
    ['floor(-1.5) + ceil(1.2)', 0],
    ['2 * pi', 6.28318530717959],
    ['ln(e)', 1],
    ['log(1000) + log2(8)', 6],
    ['SQRT(9) * PI / pi', 3], // names are case-insensitive
    ['((((1))))', 1],
    ['  3\t*\n4  ', 12],
    ['0 * -1', 0],
  ]
  for (const [expression, expected] of values) {
    it(`${JSON.stringify(expression)} = ${expected}`, () => {
      const result = evaluate(expression)
      expect(result).to.equal(expected)
      expect(Object.is(result, -0)).to.equal(false)
    })
  }

  const errors: [string, 'INVALID_EXPRESSION' | 'MATH_ERROR', RegExp, number][] = [
    ['1 / 0', 'MATH_ERROR', /division by zero/, 3],
    ['5 % (2 - 2)', 'MATH_ERROR', /division by zero/, 3],
    ['10 ^ 400', 'MATH_ERROR', /infinite \(overflow\)/, 4],
    ['1e400', 'MATH_ERROR', /infinite/, 1],
    ['sqrt(-1)', 'MATH_ERROR', /not a real number/, 1],
    ['ln(0)', 'MATH_ERROR', /infinite/, 1],
    ['1 +', 'INVALID_EXPRESSION', /before the end/, 4],
    ['(1 + 2', 'INVALID_EXPRESSION', /expected "\)" before the end/, 7],
    ['1 + 2)', 'INVALID_EXPRESSION', /unexpected "\)"/, 6],
    ['2 3', 'INVALID_EXPRESSION', /unexpected "3"/, 3],
    ['1.2.3', 'INVALID_EXPRESSION', /unexpected "\.3"/, 4],
    ['2x', 'INVALID_EXPRESSION', /unexpected "x"/, 2],
    ['1 $ 2', 'INVALID_EXPRESSION', /unexpected character "\$"/, 3],
    ['foo + 1', 'INVALID_EXPRESSION', /unknown name "foo"/, 1],
    ['bar(1)', 'INVALID_EXPRESSION', /unknown function "bar"/, 1],
    ['sqrt(1, 2)', 'INVALID_EXPRESSION', /sqrt takes 1 argument\(s\), not 2/, 1],
    ['', 'INVALID_EXPRESSION', /expected a number/, 1],
    ['*3', 'INVALID_EXPRESSION', /unexpected "\*"/, 1],
    ['constructor', 'INVALID_EXPRESSION', /unknown name/, 1], // no prototype lookups
    ['toString(1)', 'INVALID_EXPRESSION', /unknown function/, 1],
  ]
  for (const [expression, code, message, position] of errors) {
    it(`refuses ${JSON.stringify(expression)}: ${code} at position ${position}`, () => {
      const error = failure(expression)
      expect(error.code).to.equal(code)
      expect(error.message).to.match(message)
      expect(error.position).to.equal(position)
      expect(error.message).to.contain(`at position ${position}`)
    })
  }

  it('bounds the nesting depth (parentheses, signs and exponents) instead of overflowing the stack', () => {
    expect(evaluate(`${'('.repeat(60)}1${')'.repeat(60)}`)).to.equal(1)
    expect(failure(`${'('.repeat(200)}1${')'.repeat(200)}`).message).to.match(/nested more than 64 levels/)
    expect(failure(`${'-'.repeat(200)}1`).message).to.match(/nested more than 64 levels/)
    expect(failure(Array(200).fill('2').join('^')).message).to.match(/nested more than 64 levels/)
  })

  it('bounds the expression length', () => {
    expect(failure(`1${' + 1'.repeat(300)}`).message).to.match(/longer than 1000 characters/)
  })

  it('answers {result} as a tool, and a tool error (not an exception) for a bad expression', () => {
    expect(calculator.run({ expression: '6 * 7' })).to.deep.equal({ output: { result: 42 } })
    expect(calculator.run({ expression: '1/0' })).to.deep.equal({
      error: { code: 'MATH_ERROR', message: 'division by zero at position 2' },
    })
  })
})
