// The catalog's error codes. openapi.yaml lists them in the x-error-codes of the responses that carry them.
import { detailsObject, type DetailsSchema, type ErrorDefinition } from '../../app/plugin-kit.js'

const uuid: DetailsSchema = { $ref: '#/components/schemas/Uuid' }
const byId = detailsObject({ id: uuid })
const byName = detailsObject({ name: { type: 'string', description: 'The name asked for.' } })

export const catalogErrors = {
  TOOL_NOT_FOUND: { status: 404, kind: 'not_found', title: 'Tool not found', details: byId },
  AGENT_NOT_FOUND: { status: 404, kind: 'not_found', title: 'Agent not found', details: byId },
  DUPLICATE_TOOL_NAME: {
    status: 409,
    kind: 'conflict',
    title: 'A tool with this name already exists',
    details: byName,
  },
  DUPLICATE_AGENT_NAME: {
    status: 409,
    kind: 'conflict',
    title: 'An agent with this name already exists',
    details: byName,
  },
  TOOL_IN_USE: {
    status: 409,
    kind: 'conflict',
    title: 'The tool is used by agents',
    details: detailsObject({
      dependent_agents: {
        type: 'array',
        description: 'The agents linked to the tool: unlink it from each first.',
        items: detailsObject({ id: uuid, name: { type: 'string' } }),
      },
    }),
  },
  UNKNOWN_TOOL: {
    status: 422,
    kind: 'input',
    title: 'Unknown tool ids',
    details: detailsObject({
      tool_ids: { type: 'array', description: 'The ids that name no tool of this tenant.', items: uuid },
    }),
  },
  /** details: {kind, requested_kind}. */
  TOOL_KIND_IMMUTABLE: {
    status: 422,
    kind: 'input',
    title: "A tool's kind cannot change",
    details: detailsObject({
      kind: { type: 'string', description: "The tool's kind." },
      requested_kind: { type: 'string', description: 'The kind the request names.' },
    }),
  },
  /** details: {id}. A PATCH whose tool kept changing while its new definition was checked; send it again. */
  TOOL_CHANGED_CONCURRENTLY: {
    status: 409,
    kind: 'conflict',
    title: 'The tool changed while this change was checked',
    details: byId,
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the catalog's codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof catalogErrors, ErrorDefinition> {}
}
