// Channels row-level security does not close by itself, checked where the platform closes them.
import { expect } from 'chai'
import { inTenantTransaction } from '../../db/client.js'
import { asTenant, createTestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

describe('side channels around row-level security', () => {
  it("hides the planner statistics (pg_stats) of tenant tables from the app role, so values of other tenants' rows do not show", async () => {
    const tenant = await createTestTenant()
    await asTenant(tenant)
      .post('/api/v1/tools')
      .send({ name: 'statistically-visible', description: 'x' })
      .expect(201)
    await testStack().superSql`analyze tools`
    const asSuperuser = await testStack().superSql`select 1 from pg_stats where tablename = 'tools'`
    expect(asSuperuser.length).to.be.greaterThan(0)
    const asApp = await inTenantTransaction(
      testStack().appSql,
      tenant.tenantId,
      (tx) =>
        tx`select attname from pg_stats where tablename in ('tools', 'agents', 'execution_logs', 'api_keys')`,
    )
    expect(asApp).to.deep.equal([])
    const error = await testStack().appSql`select count(*) from pg_statistic`.then(
      () => undefined,
      (e: { code: string }) => e.code,
    )
    expect(error).to.equal('42501')
  })

  it("answers another tenant's tool exactly like a missing one, apart from the request id and the id itself", async () => {
    const owner = asTenant(await createTestTenant())
    const other = asTenant(await createTestTenant())
    const tool = await owner.post('/api/v1/tools').send({ name: 'private', description: 'x' }).expect(201)
    const missing = '00000000-0000-4000-8000-000000000000'
    const [foreign, absent] = [
      await other.get(`/api/v1/tools/${tool.body.id}`),
      await other.get(`/api/v1/tools/${missing}`),
    ]
    const strip = (body: Record<string, unknown>, id: string) =>
      JSON.parse(JSON.stringify({ ...body, instance: '' }).replaceAll(id, 'ID')) as unknown
    expect(strip(foreign.body, tool.body.id as string)).to.deep.equal(strip(absent.body, missing))
    expect(foreign.status).to.equal(absent.status)
  })
})
