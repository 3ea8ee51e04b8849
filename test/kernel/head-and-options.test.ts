// HEAD on every GET resource is answered like GET without a body; OPTIONS is answered without
// authentication, so preflights never count as failed logins (issue 16).
import { expect } from 'chai'
import supertest from 'supertest'
import { listOperations, loadSpec } from '../../app/kernel/spec.js'
import {
  anonymous,
  asTenant,
  buildTestApp,
  createTestTenant,
  sharedTestApp,
  testConfig,
} from '../helpers/api.js'

const missingId = '00000000-0000-4000-8000-000000000000'

describe('HEAD', () => {
  it('answers each sampled GET resource like GET: same status and headers, no body', async () => {
    const tenant = await createTestTenant()
    const api = asTenant(tenant)
    const tool = await api.post('/api/v1/tools').send({ name: 'head', description: 'd' }).expect(201)
    const agent = supertest(sharedTestApp().app)
    for (const path of [
      '/api/v1/tools',
      `/api/v1/tools/${String(tool.body.id)}`,
      '/api/v1/limits',
      `/api/v1/tools/${missingId}`,
      '/api/v1/history',
      '/health',
    ]) {
      const get = await agent.get(path).set('X-API-Key', tenant.apiKey)
      const head = await agent.head(path).set('X-API-Key', tenant.apiKey)
      expect(head.status, path).to.equal(get.status)
      expect(head.headers['content-type'], path).to.equal(get.headers['content-type'])
      expect(head.headers['x-ratelimit-limit'], path).to.equal(get.headers['x-ratelimit-limit'])
      expect(head.text ?? '', path).to.equal('')
      expect(head.body, path).to.deep.equal({})
    }
  })

  it('authenticates like GET: no key is 401', async () => {
    await anonymous().head('/api/v1/tools').expect(401)
  })

  it('is allowed exactly where the spec has a GET, and 405 elsewhere', async () => {
    const tenant = await createTestTenant()
    const agent = supertest(sharedTestApp().app)
    const gets = new Set(
      listOperations(loadSpec())
        .filter((op) => op.method === 'get')
        .map((op) => op.path),
    )
    expect(gets.has('/api/v1/agents/{id}/run')).to.equal(false)
    const res = await agent.head(`/api/v1/agents/${missingId}/run`).set('X-API-Key', tenant.apiKey)
    expect(res.status).to.equal(405)
  })
})

describe('OPTIONS', () => {
  it('answers 204 with Allow, without a key, on every path the API has', async () => {
    const res = await anonymous().options('/api/v1/tools').expect(204)
    expect(res.headers.allow).to.equal('GET, HEAD, POST, OPTIONS')
    const item = await anonymous().options(`/api/v1/tools/${missingId}`).expect(204)
    expect(item.headers.allow).to.equal('GET, HEAD, PUT, PATCH, DELETE, OPTIONS')
    await anonymous().options('/api/v1/nothing-here').expect(404)
  })

  it('matches a path without parameters before a templated one, as OpenAPI does', async () => {
    // /api/v1/tools/import (POST only) is not /api/v1/tools/{id}: its own methods, and 405 for the others.
    const res = await anonymous().options('/api/v1/tools/import').expect(204)
    expect(res.headers.allow).to.equal('POST, OPTIONS')
    const api = asTenant(await createTestTenant())
    for (const method of ['get', 'put', 'patch', 'delete'] as const) {
      const refused = await api[method]('/api/v1/tools/import')
      expect(refused.status, method).to.equal(405)
      expect(refused.body.error_code, method).to.equal('METHOD_NOT_ALLOWED')
    }
  })

  it('never counts a preflight as a failed login: 25 from one address are 204, and the next bad key is still 401', async () => {
    // No CORS_ORIGINS; an address may fail authentication 3 times per window.
    const app = supertest(
      buildTestApp({ config: testConfig({ AUTH_FAILURE_LIMIT: '3' }), redis: 'memory' }).app,
    )
    for (let i = 0; i < 25; i++) {
      const res = await app
        .options('/api/v1/tools')
        .set('Origin', 'https://app.example')
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'x-api-key')
      expect(res.status, `preflight ${i + 1}`).to.equal(204)
      expect(res.headers['www-authenticate']).to.equal(undefined)
      // Without CORS_ORIGINS no origin is allowed: the preflight grants nothing.
      expect(res.headers['access-control-allow-origin']).to.equal(undefined)
    }
    for (let i = 0; i < 3; i++) await app.get('/api/v1/tools').set('X-API-Key', 'wrong').expect(401)
    await app.get('/api/v1/tools').set('X-API-Key', 'wrong').expect(429)
  })
})
