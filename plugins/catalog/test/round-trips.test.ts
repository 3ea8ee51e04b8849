// A GET of the catalog is one read, and creating a tool one insert: the statements leave with the
// transaction's BEGIN and COMMIT, in one write to PostgreSQL (lastInTransaction), where the COMMIT used to
// wait for their answer.
import { expect } from 'chai'
import type { asTenant } from '../../../test/helpers/api.js'
import { countedTenant, type CountedTenant } from '../../../test/helpers/pg-round-trips.js'

describe('catalog reads: one round trip to PostgreSQL', () => {
  let counted: CountedTenant
  let api: ReturnType<typeof asTenant>
  let toolId: string
  let agentId: string

  before(async () => {
    counted = await countedTenant('reads')
    api = counted.api
    const tool = await api
      .post('/api/v1/tools')
      .send({ name: 'lookup', description: 'Looks things up' })
      .expect(201)
    toolId = (tool.body as { id: string }).id
    const agent = await api
      .post('/api/v1/agents')
      .send({ name: 'reader', role: 'r', description: 'd', tool_ids: [toolId] })
      .expect(201)
    agentId = (agent.body as { id: string }).id
  })
  after(() => counted.close())

  /** What one GET wrote to PostgreSQL (the fewest over calls made with the caches trusted). */
  const writesOf = (url: string) => counted.writesOf(() => api.get(url).expect(200))

  for (const [route, url] of [
    ['GET /tools', () => '/api/v1/tools'],
    ['GET /tools/{id}', () => `/api/v1/tools/${toolId}`],
    ['GET /agents', () => '/api/v1/agents?tool_name=lookup'],
    ['GET /agents/{id}', () => `/api/v1/agents/${agentId}`],
  ] as const) {
    it(`${route} sends its read with BEGIN and COMMIT in one write`, async () => {
      expect(await writesOf(url())).to.equal(1)
    })
  }

  it('POST /tools sends its insert with BEGIN and COMMIT in one write; a taken name is still 409', async () => {
    let created = 0
    const create = () =>
      api
        .post('/api/v1/tools')
        .send({ name: `second-${++created}`, description: 'Another' })
        .expect(201)
    expect(await counted.writesOf(create)).to.equal(1)
    const taken = await api.post('/api/v1/tools').send({ name: 'second-1', description: 'Again' }).expect(409)
    expect(taken.body).to.deep.include({ error_code: 'DUPLICATE_TOOL_NAME' })
    const list = await api.get('/api/v1/tools').expect(200)
    const names = Array.from({ length: created }, (_, n) => `second-${n + 1}`)
    expect((list.body as { items: { name: string }[] }).items.map((t) => t.name).sort()).to.deep.equal(
      ['lookup', ...names].sort(),
    )
  })

  it('still answers 404 for an unknown id, and the next read runs as usual', async () => {
    await api.get('/api/v1/agents/00000000-0000-4000-8000-000000000000').expect(404)
    const agent = await api.get(`/api/v1/agents/${agentId}`).expect(200)
    expect((agent.body as { tools: { id: string }[] }).tools.map((t) => t.id)).to.deep.equal([toolId])
  })
})
