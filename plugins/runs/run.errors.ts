// Error codes of running an agent. openapi.yaml lists them in the x-error-codes of the runAgent responses.
import { detailsObject, type ErrorDefinition } from '../../app/plugin-kit.js'

/** The execution recorded for the failed run, and the provider that failed. */
const providerFailure = detailsObject(
  {
    execution_id: { $ref: '#/components/schemas/Uuid' },
    provider: { type: 'string' },
    upstream_status: { type: 'integer', description: "The provider's HTTP status, when it answered one." },
  },
  ['upstream_status'],
)

export const runErrors = {
  INVALID_MODEL: {
    status: 400,
    kind: 'input',
    title: 'Unknown model',
    details: detailsObject({
      provided_model: { type: 'string' },
      allowed_models: { type: 'array', items: { type: 'string' } },
    }),
  },
  BUDGET_EXCEEDED: {
    status: 429,
    kind: 'rate_limited',
    title: "The run would cross the tenant's monthly budget",
    details: detailsObject(
      {
        budget_kind: { type: 'string', enum: ['tokens', 'cost_usd'] },
        budget: { type: 'number', description: 'The monthly budget of that kind.' },
        used: { type: 'number', description: 'Used or reserved this month.' },
        requested: { type: 'number', description: "The run's worst case." },
        period_end: { $ref: '#/components/schemas/Timestamp' },
        retry_after_seconds: {
          type: 'integer',
          minimum: 1,
          description: 'Until the next month (Retry-After).',
        },
        execution_id: {
          $ref: '#/components/schemas/Uuid',
          description: 'When a later step of a started run was refused: the run, now failed.',
        },
      },
      ['execution_id'],
    ),
  },
  PROVIDER_ERROR: {
    status: 502,
    kind: 'upstream',
    title: 'The model provider failed',
    details: providerFailure,
  },
  PROVIDER_TIMEOUT: {
    status: 504,
    kind: 'upstream',
    title: 'The model provider did not answer in time',
    details: providerFailure,
  },
  INVALID_EXECUTION_STATE: {
    status: 409,
    kind: 'conflict',
    title: 'The execution is not in a state that allows this',
    details: detailsObject({
      execution_id: { $ref: '#/components/schemas/Uuid' },
      status: {
        type: 'string',
        enum: [
          'queued',
          'running',
          'requires_action',
          'completed',
          'failed',
          'incomplete',
          'cancelled',
          'expired',
        ],
        description: 'The status it is in (for tool outputs: not requires_action; for cancel: a final one).',
      },
    }),
  },
  INVALID_TOOL_OUTPUTS: {
    status: 422,
    kind: 'input',
    title: 'The tool outputs do not answer exactly the calls the execution waits for',
    details: detailsObject({
      missing_tool_call_ids: {
        type: 'array',
        items: { type: 'string' },
        description: 'Calls the execution waits for that no output answers.',
      },
      unknown_tool_call_ids: {
        type: 'array',
        items: { type: 'string' },
        description: 'Outputs for calls the execution does not wait for (or a second output for one call).',
      },
    }),
  },
  // Never an HTTP answer (the client is gone, or asked for it): the error recorded on a cancelled execution.
  RUN_CANCELLED: {
    status: 499,
    kind: 'cancelled',
    title: 'The run was cancelled before it finished',
    details: providerFailure,
  },
  // Never an HTTP answer: the error recorded on a background run none of whose workers finished it.
  WORKER_LOST: {
    status: 500,
    kind: 'internal',
    title: 'Every worker that took the run up was lost',
    details: detailsObject({
      execution_id: { $ref: '#/components/schemas/Uuid' },
      attempts: {
        type: 'integer',
        minimum: 1,
        description: 'How many attempts were made (RUN_MAX_ATTEMPTS).',
      },
    }),
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the run codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof runErrors, ErrorDefinition> {}
}
