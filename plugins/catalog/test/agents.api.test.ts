import { expect } from 'chai'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { inTenantTransaction } from '../../../db/client.js'

const missingId = '00000000-0000-4000-8000-000000000000'

interface ToolBody {
  id: string
  name: string
  description: string
  created_at: string
  updated_at: string
}

interface AgentBody {
  id: string
  name: string
  role: string
  description: string
  tools: { id: string; name: string; description: string }[]
  created_at: string
  updated_at: string
}

interface AgentRequest {
  name: string
  role?: string
  description?: string
  tool_ids?: string[]
}

const names = (items: { name: string }[]) => items.map((item) => item.name)

describe('agents API', () => {
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>

  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant)
  })

  const createTool = async (name: string, description = `${name} does things`): Promise<ToolBody> => {
    const res = await api.post('/api/v1/tools').send({ name, description }).expect(201)
    return res.body as ToolBody
  }

  const createAgent = async ({
    name,
    role = `${name} role`,
    description = `${name} description`,
    tool_ids,
  }: AgentRequest): Promise<AgentBody> => {
    const body = tool_ids === undefined ? { name, role, description } : { name, role, description, tool_ids }
    const res = await api.post('/api/v1/agents').send(body).expect(201)
    return res.body as AgentBody
  }

  /** The agent's links as stored, whatever row-level security would show. */
  const storedLinks = async (agentId: string): Promise<string[]> => {
    const rows = await testStack().superSql<{ tool_id: string }[]>`
      select tool_id from agent_tools where agent_id = ${agentId} order by tool_id`
    return rows.map((row) => row.tool_id)
  }

  /** The agent's row as stored, with timestamps at full (microsecond) precision. */
  const storedAgent = async (agentId: string) => {
    const [row] = await testStack().superSql`
      select tenant_id, name, role, description, created_at::text as created_at, updated_at::text as updated_at
        from agents where id = ${agentId}`
    return row
  }

  const sorted = (ids: string[]) => [...ids].sort()

  const expectProblem = (res: { status: number; headers: Record<string, string>; body: unknown }) => {
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
    return res.body as { error_code: string; status: number; details: Record<string, unknown> }
  }

  const validationPaths = (res: { body: { details: { errors: { path: string }[] } } }) =>
    res.body.details.errors.map((e) => e.path)

  describe('POST /api/v1/agents', () => {
    it('creates an agent without tools, answers 201 with it and a Location, and stores it for the tenant', async () => {
      const res = await api
        .post('/api/v1/agents')
        .send({ name: 'planner', role: 'Plans work', description: 'Breaks goals into steps' })
      expect(res.status).to.equal(201)
      expect(res.body).to.include({
        name: 'planner',
        role: 'Plans work',
        description: 'Breaks goals into steps',
      })
      expect(res.body.tools).to.deep.equal([])
      expect(res.body.created_at).to.equal(res.body.updated_at)
      expect(res.headers.location).to.equal(`/api/v1/agents/${res.body.id}`)
      expect(await storedAgent(res.body.id)).to.include({
        tenant_id: tenant.tenantId,
        name: 'planner',
        role: 'Plans work',
        description: 'Breaks goals into steps',
      })
      expect(await storedLinks(res.body.id)).to.deep.equal([])
    })

    it('links the given tools and renders them as id, name and description ordered by name', async () => {
      // Named so that name order is the reverse of id order, and sent in neither order: only a sort by
      // name gives the expected list.
      const created = [
        await createTool('t1'),
        await createTool('t2'),
        await createTool('t3'),
        await createTool('t4'),
      ]
      const byIdDesc = [...created].sort((x, y) => (x.id < y.id ? 1 : -1))
      const [alpha, bravo, charlie, delta] = byIdDesc.map((tool) => tool.id) as [
        string,
        string,
        string,
        string,
      ]
      for (const [i, name] of ['alpha', 'bravo', 'charlie', 'delta'].entries()) {
        await api
          .patch(`/api/v1/tools/${byIdDesc[i]!.id}`)
          .send({ name, description: `${name} text` })
          .expect(200)
      }
      await createTool('unused')
      const res = await api
        .post('/api/v1/agents')
        .send({ name: 'linked', role: 'r', description: 'd', tool_ids: [charlie, alpha, delta, bravo] })
        .expect(201)
      expect(res.body.tools).to.deep.equal([
        { id: alpha, name: 'alpha', description: 'alpha text' },
        { id: bravo, name: 'bravo', description: 'bravo text' },
        { id: charlie, name: 'charlie', description: 'charlie text' },
        { id: delta, name: 'delta', description: 'delta text' },
      ])
      expect(await storedLinks(res.body.id)).to.deep.equal(sorted([alpha, bravo, charlie, delta]))
      const rows = await testStack().superSql<{ tenant_id: string }[]>`
        select distinct tenant_id from agent_tools where agent_id = ${res.body.id}`
      expect(rows.map((row) => row.tenant_id)).to.deep.equal([tenant.tenantId])
    })

    it('treats an empty tool_ids like no tool_ids', async () => {
      const agent = await createAgent({ name: 'toolless', tool_ids: [] })
      expect(agent.tools).to.deep.equal([])
      expect(await storedLinks(agent.id)).to.deep.equal([])
    })

    it('answers 409 DUPLICATE_AGENT_NAME with the name when the tenant already has it, and stores nothing', async () => {
      const first = await createAgent({ name: 'twin' })
      const res = await api.post('/api/v1/agents').send({ name: 'twin', role: 'other', description: 'other' })
      expect(res.status).to.equal(409)
      const problem = expectProblem(res)
      expect(problem).to.include({ error_code: 'DUPLICATE_AGENT_NAME', status: 409 })
      expect(problem.details).to.deep.equal({ name: 'twin' })
      const rows = await testStack().superSql`
        select id, role from agents where tenant_id = ${tenant.tenantId} and name = 'twin'`
      expect(rows).to.deep.equal([{ id: first.id, role: 'twin role' }])
    })

    it('allows the same agent name in another tenant', async () => {
      await createAgent({ name: 'shared-agent' })
      const other = asTenant(await createTestTenant())
      const res = await other
        .post('/api/v1/agents')
        .send({ name: 'shared-agent', role: 'r', description: 'd' })
        .expect(201)
      expect(res.body.name).to.equal('shared-agent')
    })

    it('answers 422 UNKNOWN_TOOL listing exactly the unknown ids, including another tenant’s tool, and stores nothing', async () => {
      const mine = await createTool('mine')
      const otherApi = asTenant(await createTestTenant())
      const foreign = (
        await otherApi.post('/api/v1/tools').send({ name: 'foreign', description: 'd' }).expect(201)
      ).body as ToolBody
      const res = await api
        .post('/api/v1/agents')
        .send({ name: 'greedy', role: 'r', description: 'd', tool_ids: [mine.id, missingId, foreign.id] })
      expect(res.status).to.equal(422)
      const problem = expectProblem(res)
      expect(problem).to.include({ error_code: 'UNKNOWN_TOOL', status: 422 })
      expect(problem.details.tool_ids).to.have.members([missingId, foreign.id])
      expect(problem.details.tool_ids).to.have.lengthOf(2)
      const agents = await testStack().superSql`select id from agents where name = 'greedy'`
      expect(agents).to.deep.equal([])
      const links = await testStack().superSql`select agent_id from agent_tools where tool_id = ${foreign.id}`
      expect(links).to.deep.equal([])
    })

    it('answers 400 VALIDATION_ERROR for a tool id given twice', async () => {
      const tool = await createTool('once')
      const res = await api
        .post('/api/v1/agents')
        .send({ name: 'dup-ids', role: 'r', description: 'd', tool_ids: [tool.id, tool.id] })
      expect(res.status).to.equal(400)
      expect(expectProblem(res).error_code).to.equal('VALIDATION_ERROR')
      expect(validationPaths(res)).to.include('/body/tool_ids')
      expect(await testStack().superSql`select id from agents where name = 'dup-ids'`).to.deep.equal([])
    })

    it('answers 400 VALIDATION_ERROR for a tool id that is not a UUID', async () => {
      const res = await api
        .post('/api/v1/agents')
        .send({ name: 'bad-id', role: 'r', description: 'd', tool_ids: ['not-a-uuid'] })
      expect(res.status).to.equal(400)
      expect(validationPaths(res).some((path) => path.startsWith('/body/tool_ids'))).to.equal(true)
    })

    it('accepts a role of 100 characters and answers 400 VALIDATION_ERROR for 101', async () => {
      await createAgent({ name: 'long-role', role: 'r'.repeat(100) })
      const res = await api
        .post('/api/v1/agents')
        .send({ name: 'too-long-role', role: 'r'.repeat(101), description: 'd' })
      expect(res.status).to.equal(400)
      expect(expectProblem(res).error_code).to.equal('VALIDATION_ERROR')
      expect(validationPaths(res)).to.deep.equal(['/body/role'])
      expect(await testStack().superSql`select id from agents where name = 'too-long-role'`).to.deep.equal([])
    })

    it('answers 400 VALIDATION_ERROR naming every missing field', async () => {
      const res = await api.post('/api/v1/agents').send({})
      expect(res.status).to.equal(400)
      expect(validationPaths(res)).to.include.members(['/body/name', '/body/role', '/body/description'])
    })

    it('answers 400 VALIDATION_ERROR for an unknown field', async () => {
      const res = await api
        .post('/api/v1/agents')
        .send({ name: 'extra', role: 'r', description: 'd', model: 'gpt' })
      expect(res.status).to.equal(400)
      expect(expectProblem(res).error_code).to.equal('VALIDATION_ERROR')
      expect(validationPaths(res)).to.deep.equal(['/body/model'])
    })

    it('rejects id, tenant_id and created_at in the body with 400 and stores nothing', async () => {
      const otherTenant = await createTestTenant()
      const attempts: [string, unknown][] = [
        ['id', missingId],
        ['tenant_id', otherTenant.tenantId],
        ['created_at', '2000-01-01T00:00:00.000Z'],
      ]
      for (const [field, value] of attempts) {
        const name = `mass-${field}`
        const res = await api
          .post('/api/v1/agents')
          .send({ name, role: 'r', description: 'd', [field]: value })
        expect(res.status, field).to.equal(400)
        expect(res.body.error_code, field).to.equal('VALIDATION_ERROR')
        expect(validationPaths(res), field).to.deep.equal([`/body/${field}`])
        expect(await testStack().superSql`select id from agents where name = ${name}`, field).to.deep.equal(
          [],
        )
      }
      expect(await testStack().superSql`select id from agents where id = ${missingId}`).to.deep.equal([])
      expect(
        await testStack().superSql`select id from agents where tenant_id = ${otherTenant.tenantId}`,
      ).to.deep.equal([])
    })
  })

  describe('GET /api/v1/agents', () => {
    it('lists newest first with the pagination envelope and each agent’s tools', async () => {
      const tool = await createTool('shared-tool')
      await createAgent({ name: 'a1' })
      await createAgent({ name: 'a2', tool_ids: [tool.id] })
      await createAgent({ name: 'a3' })
      const first = await api.get('/api/v1/agents?limit=2&offset=0').expect(200)
      expect(Object.keys(first.body).sort()).to.deep.equal(['has_more', 'items', 'limit', 'offset', 'total'])
      expect(names(first.body.items)).to.deep.equal(['a3', 'a2'])
      expect(first.body).to.include({ total: 3, limit: 2, offset: 0, has_more: true })
      expect(first.body.items[1].tools).to.deep.equal([
        { id: tool.id, name: 'shared-tool', description: 'shared-tool does things' },
      ])
      const last = await api.get('/api/v1/agents?limit=2&offset=2').expect(200)
      expect(names(last.body.items)).to.deep.equal(['a1'])
      expect(last.body).to.include({ total: 3, limit: 2, offset: 2, has_more: false })
    })

    it('defaults to limit 20 and offset 0', async () => {
      const res = await api.get('/api/v1/agents').expect(200)
      expect(res.body).to.deep.equal({ items: [], total: 0, limit: 20, offset: 0, has_more: false })
    })

    it('answers 400 VALIDATION_ERROR for a limit out of range or an unknown parameter', async () => {
      for (const query of ['limit=0', 'limit=101', 'offset=-1', 'colour=red']) {
        const res = await api.get(`/api/v1/agents?${query}`)
        expect(res.status, query).to.equal(400)
        expect(res.body.error_code, query).to.equal('VALIDATION_ERROR')
      }
    })

    it('filters by tool_name to the agents linked to that tool, newest first', async () => {
      const wanted = await createTool('wanted')
      const other = await createTool('other')
      await createAgent({ name: 'first-user', tool_ids: [wanted.id] })
      await createAgent({ name: 'not-a-user', tool_ids: [other.id] })
      await createAgent({ name: 'no-tools' })
      await createAgent({ name: 'second-user', tool_ids: [other.id, wanted.id] })
      const res = await api.get('/api/v1/agents?tool_name=wanted').expect(200)
      expect(names(res.body.items)).to.deep.equal(['second-user', 'first-user'])
      expect(res.body).to.include({ total: 2, has_more: false })
      const paged = await api.get('/api/v1/agents?tool_name=wanted&limit=1').expect(200)
      expect(names(paged.body.items)).to.deep.equal(['second-user'])
      expect(paged.body).to.include({ total: 2, limit: 1, has_more: true })
    })

    it('answers an empty page for a tool_name no tool has, or a tool no agent uses', async () => {
      await createAgent({ name: 'someone' })
      await createTool('lonely')
      for (const toolName of ['no-such-tool', 'lonely']) {
        const res = await api.get(`/api/v1/agents?tool_name=${toolName}`).expect(200)
        expect(res.body, toolName).to.deep.equal({
          items: [],
          total: 0,
          limit: 20,
          offset: 0,
          has_more: false,
        })
      }
    })
  })

  describe('GET /api/v1/agents/{id}', () => {
    it('returns the agent with its tools', async () => {
      const tool = await createTool('hammer')
      const agent = await createAgent({ name: 'getme', tool_ids: [tool.id] })
      const res = await api.get(`/api/v1/agents/${agent.id}`).expect(200)
      expect(res.body).to.deep.equal(agent)
      expect(res.body.tools).to.deep.equal([
        { id: tool.id, name: 'hammer', description: 'hammer does things' },
      ])
    })

    it('answers 404 AGENT_NOT_FOUND for an unknown id', async () => {
      const res = await api.get(`/api/v1/agents/${missingId}`)
      expect(res.status).to.equal(404)
      expect(expectProblem(res)).to.include({ error_code: 'AGENT_NOT_FOUND', status: 404 })
    })

    it('answers 400 VALIDATION_ERROR for an id that is not a UUID', async () => {
      const res = await api.get('/api/v1/agents/not-a-uuid')
      expect(res.status).to.equal(400)
      expect(expectProblem(res).error_code).to.equal('VALIDATION_ERROR')
      expect(validationPaths(res)).to.deep.equal(['/params/id'])
    })
  })

  describe('PUT /api/v1/agents/{id}', () => {
    it('replaces name, role and description and moves updated_at', async () => {
      const agent = await createAgent({ name: 'old-name' })
      const before = await storedAgent(agent.id)
      const res = await api
        .put(`/api/v1/agents/${agent.id}`)
        .send({ name: 'new-name', role: 'new role', description: 'new description' })
        .expect(200)
      expect(res.body).to.include({
        id: agent.id,
        name: 'new-name',
        role: 'new role',
        description: 'new description',
        created_at: agent.created_at,
      })
      const after = await storedAgent(agent.id)
      expect(after).to.include({ name: 'new-name', role: 'new role', description: 'new description' })
      expect(after!.updated_at > before!.updated_at, 'updated_at moved').to.equal(true)
      expect(after!.created_at).to.equal(before!.created_at)
    })

    it('replaces the linked tools with tool_ids when present', async () => {
      const [a, b, c] = [await createTool('a'), await createTool('b'), await createTool('c')]
      const agent = await createAgent({ name: 'relinked', tool_ids: [a.id, b.id] })
      const res = await api
        .put(`/api/v1/agents/${agent.id}`)
        .send({ name: 'relinked', role: 'r', description: 'd', tool_ids: [c.id, b.id] })
        .expect(200)
      expect(names(res.body.tools)).to.deep.equal(['b', 'c'])
      expect(await storedLinks(agent.id)).to.deep.equal(sorted([b.id, c.id]))
    })

    it('leaves the linked tools unchanged when tool_ids is absent', async () => {
      const [a, b] = [await createTool('a'), await createTool('b')]
      const agent = await createAgent({ name: 'kept-links', tool_ids: [a.id, b.id] })
      const res = await api
        .put(`/api/v1/agents/${agent.id}`)
        .send({ name: 'kept-links-renamed', role: 'r2', description: 'd2' })
        .expect(200)
      expect(res.body.tools).to.deep.equal(agent.tools)
      expect(await storedLinks(agent.id)).to.deep.equal(sorted([a.id, b.id]))
    })

    it('unlinks every tool for an empty tool_ids', async () => {
      const a = await createTool('a')
      const agent = await createAgent({ name: 'emptied', tool_ids: [a.id] })
      const res = await api
        .put(`/api/v1/agents/${agent.id}`)
        .send({ name: 'emptied', role: 'r', description: 'd', tool_ids: [] })
        .expect(200)
      expect(res.body.tools).to.deep.equal([])
      expect(await storedLinks(agent.id)).to.deep.equal([])
    })

    it('answers 400 VALIDATION_ERROR when a field is missing, and changes nothing', async () => {
      const agent = await createAgent({ name: 'whole' })
      const res = await api.put(`/api/v1/agents/${agent.id}`).send({ name: 'only-name' })
      expect(res.status).to.equal(400)
      expect(validationPaths(res)).to.include.members(['/body/role', '/body/description'])
      const after = await api.get(`/api/v1/agents/${agent.id}`).expect(200)
      expect(after.body).to.deep.equal(agent)
    })

    it('answers 404 AGENT_NOT_FOUND for an unknown id', async () => {
      const res = await api
        .put(`/api/v1/agents/${missingId}`)
        .send({ name: 'n', role: 'r', description: 'd' })
      expect(res.status).to.equal(404)
      expect(expectProblem(res).error_code).to.equal('AGENT_NOT_FOUND')
      expect(await testStack().superSql`select id from agents where id = ${missingId}`).to.deep.equal([])
    })

    it('answers 409 DUPLICATE_AGENT_NAME when renaming onto another agent, and changes nothing', async () => {
      await createAgent({ name: 'taken' })
      const agent = await createAgent({ name: 'mine' })
      const res = await api
        .put(`/api/v1/agents/${agent.id}`)
        .send({ name: 'taken', role: 'x', description: 'x' })
      expect(res.status).to.equal(409)
      const problem = expectProblem(res)
      expect(problem.error_code).to.equal('DUPLICATE_AGENT_NAME')
      expect(problem.details).to.deep.equal({ name: 'taken' })
      const after = await api.get(`/api/v1/agents/${agent.id}`).expect(200)
      expect(after.body).to.deep.equal(agent)
    })

    it('answers 422 UNKNOWN_TOOL for an unknown tool id, and leaves the agent and its links unchanged', async () => {
      const a = await createTool('a')
      const agent = await createAgent({ name: 'steady', tool_ids: [a.id] })
      const stored = await storedAgent(agent.id)
      const res = await api
        .put(`/api/v1/agents/${agent.id}`)
        .send({ name: 'changed', role: 'changed', description: 'changed', tool_ids: [missingId] })
      expect(res.status).to.equal(422)
      const problem = expectProblem(res)
      expect(problem.error_code).to.equal('UNKNOWN_TOOL')
      expect(problem.details.tool_ids).to.deep.equal([missingId])
      const after = await api.get(`/api/v1/agents/${agent.id}`).expect(200)
      expect(after.body).to.deep.equal(agent)
      expect(await storedAgent(agent.id)).to.deep.equal(stored)
      expect(await storedLinks(agent.id)).to.deep.equal([a.id])
    })
  })

  describe('PATCH /api/v1/agents/{id}', () => {
    it('changes only the fields given and moves updated_at', async () => {
      const a = await createTool('a')
      const agent = await createAgent({ name: 'patchme', role: 'before', tool_ids: [a.id] })
      const before = await storedAgent(agent.id)
      const res = await api.patch(`/api/v1/agents/${agent.id}`).send({ role: 'after' }).expect(200)
      expect(res.body).to.deep.include({
        id: agent.id,
        name: 'patchme',
        role: 'after',
        description: 'patchme description',
        tools: agent.tools,
        created_at: agent.created_at,
      })
      const after = await storedAgent(agent.id)
      expect(after).to.include({ name: 'patchme', role: 'after', description: 'patchme description' })
      expect(after!.updated_at > before!.updated_at, 'updated_at moved').to.equal(true)
      expect(await storedLinks(agent.id)).to.deep.equal([a.id])
    })

    it('replaces the linked tools with tool_ids and keeps the other fields', async () => {
      const [a, b] = [await createTool('a'), await createTool('b')]
      const agent = await createAgent({ name: 'patch-links', tool_ids: [a.id] })
      const res = await api
        .patch(`/api/v1/agents/${agent.id}`)
        .send({ tool_ids: [b.id] })
        .expect(200)
      expect(res.body).to.include({ name: 'patch-links', role: agent.role, description: agent.description })
      expect(res.body.tools).to.deep.equal([{ id: b.id, name: 'b', description: 'b does things' }])
      expect(await storedLinks(agent.id)).to.deep.equal([b.id])
    })

    it('unlinks every tool for tool_ids [], and keeps the tools themselves', async () => {
      const [a, b] = [await createTool('a'), await createTool('b')]
      const agent = await createAgent({ name: 'unlinked', tool_ids: [a.id, b.id] })
      const res = await api.patch(`/api/v1/agents/${agent.id}`).send({ tool_ids: [] }).expect(200)
      expect(res.body.tools).to.deep.equal([])
      expect(await storedLinks(agent.id)).to.deep.equal([])
      await api.get(`/api/v1/tools/${a.id}`).expect(200)
      await api.get(`/api/v1/tools/${b.id}`).expect(200)
    })

    it('answers 400 VALIDATION_ERROR for an empty body, and changes nothing', async () => {
      const agent = await createAgent({ name: 'empty-patch' })
      const stored = await storedAgent(agent.id)
      const res = await api.patch(`/api/v1/agents/${agent.id}`).send({})
      expect(res.status).to.equal(400)
      expect(expectProblem(res).error_code).to.equal('VALIDATION_ERROR')
      expect(await storedAgent(agent.id)).to.deep.equal(stored)
    })

    it('answers 400 VALIDATION_ERROR for an unknown field or a null value', async () => {
      const agent = await createAgent({ name: 'strict-patch' })
      for (const body of [{ tenant_id: tenant.tenantId }, { name: null }, { role: '' }]) {
        const res = await api.patch(`/api/v1/agents/${agent.id}`).send(body)
        expect(res.status, JSON.stringify(body)).to.equal(400)
        expect(res.body.error_code, JSON.stringify(body)).to.equal('VALIDATION_ERROR')
      }
      const after = await api.get(`/api/v1/agents/${agent.id}`).expect(200)
      expect(after.body).to.deep.equal(agent)
    })

    it('answers 404 AGENT_NOT_FOUND for an unknown id', async () => {
      const res = await api.patch(`/api/v1/agents/${missingId}`).send({ name: 'n' })
      expect(res.status).to.equal(404)
      expect(expectProblem(res).error_code).to.equal('AGENT_NOT_FOUND')
    })

    it('answers 409 DUPLICATE_AGENT_NAME when renaming onto another agent, and changes nothing', async () => {
      await createAgent({ name: 'occupied' })
      const agent = await createAgent({ name: 'renamer' })
      const res = await api.patch(`/api/v1/agents/${agent.id}`).send({ name: 'occupied' })
      expect(res.status).to.equal(409)
      const problem = expectProblem(res)
      expect(problem.error_code).to.equal('DUPLICATE_AGENT_NAME')
      expect(problem.details).to.deep.equal({ name: 'occupied' })
      const after = await api.get(`/api/v1/agents/${agent.id}`).expect(200)
      expect(after.body).to.deep.equal(agent)
    })

    it('answers 422 UNKNOWN_TOOL listing exactly the unknown ids, and leaves the agent unchanged', async () => {
      const [a, b] = [await createTool('a'), await createTool('b')]
      const agent = await createAgent({ name: 'patch-steady', tool_ids: [a.id] })
      const stored = await storedAgent(agent.id)
      const res = await api
        .patch(`/api/v1/agents/${agent.id}`)
        .send({ name: 'patch-changed', tool_ids: [b.id, missingId] })
      expect(res.status).to.equal(422)
      const problem = expectProblem(res)
      expect(problem.error_code).to.equal('UNKNOWN_TOOL')
      expect(problem.details.tool_ids).to.deep.equal([missingId])
      const after = await api.get(`/api/v1/agents/${agent.id}`).expect(200)
      expect(after.body).to.deep.equal(agent)
      expect(await storedAgent(agent.id)).to.deep.equal(stored)
      expect(await storedLinks(agent.id)).to.deep.equal([a.id])
    })
  })

  describe('DELETE /api/v1/agents/{id}', () => {
    it('deletes the agent and its links with 204 and no body, and keeps the linked tools', async () => {
      const [a, b] = [await createTool('a'), await createTool('b')]
      const agent = await createAgent({ name: 'doomed', tool_ids: [a.id, b.id] })
      const survivor = await createAgent({ name: 'survivor', tool_ids: [a.id] })
      expect(await storedLinks(agent.id)).to.have.lengthOf(2)
      const res = await api.delete(`/api/v1/agents/${agent.id}`).expect(204)
      expect(res.text).to.equal('')
      expect(res.headers['content-type']).to.equal(undefined)
      await api.get(`/api/v1/agents/${agent.id}`).expect(404)
      expect(await testStack().superSql`select id from agents where id = ${agent.id}`).to.deep.equal([])
      expect(await storedLinks(agent.id)).to.deep.equal([])
      expect(await storedLinks(survivor.id)).to.deep.equal([a.id])
      const tools = await testStack().superSql<{ id: string }[]>`
        select id from tools where id in ${testStack().superSql([a.id, b.id])} order by name`
      expect(tools.map((row) => row.id)).to.deep.equal([a.id, b.id])
      await api.get(`/api/v1/tools/${b.id}`).expect(200)
    })

    it('deletes the execution logs of the agent with it, and only those', async () => {
      const agent = await createAgent({ name: 'has-history' })
      const other = await createAgent({ name: 'keeps-history' })
      await inTenantTransaction(testStack().appSql, tenant.tenantId, async (tx) => {
        for (const id of [agent.id, other.id]) {
          await tx`insert into execution_logs (agent_id, agent_snapshot, model, provider, prompt, status)
                   values (${id}, ${tx.json({ name: 'snapshot' })}, 'gpt-4o', 'mock', 'hello', 'completed')`
        }
      })
      await api.delete(`/api/v1/agents/${agent.id}`).expect(204)
      const logs = await testStack().superSql<{ agent_id: string }[]>`
        select agent_id from execution_logs where tenant_id = ${tenant.tenantId}`
      expect(logs.map((row) => row.agent_id)).to.deep.equal([other.id])
    })

    it('answers 404 AGENT_NOT_FOUND for an unknown id and for an agent already deleted', async () => {
      const agent = await createAgent({ name: 'twice' })
      await api.delete(`/api/v1/agents/${agent.id}`).expect(204)
      for (const id of [missingId, agent.id]) {
        const res = await api.delete(`/api/v1/agents/${id}`)
        expect(res.status, id).to.equal(404)
        expect(expectProblem(res).error_code, id).to.equal('AGENT_NOT_FOUND')
      }
    })

    it('answers 400 VALIDATION_ERROR for an id that is not a UUID', async () => {
      const res = await api.delete('/api/v1/agents/not-a-uuid')
      expect(res.status).to.equal(400)
      expect(validationPaths(res)).to.deep.equal(['/params/id'])
    })
  })
})
