// The calculator's tokenizer. Positions are 1-based character offsets, as the error messages show them.

export type Token =
  | { type: 'number'; value: number; position: number; text: string }
  | { type: 'name'; name: string; position: number; text: string }
  | { type: 'operator'; operator: Operator; position: number; text: string }
  | { type: '(' | ')' | ',' | 'end'; position: number; text: string }

export type Operator = '+' | '-' | '*' | '/' | '%' | '^'

export type CalculatorErrorCode = 'INVALID_EXPRESSION' | 'MATH_ERROR'

/** A failure with the place it happened; the builtin turns it into a tool error. */
export class CalculatorError extends Error {
  constructor(
    readonly code: CalculatorErrorCode,
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`)
  }
}

// Digits with an optional fraction (1, 1.5, 1., .5) and an optional exponent (1e3, 2.5E-7).
const numberPattern = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y
const namePattern = /[A-Za-z_][A-Za-z0-9_]*/y
const whitespace = /\s/

export function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  while (index < source.length) {
    const char = source[index]!
    const position = index + 1
    if (whitespace.test(char)) {
      index += 1
      continue
    }
    numberPattern.lastIndex = index
    const number = numberPattern.exec(source)
    if (number) {
      tokens.push({ type: 'number', value: Number(number[0]), position, text: number[0] })
      index += number[0].length
      continue
    }
    namePattern.lastIndex = index
    const name = namePattern.exec(source)
    if (name) {
      tokens.push({ type: 'name', name: name[0].toLowerCase(), position, text: name[0] })
      index += name[0].length
      continue
    }
    if (source.startsWith('**', index)) {
      tokens.push({ type: 'operator', operator: '^', position, text: '**' })
      index += 2
      continue
    }
    if ('+-*/%^'.includes(char)) {
      tokens.push({ type: 'operator', operator: char as Operator, position, text: char })
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ type: char, position, text: char })
    } else {
      throw new CalculatorError(
        'INVALID_EXPRESSION',
        `unexpected character ${JSON.stringify(char)}`,
        position,
      )
    }
    index += 1
  }
  tokens.push({ type: 'end', position: source.length + 1, text: 'the end of the expression' })
  return tokens
}
