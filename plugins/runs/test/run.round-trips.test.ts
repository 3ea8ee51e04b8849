// A JSON run under no budget writes to PostgreSQL three times. Its first transaction (the agent's tools, and
// the row, whose snapshot of the agent is the catalog's card read in the row's own statement) leaves with
// BEGIN and COMMIT in one write; its last sends the model step and the row's update (with what the tenant
// wants of the event subscribers), then the events and the settlement with the COMMIT. A step between two
// model calls (a tool's results, the update) is two writes.
import { expect } from 'chai'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  type asTenant as AsTenant,
} from '../../../test/helpers/api.js'
import { countedTenant, type CountedTenant } from '../../../test/helpers/pg-round-trips.js'
import { testStack } from '../../../test/harness/stack.js'

describe('a JSON run: its writes to PostgreSQL', () => {
  let counted: CountedTenant
  let api: ReturnType<typeof AsTenant>
  let agentId: string

  before(async () => {
    counted = await countedTenant('run-writes')
    api = counted.api
    // One after the other: the counted pool has one connection, which a tenant's second request may not wait
    // for (503 TENANT_BUSY).
    const tools: string[] = []
    for (const name of ['zeta', 'alpha']) {
      const tool = await api
        .post('/api/v1/tools')
        .send({ name, description: `The ${name} tool` })
        .expect(201)
      tools.push((tool.body as { id: string }).id)
    }
    const agent = await api
      .post('/api/v1/agents')
      .send({ name: 'runner', role: 'answers', description: 'Runs for the count', tool_ids: tools })
      .expect(201)
    agentId = (agent.body as { id: string }).id
  })
  after(() => counted.close())

  const run = (id: string) => api.post(`/api/v1/agents/${id}/run`).send({ prompt: 'hello', model: 'gpt-4o' })
  const historyTotal = async () =>
    ((await api.get('/api/v1/history?limit=1').expect(200)).body as { total: number }).total

  it('runs in three writes, and records the agent as GET /agents/{id} shows it', async () => {
    let last: { id: string; agent: unknown; status: string } | undefined
    const writes = await counted.writesOf(async () => {
      last = (await run(agentId).expect(200)).body as typeof last
    })
    expect(writes).to.equal(3)
    expect(last!.status).to.equal('completed')
    const agent = (await api.get(`/api/v1/agents/${agentId}`).expect(200)).body as Record<string, unknown>
    const { id, name, role, description, tools } = agent
    expect(last!.agent).to.deep.equal({ id, name, role, description, tools })
    expect((tools as { name: string }[]).map((tool) => tool.name)).to.deep.equal(['alpha', 'zeta'])
    const stored = await api.get(`/api/v1/history/${last!.id}`).expect(200)
    expect((stored.body as { agent: unknown }).agent).to.deep.equal(last!.agent)
  })

  it('runs a step that called a builtin tool in two writes: its results go out with the update', async () => {
    const calculator = await api
      .post('/api/v1/tools')
      .send({ name: 'calculator', description: 'Evaluates', kind: 'builtin', builtin: 'calculator' })
      .expect(201)
    const agent = await api
      .post('/api/v1/agents')
      .send({
        name: 'counter',
        role: 'r',
        description: 'd',
        tool_ids: [(calculator.body as { id: string }).id],
      })
      .expect(201)
    let last: { status: string; steps_count: number; response: string } | undefined
    const writes = await counted.writesOf(async () => {
      const res = await api
        .post(`/api/v1/agents/${(agent.body as { id: string }).id}/run`)
        .send({ prompt: 'use calculator with {"expression": "(17 + 25) * 3"}', model: 'gpt-4o' })
        .expect(200)
      last = res.body as typeof last
    })
    // The first transaction 1, the model step that asks for the tool 2, the step with its result 2 (3
    // before), the last 2.
    expect(writes).to.equal(7)
    expect(last).to.include({ status: 'completed', steps_count: 3 })
    expect(last!.response).to.include('126')
  })

  it('answers 404 AGENT_NOT_FOUND for an agent the tenant does not have, and records nothing', async () => {
    const before = await historyTotal()
    const missing = '00000000-0000-4000-8000-000000000000'
    const res = await run(missing).expect(404)
    expect(res.body).to.deep.include({ error_code: 'AGENT_NOT_FOUND' })
    expect((res.body as { details: unknown }).details).to.deep.equal({ id: missing })
    expect(await historyTotal()).to.equal(before)
    // The transaction that found no agent is over: the next run goes as usual.
    await run(agentId).expect(200)
    expect(await historyTotal()).to.equal(before + 1)
  })

  it("treats another tenant's agent as unknown: its card is not read, nothing is recorded for either", async () => {
    const other = asTenant(await createTestTenant('run-writes-other'), buildTestApp())
    const theirs = (
      await other.post('/api/v1/agents').send({ name: 'theirs', role: 'r', description: 'd' }).expect(201)
    ).body as { id: string }
    const before = await historyTotal()
    const res = await run(theirs.id).expect(404)
    expect(res.body).to.deep.include({ error_code: 'AGENT_NOT_FOUND' })
    expect(await historyTotal()).to.equal(before)
    const [row] = await testStack().superSql<{ runs: number }[]>`
      select count(*)::int as runs from execution_logs where agent_id = ${theirs.id}`
    expect(row!.runs).to.equal(0)
  })
})
