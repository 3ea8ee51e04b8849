// The headers each response carries are the ones openapi.yaml declares on it: X-Request-Id everywhere, the
// rate-limit fields wherever the request was counted and on every 429 (failed authentications too).
// The contract guard checks this on every response of every test; this samples the cases by name.
import { expect } from 'chai'
import type { Response } from 'supertest'
import { buildRoutes, checkHeaders } from '../../app/kernel/contract-guard.js'
import { rateLimitHeaders } from '../../app/kernel/shared-headers.js'
import { loadSpec } from '../../app/kernel/spec.js'
import { anonymous, asTenant, buildTestApp, createTestTenant, testConfig } from '../helpers/api.js'

const spec = loadSpec()
const routes = buildRoutes(spec)
const missingId = '00000000-0000-4000-8000-000000000000'

/** Checks one real response both ways, and returns the names of the rate-limit fields it carried. */
function headersOf(response: Response, method: string, path: string): string[] {
  const names = Object.keys(response.headers)
  expect(
    checkHeaders(spec, routes, { method, path }, response.status, names),
    `${method} ${path}`,
  ).to.deep.equal([])
  expect(response.headers['x-request-id'], `${method} ${path}`).to.be.a('string')
  return rateLimitHeaders.filter((name) => name.toLowerCase() in response.headers)
}

describe('shared response headers', function () {
  it('declares, on each sampled response, exactly the headers it sends', async () => {
    const api = asTenant(await createTestTenant())
    const created = await api.post('/api/v1/tools').send({ name: 'headers', description: 'x' }).expect(201)
    expect(headersOf(created, 'POST', '/api/v1/tools')).to.deep.equal([...rateLimitHeaders])
    const samples: [Response, string, string][] = [
      [await api.get('/api/v1/tools').expect(200), 'GET', '/api/v1/tools'],
      [await api.get(`/api/v1/tools/${missingId}`).expect(404), 'GET', `/api/v1/tools/${missingId}`],
      [await api.get('/api/v1/tools?limit=0').expect(400), 'GET', '/api/v1/tools'],
      [await api.delete(`/api/v1/tools/${String(created.body.id)}`).expect(204), 'DELETE', '/api/v1/tools/x'],
      [await api.get('/api/v1/limits').expect(200), 'GET', '/api/v1/limits'],
    ]
    for (const [response, method, path] of samples) {
      expect(headersOf(response, method, path), `${method} ${path}`).to.deep.equal([...rateLimitHeaders])
    }
    const unauthenticated = await anonymous().get('/api/v1/tools').expect(401)
    expect(headersOf(unauthenticated, 'GET', '/api/v1/tools')).to.deep.equal([])
    const health = await anonymous().get('/health').expect(200)
    expect(headersOf(health, 'GET', '/health')).to.deep.equal([])
  })

  it('sends the rate-limit fields on a 429 for failed authentications, as on any 429', async () => {
    const built = buildTestApp({ config: testConfig({ AUTH_FAILURE_LIMIT: '2' }), redis: 'memory' })
    const client = anonymous(built)
    for (let i = 0; i < 2; i++) await client.get('/api/v1/tools').set('X-API-Key', 'wrong').expect(401)
    const refused = await client.get('/api/v1/tools').set('X-API-Key', 'wrong').expect(429)
    expect(refused.body.details).to.deep.include({ quota: 'authentication failures', limit: 2 })
    expect(headersOf(refused, 'GET', '/api/v1/tools')).to.deep.equal([...rateLimitHeaders])
    const retry = String(refused.body.details.retry_after_seconds)
    expect(refused.headers).to.deep.include({
      'retry-after': retry,
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': retry,
      'ratelimit-policy': `"authentication failures";q=2;w=${String(refused.body.details.window_seconds)}`,
      ratelimit: `"authentication failures";r=0;t=${retry}`,
    })
  })
})

describe('checkHeaders', () => {
  it('flags an API header sent but not declared, and a required one declared but not sent', () => {
    const path = `/api/v1/tools/${missingId}`
    expect(
      checkHeaders(spec, routes, { method: 'GET', path }, 200, ['x-request-id', 'location']),
    ).to.include.members([
      'header location is sent but not declared',
      'header X-RateLimit-Limit is declared required but not sent',
    ])
    expect(
      checkHeaders(spec, routes, { method: 'GET', path }, 401, ['x-request-id', 'x-ratelimit-limit']),
    ).to.deep.equal(['header x-ratelimit-limit is sent but not declared'])
  })
})

describe("a 403 an operation raises itself (the marketplace's MARKETPLACE_NOT_PUBLISHER)", () => {
  const versions = '/api/v1/marketplace/listings/someone-elses/versions'
  it('may carry the rate-limit fields (it came after counting) and Idempotent-Replayed, or not', () => {
    const counted = [...rateLimitHeaders.map((name) => name.toLowerCase()), 'idempotent-replayed']
    expect(
      checkHeaders(spec, routes, { method: 'POST', path: versions }, 403, ['x-request-id', ...counted]),
    ).to.deep.equal([])
    expect(
      checkHeaders(spec, routes, { method: 'POST', path: versions }, 403, ['x-request-id']),
    ).to.deep.equal([])
    // A 403 that is only TENANT_SUSPENDED still carries neither.
    expect(
      checkHeaders(spec, routes, { method: 'GET', path: '/api/v1/tools' }, 403, [
        'x-request-id',
        'ratelimit',
      ]),
    ).to.deep.equal(['header ratelimit is sent but not declared'])
  })
})

describe('Idempotent-Replayed, as declared', () => {
  const declared = (path: string, method: string, status: number): boolean =>
    checkHeaders(spec, routes, { method, path }, status, ['x-request-id', 'idempotent-replayed']).every(
      (violation) => !violation.includes('idempotent-replayed'),
    )
  const run = `/api/v1/agents/${missingId}/run`

  it('is declared on every answer a keyed operation stores: 2xx, its own 4xx, a budget 429, 502 and 504', () => {
    for (const status of [200, 400, 404, 409, 422, 429, 502, 504])
      expect(declared(run, 'POST', status), `${status}`).to.equal(true)
    expect(declared('/api/v1/tools', 'POST', 201)).to.equal(true)
  })

  it('is not declared where nothing is replayed: a fault or outage, a refusal before the operation, an unkeyed operation', () => {
    for (const status of [401, 403, 413, 415, 500, 503])
      expect(declared(run, 'POST', status), `${status}`).to.equal(false)
    // The tools' 429 is a spent quota only: raised before the operation, never stored.
    expect(declared('/api/v1/tools', 'POST', 429)).to.equal(false)
    expect(declared('/api/v1/tools', 'GET', 200)).to.equal(false)
  })
})
