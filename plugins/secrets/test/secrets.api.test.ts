// Tenant secrets through the API, against the real database: write-only values, metadata listing, replace,
// delete refused while a tool refers to the secret, and isolation between tenants.
import { expect } from 'chai'
import { asValue } from 'awilix'
import { asTenant, createTestTenant, sharedTestApp, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { inTenantTransaction } from '../../../db/client.js'

type Body = Record<string, unknown>

describe('secrets API', () => {
  let tenant: TestTenant
  let other: TestTenant
  let api: ReturnType<typeof asTenant>
  let otherApi: ReturnType<typeof asTenant>

  before(async () => {
    tenant = await createTestTenant('secrets')
    other = await createTestTenant('secrets-other')
    api = asTenant(tenant)
    otherApi = asTenant(other)
  })

  const problem = (res: { status: number; body: Body }, status: number, code: string) => {
    expect(res.status, JSON.stringify(res.body)).to.equal(status)
    expect(res.body.error_code).to.equal(code)
    return res.body.details as Body
  }

  /** A tool whose stored configuration refers to secrets (the http kind will write such configs). */
  async function toolReferring(tenantOf: TestTenant, name: string, config: unknown): Promise<string> {
    const res = await asTenant(tenantOf).post('/api/v1/tools').send({ name, description: 'uses a secret' })
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    const id = (res.body as { id: string }).id
    await testStack()
      .superSql`update tools set config = ${testStack().superSql.json(config as never)} where id = ${id}`
    return id
  }

  it('creates a secret (201, Location) and answers with its name and dates only', async () => {
    const res = await api.post('/api/v1/secrets').send({ name: 'API_TOKEN', value: 'tok-123' })
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    expect(res.body).to.have.all.keys('name', 'created_at', 'updated_at', 'last_used_at')
    expect(res.body).to.include({ name: 'API_TOKEN', last_used_at: null })
    expect(res.headers.location).to.equal('/api/v1/secrets/API_TOKEN')
    expect(res.text).to.not.include('tok-123')
  })

  it('lists names and dates, never a value, newest first', async () => {
    await api.post('/api/v1/secrets').send({ name: 'SECOND', value: 'second-value' }).expect(201)
    const res = await api.get('/api/v1/secrets').expect(200)
    expect(res.body.items.map((s: Body) => s.name)).to.deep.equal(['SECOND', 'API_TOKEN'])
    for (const item of res.body.items as Body[]) {
      expect(item).to.have.all.keys('name', 'created_at', 'updated_at', 'last_used_at')
    }
    expect(res.text).to.not.include('second-value').and.not.include('tok-123')
    expect(res.body).to.include({ total: 2, has_more: false })
  })

  it('refuses a second secret with the same name (409 SECRETS_NAME_TAKEN), keeping the first value', async () => {
    const res = await api.post('/api/v1/secrets').send({ name: 'API_TOKEN', value: 'another' })
    expect(problem(res, 409, 'SECRETS_NAME_TAKEN')).to.deep.equal({ name: 'API_TOKEN' })
  })

  it('replaces a value (PUT): updated_at moves, the stored ciphertext changes, and 404 for an unknown name', async () => {
    const before = await testStack().superSql<{ ciphertext: Buffer; updated_at: Date }[]>`
      select ciphertext, updated_at from secrets where tenant_id = ${tenant.tenantId} and name = 'API_TOKEN'`
    const res = await api.put('/api/v1/secrets/API_TOKEN').send({ value: 'tok-456' }).expect(200)
    expect(res.body).to.have.all.keys('name', 'created_at', 'updated_at', 'last_used_at')
    expect(new Date(res.body.updated_at).getTime()).to.be.at.least(before[0]!.updated_at.getTime())
    const [after] = await testStack().superSql<{ ciphertext: Buffer }[]>`
      select ciphertext from secrets where tenant_id = ${tenant.tenantId} and name = 'API_TOKEN'`
    expect(after!.ciphertext.equals(before[0]!.ciphertext)).to.equal(false)
    const missing = await api.put('/api/v1/secrets/NOPE').send({ value: 'x' })
    expect(problem(missing, 404, 'SECRETS_NOT_FOUND')).to.deep.equal({ name: 'NOPE' })
  })

  it('refuses to delete a secret a tool refers to (409, dependents named), then deletes it once unreferenced', async () => {
    await api.post('/api/v1/secrets').send({ name: 'USED', value: 'used-value' }).expect(201)
    const toolId = await toolReferring(tenant, 'weather', {
      headers: { Authorization: 'Bearer {{secrets.USED}}' },
    })
    // A name that merely starts the same is not a reference to USED.
    await toolReferring(tenant, 'other-tool', { query: { key: '{{secrets.USED_NOT}}' } })
    // Another tenant's tool referring to the same name is not a dependent.
    await toolReferring(other, 'foreign', { headers: { X: '{{secrets.USED}}' } })
    const res = await api.delete('/api/v1/secrets/USED')
    expect(problem(res, 409, 'SECRETS_IN_USE')).to.deep.equal({
      name: 'USED',
      dependent_tools: [{ id: toolId, name: 'weather' }],
    })
    await testStack().superSql`update tools set config = '{}' where id = ${toolId}`
    await api.delete('/api/v1/secrets/USED').expect(204)
    problem(await api.delete('/api/v1/secrets/USED'), 404, 'SECRETS_NOT_FOUND')
  })

  it("answers 404 for another tenant's secret, and leaves it as it was", async () => {
    problem(
      await otherApi.put('/api/v1/secrets/API_TOKEN').send({ value: 'stolen' }),
      404,
      'SECRETS_NOT_FOUND',
    )
    problem(await otherApi.delete('/api/v1/secrets/API_TOKEN'), 404, 'SECRETS_NOT_FOUND')
    expect((await otherApi.get('/api/v1/secrets').expect(200)).body.items).to.deep.equal([])
    // The same name is free for the other tenant: keys are per tenant.
    await otherApi.post('/api/v1/secrets').send({ name: 'API_TOKEN', value: 'theirs' }).expect(201)
    const names = (await api.get('/api/v1/secrets').expect(200)).body.items.map((s: Body) => s.name)
    expect(names).to.include('API_TOKEN')
  })

  it("as map_app, a transaction of one tenant reads none of another tenant's rows, even by name", async () => {
    const rows = await inTenantTransaction(
      testStack().appSql,
      other.tenantId,
      (tx) => tx`select name from secrets where tenant_id = ${tenant.tenantId}`,
    )
    expect(rows).to.have.length(0)
    const all = await inTenantTransaction(
      testStack().appSql,
      other.tenantId,
      (tx) => tx`select tenant_id from secrets`,
    )
    expect(all.every((row) => row.tenant_id === other.tenantId)).to.equal(true)
    // And it cannot move a ciphertext into another tenant's rows.
    const moved = await inTenantTransaction(
      testStack().appSql,
      other.tenantId,
      (tx) =>
        tx`insert into secrets (tenant_id, name, ciphertext) values (${tenant.tenantId}, 'PLANTED', ${Buffer.alloc(40)})`,
    ).then(
      () => 'inserted',
      (error: { code?: string }) => error.code,
    )
    expect(moved).to.equal('42501')
  })

  it("does not resolve another tenant's secret: SECRETS_UNRESOLVED, and no audit event", async () => {
    const built = sharedTestApp()
    const attempt = await inTenantTransaction(testStack().appSql, other.tenantId, async (tx) => {
      const scope = built.container.createScope()
      scope.register({ tx: asValue(tx), tenantId: asValue(other.tenantId), requestId: asValue('req-x') })
      return scope.cradle.secretsResolver.resolve(['SECOND'], { toolId: null, executionId: null })
    }).catch((error: unknown) => error)
    expect((attempt as { code?: string }).code).to.equal('SECRETS_UNRESOLVED')
    expect((attempt as { details?: unknown }).details).to.deep.equal({ names: ['SECOND'] })
    const events = await testStack().superSql`
      select 1 from audit_events where action = 'secret.used' and tenant_id in (${tenant.tenantId}, ${other.tenantId})`
    expect(events).to.have.length(0)
    // Nor can the API role forge a use of a secret its tenant does not have.
    const forged = await inTenantTransaction(
      testStack().appSql,
      other.tenantId,
      (tx) => tx`select app.append_secret_use_event('SECOND', null, null, null)`,
    ).then(
      () => 'written',
      (error: { code?: string }) => error.code,
    )
    expect(forged).to.equal('42501')
  })

  it('refuses bad names, empty or unknown fields with 400', async () => {
    for (const body of [
      { name: '1STARTS_WITH_DIGIT', value: 'v' },
      { name: '-leading-dash', value: 'v' },
      { name: 'has space', value: 'v' },
      { name: 'A'.repeat(65), value: 'v' },
      { name: 'EMPTY', value: '' },
      { name: 'EXTRA', value: 'v', shown: true },
      { name: 'NO_VALUE' },
    ]) {
      problem(await api.post('/api/v1/secrets').send(body), 400, 'VALIDATION_ERROR')
    }
  })
})
