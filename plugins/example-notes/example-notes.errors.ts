// The example's own error codes. Codes are global, so each starts with the plugin's id in UPPER_SNAKE;
// openapi.yaml lists them in the x-error-codes of the responses that carry them.
import { detailsObject, type ErrorDefinition } from '../../app/plugin-kit.js'

export const exampleNotesErrors = {
  EXAMPLE_NOTES_NOT_FOUND: {
    status: 404,
    kind: 'not_found',
    title: 'Note not found',
    // The shape of the problem's details, as JSON Schema: openapi.yaml types the problem with it.
    details: detailsObject({ id: { $ref: '#/components/schemas/Uuid' } }),
  },
  /** details: {agent_id}. No agent of the calling tenant has that id. */
  EXAMPLE_NOTES_UNKNOWN_AGENT: {
    status: 422,
    kind: 'input',
    title: 'Unknown agent id',
    details: detailsObject({ agent_id: { $ref: '#/components/schemas/Uuid' } }),
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof exampleNotesErrors, ErrorDefinition> {}
}
