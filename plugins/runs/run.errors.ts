// Error codes of running an agent. openapi.yaml lists them in the x-error-codes of the runAgent responses.
import type { ErrorDefinition } from '../../app/plugin-kit.js'

export const runErrors = {
  INVALID_MODEL: { status: 400, kind: 'input', title: 'Unknown model' },
  BUDGET_EXCEEDED: {
    status: 429,
    kind: 'rate_limited',
    title: "The run would cross the tenant's monthly budget",
  },
  PROVIDER_ERROR: { status: 502, kind: 'upstream', title: 'The model provider failed' },
  PROVIDER_TIMEOUT: { status: 504, kind: 'upstream', title: 'The model provider did not answer in time' },
  /** details: {execution_id, status}: the run is not waiting for tool outputs (answered, expired, finished). */
  INVALID_EXECUTION_STATE: {
    status: 409,
    kind: 'conflict',
    title: 'The execution is not in a state that allows this',
  },
  /** details: {missing_tool_call_ids, unknown_tool_call_ids}. */
  INVALID_TOOL_OUTPUTS: {
    status: 422,
    kind: 'input',
    title: 'The tool outputs do not answer exactly the calls the execution waits for',
  },
  // Never an HTTP answer (the client is gone): the error recorded on a cancelled execution.
  RUN_CANCELLED: { status: 499, kind: 'cancelled', title: 'The client disconnected before the run finished' },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the run codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof runErrors, ErrorDefinition> {}
}
