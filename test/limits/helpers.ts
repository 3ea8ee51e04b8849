// Apps with real quotas for the rate-limit tests, served on a port so requests can run in parallel.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Redis } from 'ioredis'
import { buildTestApp, testConfig, type TestTenant } from '../helpers/api.js'

export interface ServedApp {
  url: string
  close(): Promise<void>
  built: ReturnType<typeof buildTestApp>
}

export async function serve(env: Record<string, string>, redis?: Redis | 'memory'): Promise<ServedApp> {
  const built = buildTestApp({ config: testConfig(env), ...(redis ? { redis } : {}) })
  const server: Server = built.app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    built,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export interface Answer {
  status: number
  headers: Headers
  body: Record<string, unknown>
}

export async function call(
  app: ServedApp,
  tenant: TestTenant,
  path = '/api/v1/tools',
  init: RequestInit = {},
): Promise<Answer> {
  const res = await fetch(`${app.url}${path}`, {
    ...init,
    headers: {
      'X-API-Key': tenant.apiKey,
      'Content-Type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const statuses = (answers: Answer[]) => answers.map((a) => a.status)
export const count = (answers: Answer[], status: number) => answers.filter((a) => a.status === status).length
