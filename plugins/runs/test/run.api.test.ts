import { expect } from 'chai'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { collectText, parseEvents } from './sse.js'

const missingId = '00000000-0000-4000-8000-000000000000'

describe('POST /api/v1/agents/{id}/run', () => {
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>

  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant)
  })

  const createAgent = async (name: string, toolNames: string[] = []) => {
    const toolIds: string[] = []
    for (const toolName of toolNames) {
      const tool = await api
        .post('/api/v1/tools')
        .send({ name: toolName, description: `${toolName} tool` })
        .expect(201)
      toolIds.push(tool.body.id as string)
    }
    const agent = await api
      .post('/api/v1/agents')
      .send({ name, role: 'Researcher', description: 'Finds things out', tool_ids: toolIds })
      .expect(201)
    return agent.body as { id: string; name: string }
  }

  describe('on the mock provider', () => {
    it('answers 200 with the execution in the known mock format, and records it', async () => {
      const agent = await createAgent('scout', ['web-search', 'calculator'])
      const res = await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .send({ prompt: 'Find the tallest tree', model: 'gpt-4o' })
      expect(res.status).to.equal(200)
      expect(res.body).to.include({
        agent_id: agent.id,
        agent_name: 'scout',
        model: 'gpt-4o',
        provider: 'mock',
      })
      expect(res.body).to.include({ prompt: 'Find the tallest tree', status: 'completed', cost_usd: 0 })
      expect(res.body.response).to.equal(
        "[Mock Response] Agent 'scout' (role: Researcher) processed your request using tools: [calculator, web-search]. " +
          "Based on the task 'Find the tallest tree', here is a simulated response demonstrating the agent's capabilities.",
      )
      expect(res.body.tools_available).to.deep.equal(['calculator', 'web-search'])
      expect(res.body).not.to.have.property('warning')
      expect(res.body.usage.input_tokens).to.be.greaterThan(10)
      expect(res.body.usage.output_tokens).to.be.greaterThan(10)
      expect(res.body.usage.total_tokens).to.equal(res.body.usage.input_tokens + res.body.usage.output_tokens)
      const [row] = await testStack().superSql`
        select tenant_id, agent_id, status, provider, response, input_tokens, agent_snapshot
          from execution_logs where id = ${res.body.id}`
      expect(row).to.deep.include({
        tenant_id: tenant.tenantId,
        agent_id: agent.id,
        status: 'completed',
        provider: 'mock',
      })
      expect(row!.response).to.equal(res.body.response)
      expect(row!.input_tokens).to.equal(res.body.usage.input_tokens)
      expect(row!.agent_snapshot.tools.map((t: { name: string }) => t.name)).to.deep.equal([
        'calculator',
        'web-search',
      ])
    })

    it('is deterministic: the same agent, prompt and model give the same response and usage', async () => {
      const agent = await createAgent('repeat', ['t1'])
      const run = () =>
        api
          .post(`/api/v1/agents/${agent.id}/run`)
          .send({ prompt: 'Same question', model: 'gpt-4' })
          .expect(200)
      const [first, second] = [await run(), await run()]
      expect(second.body.id).not.to.equal(first.body.id)
      expect(second.body.response).to.equal(first.body.response)
      expect(second.body.usage).to.deep.equal(first.body.usage)
    })

    it('runs an agent without tools and warns that it has none', async () => {
      const agent = await createAgent('loner')
      const res = await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .send({ prompt: 'Hello', model: 'claude-3-sonnet' })
        .expect(200)
      expect(res.body.tools_available).to.deep.equal([])
      expect(res.body.warning).to.match(/no tools/)
      expect(res.body.response).to.include('without any tools')
    })

    it('shortens a long prompt in the response preview to 100 characters', async () => {
      const agent = await createAgent('preview')
      const prompt = 'p'.repeat(150)
      const res = await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .send({ prompt, model: 'gpt-4o' })
        .expect(200)
      expect(res.body.response).to.include(`'${'p'.repeat(100)}...'`)
      expect(res.body.prompt).to.equal(prompt)
    })

    it('keeps the snapshot of the agent as it ran after the agent changes', async () => {
      const agent = await createAgent('before-edit', ['old-tool'])
      const run = await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .send({ prompt: 'x', model: 'gpt-4o' })
        .expect(200)
      await api.patch(`/api/v1/agents/${agent.id}`).send({ name: 'after-edit', tool_ids: [] }).expect(200)
      const [row] = await testStack()
        .superSql`select agent_snapshot from execution_logs where id = ${run.body.id}`
      expect(row!.agent_snapshot).to.deep.include({ name: 'before-edit', role: 'Researcher' })
      expect(row!.agent_snapshot.tools.map((t: { name: string }) => t.name)).to.deep.equal(['old-tool'])
    })
  })

  describe('errors', () => {
    it('answers 400 INVALID_MODEL with the allowed models, and records nothing', async () => {
      const agent = await createAgent('picky')
      const res = await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .send({ prompt: 'x', model: 'gpt-5-turbo-max' })
      expect(res.status).to.equal(400)
      expect(res.body.error_code).to.equal('INVALID_MODEL')
      const models = await api.get('/api/v1/models').expect(200)
      expect(res.body.details).to.deep.equal({
        provided_model: 'gpt-5-turbo-max',
        allowed_models: models.body.items.map((m: { id: string }) => m.id),
      })
      const rows = await testStack().superSql`select 1 from execution_logs where agent_id = ${agent.id}`
      expect(rows).to.have.length(0)
    })

    it("answers 404 AGENT_NOT_FOUND for an unknown agent and for another tenant's agent", async () => {
      const others = asTenant(await createTestTenant('other'))
      const foreign = await others
        .post('/api/v1/agents')
        .send({ name: 'theirs', role: 'r', description: 'd' })
        .expect(201)
      for (const id of [missingId, foreign.body.id as string]) {
        const res = await api.post(`/api/v1/agents/${id}/run`).send({ prompt: 'x', model: 'gpt-4o' })
        expect(res.status, id).to.equal(404)
        expect(res.body.error_code, id).to.equal('AGENT_NOT_FOUND')
      }
      const rows = await testStack()
        .superSql`select 1 from execution_logs where agent_id = ${foreign.body.id}`
      expect(rows).to.have.length(0)
    })

    it('accepts a prompt of 10,000 characters and refuses an empty one or 10,001', async () => {
      const agent = await createAgent('bounds')
      await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .send({ prompt: 'a'.repeat(10_000), model: 'gpt-4o' })
        .expect(200)
      for (const prompt of ['', 'a'.repeat(10_001)]) {
        const res = await api.post(`/api/v1/agents/${agent.id}/run`).send({ prompt, model: 'gpt-4o' })
        expect(res.status).to.equal(400)
        expect(res.body.details.errors[0].path).to.equal('/body/prompt')
      }
    })

    it('refuses a missing model and unknown fields', async () => {
      const agent = await createAgent('strict')
      for (const body of [{ prompt: 'x' }, { prompt: 'x', model: 'gpt-4o', temperature: 2 }]) {
        const res = await api.post(`/api/v1/agents/${agent.id}/run`).send(body)
        expect(res.status).to.equal(400)
        expect(res.body.error_code).to.equal('VALIDATION_ERROR')
      }
    })
  })

  describe('streaming', () => {
    it('streams execution.created, response.delta events, then execution.completed with the stored execution', async () => {
      const agent = await createAgent('streamer', ['pen'])
      const res = await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .send({ prompt: 'Write a line', model: 'gpt-4o', stream: true })
        .buffer(true)
        .parse(collectText)
      expect(res.status).to.equal(200)
      expect(res.headers['content-type']).to.match(/^text\/event-stream/)
      const events = parseEvents(res.body as string)
      const names = events.map((e) => e.event)
      expect(names[0]).to.equal('execution.created')
      expect(names.at(-1)).to.equal('execution.completed')
      expect(names.slice(1, -1).every((n) => n === 'response.delta')).to.equal(true)
      expect(names.length).to.be.greaterThan(5)
      const created = events[0]!.data as { id: string; status: string }
      const completed = events.at(-1)!.data as { id: string; response: string; status: string }
      expect(created).to.include({ id: completed.id, status: 'running' })
      const deltas = events.slice(1, -1).map((e) => (e.data as { delta: string }).delta)
      expect(deltas.join('')).to.equal(completed.response)
      expect(completed.status).to.equal('completed')
      const [row] = await testStack()
        .superSql`select response, status from execution_logs where id = ${completed.id}`
      expect(row).to.deep.equal({ response: completed.response, status: 'completed' })
    })

    it('streams when the client asks with Accept: text/event-stream', async () => {
      const agent = await createAgent('accepting')
      const res = await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .set('Accept', 'text/event-stream')
        .send({ prompt: 'hi', model: 'gpt-4o' })
        .buffer(true)
        .parse(collectText)
      expect(res.headers['content-type']).to.match(/^text\/event-stream/)
      expect(parseEvents(res.body as string).at(-1)!.event).to.equal('execution.completed')
    })

    it('answers JSON to an explicit "stream": false, whatever Accept says: the body field wins', async () => {
      const agent = await createAgent('explicit')
      const res = await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .set('Accept', 'text/event-stream')
        .send({ prompt: 'hi', model: 'gpt-4o', stream: false })
        .expect(200)
      expect(res.headers['content-type']).to.match(/^application\/json/)
      expect(res.body).to.include({ status: 'completed', agent_id: agent.id })
    })
  })

  describe('Idempotency-Key', () => {
    it('runs once: a retry with the same key and body gets the stored answer, marked as replayed', async () => {
      const agent = await createAgent('once')
      const send = () =>
        api
          .post(`/api/v1/agents/${agent.id}/run`)
          .set('Idempotency-Key', 'run-1')
          .send({ prompt: 'x', model: 'gpt-4o' })
      const first = await send().expect(200)
      expect(first.headers['idempotent-replayed']).to.equal(undefined)
      const retry = await send().expect(200)
      expect(retry.headers['idempotent-replayed']).to.equal('true')
      expect(retry.body).to.deep.equal(first.body)
      const rows = await testStack().superSql`select id from execution_logs where agent_id = ${agent.id}`
      expect(rows).to.have.length(1)
    })

    it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with a different body', async () => {
      const agent = await createAgent('reuse')
      await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .set('Idempotency-Key', 'k')
        .send({ prompt: 'a', model: 'gpt-4o' })
        .expect(200)
      const res = await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .set('Idempotency-Key', 'k')
        .send({ prompt: 'b', model: 'gpt-4o' })
      expect(res.status).to.equal(409)
      expect(res.body.error_code).to.equal('IDEMPOTENCY_KEY_REUSED')
    })

    it('keeps keys per tenant: another tenant with the same key runs its own request', async () => {
      const agent = await createAgent('mine')
      await api
        .post(`/api/v1/agents/${agent.id}/run`)
        .set('Idempotency-Key', 'shared')
        .send({ prompt: 'a', model: 'gpt-4o' })
        .expect(200)
      const other = asTenant(await createTestTenant('other'))
      const theirs = await other
        .post('/api/v1/agents')
        .send({ name: 'theirs', role: 'r', description: 'd' })
        .expect(201)
      const res = await other
        .post(`/api/v1/agents/${theirs.body.id}/run`)
        .set('Idempotency-Key', 'shared')
        .send({ prompt: 'b', model: 'gpt-4o' })
        .expect(200)
      expect(res.headers['idempotent-replayed']).to.equal(undefined)
      expect(res.body.agent_id).to.equal(theirs.body.id)
    })

    it('replays a client error too, without running again', async () => {
      const agent = await createAgent('replays-errors')
      const send = () =>
        api
          .post(`/api/v1/agents/${agent.id}/run`)
          .set('Idempotency-Key', 'bad-model')
          .send({ prompt: 'x', model: 'nope' })
      const first = await send().expect(400)
      const retry = await send().expect(400)
      expect(retry.body).to.deep.equal(first.body)
      expect(retry.headers['idempotent-replayed']).to.equal('true')
      expect(retry.headers['content-type']).to.match(/^application\/problem\+json/)
    })
  })
})
