// The mcp plugin's codes. EGRESS_DENIED is the http-tools plugin's code, defined identically here (the kernel
// accepts a code two plugins define the same way), so a refused server URL reads like a refused http tool.
import { detailsObject, type DetailsSchema, type ErrorDefinition } from '../../app/plugin-kit.js'
import { egressDeniedProblem } from '../egress/egress.js'

const uuid: DetailsSchema = { $ref: '#/components/schemas/Uuid' }
const named = detailsObject({ id: uuid, name: { type: 'string' } })

export const mcpErrors = {
  MCP_SERVER_NOT_FOUND: {
    status: 404,
    kind: 'not_found',
    title: 'MCP server not found',
    details: detailsObject({ id: uuid }),
  },
  MCP_SERVER_NAME_TAKEN: {
    status: 409,
    kind: 'conflict',
    title: 'An MCP server with this name already exists',
    details: detailsObject({ name: { type: 'string', description: 'The name asked for.' } }),
  },
  /** details: {errors: [{pointer, message}]}: a header name, value or secret reference that is not accepted. */
  MCP_INVALID_SERVER_CONFIG: {
    status: 422,
    kind: 'input',
    title: "The MCP server's URL or headers are invalid",
    details: detailsObject({
      errors: {
        type: 'array',
        items: detailsObject({
          pointer: { type: 'string', description: 'A JSON pointer into the request body.' },
          message: { type: 'string' },
        }),
      },
    }),
  },
  /** details: {reason, message}: connecting, initialising or listing the server's tools failed. */
  MCP_SERVER_UNREACHABLE: {
    status: 502,
    kind: 'upstream',
    title: 'The MCP server could not be reached or did not list its tools',
    details: detailsObject({
      reason: {
        type: 'string',
        description:
          'TIMEOUT, CONNECTION_FAILED, TOO_LARGE (an answer over the byte cap), HTTP_ERROR (the server ' +
          'answered an HTTP error), PROTOCOL_ERROR (not MCP, or a JSON-RPC error), SECRETS_UNRESOLVED or ' +
          'SECRETS_KEY_UNAVAILABLE (a header refers to a secret that cannot be used).',
      },
      message: { type: 'string', description: 'What failed; never a secret value.' },
    }),
  },
  /** details: {tools: [{name, remote_names}]}: two of the server's tools sanitise to one platform name. */
  MCP_TOOL_NAME_COLLISION: {
    status: 409,
    kind: 'conflict',
    title: "Two of the server's tools would get the same name",
    details: detailsObject({
      tools: {
        type: 'array',
        items: detailsObject({
          name: { type: 'string', description: 'The platform name both would get.' },
          remote_names: { type: 'array', items: { type: 'string' } },
        }),
      },
    }),
  },
  /** details: {dependent_agents, tools}: agents use tools of the server (delete), or tools it dropped (refresh). */
  MCP_SERVER_IN_USE: {
    status: 409,
    kind: 'conflict',
    title: "Agents use the server's tools",
    details: detailsObject({
      dependent_agents: {
        type: 'array',
        description: 'The agents linked to those tools: unlink them first.',
        items: named,
      },
      tools: { type: 'array', description: 'The tools the agents use.', items: named },
    }),
  },
  EGRESS_DENIED: egressDeniedProblem,
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof mcpErrors, ErrorDefinition> {}
}
