// The calculator builtin: {expression} -> {result}, parsed and evaluated by calculator.parser.ts.
import { toolError, type ToolResult } from '../tool-kind.js'
import { CalculatorError } from './calculator.lexer.js'
import { MAX_EXPRESSION_LENGTH, evaluate } from './calculator.parser.js'
import type { Builtin } from './builtin.js'

export const calculator: Builtin = {
  name: 'calculator',
  description:
    'Evaluates an arithmetic expression: + - * / % ^, parentheses, functions such as sqrt and max.',
  inputSchema: {
    type: 'object',
    properties: {
      expression: {
        type: 'string',
        minLength: 1,
        maxLength: MAX_EXPRESSION_LENGTH,
        description: 'e.g. "(2 + 3) * 4 ^ 2 / sqrt(16)"',
      },
    },
    required: ['expression'],
    additionalProperties: false,
  },
  run(input): ToolResult {
    const { expression } = input as { expression: string }
    try {
      return { output: { result: evaluate(expression) } }
    } catch (error) {
      if (error instanceof CalculatorError) return toolError(error.code, error.message)
      throw error
    }
  },
}
