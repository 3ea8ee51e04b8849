// Headers the kernel puts on responses, declared by `npm run spec` on every response they appear on, so
// no fragment writes them and a plugin's operations get them for free:
// - X-Request-Id on every response;
// - the rate-limit fields (X-RateLimit-*, RateLimit-Policy, RateLimit) on every /api/v1 response that was
//   counted against the tenant's quota (not a 401 or a suspended tenant's 403: authentication comes first;
//   optional on a 403 an operation's own rule may answer too), and on every 429 (a spent quota, or too many
//   failed authentications from one address).
// - Idempotent-Replayed on the answers an operation with Idempotency-Key stores and replays: 2xx, and the
//   errors the operation raises itself (4xx, a 429 other than RATE_LIMIT_EXCEEDED such as a budget refusal,
//   502 and 504 from a provider), not those raised before it runs (401, 403, 413, 415, a spent quota) nor a
//   fault or an outage (500, 503), which free the key (app/kernel/idempotency.ts).
// Where they are always present they reference components.headers (required: true); on a 500 or 503,
// which can happen before the request was counted, they are declared optional.
import type { OpenApiDocument } from './spec.js'

type Json = Record<string, unknown>

export const requestIdHeader = 'X-Request-Id'
export const rateLimitHeaders = [
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'RateLimit-Policy',
  'RateLimit',
] as const

type Presence = 'required' | 'optional' | 'absent'

interface Users {
  api: boolean
  other: boolean
  /** Used by an operation that declares the Idempotency-Key parameter. */
  idempotent: boolean
}

const notReplayed = new Set(['401', '403', '413', '415', '500', '503'])
function isReplayable(status: string, response: Json): boolean {
  if (notReplayed.has(status) || !/^[245]/.test(status)) return false
  if (status !== '429') return true
  const codes = (response['x-error-codes'] as string[] | undefined) ?? []
  return codes.some((code) => code !== 'RATE_LIMIT_EXCEEDED')
}

const declaresIdempotencyKey = (operation: Json): boolean =>
  ((operation.parameters as Json[] | undefined) ?? []).some(
    (parameter) => parameter.$ref === '#/components/parameters/IdempotencyKey',
  )

/**
 * Whether a response with this status and these error codes, used by /api/v1 operations and/or others,
 * carries the rate-limit fields. A 403 is TENANT_SUSPENDED, refused before counting, unless it lists a code
 * of the operation's own (a rule refusing a counted request, such as rating one's own marketplace listing).
 */
export function rateLimitPresence(status: string, users: Users, codes: readonly string[] = []): Presence {
  if (status === '429') return 'required'
  if (status === '403' && users.api && codes.some((code) => code !== 'TENANT_SUSPENDED')) return 'optional'
  if (status === '401' || status === '403') return 'absent'
  if (status === '500' || status === '503') return users.api ? 'optional' : 'absent'
  if (!users.api) return 'absent'
  return users.other ? 'optional' : 'required'
}

const headerRef = (name: string): Json => ({ $ref: `#/components/headers/${name}` })

function declare(doc: OpenApiDocument, response: Json, status: string, users: Users): void {
  const headers = (response.headers ??= {}) as Record<string, Json>
  headers[requestIdHeader] = headerRef(requestIdHeader)
  if (users.idempotent && isReplayable(status, response))
    headers['Idempotent-Replayed'] = headerRef('Idempotent-Replayed')
  const presence = rateLimitPresence(status, users, (response['x-error-codes'] as string[] | undefined) ?? [])
  for (const name of rateLimitHeaders) {
    if (presence === 'absent') continue
    if (presence === 'required') headers[name] = headerRef(name)
    else {
      const component = doc.components.headers?.[name] as Json
      headers[name] = {
        description: `${String(component.description)} Present when the request was counted against a quota (not when the failure came first).`,
        schema: component.schema,
      }
    }
  }
}

/** Declares the kernel's headers on every response of the document, in place. */
export function declareSharedHeaders(doc: OpenApiDocument): void {
  const componentUsers = new Map<string, Users & { status: string }>()
  for (const [pathKey, item] of Object.entries(doc.paths)) {
    const api = pathKey.startsWith('/api/v1/')
    for (const operation of Object.values(item) as Json[]) {
      const responses = operation.responses as Record<string, Json> | undefined
      if (typeof responses !== 'object' || responses === null) continue
      const idempotent = declaresIdempotencyKey(operation)
      for (const [status, response] of Object.entries(responses)) {
        const ref = response.$ref
        if (typeof ref !== 'string') {
          declare(doc, response, status, { api, other: !api, idempotent })
          continue
        }
        const name = ref.replace('#/components/responses/', '')
        const users = componentUsers.get(name) ?? { api: false, other: false, idempotent: false, status }
        if (users.status !== status)
          throw new Error(`Spec: components.responses.${name} is used as ${users.status} and ${status}`)
        componentUsers.set(name, {
          status,
          api: users.api || api,
          other: users.other || !api,
          idempotent: users.idempotent || idempotent,
        })
      }
    }
  }
  for (const [name, users] of componentUsers) {
    const response = doc.components.responses?.[name] as Json | undefined
    if (response) declare(doc, response, users.status, users)
  }
}
