import type { Middleware } from 'openapi-fetch'

/** Sends the tenant's API key on every request. */
export const apiKeyAuth = (apiKey: string): Middleware => ({
  onRequest({ request }) {
    request.headers.set('X-API-Key', apiKey)
  },
})
