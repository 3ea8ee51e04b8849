import { expect } from 'chai'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'

const missingId = '00000000-0000-4000-8000-000000000000'

describe('tools API', () => {
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>

  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant)
  })

  const createTool = async (name: string, description = `${name} does things`) => {
    const res = await api.post('/api/v1/tools').send({ name, description }).expect(201)
    return res.body as {
      id: string
      name: string
      description: string
      created_at: string
      updated_at: string
    }
  }

  describe('POST /api/v1/tools', () => {
    it('creates a tool, answers 201 with it and a Location, and stores it for the tenant', async () => {
      const res = await api
        .post('/api/v1/tools')
        .send({ name: 'web-search', description: 'Searches the web' })
      expect(res.status).to.equal(201)
      expect(res.body).to.include({ name: 'web-search', description: 'Searches the web' })
      expect(res.body.created_at).to.equal(res.body.updated_at)
      expect(res.headers.location).to.equal(`/api/v1/tools/${res.body.id}`)
      const [row] = await testStack().superSql`select tenant_id, name from tools where id = ${res.body.id}`
      expect(row).to.deep.equal({ tenant_id: tenant.tenantId, name: 'web-search' })
    })

    it('answers 409 DUPLICATE_TOOL_NAME with the name when the tenant already has it', async () => {
      await createTool('calculator')
      const res = await api.post('/api/v1/tools').send({ name: 'calculator', description: 'again' })
      expect(res.status).to.equal(409)
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
      expect(res.body).to.include({ error_code: 'DUPLICATE_TOOL_NAME', status: 409 })
      expect(res.body.details).to.deep.equal({ name: 'calculator' })
    })

    it('allows the same name in another tenant', async () => {
      await createTool('shared-name')
      const other = asTenant(await createTestTenant())
      await other.post('/api/v1/tools').send({ name: 'shared-name', description: 'mine' }).expect(201)
    })

    it('answers 400 VALIDATION_ERROR naming every failing field', async () => {
      const res = await api.post('/api/v1/tools').send({ name: '', description: 'x'.repeat(1001), extra: 1 })
      expect(res.status).to.equal(400)
      expect(res.body.error_code).to.equal('VALIDATION_ERROR')
      const paths = (res.body.details.errors as { path: string }[]).map((e) => e.path)
      expect(paths).to.include.members(['/body/name', '/body/description', '/body/extra'])
    })

    it('counts characters, not bytes: 100 multi-byte characters fit, 101 do not', async () => {
      const name = 'é'.repeat(100)
      await api.post('/api/v1/tools').send({ name, description: 'ok' }).expect(201)
      const res = await api.post('/api/v1/tools').send({ name: 'é'.repeat(101), description: 'ok' })
      expect(res.status).to.equal(400)
    })

    it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
      const res = await api.post('/api/v1/tools').set('Content-Type', 'application/json').send('{"name": ')
      expect(res.status).to.equal(400)
      expect(res.body.error_code).to.equal('MALFORMED_JSON')
    })

    it('answers 415 UNSUPPORTED_MEDIA_TYPE for a body that is not JSON by content type', async () => {
      const res = await api.post('/api/v1/tools').set('Content-Type', 'text/plain').send('name=x')
      expect(res.status).to.equal(415)
      expect(res.body.error_code).to.equal('UNSUPPORTED_MEDIA_TYPE')
    })

    it('answers 413 PAYLOAD_TOO_LARGE for a body over the limit', async () => {
      const res = await api.post('/api/v1/tools').send({ name: 'big', description: 'x'.repeat(70 * 1024) })
      expect(res.status).to.equal(413)
      expect(res.body).to.include({ error_code: 'PAYLOAD_TOO_LARGE' })
      expect(res.body.details).to.deep.equal({ limit_bytes: 64 * 1024 })
    })
  })

  describe('GET /api/v1/tools', () => {
    it('lists newest first with the pagination envelope', async () => {
      for (const name of ['t1', 't2', 't3']) await createTool(name)
      const res = await api.get('/api/v1/tools?limit=2&offset=0').expect(200)
      expect(res.body.items.map((t: { name: string }) => t.name)).to.deep.equal(['t3', 't2'])
      expect(res.body).to.include({ total: 3, limit: 2, offset: 0, has_more: true })
      const last = await api.get('/api/v1/tools?limit=2&offset=2').expect(200)
      expect(last.body.items.map((t: { name: string }) => t.name)).to.deep.equal(['t1'])
      expect(last.body).to.include({ total: 3, has_more: false })
    })

    it('defaults to limit 20 and offset 0', async () => {
      const res = await api.get('/api/v1/tools').expect(200)
      expect(res.body).to.deep.equal({ items: [], total: 0, limit: 20, offset: 0, has_more: false })
    })

    it('rejects limit 0, limit 101, a negative offset and unknown parameters', async () => {
      for (const query of [
        'limit=0',
        'limit=101',
        'offset=-1',
        'limit=abc',
        'colour=red',
        'limit=1&limit=2',
      ]) {
        const res = await api.get(`/api/v1/tools?${query}`)
        expect(res.status, query).to.equal(400)
        expect(res.body.error_code, query).to.equal('VALIDATION_ERROR')
      }
    })

    it('filters by agent_name to the tools linked to that agent', async () => {
      const a = await createTool('linked')
      await createTool('unlinked')
      await api
        .post('/api/v1/agents')
        .send({ name: 'helper', role: 'r', description: 'd', tool_ids: [a.id] })
        .expect(201)
      const res = await api.get('/api/v1/tools?agent_name=helper').expect(200)
      expect(res.body.items.map((t: { name: string }) => t.name)).to.deep.equal(['linked'])
      expect(res.body.total).to.equal(1)
      const none = await api.get('/api/v1/tools?agent_name=nobody').expect(200)
      expect(none.body).to.include({ total: 0 })
    })
  })

  describe('GET /api/v1/tools/{id}', () => {
    it('returns the tool', async () => {
      const tool = await createTool('getme')
      const res = await api.get(`/api/v1/tools/${tool.id}`).expect(200)
      expect(res.body).to.deep.equal(tool)
    })

    it('answers 404 TOOL_NOT_FOUND for an unknown id', async () => {
      const res = await api.get(`/api/v1/tools/${missingId}`)
      expect(res.status).to.equal(404)
      expect(res.body.error_code).to.equal('TOOL_NOT_FOUND')
    })

    it('answers 400 VALIDATION_ERROR for an id that is not a UUID', async () => {
      const res = await api.get('/api/v1/tools/not-a-uuid')
      expect(res.status).to.equal(400)
      expect(res.body.details.errors[0].path).to.equal('/params/id')
    })
  })

  describe('PUT /api/v1/tools/{id}', () => {
    it('replaces name and description and moves updated_at', async () => {
      const tool = await createTool('old')
      const res = await api
        .put(`/api/v1/tools/${tool.id}`)
        .send({ name: 'new', description: 'new text' })
        .expect(200)
      expect(res.body).to.include({
        id: tool.id,
        name: 'new',
        description: 'new text',
        created_at: tool.created_at,
      })
      expect(Date.parse(res.body.updated_at)).to.be.greaterThan(Date.parse(tool.updated_at))
    })

    it('requires every field', async () => {
      const tool = await createTool('partial')
      const res = await api.put(`/api/v1/tools/${tool.id}`).send({ name: 'only-name' })
      expect(res.status).to.equal(400)
      const after = await api.get(`/api/v1/tools/${tool.id}`).expect(200)
      expect(after.body.name).to.equal('partial')
    })

    it('answers 409 DUPLICATE_TOOL_NAME when renaming onto another tool', async () => {
      await createTool('taken')
      const tool = await createTool('mine')
      const res = await api.put(`/api/v1/tools/${tool.id}`).send({ name: 'taken', description: 'x' })
      expect(res.status).to.equal(409)
      expect(res.body.error_code).to.equal('DUPLICATE_TOOL_NAME')
    })

    it('answers 404 TOOL_NOT_FOUND for an unknown id', async () => {
      const res = await api.put(`/api/v1/tools/${missingId}`).send({ name: 'n', description: 'd' })
      expect(res.status).to.equal(404)
      expect(res.body.error_code).to.equal('TOOL_NOT_FOUND')
    })
  })

  describe('PATCH /api/v1/tools/{id}', () => {
    it('changes only the fields given', async () => {
      const tool = await createTool('patchme', 'before')
      const res = await api.patch(`/api/v1/tools/${tool.id}`).send({ description: 'after' }).expect(200)
      expect(res.body).to.include({ name: 'patchme', description: 'after' })
    })

    it('rejects an empty patch', async () => {
      const tool = await createTool('empty-patch')
      const res = await api.patch(`/api/v1/tools/${tool.id}`).send({})
      expect(res.status).to.equal(400)
      expect(res.body.error_code).to.equal('VALIDATION_ERROR')
    })

    it('answers 404 TOOL_NOT_FOUND for an unknown id', async () => {
      const res = await api.patch(`/api/v1/tools/${missingId}`).send({ name: 'n' })
      expect(res.status).to.equal(404)
    })
  })

  describe('DELETE /api/v1/tools/{id}', () => {
    it('deletes an unused tool with 204 and no body', async () => {
      const tool = await createTool('doomed')
      const res = await api.delete(`/api/v1/tools/${tool.id}`).expect(204)
      expect(res.text).to.equal('')
      await api.get(`/api/v1/tools/${tool.id}`).expect(404)
    })

    it('answers 409 TOOL_IN_USE with the agents using it, and keeps the tool', async () => {
      const tool = await createTool('busy')
      const agent = await api
        .post('/api/v1/agents')
        .send({ name: 'user-of-busy', role: 'r', description: 'd', tool_ids: [tool.id] })
        .expect(201)
      const res = await api.delete(`/api/v1/tools/${tool.id}`)
      expect(res.status).to.equal(409)
      expect(res.body.error_code).to.equal('TOOL_IN_USE')
      expect(res.body.details).to.deep.equal({
        dependent_agents: [{ id: agent.body.id, name: 'user-of-busy' }],
      })
      await api.get(`/api/v1/tools/${tool.id}`).expect(200)
    })

    it('answers 404 TOOL_NOT_FOUND for an unknown id', async () => {
      const res = await api.delete(`/api/v1/tools/${missingId}`)
      expect(res.status).to.equal(404)
      expect(res.body.error_code).to.equal('TOOL_NOT_FOUND')
    })
  })
})
