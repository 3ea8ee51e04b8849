// A live server for the client tests: the app (responses checked against openapi.yaml after each test) on a
// port, a tenant, and a client of it.
import { createMapClient, type MapClient, type MapClientOptions } from '../../clients/typescript/src/index.js'
import { createTestTenant, type TestTenant } from '../helpers/api.js'
import { serve, type ServedApp } from '../limits/helpers.js'

export interface Live {
  app: ServedApp
  tenant: TestTenant
  client: (options?: Partial<MapClientOptions>) => MapClient
}

export async function startLive(env: Record<string, string> = {}): Promise<Live> {
  const app = await serve(env)
  const tenant = await createTestTenant('client')
  return {
    app,
    tenant,
    client: (options = {}) => createMapClient({ baseUrl: app.url, apiKey: tenant.apiKey, ...options }),
  }
}

/** A fetch that records each attempt's method, URL and status (0 for a network error). */
export function recordingFetch(): {
  fetch: (request: Request) => Promise<Response>
  attempts: { method: string; url: string; status: number; idempotencyKey: string | null }[]
} {
  const attempts: { method: string; url: string; status: number; idempotencyKey: string | null }[] = []
  return {
    attempts,
    fetch: async (request) => {
      const entry = {
        method: request.method,
        url: request.url,
        status: 0,
        idempotencyKey: request.headers.get('Idempotency-Key'),
      }
      attempts.push(entry)
      const response = await fetch(request)
      entry.status = response.status
      return response
    },
  }
}
