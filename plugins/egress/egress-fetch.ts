// A fetch-compatible entry point for clients that want one (the MCP SDK's transport takes a `fetch`): the
// same policy, single resolution and pinned connection as egress.request() (egress-request.ts dispatch),
// no redirect followed (a 3xx is returned as it is), but the body streams (server-sent events) under caps:
// one deadline for the whole exchange, an idle limit between chunks, and a byte cap whose excess errors
// the stream (TOO_LARGE) rather than cutting it silently. Nothing is decompressed.
import { EgressError } from './egress-error.js'
import type { EgressPolicy } from './egress-policy.js'
import { dispatch } from './egress-request.js'
import type { Resolver } from './egress-resolver.js'

export interface EgressFetchLimits {
  /** Everything, from resolution to the last body byte (an SSE stream included). */
  timeoutMs: number
  /** The longest silence between two body chunks; default timeoutMs. */
  idleTimeoutMs?: number
  /** Body bytes before the stream errors with TOO_LARGE. */
  maxResponseBytes: number
  /** Narrows the operator's policy to these hosts. */
  allowedHosts?: readonly string[]
}

/** The subset of fetch's signature clients use: a URL (no Request object), method, headers, body, signal. */
export type EgressFetch = (input: string | URL, init: RequestInit | undefined) => Promise<Response>

/** Statuses whose Response may not have a body. */
const bodiless = new Set([101, 204, 205, 304])

export async function egressFetch(
  policy: EgressPolicy,
  resolver: Resolver,
  input: string | URL,
  init: RequestInit = {},
  limits: EgressFetchLimits,
): Promise<Response> {
  if (typeof input !== 'string' && !(input instanceof URL)) {
    throw new TypeError('egress.fetch takes a URL, not a Request')
  }
  const body = init.body
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new TypeError('egress.fetch sends a string or bytes as the body')
  }
  const { response, failure, close } = await dispatch(policy, resolver, {
    url: new URL(input),
    method: (init.method ?? 'GET').toUpperCase(),
    headers: Object.fromEntries(new Headers(init.headers).entries()),
    body: body ?? undefined,
    timeoutMs: limits.timeoutMs,
    idleTimeoutMs: limits.idleTimeoutMs,
    signal: init.signal ?? undefined,
    allowedHosts: limits.allowedHosts,
  })
  const headers = new Headers()
  for (const [name, value] of Object.entries(response.headers)) {
    for (const item of [value ?? []].flat()) headers.append(name, item)
  }
  if (bodiless.has(response.statusCode)) {
    close()
    return new Response(null, { status: response.statusCode, headers })
  }
  const chunks = response.body[Symbol.asyncIterator]() as AsyncIterator<Buffer, undefined>
  let size = 0
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next()
        if (next.done === true) {
          close()
          controller.close()
          return
        }
        const value = next.value
        size += value.length
        if (size > limits.maxResponseBytes) {
          throw new EgressError('TOO_LARGE', `the answer exceeded ${limits.maxResponseBytes} bytes`)
        }
        controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
      } catch (error) {
        close()
        controller.error(failure(error))
      }
    },
    cancel() {
      close()
    },
  })
  return new Response(stream, { status: response.statusCode, headers })
}
