import { expect } from 'chai'
import { asTenant, createTestTenant, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

describe('Idempotency-Key on creates', () => {
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>
  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant)
  })

  const createTool = (key: string, name = 'idem-tool') =>
    api.post('/api/v1/tools').set('Idempotency-Key', key).send({ name, description: 'once' })
  const toolRows = (name = 'idem-tool') =>
    testStack().superSql`select id from tools where tenant_id = ${tenant.tenantId} and name = ${name}`

  it('creates once: a retry gets the same 201, Location and body, marked as replayed', async () => {
    const first = await createTool('create-1').expect(201)
    const retry = await createTool('create-1').expect(201)
    expect(retry.body).to.deep.equal(first.body)
    expect(retry.headers.location).to.equal(first.headers.location)
    expect(retry.headers['idempotent-replayed']).to.equal('true')
    expect(first.headers['idempotent-replayed']).to.equal(undefined)
    expect(await toolRows()).to.have.length(1)
  })

  it('answers 409 IDEMPOTENCY_KEY_REUSED when the key comes back with another body, and creates nothing', async () => {
    await createTool('create-2').expect(201)
    const res = await createTool('create-2', 'another-name')
    expect(res.status).to.equal(409)
    expect(res.body.error_code).to.equal('IDEMPOTENCY_KEY_REUSED')
    expect(await toolRows('another-name')).to.have.length(0)
  })

  it('replays a client error stored under the key', async () => {
    await api.post('/api/v1/tools').send({ name: 'taken', description: 'x' }).expect(201)
    const first = await createTool('create-3', 'taken').expect(409)
    const retry = await createTool('create-3', 'taken').expect(409)
    expect(first.body.error_code).to.equal('DUPLICATE_TOOL_NAME')
    expect(retry.body).to.deep.equal(first.body)
    expect(retry.headers['idempotent-replayed']).to.equal('true')
  })

  it('lets exactly one of 10 parallel requests with one key run; the others wait their turn or replay', async () => {
    const responses = await Promise.all(Array.from({ length: 10 }, () => createTool('parallel')))
    const ran = responses.filter((r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined)
    expect(ran).to.have.length(1)
    for (const res of responses.filter((r) => r !== ran[0])) {
      const replayed = res.status === 201 && res.headers['idempotent-replayed'] === 'true'
      const inProgress = res.status === 409 && res.body.error_code === 'IDEMPOTENCY_KEY_IN_PROGRESS'
      expect(replayed || inProgress, `${res.status} ${JSON.stringify(res.body)}`).to.equal(true)
    }
    expect(await toolRows()).to.have.length(1)
  })

  it('runs again once the stored answer has expired (24 hours)', async () => {
    await createTool('expiring', 'first-name').expect(201)
    await testStack().superSql`
      update idempotency_keys set expires_at = now() - interval '1 second'
       where tenant_id = ${tenant.tenantId} and key = 'expiring'`
    const res = await createTool('expiring', 'second-name').expect(201)
    expect(res.headers['idempotent-replayed']).to.equal(undefined)
    expect(await toolRows('second-name')).to.have.length(1)
  })

  it('takes over a claim whose lease lapsed, its owner no longer renewing it (a crashed request)', async () => {
    await testStack().ownerSql.begin(async (tx) => {
      await tx`select set_config('app.current_tenant_id', ${tenant.tenantId}, true)`
      await tx`insert into idempotency_keys (key, operation_id, request_hash, status, created_at, expires_at,
                                             owner, lease_expires_at)
               values ('stuck', 'createTool', ${Buffer.alloc(32)}, 'in_progress', now() - interval '2 minutes',
                       now() + interval '1 day', gen_random_uuid(), now() - interval '1 second')`
    })
    await createTool('stuck').expect(201)
  })

  it('keeps keys apart per tenant', async () => {
    await createTool('per-tenant').expect(201)
    const other = await createTestTenant()
    const res = await asTenant(other)
      .post('/api/v1/tools')
      .set('Idempotency-Key', 'per-tenant')
      .send({ name: 'idem-tool', description: 'once' })
      .expect(201)
    expect(res.headers['idempotent-replayed']).to.equal(undefined)
  })

  it('refuses an empty key or one with spaces with 400 VALIDATION_ERROR', async () => {
    for (const key of ['', 'has space']) {
      const res = await createTool(key)
      expect(res.status, JSON.stringify(key)).to.equal(400)
      expect(res.body.error_code).to.equal('VALIDATION_ERROR')
    }
    expect(await toolRows()).to.have.length(0)
  })
})
