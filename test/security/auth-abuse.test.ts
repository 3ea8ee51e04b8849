// Abuse of authentication (security review, issue 13): guessing the admin token past the failure limit
// (finding 3), a suspended tenant's key growing the append-only audit log at request rate (finding 4),
// and a client-chosen X-Request-Id passed off as the server's in the audit log (finding 14b).
import { expect } from 'chai'
import { randomUUID } from 'node:crypto'
import supertest from 'supertest'
import { makeAdminService } from '../../app/admin/admin.service.js'
import { makeAuthFailureAudit } from '../../app/audit/auth-failures.js'
import { buildTestApp, createTestTenant, testConfig } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

const token = 'admin-token-for-abuse-tests-0123456789'
// Each test its own client address (behind a trusted loopback proxy), so limits never carry over.
// Failures are counted per client address across the whole suite: one of 131,072 (198.18.0.0/15), not one of
// 250, so two tests do not share an address's count (one saw 2 of its 5 failures spent by another's).
const octet = () => Math.floor(Math.random() * 256)
const freshAddress = () => `198.${18 + Math.floor(Math.random() * 2)}.${octet()}.${octet()}`
const appWith = (limit: number) =>
  buildTestApp({
    config: testConfig({ ADMIN_TOKEN: token, AUTH_FAILURE_LIMIT: String(limit), TRUST_PROXY: 'loopback' }),
  })

describe('admin token guessing', function () {
  this.timeout(30_000)

  it('refuses every admin request from an address past its failure limit, the right token too', async () => {
    const { app } = appWith(3)
    const address = freshAddress()
    const call = (bearer: string) =>
      supertest(app)
        .get('/admin/v1/tenants')
        .set('X-Forwarded-For', address)
        .set('Authorization', `Bearer ${bearer}`)
    const guesses = []
    for (let i = 0; i < 4; i++) guesses.push((await call(`guess-${i}`)).status)
    expect(guesses).to.deep.equal([401, 401, 401, 429])
    // The one answer that is not a 429 would confirm a guess: past the limit the right token gets 429 too.
    const right = await call(token)
    expect(right.status).to.equal(429)
    expect(right.body.error_code).to.equal('RATE_LIMIT_EXCEEDED')
    expect(Number(right.headers['retry-after'])).to.be.greaterThan(0)
    // Another address is not locked out.
    await supertest(app)
      .get('/admin/v1/tenants')
      .set('X-Forwarded-For', freshAddress())
      .set('Authorization', `Bearer ${token}`)
      .expect(200)
  })

  it('keeps a valid tenant key working from an address that also sends bad ones (a shared NAT)', async () => {
    const { app } = appWith(2)
    const address = freshAddress()
    const tenant = await createTestTenant('nat')
    for (let i = 0; i < 3; i++)
      await supertest(app)
        .get('/api/v1/tools')
        .set('X-Forwarded-For', address)
        .set('X-API-Key', `map_bad${i}`)
    await supertest(app)
      .get('/api/v1/tools')
      .set('X-Forwarded-For', address)
      .set('X-API-Key', tenant.apiKey)
      .expect(200)
  })
})

describe("a suspended tenant's key", function () {
  this.timeout(60_000)

  it('is limited like a failure, and its repeats become one counted event, not one event per request', async () => {
    const built = appWith(5)
    const admin = makeAdminService(testStack().adminSql)
    const created = await admin.createTenant({ name: 'abuse-test' }, `suspended-${randomUUID().slice(0, 8)}`)
    await admin.updateTenant({ name: 'abuse-test' }, created.tenant.id, { status: 'suspended' })
    const address = freshAddress()
    const statuses: Record<number, number> = {}
    for (let i = 0; i < 60; i++) {
      const res = await supertest(built.app)
        .get('/api/v1/tools')
        .set('X-Forwarded-For', address)
        .set('X-API-Key', created.apiKey)
      statuses[res.status] = (statuses[res.status] ?? 0) + 1
    }
    expect(statuses).to.deep.equal({ 403: 5, 429: 55 })
    const events = () =>
      testStack().superSql<{ action: string; details: { count: number; coalesced?: boolean } }[]>`
        select action, details from audit_events
         where tenant_id = ${created.tenant.id} and action = 'auth.suspended_tenant' order by seq`
    // The first is written at once; the other four 403s are counted until the window closes or shutdown.
    expect((await events()).map((e) => e.details.count)).to.deep.equal([1])
    await built.container.dispose()
    const written = await events()
    expect(written.map((e) => e.details.count)).to.deep.equal([1, 4])
    expect(written[1]!.details).to.deep.include({ coalesced: true, client_address: address })
  })
})

