// A history read is one read: its statements (the page's settings, the page, the count) leave with the
// transaction's BEGIN and COMMIT, in one write to PostgreSQL (lastInTransaction).
import { expect } from 'chai'
import type { asTenant } from '../../../test/helpers/api.js'
import { countedTenant, type CountedTenant } from '../../../test/helpers/pg-round-trips.js'

describe('history reads: one round trip to PostgreSQL', () => {
  let counted: CountedTenant
  let api: ReturnType<typeof asTenant>
  let executionId: string
  let agentId: string

  before(async () => {
    counted = await countedTenant('history-reads')
    api = counted.api
    const agent = await api
      .post('/api/v1/agents')
      .send({ name: 'reader', role: 'r', description: 'd' })
      .expect(201)
    agentId = (agent.body as { id: string }).id
    const run = await api
      .post(`/api/v1/agents/${agentId}/run`)
      .send({ prompt: 'hello', model: 'gpt-4o' })
      .expect(200)
    executionId = (run.body as { id: string }).id
  })
  after(() => counted.close())

  /** What one GET wrote to PostgreSQL (the fewest over calls made with the caches trusted). */
  const writesOf = (url: string) => counted.writesOf(() => api.get(url).expect(200))

  for (const [route, url] of [
    ['GET /history', () => '/api/v1/history?limit=5'],
    ['GET /history (filtered: the count reads the rows)', () => '/api/v1/history?status=completed'],
    ['GET /history/{id}', () => `/api/v1/history/${executionId}`],
    ['GET /executions/{id}', () => `/api/v1/executions/${executionId}`],
    ['GET /executions/{id}/steps', () => `/api/v1/executions/${executionId}/steps`],
    ['GET /agents/{id}/history (the agent, then the page)', () => `/api/v1/agents/${agentId}/history`],
    ['GET /usage', () => '/api/v1/usage'],
    ['GET /usage?group_by=model', () => '/api/v1/usage?group_by=model'],
  ] as const) {
    it(`${route} sends its read with BEGIN and COMMIT in one write`, async () => {
      expect(await writesOf(url())).to.equal(1)
    })
  }

  it("an unknown agent's history is still 404, and its steps are the run's", async () => {
    const unknown = await api.get('/api/v1/agents/00000000-0000-4000-8000-000000000000/history').expect(404)
    expect(unknown.body).to.deep.include({ error_code: 'AGENT_NOT_FOUND' })
    const steps = await api.get(`/api/v1/executions/${executionId}/steps`).expect(200)
    expect(steps.body).to.deep.include({ total: 1 })
    const page = await api.get(`/api/v1/agents/${agentId}/history`).expect(200)
    expect((page.body as { items: { id: string }[] }).items.map((e) => e.id)).to.deep.equal([executionId])
  })

  it('answers the same figures as before: one completed run, in the page and in usage', async () => {
    const page = await api.get('/api/v1/history').expect(200)
    expect(page.body).to.deep.include({ total: 1 })
    const usage = await api.get('/api/v1/usage?group_by=model').expect(200)
    const body = usage.body as { totals: { runs: number }; groups: { key: string; runs: number }[] }
    expect(body.totals.runs).to.equal(1)
    expect(body.groups).to.have.length(1)
    expect(body.groups[0]).to.deep.include({ key: 'gpt-4o', runs: 1 })
  })
})
