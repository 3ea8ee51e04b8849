// The codes the kind registry throws. The catalog's operations (create, update, test a tool) return them, so
// its spec lists them in x-error-codes; a plugin that defines the same code must define it identically.
import { detailsObject, noDetails, type ErrorDefinition } from '../../app/plugin-kit.js'

/** details.errors: a JSON pointer and a message per problem. */
const pointerErrors = detailsObject({
  errors: {
    type: 'array',
    items: detailsObject({
      pointer: {
        type: 'string',
        description:
          'A JSON pointer to the problem: into the tool (/input_schema/properties/a) or into the input (/a).',
      },
      message: { type: 'string' },
    }),
  },
})

export const toolKindsErrors = {
  /** details.errors: [{pointer, message}], pointers into the request body (/input_schema/...). */
  INVALID_INPUT_SCHEMA: {
    status: 422,
    kind: 'input',
    title: 'The input_schema is not an accepted JSON Schema',
    details: pointerErrors,
  },
  /** details.errors: [{pointer, message}]: unknown kind or builtin, missing code, a field of another kind... */
  INVALID_TOOL_CONFIG: {
    status: 422,
    kind: 'input',
    title: "The tool's kind or its fields are invalid",
    details: pointerErrors,
  },
  /** details: {line, column, message}. */
  CODE_DOES_NOT_COMPILE: {
    status: 422,
    kind: 'input',
    title: "The tool's code does not compile",
    details: detailsObject({
      line: { type: 'integer', minimum: 1 },
      column: { type: 'integer', minimum: 1 },
      message: { type: 'string' },
    }),
  },
  TOOL_NOT_EXECUTABLE: {
    status: 409,
    kind: 'conflict',
    title: 'The platform does not run tools of this kind',
    details: noDetails,
  },
  /** details.errors: [{pointer, message}], pointers into the input. */
  INVALID_TOOL_INPUT: {
    status: 422,
    kind: 'input',
    title: "The input does not match the tool's input_schema",
    details: pointerErrors,
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof toolKindsErrors, ErrorDefinition> {}
}
