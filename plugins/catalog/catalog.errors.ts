// The catalog's error codes. openapi.yaml lists them in the x-error-codes of the responses that carry them.
import type { ErrorDefinition } from '../../app/plugin-kit.js'

export const catalogErrors = {
  TOOL_NOT_FOUND: { status: 404, kind: 'not_found', title: 'Tool not found' },
  AGENT_NOT_FOUND: { status: 404, kind: 'not_found', title: 'Agent not found' },
  DUPLICATE_TOOL_NAME: { status: 409, kind: 'conflict', title: 'A tool with this name already exists' },
  DUPLICATE_AGENT_NAME: { status: 409, kind: 'conflict', title: 'An agent with this name already exists' },
  TOOL_IN_USE: { status: 409, kind: 'conflict', title: 'The tool is used by agents' },
  UNKNOWN_TOOL: { status: 422, kind: 'input', title: 'Unknown tool ids' },
  /** details: {kind, requested_kind}. */
  TOOL_KIND_IMMUTABLE: { status: 422, kind: 'input', title: "A tool's kind cannot change" },
  /** details: {id}. A PATCH whose tool kept changing while its new definition was checked; send it again. */
  TOOL_CHANGED_CONCURRENTLY: {
    status: 409,
    kind: 'conflict',
    title: 'The tool changed while this change was checked',
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the catalog's codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof catalogErrors, ErrorDefinition> {}
}
