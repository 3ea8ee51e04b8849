// The calculator: a recursive-descent parser that evaluates as it parses. No eval, no Function: the
// grammar is the whole language (README "The calculator").
//
//   expression := term (('+' | '-') term)*
//   term       := unary (('*' | '/' | '%') unary)*
//   unary      := ('-' | '+') unary | power
//   power      := primary (('^' | '**') unary)?          right-associative; -2^2 = -4, 2^-1 = 0.5
//   primary    := number | constant | name '(' expression (',' expression)* ')' | '(' expression ')'
import { constants, functions } from './calculator.functions.js'
import { CalculatorError, tokenize, type Token } from './calculator.lexer.js'

export const MAX_EXPRESSION_LENGTH = 1000
/** Parentheses, signs and exponents nest the recursion; the bound keeps the stack small. */
export const MAX_NESTING = 64

export function evaluate(expression: string): number {
  if (expression.length > MAX_EXPRESSION_LENGTH) {
    throw new CalculatorError('INVALID_EXPRESSION', `longer than ${MAX_EXPRESSION_LENGTH} characters`, 1)
  }
  const parser = new Parser(tokenize(expression))
  const value = parser.expression()
  parser.expectEnd()
  // 15 significant digits hide binary noise (0.1 + 0.2 = 0.3); -0 reads as 0.
  return Number(value.toPrecision(15)) + 0
}

class Parser {
  #index = 0
  #depth = 0

  constructor(private readonly tokens: Token[]) {}

  expression(): number {
    let value = this.term()
    for (let token = this.peek(); isOperator(token, '+', '-'); token = this.peek()) {
      this.#index += 1
      const right = this.term()
      value = finite(token.operator === '+' ? value + right : value - right, token)
    }
    return value
  }

  expectEnd(): void {
    const token = this.peek()
    if (token.type !== 'end') throw unexpected(token, 'an operator')
  }

  private term(): number {
    let value = this.unary()
    for (let token = this.peek(); isOperator(token, '*', '/', '%'); token = this.peek()) {
      this.#index += 1
      const right = this.unary()
      if (token.operator === '*') value = finite(value * right, token)
      else if (right === 0) throw new CalculatorError('MATH_ERROR', 'division by zero', token.position)
      else value = finite(token.operator === '/' ? value / right : value % right, token)
    }
    return value
  }

  private unary(): number {
    const token = this.peek()
    if (!isOperator(token, '+', '-')) return this.power()
    this.#index += 1
    const value = this.nested(token, () => this.unary())
    return token.operator === '-' ? -value : value
  }

  private power(): number {
    const base = this.primary()
    const token = this.peek()
    if (!isOperator(token, '^')) return base
    this.#index += 1
    const exponent = this.nested(token, () => this.unary())
    return finite(base ** exponent, token)
  }

  private primary(): number {
    const token = this.next()
    if (token.type === 'number') return finite(token.value, token)
    if (token.type === '(') {
      const value = this.nested(token, () => this.expression())
      this.expect(')')
      return value
    }
    if (token.type !== 'name') throw unexpected(token, 'a number, a name or "("')
    if (this.peek().type !== '(') {
      const constant = constants.get(token.name)
      if (constant === undefined)
        throw new CalculatorError('INVALID_EXPRESSION', `unknown name "${token.text}"`, token.position)
      return constant
    }
    const fn = functions.get(token.name)
    if (!fn)
      throw new CalculatorError('INVALID_EXPRESSION', `unknown function "${token.text}"`, token.position)
    this.#index += 1
    const args = this.nested(token, () => this.arguments())
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`
      throw new CalculatorError(
        'INVALID_EXPRESSION',
        `${token.name} takes ${expected} argument(s), not ${args.length}`,
        token.position,
      )
    }
    return finite(fn.apply(args), token)
  }

  private arguments(): number[] {
    const args = [this.expression()]
    while (this.peek().type === ',') {
      this.#index += 1
      args.push(this.expression())
    }
    this.expect(')')
    return args
  }

  private nested<T>(token: Token, parse: () => T): T {
    if (++this.#depth > MAX_NESTING) {
      throw new CalculatorError(
        'INVALID_EXPRESSION',
        `nested more than ${MAX_NESTING} levels deep`,
        token.position,
      )
    }
    const value = parse()
    this.#depth -= 1
    return value
  }

  private expect(type: ')'): void {
    const token = this.next()
    if (token.type !== type) throw unexpected(token, `"${type}"`)
  }

  private peek(): Token {
    return this.tokens[this.#index]!
  }

  private next(): Token {
    const token = this.peek()
    if (token.type !== 'end') this.#index += 1
    return token
  }
}

const isOperator = <O extends string>(token: Token, ...operators: O[]): token is Token & { operator: O } =>
  token.type === 'operator' && (operators as string[]).includes(token.operator)

const unexpected = (token: Token, expected: string): CalculatorError =>
  new CalculatorError(
    'INVALID_EXPRESSION',
    token.type === 'end'
      ? `expected ${expected} before the end`
      : `unexpected "${token.text}" (expected ${expected})`,
    token.position,
  )

function finite(value: number, token: Token): number {
  if (Number.isNaN(value))
    throw new CalculatorError('MATH_ERROR', 'the result is not a real number', token.position)
  if (!Number.isFinite(value))
    throw new CalculatorError('MATH_ERROR', 'the result is infinite (overflow)', token.position)
  return value
}
