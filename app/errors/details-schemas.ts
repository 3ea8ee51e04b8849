// The shape of `details` for each of the kernel's error codes, as JSON Schema. `npm run spec` turns each
// code into a schema `Problem_<CODE>` (error_code a const, details this schema) and each error response
// into a oneOf of its x-error-codes discriminated by error_code, so a generated client narrows `details`
// by `switch (problem.error_code)`. Plugins declare the same next to their codes (ErrorDefinition.details).
import type { coreErrors, DetailsSchema } from './catalog.js'

/** An object with exactly these members, all present unless listed in `optional`. */
export const detailsObject = (
  properties: Record<string, DetailsSchema>,
  optional: readonly string[] = [],
): DetailsSchema => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
  properties,
})

/** `details` is always `{}` for this code. */
export const noDetails: DetailsSchema = detailsObject({})

const uuid: DetailsSchema = { $ref: '#/components/schemas/Uuid' }
const positiveSeconds: DetailsSchema = { type: 'integer', minimum: 1 }

/** VALIDATION_ERROR and MALFORMED_JSON: one entry per failing field (none for malformed JSON). */
const fieldErrors: DetailsSchema = detailsObject({
  errors: {
    type: 'array',
    description: 'One entry per failing field; empty for malformed JSON or a value the database refused.',
    items: detailsObject({
      path: { type: 'string', description: 'Where the value is, e.g. /body/name or /query/limit.' },
      message: { type: 'string' },
    }),
  },
})

export const coreErrorDetails = {
  VALIDATION_ERROR: fieldErrors,
  MALFORMED_JSON: fieldErrors,
  INVALID_API_KEY: noDetails,
  INVALID_ADMIN_TOKEN: noDetails,
  INVALID_METRICS_TOKEN: noDetails,
  TENANT_SUSPENDED: noDetails,
  NOT_FOUND: noDetails,
  TENANT_NOT_FOUND: detailsObject({ id: uuid }),
  API_KEY_NOT_FOUND: detailsObject({ id: uuid }),
  METHOD_NOT_ALLOWED: noDetails,
  NOT_ACCEPTABLE: detailsObject({
    acceptable: {
      type: 'array',
      description: 'The media types this operation can answer with.',
      items: { type: 'string' },
    },
  }),
  CONFLICT: noDetails,
  IDEMPOTENCY_KEY_REUSED: detailsObject({ key: { type: 'string', description: 'The Idempotency-Key.' } }),
  IDEMPOTENCY_KEY_IN_PROGRESS: detailsObject({
    key: { type: 'string', description: 'The Idempotency-Key.' },
  }),
  PRECONDITION_FAILED: detailsObject({
    current_etag: {
      type: 'string',
      description: "The resource's current ETag: GET it again, reapply the change, send it with this tag.",
    },
  }),
  PAYLOAD_TOO_LARGE: detailsObject({
    limit_bytes: { type: 'integer', minimum: 1, description: 'The largest body accepted, in bytes.' },
  }),
  UNSUPPORTED_MEDIA_TYPE: noDetails,
  RATE_LIMIT_EXCEEDED: detailsObject({
    quota: {
      type: 'string',
      enum: ['requests', 'runs', 'authentication failures'],
      description:
        "The spent quota: the tenant's requests or runs, or this client address's failed authentications.",
    },
    limit: { type: 'integer', minimum: 0, description: 'Requests the quota allows per window.' },
    window_seconds: positiveSeconds,
    retry_after_seconds: { ...positiveSeconds, description: 'As the Retry-After header.' },
  }),
  INTERNAL_ERROR: noDetails,
  SERVICE_UNAVAILABLE: detailsObject(
    {
      reason: {
        type: 'string',
        enum: [
          'database_unavailable',
          'database_busy',
          'statement_timeout',
          'query_cancelled',
          'rate_limiter_unavailable',
          'authentication_unavailable',
          'sandbox_unavailable',
          'not_ready',
        ],
      },
      checks: {
        $ref: '#/components/schemas/ReadinessChecks',
        description: 'With reason not_ready (GET /ready): which dependency is down.',
      },
    },
    ['checks'],
  ),
  TENANT_BUSY: detailsObject({
    reason: { type: 'string', enum: ['queue_full', 'queue_timeout'] },
    concurrency: {
      type: 'integer',
      minimum: 1,
      description: "How many of the tenant's database operations run at once in this process.",
    },
    retry_after_seconds: { ...positiveSeconds, description: 'As the Retry-After header.' },
  }),
} satisfies Record<keyof typeof coreErrors, DetailsSchema>
