import { expect } from 'chai'
import { asTenant, createTestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

describe('concurrent creates of one name', () => {
  it('answers exactly one 201 and 49 409 DUPLICATE_TOOL_NAME for 50 parallel creates, with no 5xx', async () => {
    const tenant = await createTestTenant()
    const api = asTenant(tenant)
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        api.post('/api/v1/tools').send({ name: 'race', description: 'same name' }),
      ),
    )
    const statuses = responses.map((res) => res.status).sort()
    expect(statuses.filter((s) => s === 201)).to.have.length(1)
    expect(statuses.filter((s) => s === 409)).to.have.length(49)
    for (const res of responses.filter((r) => r.status === 409))
      expect(res.body.error_code).to.equal('DUPLICATE_TOOL_NAME')
    const rows = await testStack()
      .superSql`select id from tools where tenant_id = ${tenant.tenantId} and name = 'race'`
    expect(rows).to.have.length(1)
  })

  it('answers exactly one 201 for 50 parallel agent creates of one name', async () => {
    const api = asTenant(await createTestTenant())
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        api.post('/api/v1/agents').send({ name: 'twin', role: 'r', description: 'd' }),
      ),
    )
    expect(responses.filter((r) => r.status === 201)).to.have.length(1)
    expect(
      responses.filter((r) => r.status === 409 && r.body.error_code === 'DUPLICATE_AGENT_NAME'),
    ).to.have.length(49)
  })
})
