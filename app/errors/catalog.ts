// The error codes the API can return, each with its HTTP status and kind. The kernel's codes are here;
// a plugin declares its own in definePlugin({ errors }) and adds them to the ErrorCodes type (see
// plugins/README.md). openapi.yaml lists the codes per response; a test keeps the two in step.

export type ErrorKind =
  | 'input'
  | 'authentication'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'upstream'
  | 'internal'
  /** The client went away first; nobody receives the answer. */
  | 'cancelled'

export interface ErrorDefinition {
  status: number
  kind: ErrorKind
  title: string
  /** JSON Schema of the problem's `details` (see app/errors/details-schemas.ts); openapi.yaml is built from it. */
  details?: DetailsSchema
}

/** A JSON Schema (OpenAPI 3.1) object; `$ref`s point into openapi.yaml's components. */
export type DetailsSchema = Readonly<Record<string, unknown>>

export const coreErrors = {
  VALIDATION_ERROR: { status: 400, kind: 'input', title: 'The request does not match the API contract' },
  MALFORMED_JSON: { status: 400, kind: 'input', title: 'The request body is not valid JSON' },
  INVALID_API_KEY: { status: 401, kind: 'authentication', title: 'Missing or invalid API key' },
  INVALID_ADMIN_TOKEN: { status: 401, kind: 'authentication', title: 'Missing or invalid admin token' },
  INVALID_METRICS_TOKEN: { status: 401, kind: 'authentication', title: 'Missing or invalid metrics token' },
  TENANT_SUSPENDED: { status: 403, kind: 'forbidden', title: 'The tenant is suspended' },
  NOT_FOUND: { status: 404, kind: 'not_found', title: 'No such resource' },
  TENANT_NOT_FOUND: { status: 404, kind: 'not_found', title: 'Tenant not found' },
  API_KEY_NOT_FOUND: { status: 404, kind: 'not_found', title: 'API key not found' },
  METHOD_NOT_ALLOWED: { status: 405, kind: 'input', title: 'Method not allowed on this resource' },
  NOT_ACCEPTABLE: { status: 406, kind: 'input', title: 'No acceptable representation' },
  CONFLICT: { status: 409, kind: 'conflict', title: 'The request conflicts with the current state' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    kind: 'conflict',
    title: 'The Idempotency-Key was used for another request',
  },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    status: 409,
    kind: 'conflict',
    title: 'The request with this Idempotency-Key is still running',
  },
  /** details: {current_etag}. An If-Match that names no current version of the resource. */
  PRECONDITION_FAILED: {
    status: 412,
    kind: 'conflict',
    title: 'The resource has changed since the version the request names',
  },
  PAYLOAD_TOO_LARGE: { status: 413, kind: 'input', title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, kind: 'input', title: 'Unsupported content type' },
  RATE_LIMIT_EXCEEDED: { status: 429, kind: 'rate_limited', title: 'Too many requests' },
  INTERNAL_ERROR: { status: 500, kind: 'internal', title: 'Internal server error' },
  SERVICE_UNAVAILABLE: { status: 503, kind: 'unavailable', title: 'A dependency is unavailable' },
  TENANT_BUSY: {
    status: 503,
    kind: 'unavailable',
    title: "The tenant's share of the database is in use; retry later",
  },
} as const satisfies Record<string, ErrorDefinition>

/** Every code, by name. Plugins augment it: `interface ErrorCodes extends Record<MyCode, ErrorDefinition> {}`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface, so plugins can merge into it
export interface ErrorCodes extends Record<keyof typeof coreErrors, ErrorDefinition> {}
export type ErrorCode = Extract<keyof ErrorCodes, string>

const registry = new Map<string, { owner: string; definition: ErrorDefinition }>(
  Object.entries(coreErrors).map(([code, definition]) => [code, { owner: 'kernel', definition }]),
)

const upperSnake = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/

/** Adds a plugin's codes; a code defined differently by two owners is a boot-time error. */
export function registerErrors(owner: string, definitions: Record<string, ErrorDefinition>): void {
  for (const [code, definition] of Object.entries(definitions)) {
    if (!upperSnake.test(code)) throw new Error(`Error code "${code}" of ${owner} is not UPPER_SNAKE`)
    const existing = registry.get(code)
    if (existing && JSON.stringify(existing.definition) !== JSON.stringify(definition)) {
      throw new Error(`Error code ${code} is defined by ${existing.owner} and, differently, by ${owner}`)
    }
    registry.set(code, existing ?? { owner, definition })
  }
}

export function errorDefinition(code: string): ErrorDefinition {
  const entry = registry.get(code)
  if (!entry) throw new Error(`Error code ${code} is not registered`)
  return entry.definition
}

/** Every registered code with its definition (kernel and loaded plugins). */
export const registeredErrors = (): Record<string, ErrorDefinition> =>
  Object.fromEntries([...registry].map(([code, { definition }]) => [code, definition]))

export const problemTypeUri = (code: string): string => `urn:mini-agent-platform:problem:${code}`
