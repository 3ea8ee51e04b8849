// The audit log: what gets written, who may read it, that nobody but the owner can change it, and that a
// change is detected (hash chains per tenant).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect } from 'chai'
import supertest from 'supertest'
import { appendApiAuditEvent } from '../../app/audit/audit.repo.js'
import { makeAdminService } from '../../app/admin/admin.service.js'
import { inTenantTransaction } from '../../db/client.js'
import { asTenant, buildTestApp, createTestTenant, sharedTestApp } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

const run = promisify(execFile)
const admin = () => makeAdminService(testStack().adminSql)
const actor = { name: 'test-operator' }

describe('audit log', function () {
  this.timeout(30_000)

  it('shows a tenant its own events at GET /api/v1/audit-events, and nothing of other tenants', async () => {
    const mine = await admin().createTenant(actor, 'audited-mine')
    const theirs = await admin().createTenant(actor, 'audited-theirs')
    await admin().createKey(actor, theirs.tenant.id, 'extra', null)
    await admin().updateTenant(actor, mine.tenant.id, { name: 'audited-renamed' })
    const res = await supertest(sharedTestApp().app)
      .get('/api/v1/audit-events')
      .set('X-API-Key', mine.apiKey)
      .expect(200)
    expect(res.body.items.map((e: { action: string }) => e.action)).to.deep.equal([
      'tenant.update',
      'tenant.create',
    ])
    expect(res.body.items.every((e: { tenant_id: string }) => e.tenant_id === mine.tenant.id)).to.equal(true)
    expect(res.body.items[0]).to.deep.include({ actor: 'test-operator', target: mine.tenant.id, seq: 2 })
    expect(JSON.stringify(res.body)).not.to.include(theirs.tenant.id)
  })

  it('records failed authentications without any key material, in the chain of no tenant', async () => {
    const guess = `map_${'g'.repeat(43)}`
    // A fresh app: the shared one may have coalesced an identical failure of an earlier test (same address).
    const res = await supertest(buildTestApp().app).get('/api/v1/tools').set('X-API-Key', guess)
    expect(res.status).to.equal(401)
    const [event] = await testStack().superSql`
      select tenant_id, actor, action, target, details, request_id from audit_events
       where request_id = ${res.headers['x-request-id'] as string}`
    expect(event).to.deep.include({
      tenant_id: null,
      actor: 'anonymous',
      action: 'auth.failure',
      target: '/api/v1/tools',
    })
    expect(event!.details).to.deep.include({ reason: 'invalid_key' })
    expect(JSON.stringify(event)).not.to.include('gggg')
  })

  it('is append-only for the app role: no insert, update or delete, and appends only to its own tenant', async () => {
    const tenant = await createTestTenant()
    const { appSql } = testStack()
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'ok',
        (e: { code: string }) => e.code,
      )
    await inTenantTransaction(appSql, tenant.tenantId, (tx) =>
      appendApiAuditEvent(tx, {
        action: 'auth.suspended_tenant',
        target: '/append-only-test',
        details: { reason: 'tenant_suspended', client_address: '127.0.0.1', count: 1 },
      }),
    )
    for (const statement of [
      appSql`update audit_events set actor = 'forged'`,
      appSql`delete from audit_events`,
      appSql`insert into audit_events (seq, actor, action, created_at, hash) values (1, 'x', 'y', now(), ${Buffer.alloc(32)})`,
    ]) {
      expect(await code(statement)).to.equal('42501')
    }
    const [event] = await testStack()
      .superSql`select tenant_id from audit_events where target = '/append-only-test'
                                               order by created_at desc limit 1`
    expect(event!.tenant_id).to.equal(tenant.tenantId)
  })

  it('detects a changed or deleted event, names the first break of the chain, and npm run admin -- audit verify fails', async () => {
    const created = await admin().createTenant(actor, 'tamper-target')
    for (let i = 0; i < 3; i++) await admin().updateTenant(actor, created.tenant.id, { name: `tamper-${i}` })
    const chainOf = async () =>
      (await admin().verifyAudit()).breaks.filter((b) => b.tenant_id === created.tenant.id)
    expect(await chainOf()).to.deep.equal([])

    await testStack().superSql`
      update audit_events set details = '{"name": "forged"}' where tenant_id = ${created.tenant.id} and seq = 3`
    const [changed] = await chainOf()
    expect(changed).to.deep.include({ seq: 3, reason: 'hash_mismatch' })

    const env = {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: testStack().database.appUrl,
      DATABASE_ADMIN_URL: testStack().database.adminUrl,
      LOG_LEVEL: 'silent',
    }
    const failure = await run(process.execPath, ['--import', 'tsx', 'app/cli/admin.ts', 'audit', 'verify'], {
      env,
    }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    )
    expect(failure?.code).to.equal(1)
    expect(failure?.stdout).to.include(`BROKEN chain ${created.tenant.id} at seq 3`)

    await testStack().superSql`delete from audit_events where tenant_id = ${created.tenant.id} and seq = 2`
    const [removed] = await chainOf()
    expect(removed).to.deep.include({ seq: 3 })
    expect(['gap', 'broken_link']).to.include(removed!.reason)
  })

  it("shows operators every tenant's events at GET /admin/v1/audit-events", async () => {
    const a = await admin().createTenant(actor, 'ops-view-a')
    const page = await admin().listAuditEvents(100, 0, a.tenant.id)
    expect(page.items.map((e) => e.action)).to.deep.equal(['tenant.create'])
    const all = await admin().listAuditEvents(100, 0)
    expect(all.total).to.be.greaterThan(page.total)
  })
})

describe('audit log via the API as a tenant', () => {
  it('pages with limit and offset like every list', async () => {
    const tenant = await createTestTenant()
    const res = await asTenant(tenant).get('/api/v1/audit-events?limit=5').expect(200)
    expect(res.body).to.include({ limit: 5, offset: 0 })
    expect(res.body.items).to.be.an('array')
  })
})
