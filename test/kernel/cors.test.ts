import { expect } from 'chai'
import supertest from 'supertest'
import { buildTestApp, createTestTenant, testConfig } from '../helpers/api.js'

describe('CORS', () => {
  it('sends no CORS header at all unless CORS_ORIGINS lists origins', async () => {
    const tenant = await createTestTenant()
    const res = await supertest(buildTestApp().app)
      .get('/api/v1/tools')
      .set('Origin', 'https://app.example')
      .set('X-API-Key', tenant.apiKey)
      .expect(200)
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).to.deep.equal([])
  })

  describe('with CORS_ORIGINS', () => {
    const app = () =>
      supertest(buildTestApp({ config: testConfig({ CORS_ORIGINS: 'https://app.example' }) }).app)

    it('answers the preflight of a listed origin with the headers clients need', async () => {
      const res = await app()
        .options('/api/v1/tools')
        .set('Origin', 'https://app.example')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'x-api-key, content-type, idempotency-key')
        .expect(204)
      expect(res.headers['access-control-allow-origin']).to.equal('https://app.example')
      expect(res.headers['access-control-allow-headers'])
        .to.include('X-API-Key')
        .and.include('Idempotency-Key')
    })

    it('lets a listed origin send If-Match and If-None-Match, and read the ETag', async () => {
      const preflight = await app()
        .options('/api/v1/tools/00000000-0000-4000-8000-000000000000')
        .set('Origin', 'https://app.example')
        .set('Access-Control-Request-Method', 'PATCH')
        .set('Access-Control-Request-Headers', 'x-api-key, if-match, if-none-match')
        .expect(204)
      expect(preflight.headers['access-control-allow-headers'])
        .to.include('If-Match')
        .and.include('If-None-Match')
      const tenant = await createTestTenant()
      const created = await app()
        .post('/api/v1/tools')
        .set('Origin', 'https://app.example')
        .set('X-API-Key', tenant.apiKey)
        .send({ name: 'cors', description: 'tagged' })
        .expect(201)
      expect(created.headers.etag).to.be.a('string')
      expect(created.headers['access-control-expose-headers']).to.include('ETag')
    })

    it('exposes the rate-limit and request-id headers to a listed origin, and nothing to others', async () => {
      const tenant = await createTestTenant()
      const allowed = await app()
        .get('/api/v1/tools')
        .set('Origin', 'https://app.example')
        .set('X-API-Key', tenant.apiKey)
        .expect(200)
      expect(allowed.headers['access-control-allow-origin']).to.equal('https://app.example')
      expect(allowed.headers['access-control-expose-headers'])
        .to.include('X-RateLimit-Remaining')
        .and.include('X-Request-Id')
      const other = await app()
        .get('/api/v1/tools')
        .set('Origin', 'https://evil.example')
        .set('X-API-Key', tenant.apiKey)
        .expect(200)
      expect(other.headers['access-control-allow-origin']).to.equal(undefined)
    })
  })
})
