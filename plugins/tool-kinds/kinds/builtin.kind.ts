// builtin: {"kind": "builtin", "builtin": "calculator" | "current_time"}, implemented in the platform.
import { builtins } from '../builtins/builtin.js'
import { makeInputSchemas } from '../input-schemas.js'
import { toolError, type ToolKind } from '../tool-kind.js'
import { invalidToolConfig } from '../tool-kinds.problems.js'

export type BuiltinConfig = {
  builtin: string
}

const names = [...builtins.keys()].join(', ')
// A tool may carry its own input_schema; the builtin still checks the input against the one it knows.
const ownSchemas = makeInputSchemas(builtins.size)

export const kind: ToolKind<BuiltinConfig> = {
  kind: 'builtin',
  fields: ['builtin'],
  executable: true,

  prepare(fields) {
    const name = fields.builtin
    if (name === undefined) {
      return Promise.reject(
        invalidToolConfig([
          { pointer: '/builtin', message: `is required with kind builtin (one of: ${names})` },
        ]),
      )
    }
    if (typeof name !== 'string' || !builtins.has(name)) {
      return Promise.reject(invalidToolConfig([{ pointer: '/builtin', message: `must be one of: ${names}` }]))
    }
    return Promise.resolve({ builtin: name })
  },

  execute({ input, config, signal }) {
    if (signal.aborted) return Promise.resolve(toolError('CANCELLED', 'the call was cancelled'))
    const builtin = builtins.get(config.builtin)
    if (!builtin) return Promise.resolve(toolError('UNKNOWN_BUILTIN', `no builtin "${config.builtin}"`))
    const errors = ownSchemas.validateInput(builtin.inputSchema, input)
    if (errors.length > 0) {
      const problems = errors.map((e) => `${e.pointer || '(input)'} ${e.message}`).join('; ')
      return Promise.resolve(toolError('INVALID_INPUT', `${builtin.name}: ${problems}`))
    }
    return Promise.resolve(builtin.run(input))
  },

  defaultInputSchema: (config) =>
    structuredClone(builtins.get(config.builtin)?.inputSchema ?? { type: 'object' }),
}
