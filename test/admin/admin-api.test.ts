// The operators' API: tenants, keys, quotas, each action audited; off unless ADMIN_TOKEN is set.
import { expect } from 'chai'
import supertest from 'supertest'
import { buildTestApp, sharedTestApp, testConfig } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

const token = 'admin-token-for-tests-0123456789abcdef'

describe('admin API', function () {
  this.timeout(20_000)
  const built = () => buildTestApp({ config: testConfig({ ADMIN_TOKEN: token }) })
  let app: ReturnType<typeof built>
  before(() => {
    app = built()
  })
  const admin = () => {
    const agent = supertest(app.app)
    const withToken = (test: supertest.Test) => test.set('Authorization', `Bearer ${token}`)
    return {
      get: (url: string) => withToken(agent.get(url)),
      post: (url: string) => withToken(agent.post(url)),
      patch: (url: string) => withToken(agent.patch(url)),
      delete: (url: string) => withToken(agent.delete(url)),
    }
  }
  const asKey = (key: string) => supertest(app.app).get('/api/v1/tools').set('X-API-Key', key)
  const createTenant = async (name = `admin-made-${Math.random().toString(36).slice(2, 8)}`) =>
    (await admin().post('/admin/v1/tenants').send({ name }).expect(201)).body as {
      tenant: { id: string; name: string }
      api_key: { id: string; prefix: string }
      key: string
    }

  it('answers 404 on every admin path when ADMIN_TOKEN is not set', async () => {
    const res = await supertest(sharedTestApp().app)
      .get('/admin/v1/tenants')
      .set('Authorization', `Bearer ${token}`)
    expect(res.status).to.equal(404)
    expect(res.body.error_code).to.equal('NOT_FOUND')
  })

  it('refuses a missing or wrong bearer token with 401 INVALID_ADMIN_TOKEN, and audits it', async () => {
    for (const header of [undefined, 'Bearer wrong-token', `Basic ${token}`, `Bearer ${token}x`]) {
      const request = supertest(app.app).get('/admin/v1/tenants')
      const res = await (header ? request.set('Authorization', header) : request)
      expect(res.status, String(header)).to.equal(401)
      expect(res.body.error_code).to.equal('INVALID_ADMIN_TOKEN')
    }
    const [event] = await testStack().superSql`
      select actor, action, target from audit_events where action = 'admin.auth_failure' order by created_at desc limit 1`
    expect(event).to.deep.equal({
      actor: 'anonymous',
      action: 'admin.auth_failure',
      target: '/admin/v1/tenants',
    })
  })

  it('creates a tenant whose key works at once, and lists and gets it', async () => {
    const created = await createTenant('Acme Admin')
    expect(created.key).to.match(/^map_/)
    expect(created.api_key.prefix).to.equal(created.key.slice(0, 10))
    await asKey(created.key).expect(200)
    const got = await admin().get(`/admin/v1/tenants/${created.tenant.id}`).expect(200)
    expect(got.body).to.deep.include({ name: 'Acme Admin', status: 'active' })
    const list = await admin().get('/admin/v1/tenants?limit=100').expect(200)
    expect(list.body.items.map((t: { id: string }) => t.id)).to.include(created.tenant.id)
  })

  it('suspends a tenant (its keys get 403 TENANT_SUSPENDED) and resumes it', async () => {
    const { tenant, key } = await createTenant()
    await admin().patch(`/admin/v1/tenants/${tenant.id}`).send({ status: 'suspended' }).expect(200)
    const refused = await asKey(key)
    expect(refused.status).to.equal(403)
    expect(refused.body.error_code).to.equal('TENANT_SUSPENDED')
    await admin()
      .patch(`/admin/v1/tenants/${tenant.id}`)
      .send({ status: 'active', name: 'renamed' })
      .expect(200)
    await asKey(key).expect(200)
    const actions = await testStack().superSql<{ action: string }[]>`
      select action from audit_events where tenant_id = ${tenant.id} order by seq`
    expect(actions.map((a) => a.action)).to.deep.equal([
      'tenant.create',
      'tenant.suspend',
      'auth.suspended_tenant',
      'tenant.resume',
    ])
  })

  it("sets a tenant's quotas, which the rate limiter applies", async () => {
    const { tenant, key } = await createTenant()
    const res = await admin()
      .patch(`/admin/v1/tenants/${tenant.id}`)
      .send({ rate_limit_requests: 2 })
      .expect(200)
    expect(res.body.quotas).to.deep.include({ rate_limit_requests: 2, monthly_token_budget: null })
    const limited = buildTestApp({ config: testConfig({ RATE_LIMIT_REQUESTS: '100' }) })
    const statuses = []
    for (let i = 0; i < 3; i++)
      statuses.push((await supertest(limited.app).get('/api/v1/tools').set('X-API-Key', key)).status)
    expect(statuses).to.deep.equal([200, 200, 429])
  })

  it('creates named keys, lists them without ever showing a key, and revokes one', async () => {
    const { tenant, key: first } = await createTenant()
    const second = await admin()
      .post(`/admin/v1/tenants/${tenant.id}/keys`)
      .send({ name: 'ci', expires_at: new Date(Date.now() + 86_400_000).toISOString() })
      .expect(201)
    await asKey(second.body.key).expect(200)
    const list = await admin().get(`/admin/v1/tenants/${tenant.id}/keys`).expect(200)
    expect(list.body.items.map((k: { name: string }) => k.name).sort()).to.deep.equal(['ci', 'default'])
    expect(list.text)
      .not.to.include(first)
      .and.not.to.include(second.body.key as string)
    const used = list.body.items.find((k: { name: string }) => k.name === 'ci')
    expect(used.last_used_at).to.be.a('string')
    await admin().post(`/admin/v1/tenants/${tenant.id}/keys/${second.body.api_key.id}/revoke`).expect(200)
    expect((await asKey(second.body.key)).status).to.equal(401)
    await asKey(first).expect(200)
    const again = await admin().post(`/admin/v1/tenants/${tenant.id}/keys/${second.body.api_key.id}/revoke`)
    expect(again.status).to.equal(404)
    expect(again.body.error_code).to.equal('API_KEY_NOT_FOUND')
  })

  it('rotates a key: the new one works, the old one keeps working for the grace period, then stops', async () => {
    const { tenant, api_key: oldKey, key: old } = await createTenant()
    const rotated = await admin()
      .post(`/admin/v1/tenants/${tenant.id}/keys/${oldKey.id}/rotate`)
      .send({ grace_seconds: 2 })
      .expect(201)
    await asKey(rotated.body.key).expect(200)
    await asKey(old).expect(200)
    expect(rotated.body.previous.expires_at).to.be.a('string')
    await new Promise((resolve) => setTimeout(resolve, 2100))
    expect((await asKey(old)).status).to.equal(401)
    await asKey(rotated.body.key).expect(200)
  })

  it('deletes a tenant with everything it owns; its audit events stay', async () => {
    const { tenant, key } = await createTenant()
    await supertest(app.app)
      .post('/api/v1/tools')
      .set('X-API-Key', key)
      .send({ name: 'gone', description: 'x' })
      .expect(201)
    await admin().delete(`/admin/v1/tenants/${tenant.id}`).expect(204)
    expect((await asKey(key)).status).to.equal(401)
    expect(await testStack().superSql`select 1 from tools where tenant_id = ${tenant.id}`).to.have.length(0)
    const events = await testStack().superSql<{ action: string }[]>`
      select action from audit_events where tenant_id = ${tenant.id} order by seq`
    expect(events.map((e) => e.action)).to.deep.equal(['tenant.create', 'tenant.delete'])
    expect((await admin().get(`/admin/v1/tenants/${tenant.id}`)).body.error_code).to.equal('TENANT_NOT_FOUND')
  })
})
