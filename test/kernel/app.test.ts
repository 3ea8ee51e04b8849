import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { loadSpec, specPath } from '../../app/kernel/spec.js'
import { anonymous, asTenant, createTestTenant, type TestTenant } from '../helpers/api.js'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('the app', () => {
  let tenant: TestTenant

  before(async () => {
    tenant = await createTestTenant('app')
  })

  describe('GET /health', () => {
    it('answers 200 {status: "ok"} with a generated X-Request-Id', async () => {
      const res = await anonymous().get('/health')
      expect(res.status).to.equal(200)
      expect(res.headers['content-type']).to.match(/^application\/json/)
      expect(res.body).to.deep.equal({ status: 'ok' })
      expect(res.headers['x-request-id']).to.match(uuid)
    })

    it('gives each request its own id', async () => {
      const first = await anonymous().get('/health').expect(200)
      const second = await anonymous().get('/health').expect(200)
      expect(first.headers['x-request-id']).not.to.equal(second.headers['x-request-id'])
    })

    it('needs no API key, and ignores a wrong one', async () => {
      const res = await anonymous().get('/health').set('X-API-Key', 'map_not-a-key')
      expect(res.status).to.equal(200)
    })
  })

  describe('X-Request-Id', () => {
    it('echoes a valid incoming id and uses it as the instance of a problem', async () => {
      const requestId = 'client-trace_42:abc/DEF'
      const res = await anonymous().get('/no-such-path').set('X-Request-Id', requestId)
      expect(res.status).to.equal(404)
      expect(res.headers['x-request-id']).to.equal(requestId)
      expect(res.body.instance).to.equal(`urn:request:${requestId}`)
    })

    it('keeps an id of exactly 128 visible characters', async () => {
      const requestId = 'r'.repeat(128)
      const res = await anonymous().get('/health').set('X-Request-Id', requestId).expect(200)
      expect(res.headers['x-request-id']).to.equal(requestId)
    })

    for (const [label, requestId] of [
      ['contains a space', 'two words'],
      ['is 200 characters long', 'x'.repeat(200)],
      ['is 129 characters long', 'x'.repeat(129)],
      ['contains a non-ASCII character', 'trace-é'],
    ] as const) {
      it(`replaces an incoming id that ${label} with a generated one, in the header and the instance`, async () => {
        const res = await anonymous().get('/no-such-path').set('X-Request-Id', requestId)
        expect(res.status).to.equal(404)
        expect(res.headers['x-request-id']).to.match(uuid)
        expect(res.body.instance).to.equal(`urn:request:${res.headers['x-request-id']}`)
      })
    }
  })

  describe('paths and methods the API does not have', () => {
    it('answers 404 NOT_FOUND problem+json for an unknown path', async () => {
      const res = await anonymous().get('/no-such-path')
      expect(res.status).to.equal(404)
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
      expect(res.body).to.include({
        type: 'urn:mini-agent-platform:problem:NOT_FOUND',
        status: 404,
        error_code: 'NOT_FOUND',
      })
      expect(res.body.details).to.deep.equal({})
    })

    it('answers 404 NOT_FOUND for an unknown path under /api/v1 for an authenticated tenant', async () => {
      const res = await asTenant(tenant).get('/api/v1/no-such-collection')
      expect(res.status).to.equal(404)
      expect(res.body.error_code).to.equal('NOT_FOUND')
    })

    it('answers 405 METHOD_NOT_ALLOWED with an Allow header listing the methods the path has', async () => {
      const res = await asTenant(tenant).put('/api/v1/tools').send({ name: 'x', description: 'y' })
      expect(res.status).to.equal(405)
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
      expect(res.body).to.include({ status: 405, error_code: 'METHOD_NOT_ALLOWED' })
      const allowed = String(res.headers.allow)
        .split(',')
        .map((method) => method.trim().toUpperCase())
      expect(allowed).to.include.members(['GET', 'POST'])
      expect(allowed).not.to.include('PUT')
    })

    it('answers 405 METHOD_NOT_ALLOWED with Allow for a wrong method on a public path', async () => {
      const res = await anonymous().delete('/health')
      expect(res.status).to.equal(405)
      expect(res.body.error_code).to.equal('METHOD_NOT_ALLOWED')
      expect(String(res.headers.allow).toUpperCase()).to.include('GET')
    })
  })

  describe('the published contract', () => {
    it('serves GET /openapi.yaml as YAML equal to the committed openapi.yaml', async () => {
      const res = await anonymous().get('/openapi.yaml').buffer(true)
      expect(res.status).to.equal(200)
      expect(res.headers['content-type']).to.match(/^application\/yaml/)
      const committed = readFileSync(specPath, 'utf8')
      expect(parse(res.text)).to.deep.equal(loadSpec())
      expect(res.text === committed, 'served text equals the committed file').to.equal(true)
    })

    it('serves the API docs at GET /docs/ as HTML', async () => {
      const res = await anonymous().get('/docs/')
      expect(res.status).to.equal(200)
      expect(res.headers['content-type']).to.match(/^text\/html/)
      expect(res.text).to.match(/<html/i)
      expect(res.text).to.include('swagger-ui')
    })
  })

  describe('response headers', () => {
    it('sends no X-Powered-By header', async () => {
      const health = await anonymous().get('/health').expect(200)
      expect(health.headers).not.to.have.property('x-powered-by')
      const problem = await anonymous().get('/no-such-path').expect(404)
      expect(problem.headers).not.to.have.property('x-powered-by')
    })

    it('sends no ETag on a GET of /api/v1/tools', async () => {
      const api = asTenant(tenant)
      await api.post('/api/v1/tools').send({ name: 'etag-probe', description: 'has a body' }).expect(201)
      const res = await api.get('/api/v1/tools').expect(200)
      expect(res.body.items).not.to.be.empty
      expect(res.headers).not.to.have.property('etag')
    })

    it('sends the helmet security headers', async () => {
      const res = await anonymous().get('/health').expect(200)
      expect(res.headers['x-content-type-options']).to.equal('nosniff')
    })
  })
})
