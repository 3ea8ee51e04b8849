// The codes the kind registry throws. The catalog's operations (create, update, test a tool) return them, so
// its spec lists them in x-error-codes; a plugin that defines the same code must define it identically.
import type { ErrorDefinition } from '../../app/plugin-kit.js'

export const toolKindsErrors = {
  /** details.errors: [{pointer, message}], pointers into the request body (/input_schema/...). */
  INVALID_INPUT_SCHEMA: {
    status: 422,
    kind: 'input',
    title: 'The input_schema is not an accepted JSON Schema',
  },
  /** details.errors: [{pointer, message}]: unknown kind or builtin, missing code, a field of another kind... */
  INVALID_TOOL_CONFIG: { status: 422, kind: 'input', title: "The tool's kind or its fields are invalid" },
  /** details: {line, column, message}. */
  CODE_DOES_NOT_COMPILE: { status: 422, kind: 'input', title: "The tool's code does not compile" },
  TOOL_NOT_EXECUTABLE: {
    status: 409,
    kind: 'conflict',
    title: 'The platform does not run tools of this kind',
  },
  /** details.errors: [{pointer, message}], pointers into the input. */
  INVALID_TOOL_INPUT: {
    status: 422,
    kind: 'input',
    title: "The input does not match the tool's input_schema",
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof toolKindsErrors, ErrorDefinition> {}
}
