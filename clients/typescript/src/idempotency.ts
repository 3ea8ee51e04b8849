import type { Middleware } from 'openapi-fetch'

/**
 * Gives every request to an operation that accepts an `Idempotency-Key` (listed as "METHOD /path") a fresh
 * one unless the caller set its own, so the retries of the transport (retry.ts) cannot run it twice.
 */
export function idempotencyKeys(
  operations: readonly string[],
  newKey: () => string = () => globalThis.crypto.randomUUID(),
): Middleware {
  const accepting = new Set(operations)
  return {
    onRequest({ request, schemaPath }) {
      if (!accepting.has(`${request.method} ${schemaPath}`) || request.headers.has('Idempotency-Key')) return
      request.headers.set('Idempotency-Key', newKey())
    },
  }
}
