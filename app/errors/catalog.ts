// Every error_code the API can return, with its HTTP status and the kind of failure it is.
// openapi.yaml lists the same codes per operation; a test keeps the two in step.

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

interface CatalogEntry {
  status: number
  kind: ErrorKind
  title: string
}

export const errorCatalog = {
  VALIDATION_ERROR: { status: 400, kind: 'input', title: 'The request does not match the API contract' },
  MALFORMED_JSON: { status: 400, kind: 'input', title: 'The request body is not valid JSON' },
  INVALID_API_KEY: { status: 401, kind: 'authentication', title: 'Missing or invalid API key' },
  NOT_FOUND: { status: 404, kind: 'not_found', title: 'No such resource' },
  TOOL_NOT_FOUND: { status: 404, kind: 'not_found', title: 'Tool not found' },
  AGENT_NOT_FOUND: { status: 404, kind: 'not_found', title: 'Agent not found' },
  METHOD_NOT_ALLOWED: { status: 405, kind: 'input', title: 'Method not allowed on this resource' },
  NOT_ACCEPTABLE: { status: 406, kind: 'input', title: 'No acceptable representation' },
  DUPLICATE_TOOL_NAME: { status: 409, kind: 'conflict', title: 'A tool with this name already exists' },
  DUPLICATE_AGENT_NAME: { status: 409, kind: 'conflict', title: 'An agent with this name already exists' },
  TOOL_IN_USE: { status: 409, kind: 'conflict', title: 'The tool is used by agents' },
  CONFLICT: { status: 409, kind: 'conflict', title: 'The request conflicts with the current state' },
  PAYLOAD_TOO_LARGE: { status: 413, kind: 'input', title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, kind: 'input', title: 'Unsupported content type' },
  UNKNOWN_TOOL: { status: 422, kind: 'input', title: 'Unknown tool ids' },
  INTERNAL_ERROR: { status: 500, kind: 'internal', title: 'Internal server error' },
  SERVICE_UNAVAILABLE: { status: 503, kind: 'unavailable', title: 'A dependency is unavailable' },
} as const satisfies Record<string, CatalogEntry>

export type ErrorCode = keyof typeof errorCatalog

export const problemTypeUri = (code: ErrorCode): string => `urn:mini-agent-platform:problem:${code}`
