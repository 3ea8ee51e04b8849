// Dredd's hooks (its built-in Node.js hooks, loaded by test/contract/dredd.test.ts): credentials on every
// request, and each operation's path, body and headers pointed at the fixtures the test made, so every
// transaction Dredd runs is a real success. The test hands the plan over in configuration.custom.plan.
import type { DreddPlan } from './dredd-plan.js'

interface DreddTransaction {
  name: string
  fullPath: string
  skip: boolean
  request: { method: string; uri: string; headers: Record<string, string>; body: string }
  expected: { statusCode: string | number; headers?: Record<string, string>; body?: string }
  real?: { headers: Record<string, string> }
  origin: { resourceName: string }
}

interface DreddHooks {
  configuration: { custom: { plan: DreddPlan } }
  beforeEach(hook: (transaction: DreddTransaction) => void): void
  beforeEachValidation(hook: (transaction: DreddTransaction) => void): void
}

/**
 * Why a transaction is not run, or undefined. Dredd 14 makes one transaction per documented response of an
 * OpenAPI 3 operation (it skips non-2xx ones only for OpenAPI 2), but it sends the same valid request for
 * each, which the server answers with a success; the error responses are checked against openapi.yaml by
 * the contract guard in every other test instead (test/harness/global.ts).
 */
function skipReason(status: number): string | undefined {
  if (status >= 200 && status < 300) return undefined
  if (status === 304) return undefined
  return `error response ${status}: a valid request cannot provoke it (the contract guard checks these)`
}

// proxyquire (Dredd's hook loader) injects the hooks object as the module 'hooks'; there is no package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hooks = require('hooks') as DreddHooks
const plan = hooks.configuration.custom.plan

const credentials = (path: string): Record<string, string> =>
  path.startsWith('/admin/')
    ? { Authorization: `Bearer ${plan.adminToken}` }
    : path === '/metrics'
      ? { Authorization: `Bearer ${plan.metricsToken}` }
      : path.startsWith('/api/')
        ? { 'X-API-Key': plan.apiKey }
        : {}

hooks.beforeEach((transaction) => {
  const status = Number(transaction.expected.statusCode)
  if (skipReason(status) !== undefined) {
    transaction.skip = true
    return
  }
  const operation = `${transaction.request.method} ${transaction.origin.resourceName}`
  const mediaType = transaction.expected.headers?.['Content-Type']?.split(';')[0] ?? ''
  const call = { ...plan.calls[operation], ...plan.calls[`${operation} ${status} ${mediaType}`.trim()] }
  if (call.path !== undefined) {
    transaction.fullPath = call.path
    transaction.request.uri = call.path
  }
  if (call.body !== undefined) transaction.request.body = JSON.stringify(call.body)
  const headers = transaction.request.headers
  // Optional header parameters Dredd fills with an empty value: a fresh Idempotency-Key each time, and
  // If-Match: * (any current version; a fixed ETag would be stale after the previous write).
  if ('Idempotency-Key' in headers) headers['Idempotency-Key'] = crypto.randomUUID()
  if ('If-Match' in headers) headers['If-Match'] = '*'
  if (headers['If-None-Match'] === '') delete headers['If-None-Match']
  Object.assign(headers, credentials(transaction.origin.resourceName), call.headers)
  // Only "a JSON object" then (Dredd infers a schema from the expected body).
  const unchecked = [`${operation} ${status}`, `${operation} ${status} ${mediaType}`.trim()]
  if (unchecked.some((key) => plan.bodyNotChecked[key] !== undefined)) transaction.expected.body = '{}'
  // Dredd expects every header a response declares; the contract makes some optional.
  for (const name of plan.optionalHeaders[`${operation} ${status}`] ?? [])
    delete transaction.expected.headers?.[name]
})

// Dredd compares Content-Type as a string: `application/json; charset=utf-8` is the media type the
// contract names, with a parameter. Compare the media types; a different one still fails.
const mediaTypeOf = (value: string | undefined): string | undefined =>
  value?.split(';')[0]?.trim().toLowerCase()
hooks.beforeEachValidation((transaction) => {
  const expected = transaction.expected.headers
  const real = transaction.real?.headers['content-type']
  if (expected?.['Content-Type'] !== undefined && mediaTypeOf(expected['Content-Type']) === mediaTypeOf(real))
    expected['Content-Type'] = real!
})
