// Tenant isolation seen from the outside: with its own key, tenant B reaches none of tenant A's tools or
// agents through any route, learns nothing about them, and changes nothing of them. Plus the API key check.
import { expect } from 'chai'
import type { Response } from 'supertest'
import { anonymous, asTenant, createTestTenant, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

const neverUsedId = '00000000-0000-4000-8000-000000000000'

interface Entity {
  id: string
  name: string
}

interface Described extends Entity {
  description: string
  tools?: Entity[]
}

interface TenantA {
  tenant: TestTenant
  api: ReturnType<typeof asTenant>
  /** Linked to both agents, so a delete by A would be TOOL_IN_USE. */
  linkedTool: Entity
  /** Linked to no agent, so a delete by A would succeed. */
  freeTool: Entity
  agent: Entity
  otherAgent: Entity
}

/** Tenant A: three tools and two agents; both agents use linkedTool, the first also a-calculator. */
async function seedTenantA(): Promise<TenantA> {
  const tenant = await createTestTenant('tenant-a')
  const api = asTenant(tenant)
  const tool = async (name: string) =>
    (
      await api
        .post('/api/v1/tools')
        .send({ name, description: `${name} of A` })
        .expect(201)
    ).body as Entity
  const agent = async (name: string, toolIds: string[]) =>
    (
      await api
        .post('/api/v1/agents')
        .send({ name, role: `${name} role`, description: `${name} of A`, tool_ids: toolIds })
        .expect(201)
    ).body as Entity
  const linkedTool = await tool('a-search')
  const freeTool = await tool('a-unused')
  const helper = await tool('a-calculator')
  return {
    tenant,
    api,
    linkedTool,
    freeTool,
    agent: await agent('a-researcher', [linkedTool.id, helper.id]),
    otherAgent: await agent('a-writer', [linkedTool.id]),
  }
}

/** Everything of the tenant as stored, timestamps at full precision, in a stable order. */
async function storedState(tenantId: string) {
  const sql = testStack().superSql
  const [tools, agents, links] = await Promise.all([
    sql`select id, name, description, created_at::text as created_at, updated_at::text as updated_at
          from tools where tenant_id = ${tenantId} order by id`,
    sql`select id, name, role, description, created_at::text as created_at, updated_at::text as updated_at
          from agents where tenant_id = ${tenantId} order by id`,
    sql`select agent_id, tool_id, created_at::text as created_at
          from agent_tools where tenant_id = ${tenantId} order by agent_id, tool_id`,
  ])
  return { tools: [...tools], agents: [...agents], links: [...links] }
}

/** Everything of the tenant as its own key sees it through the API. */
async function apiState(a: TenantA) {
  const tools = await a.api.get('/api/v1/tools?limit=100').expect(200)
  const agents = await a.api.get('/api/v1/agents?limit=100').expect(200)
  const each = async (kind: 'tools' | 'agents', items: Entity[]) =>
    Promise.all(
      items.map(
        async (item) => (await a.api.get(`/api/v1/${kind}/${item.id}`).expect(200)).body as Described,
      ),
    )
  return {
    tools: tools.body,
    agents: agents.body,
    toolBodies: await each('tools', tools.body.items),
    agentBodies: await each('agents', agents.body.items),
  }
}

/** A problem body with the request-specific parts removed, and the id it names replaced by a marker. */
const comparable = (res: Response, id: string) => {
  const { instance, ...rest } = res.body as Record<string, unknown>
  expect(instance).to.be.a('string')
  return JSON.parse(JSON.stringify(rest).split(id).join('<id>')) as unknown
}

describe('tenant isolation through the API', () => {
  let a: TenantA
  let b: TestTenant
  let bApi: ReturnType<typeof asTenant>

  beforeEach(async () => {
    a = await seedTenantA()
    b = await createTestTenant('tenant-b')
    bApi = asTenant(b)
  })

  /** Asserts res is the same 404 a never-used id gets: another tenant's resource looks missing. */
  const expectLooksMissing = async (
    res: Response,
    kind: 'tools' | 'agents',
    id: string,
    sendAgain: (url: string) => Promise<Response>,
  ) => {
    const code = kind === 'tools' ? 'TOOL_NOT_FOUND' : 'AGENT_NOT_FOUND'
    expect(res.status).to.equal(404)
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
    expect(res.body).to.include({ error_code: code, status: 404 })
    const missing = await sendAgain(`/api/v1/${kind}/${neverUsedId}`)
    expect(comparable(res, id)).to.deep.equal(comparable(missing, neverUsedId))
  }

  describe('tools of another tenant', () => {
    it('answers 404 TOOL_NOT_FOUND to GET of another tenant’s tool, like for a tool that never existed', async () => {
      for (const tool of [a.linkedTool, a.freeTool]) {
        const res = await bApi.get(`/api/v1/tools/${tool.id}`)
        await expectLooksMissing(res, 'tools', tool.id, (url) => bApi.get(url))
      }
    })

    it('answers 404 TOOL_NOT_FOUND to PUT of another tenant’s tool and changes nothing', async () => {
      const before = await storedState(a.tenant.tenantId)
      const body = { name: 'hijacked', description: 'by B' }
      for (const tool of [a.linkedTool, a.freeTool]) {
        const res = await bApi.put(`/api/v1/tools/${tool.id}`).send(body)
        await expectLooksMissing(res, 'tools', tool.id, (url) => bApi.put(url).send(body))
      }
      expect(await storedState(a.tenant.tenantId)).to.deep.equal(before)
    })

    it('answers 404 TOOL_NOT_FOUND to PATCH of another tenant’s tool and changes nothing', async () => {
      const before = await storedState(a.tenant.tenantId)
      const body = { description: 'by B' }
      for (const tool of [a.linkedTool, a.freeTool]) {
        const res = await bApi.patch(`/api/v1/tools/${tool.id}`).send(body)
        await expectLooksMissing(res, 'tools', tool.id, (url) => bApi.patch(url).send(body))
      }
      expect(await storedState(a.tenant.tenantId)).to.deep.equal(before)
    })

    it('answers 404 TOOL_NOT_FOUND, not 409 TOOL_IN_USE, to DELETE of another tenant’s tool, and keeps it', async () => {
      const before = await storedState(a.tenant.tenantId)
      for (const tool of [a.linkedTool, a.freeTool]) {
        const res = await bApi.delete(`/api/v1/tools/${tool.id}`)
        await expectLooksMissing(res, 'tools', tool.id, (url) => bApi.delete(url))
      }
      expect(await storedState(a.tenant.tenantId)).to.deep.equal(before)
    })

    it('never lists another tenant’s tools, only its own', async () => {
      const own = (await bApi.post('/api/v1/tools').send({ name: 'b-tool', description: 'of B' }).expect(201))
        .body as Entity
      const res = await bApi.get('/api/v1/tools?limit=100').expect(200)
      expect(res.body.items.map((t: Entity) => t.id)).to.deep.equal([own.id])
      expect(res.body).to.include({ total: 1, has_more: false })
      const text = JSON.stringify(res.body)
      for (const aTool of [a.linkedTool, a.freeTool]) {
        expect(text).not.to.include(aTool.id)
        expect(text).not.to.include(aTool.name)
      }
    })

    it('answers an empty page to ?agent_name= with another tenant’s agent name', async () => {
      await bApi.post('/api/v1/tools').send({ name: 'b-tool', description: 'of B' }).expect(201)
      for (const agent of [a.agent, a.otherAgent]) {
        const res = await bApi.get(`/api/v1/tools?agent_name=${encodeURIComponent(agent.name)}`).expect(200)
        expect(res.body, agent.name).to.deep.equal({
          items: [],
          total: 0,
          limit: 20,
          offset: 0,
          has_more: false,
        })
      }
      // The same filter as A still finds A's tools: the name is right, only the tenant differs.
      const asA = await a.api
        .get(`/api/v1/tools?agent_name=${encodeURIComponent(a.otherAgent.name)}`)
        .expect(200)
      expect(asA.body.items.map((t: Entity) => t.id)).to.deep.equal([a.linkedTool.id])
    })

    it('lets a tenant create a tool with the same name as another tenant’s', async () => {
      const res = await bApi
        .post('/api/v1/tools')
        .send({ name: a.linkedTool.name, description: 'B’s own' })
        .expect(201)
      expect(res.body.id).not.to.equal(a.linkedTool.id)
      const [row] = await testStack().superSql`select tenant_id from tools where id = ${res.body.id}`
      expect(row?.tenant_id).to.equal(b.tenantId)
      const aTool = await a.api.get(`/api/v1/tools/${a.linkedTool.id}`).expect(200)
      expect(aTool.body.description).to.equal('a-search of A')
    })
  })

  describe('agents of another tenant', () => {
    it('answers 404 AGENT_NOT_FOUND to GET of another tenant’s agent, like for an agent that never existed', async () => {
      const res = await bApi.get(`/api/v1/agents/${a.agent.id}`)
      await expectLooksMissing(res, 'agents', a.agent.id, (url) => bApi.get(url))
    })

    it('answers 404 AGENT_NOT_FOUND to PUT of another tenant’s agent and changes nothing', async () => {
      const before = await storedState(a.tenant.tenantId)
      for (const body of [
        { name: 'hijacked', role: 'r', description: 'by B' },
        { name: 'hijacked', role: 'r', description: 'by B', tool_ids: [] },
      ]) {
        const res = await bApi.put(`/api/v1/agents/${a.agent.id}`).send(body)
        await expectLooksMissing(res, 'agents', a.agent.id, (url) => bApi.put(url).send(body))
      }
      expect(await storedState(a.tenant.tenantId)).to.deep.equal(before)
    })

    it('answers 404 AGENT_NOT_FOUND to PATCH of another tenant’s agent and changes nothing', async () => {
      const before = await storedState(a.tenant.tenantId)
      for (const body of [{ role: 'by B' }, { tool_ids: [] }, { tool_ids: [a.freeTool.id] }]) {
        const res = await bApi.patch(`/api/v1/agents/${a.agent.id}`).send(body)
        await expectLooksMissing(res, 'agents', a.agent.id, (url) => bApi.patch(url).send(body))
      }
      expect(await storedState(a.tenant.tenantId)).to.deep.equal(before)
    })

    it('answers 404 AGENT_NOT_FOUND to DELETE of another tenant’s agent and keeps it with its links', async () => {
      const before = await storedState(a.tenant.tenantId)
      const res = await bApi.delete(`/api/v1/agents/${a.agent.id}`)
      await expectLooksMissing(res, 'agents', a.agent.id, (url) => bApi.delete(url))
      expect(await storedState(a.tenant.tenantId)).to.deep.equal(before)
    })

    it('never lists another tenant’s agents, only its own', async () => {
      const own = (
        await bApi
          .post('/api/v1/agents')
          .send({ name: 'b-agent', role: 'r', description: 'of B' })
          .expect(201)
      ).body as Entity
      const res = await bApi.get('/api/v1/agents?limit=100').expect(200)
      expect(res.body.items.map((t: Entity) => t.id)).to.deep.equal([own.id])
      expect(res.body).to.include({ total: 1, has_more: false })
      const text = JSON.stringify(res.body)
      for (const entity of [a.agent, a.otherAgent, a.linkedTool, a.freeTool]) {
        expect(text).not.to.include(entity.id)
        expect(text).not.to.include(entity.name)
      }
    })

    it('answers an empty page to ?tool_name= with another tenant’s tool name', async () => {
      await bApi.post('/api/v1/agents').send({ name: 'b-agent', role: 'r', description: 'of B' }).expect(201)
      const res = await bApi
        .get(`/api/v1/agents?tool_name=${encodeURIComponent(a.linkedTool.name)}`)
        .expect(200)
      expect(res.body).to.deep.equal({ items: [], total: 0, limit: 20, offset: 0, has_more: false })
      const asA = await a.api
        .get(`/api/v1/agents?tool_name=${encodeURIComponent(a.linkedTool.name)}`)
        .expect(200)
      expect(asA.body.total).to.equal(2)
    })

    it('filters only within the tenant when both tenants use the same names', async () => {
      const bTool = (
        await bApi.post('/api/v1/tools').send({ name: a.linkedTool.name, description: 'of B' }).expect(201)
      ).body as Entity
      const bAgent = (
        await bApi
          .post('/api/v1/agents')
          .send({ name: a.agent.name, role: 'r', description: 'of B', tool_ids: [bTool.id] })
          .expect(201)
      ).body as Entity
      const agents = await bApi
        .get(`/api/v1/agents?tool_name=${encodeURIComponent(a.linkedTool.name)}`)
        .expect(200)
      expect(agents.body.items.map((x: Entity) => x.id)).to.deep.equal([bAgent.id])
      expect(agents.body.total).to.equal(1)
      const tools = await bApi.get(`/api/v1/tools?agent_name=${encodeURIComponent(a.agent.name)}`).expect(200)
      expect(tools.body.items.map((x: Entity) => x.id)).to.deep.equal([bTool.id])
      expect(tools.body.total).to.equal(1)
      expect(agents.body.items[0].tools).to.deep.equal([
        { id: bTool.id, name: a.linkedTool.name, description: 'of B' },
      ])
    })

    it('answers 422 UNKNOWN_TOOL when creating an agent linked to another tenant’s tool, and stores nothing', async () => {
      const res = await bApi
        .post('/api/v1/agents')
        .send({ name: 'thief', role: 'r', description: 'd', tool_ids: [a.linkedTool.id] })
      expect(res.status).to.equal(422)
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
      expect(res.body).to.include({ error_code: 'UNKNOWN_TOOL', status: 422 })
      expect(res.body.details.tool_ids).to.deep.equal([a.linkedTool.id])
      const sql = testStack().superSql
      expect(await sql`select id from agents where tenant_id = ${b.tenantId}`).to.deep.equal([])
      expect(await sql`select agent_id from agent_tools where tenant_id = ${b.tenantId}`).to.deep.equal([])
    })

    it('answers 422 UNKNOWN_TOOL when patching or replacing its own agent with another tenant’s tool, and changes nothing', async () => {
      const bTool = (
        await bApi.post('/api/v1/tools').send({ name: 'b-tool', description: 'of B' }).expect(201)
      ).body as Entity
      const bAgent = (
        await bApi
          .post('/api/v1/agents')
          .send({ name: 'b-agent', role: 'r', description: 'of B', tool_ids: [bTool.id] })
          .expect(201)
      ).body as Entity
      const bBefore = await storedState(b.tenantId)
      const patch = await bApi
        .patch(`/api/v1/agents/${bAgent.id}`)
        .send({ tool_ids: [bTool.id, a.freeTool.id] })
      expect(patch.status).to.equal(422)
      expect(patch.body).to.include({ error_code: 'UNKNOWN_TOOL' })
      expect(patch.body.details.tool_ids).to.deep.equal([a.freeTool.id])
      const put = await bApi
        .put(`/api/v1/agents/${bAgent.id}`)
        .send({ name: 'b-agent', role: 'r2', description: 'd2', tool_ids: [a.linkedTool.id] })
      expect(put.status).to.equal(422)
      expect(put.body.details.tool_ids).to.deep.equal([a.linkedTool.id])
      expect(await storedState(b.tenantId)).to.deep.equal(bBefore)
      const read = await bApi.get(`/api/v1/agents/${bAgent.id}`).expect(200)
      expect(read.body.tools.map((t: Entity) => t.id)).to.deep.equal([bTool.id])
    })

    it('answers 400 to a body naming another tenant’s tenant_id, and writes nothing there', async () => {
      const before = await storedState(a.tenant.tenantId)
      const tool = await bApi
        .post('/api/v1/tools')
        .send({ name: 'planted', description: 'd', tenant_id: a.tenant.tenantId })
      expect(tool.status).to.equal(400)
      expect(tool.body.error_code).to.equal('VALIDATION_ERROR')
      const agent = await bApi
        .post('/api/v1/agents')
        .send({ name: 'planted', role: 'r', description: 'd', tenant_id: a.tenant.tenantId })
      expect(agent.status).to.equal(400)
      expect(agent.body.error_code).to.equal('VALIDATION_ERROR')
      expect(await storedState(a.tenant.tenantId)).to.deep.equal(before)
    })
  })

  it('leaves every one of A’s tools, agents and links unchanged after all of B’s attempts', async () => {
    const storedBefore = await storedState(a.tenant.tenantId)
    const apiBefore = await apiState(a)
    expect(storedBefore.tools).to.have.lengthOf(3)
    expect(storedBefore.agents).to.have.lengthOf(2)
    expect(storedBefore.links).to.have.lengthOf(3)

    const statuses: string[] = []
    const record = (label: string, res: Response) => statuses.push(`${label} ${res.status}`)
    for (const tool of [a.linkedTool, a.freeTool]) {
      const url = `/api/v1/tools/${tool.id}`
      record(`GET ${tool.name}`, await bApi.get(url))
      record(`PUT ${tool.name}`, await bApi.put(url).send({ name: 'b-renamed', description: 'by B' }))
      record(`PATCH ${tool.name}`, await bApi.patch(url).send({ name: 'b-patched' }))
      record(`DELETE ${tool.name}`, await bApi.delete(url))
    }
    for (const agent of [a.agent, a.otherAgent]) {
      const url = `/api/v1/agents/${agent.id}`
      record(`GET ${agent.name}`, await bApi.get(url))
      record(
        `PUT ${agent.name}`,
        await bApi.put(url).send({ name: 'b-renamed', role: 'r', description: 'by B', tool_ids: [] }),
      )
      record(`PATCH ${agent.name}`, await bApi.patch(url).send({ tool_ids: [a.freeTool.id] }))
      record(`DELETE ${agent.name}`, await bApi.delete(url))
    }
    record(
      'POST agent with A’s tools',
      await bApi.post('/api/v1/agents').send({
        name: a.agent.name,
        role: 'r',
        description: 'd',
        tool_ids: [a.linkedTool.id, a.freeTool.id],
      }),
    )
    record(
      'POST tool with A’s name',
      await bApi.post('/api/v1/tools').send({ name: a.freeTool.name, description: 'B’s' }),
    )
    expect(statuses).to.deep.equal([
      'GET a-search 404',
      'PUT a-search 404',
      'PATCH a-search 404',
      'DELETE a-search 404',
      'GET a-unused 404',
      'PUT a-unused 404',
      'PATCH a-unused 404',
      'DELETE a-unused 404',
      'GET a-researcher 404',
      'PUT a-researcher 404',
      'PATCH a-researcher 404',
      'DELETE a-researcher 404',
      'GET a-writer 404',
      'PUT a-writer 404',
      'PATCH a-writer 404',
      'DELETE a-writer 404',
      'POST agent with A’s tools 422',
      'POST tool with A’s name 201',
    ])

    expect(await storedState(a.tenant.tenantId)).to.deep.equal(storedBefore)
    expect(await apiState(a)).to.deep.equal(apiBefore)
    const researcher = apiBefore.agentBodies.find((x) => x.id === a.agent.id)
    expect(researcher?.tools?.map((t) => t.name)).to.deep.equal(['a-calculator', 'a-search'])
    expect(apiBefore.toolBodies.map((t) => t.description).sort()).to.deep.equal([
      'a-calculator of A',
      'a-search of A',
      'a-unused of A',
    ])
  })

  describe('the API key', () => {
    const url = '/api/v1/tools'
    const oneCharChanged = (key: string) => {
      const i = Math.floor(key.length / 2)
      return key.slice(0, i) + (key[i] === 'A' ? 'B' : 'A') + key.slice(i + 1)
    }

    const expectInvalidKey = (res: Response, label: string) => {
      expect(res.status, label).to.equal(401)
      expect(res.headers['content-type'], label).to.match(/^application\/problem\+json/)
      expect(res.headers['www-authenticate'], label).to.be.a('string').and.include('X-API-Key')
      expect(res.body, label).to.include({ error_code: 'INVALID_API_KEY', status: 401 })
    }

    it('answers 401 INVALID_API_KEY with WWW-Authenticate without a key, with an empty key and with a wrong key', async () => {
      const tenant = await createTestTenant()
      const requests: [string, () => Promise<Response>][] = [
        ['missing', () => anonymous().get(url)],
        ['empty', () => anonymous().get(url).set('X-API-Key', '')],
        ['wrong', () => anonymous().get(url).set('X-API-Key', 'map_not-a-real-key')],
        ['one char changed', () => anonymous().get(url).set('X-API-Key', oneCharChanged(tenant.apiKey))],
        [
          'too long',
          () =>
            anonymous()
              .get(url)
              .set('X-API-Key', tenant.apiKey + 'x'.repeat(300)),
        ],
        ['lower-case header, wrong key', () => anonymous().get(url).set('x-api-key', 'map_nope')],
      ]
      for (const [label, send] of requests) expectInvalidKey(await send(), label)
    })

    it('answers identical 401 bodies, except instance, for a missing, a wrong and an almost-right key', async () => {
      const tenant = await createTestTenant()
      const almost = oneCharChanged(tenant.apiKey)
      expect(almost).to.have.lengthOf(tenant.apiKey.length).and.not.equal(tenant.apiKey)
      const responses = [
        await anonymous().get(url),
        await anonymous().get(url).set('X-API-Key', 'map_not-a-real-key'),
        await anonymous().get(url).set('X-API-Key', almost),
      ]
      const instances = responses.map((res) => res.body.instance as string)
      expect(new Set(instances).size, 'each instance names its own request').to.equal(3)
      const [first, ...rest] = responses.map((res) => {
        expectInvalidKey(res, 'body')
        const { instance: _instance, ...body } = res.body as Record<string, unknown>
        return { body, wwwAuthenticate: res.headers['www-authenticate'] }
      })
      for (const other of rest) expect(other).to.deep.equal(first)
    })

    it('refuses every route without a valid key and writes nothing', async () => {
      const before = await storedState(a.tenant.tenantId)
      const tool = `/api/v1/tools/${a.freeTool.id}`
      const agent = `/api/v1/agents/${a.agent.id}`
      const requests: [string, () => Promise<Response>][] = [
        ['GET tools', () => anonymous().get('/api/v1/tools')],
        ['POST tools', () => anonymous().post('/api/v1/tools').send({ name: 'n', description: 'd' })],
        ['GET tool', () => anonymous().get(tool)],
        ['PUT tool', () => anonymous().put(tool).send({ name: 'n', description: 'd' })],
        ['PATCH tool', () => anonymous().patch(tool).send({ name: 'n' })],
        ['DELETE tool', () => anonymous().delete(tool).set('X-API-Key', 'wrong')],
        ['GET agents', () => anonymous().get('/api/v1/agents')],
        [
          'POST agents',
          () => anonymous().post('/api/v1/agents').send({ name: 'n', role: 'r', description: 'd' }),
        ],
        ['GET agent', () => anonymous().get(agent)],
        ['PUT agent', () => anonymous().put(agent).send({ name: 'n', role: 'r', description: 'd' })],
        ['PATCH agent', () => anonymous().patch(agent).send({ tool_ids: [] })],
        ['DELETE agent', () => anonymous().delete(agent).set('X-API-Key', '')],
      ]
      for (const [label, send] of requests) expectInvalidKey(await send(), label)
      expect(await storedState(a.tenant.tenantId)).to.deep.equal(before)
    })

    it('accepts the correct key under the header names x-api-key and X-Api-Key', async () => {
      const tenant = await createTestTenant()
      const created = await anonymous()
        .post('/api/v1/tools')
        .set('x-api-key', tenant.apiKey)
        .send({ name: 'via-lower-case', description: 'd' })
      expect(created.status).to.equal(201)
      const [row] = await testStack().superSql`select tenant_id from tools where id = ${created.body.id}`
      expect(row?.tenant_id).to.equal(tenant.tenantId)
      for (const header of ['x-api-key', 'X-Api-Key']) {
        const res = await anonymous().get(url).set(header, tenant.apiKey)
        expect(res.status, header).to.equal(200)
        expect(res.headers['www-authenticate'], header).to.equal(undefined)
        expect(
          res.body.items.map((t: Entity) => t.id),
          header,
        ).to.deep.equal([created.body.id])
      }
    })
  })
})