describe('request ids in the audit log', function () {
  this.timeout(30_000)

  it("records the server's own request id, and a client's X-Request-Id beside it, marked as the client's", async () => {
    const { app } = appWith(100)
    const chosen = `client-chosen-${randomUUID()}`
    const res = await supertest(app)
      .get('/api/v1/tools')
      .set('X-Forwarded-For', freshAddress())
      .set('X-Request-Id', chosen)
      .set('X-API-Key', `map_${'q'.repeat(43)}`)
    expect(res.status).to.equal(401)
    const rows = await testStack().superSql<{ request_id: string; details: Record<string, unknown> }[]>`
      select request_id, details from audit_events where details->>'client_request_id' = ${chosen}`
    expect(rows).to.have.length(1)
    expect(rows[0]!.request_id).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(rows[0]!.request_id).not.to.equal(chosen)
    const spoofed = await testStack().superSql`select 1 from audit_events where request_id = ${chosen}`
    expect(spoofed).to.have.length(0)
  })
})

describe('coalesced authentication failures', function () {
  this.timeout(30_000)
  const logger = { warn: () => undefined, error: () => undefined }
  const failure = (tenantId: string, clientAddress: string) => ({
    reason: 'tenant_suspended' as const,
    clientAddress,
    path: '/api/v1/tools',
    requestId: randomUUID(),
    tenantId,
  })
  const countsOf = async (tenantId: string) =>
    (
      await testStack().superSql<{ details: { count: number; client_address: string | null } }[]>`
        select details from audit_events where tenant_id = ${tenantId} order by seq`
    ).map(({ details }) => [details.client_address, details.count])

  it('writes the count of a window when it closes, without waiting for shutdown', async () => {
    const tenant = await createTestTenant('coalesce-window')
    let clock = Date.now()
    const audit = makeAuthFailureAudit(testStack().appSql, { windowSeconds: 1, logger, now: () => clock })
    try {
      for (let i = 0; i < 4; i++) await audit.record(failure(tenant.tenantId, '192.0.2.1'))
      expect(await countsOf(tenant.tenantId)).to.deep.equal([['192.0.2.1', 1]])
      clock += 1000
      // The sweep runs every second; wait for it (bounded), not for any particular time.
      for (let i = 0; i < 50 && (await countsOf(tenant.tenantId)).length < 2; i++)
        await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await countsOf(tenant.tenantId)).to.deep.equal([
        ['192.0.2.1', 1],
        ['192.0.2.1', 3],
      ])
      // The next failure opens a new window: written at once again.
      await audit.record(failure(tenant.tenantId, '192.0.2.1'))
      expect(await countsOf(tenant.tenantId)).to.have.length(3)
    } finally {
      await audit.close()
    }
  })

  it('bounds memory: past maxTracked kinds, failures are counted per chain only, in one summary', async () => {
    const tenant = await createTestTenant('coalesce-bound')
    const audit = makeAuthFailureAudit(testStack().appSql, { windowSeconds: 60, logger, maxTracked: 2 })
    for (let i = 1; i <= 6; i++) await audit.record(failure(tenant.tenantId, `192.0.2.${i}`))
    expect(await countsOf(tenant.tenantId)).to.deep.equal([
      ['192.0.2.1', 1],
      ['192.0.2.2', 1],
    ])
    await audit.close()
    expect(await countsOf(tenant.tenantId)).to.deep.equal([
      ['192.0.2.1', 1],
      ['192.0.2.2', 1],
      [null, 4],
    ])
  })
})
