// Runs against real provider clients (openai, @anthropic-ai/sdk) talking to local servers that speak
// each wire protocol: success, usage and cost, tool calls, streaming, failures, timeouts, cancellation.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  testConfig,
  type TestTenant,
} from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { startFakeAnthropic, type FakeAnthropic } from '../../models/test/fakes/anthropic-server.js'
import { startFakeOpenAI, type FakeOpenAI } from '../../models/test/fakes/openai-server.js'
import { collectText, parseEvents } from './sse.js'

const timeoutMs = 800

describe('runs on real provider clients', function () {
  this.timeout(20_000)
  let openai: FakeOpenAI
  let anthropic: FakeAnthropic
  let built: ReturnType<typeof buildTestApp>
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>
  let agentId: string

  before(async () => {
    openai = await startFakeOpenAI()
    anthropic = await startFakeAnthropic()
    built = buildTestApp({
      config: testConfig({
        OPENAI_BASE_URL: openai.baseUrl,
        OPENAI_API_KEY: 'sk-test-openai',
        ANTHROPIC_BASE_URL: anthropic.baseUrl,
        ANTHROPIC_API_KEY: 'sk-test-anthropic',
        PROVIDER_TIMEOUT_MS: String(timeoutMs),
      }),
    })
  })
  after(async () => {
    await openai.close()
    await anthropic.close()
  })
  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant, built)
    const tool = await api
      .post('/api/v1/tools')
      .send({ name: 'lookup', description: 'Looks things up' })
      .expect(201)
    const agent = await api
      .post('/api/v1/agents')
      .send({
        name: 'analyst',
        role: 'Data analyst',
        description: 'Answers with numbers',
        tool_ids: [tool.body.id],
      })
      .expect(201)
    agentId = agent.body.id as string
  })

  const run = (body: Record<string, unknown>) => api.post(`/api/v1/agents/${agentId}/run`).send(body)
  const storedExecution = async (id: string) =>
    (
      await testStack()
        .superSql`select status, error, response, tool_calls from execution_logs where id = ${id}`
    )[0]

  it('lists the gpt models on openai and the claude models on anthropic, at list prices', async () => {
    const res = await api.get('/api/v1/models').expect(200)
    const byId = new Map((res.body.items as { id: string; provider: string }[]).map((m) => [m.id, m]))
    expect(byId.get('gpt-4o')).to.deep.include({ provider: 'openai', input_price_per_million: 2.5 })
    expect(byId.get('claude-3-opus')).to.deep.include({ provider: 'anthropic', output_price_per_million: 75 })
  })

  it('runs gpt-4o on openai: the agent becomes the system prompt, tools become function tools, usage is priced', async () => {
    openai.next({ kind: 'text', text: 'Forty-two.', usage: { inputTokens: 1200, outputTokens: 300 } })
    const res = await run({ prompt: 'What is the answer?', model: 'gpt-4o' }).expect(200)
    expect(res.body).to.include({ provider: 'openai', response: 'Forty-two.', status: 'completed' })
    expect(res.body.usage).to.deep.equal({
      input_tokens: 1200,
      output_tokens: 300,
      total_tokens: 1500,
      estimated: false,
    })
    expect(res.body.cost_usd).to.equal((1200 * 2.5 + 300 * 10) / 1_000_000)
    const sent = openai.requests.at(-1)!.body
    expect(sent.model).to.equal('gpt-4o')
    const [system, user] = sent.messages as { role: string; content: string }[]
    expect(system!.role).to.equal('system')
    expect(system!.content)
      .to.include('analyst')
      .and.include('Data analyst')
      .and.include('lookup: Looks things up')
    expect(user).to.deep.equal({ role: 'user', content: 'What is the answer?' })
    expect((sent.tools as { function: { name: string } }[]).map((t) => t.function.name)).to.deep.equal([
      'lookup',
    ])
    expect(openai.requests.at(-1)!.headers.authorization).to.equal('Bearer sk-test-openai')
  })

  it('records the tool calls the model asks for, and waits for the client tool to be run by the caller', async () => {
    openai.next({ kind: 'toolCalls', calls: [{ name: 'lookup', arguments: '{"q":"answer"}' }] })
    const res = await run({ prompt: 'Look it up', model: 'gpt-4o' }).expect(200)
    expect(res.body.tool_calls).to.deep.equal([{ name: 'lookup', arguments: '{"q":"answer"}' }])
    // lookup is a client tool (the default kind): the run loop stops for the caller to run it.
    expect(res.body.status).to.equal('requires_action')
    expect(res.body.required_action.tool_calls[0]).to.include({ name: 'lookup', arguments: '{"q":"answer"}' })
    expect((await storedExecution(res.body.id as string))!.tool_calls).to.deep.equal(res.body.tool_calls)
  })

  it("runs claude-3-opus on anthropic with the provider's model name", async () => {
    anthropic.next({ kind: 'text', text: 'Bonjour.', usage: { inputTokens: 20, outputTokens: 4 } })
    const res = await run({ prompt: 'Say hello', model: 'claude-3-opus' }).expect(200)
    expect(res.body).to.include({ provider: 'anthropic', response: 'Bonjour.' })
    expect(anthropic.requests.at(-1)!.body.model).to.equal('claude-3-opus-20240229')
  })

  for (const [label, reply, upstream] of [
    ['a 429', { kind: 'status', status: 429 }, 429],
    ['a 500', { kind: 'status', status: 500 }, 500],
    ['a malformed body', { kind: 'malformed' }, undefined],
  ] as const) {
    it(`answers 502 PROVIDER_ERROR for ${label} and records the execution as failed`, async () => {
      openai.next(reply)
      const res = await run({ prompt: 'x', model: 'gpt-4o' })
      expect(res.status).to.equal(502)
      expect(res.body.error_code).to.equal('PROVIDER_ERROR')
      expect(res.body.details).to.include({ provider: 'openai' })
      expect(res.body.details.upstream_status).to.equal(upstream)
      const stored = await storedExecution(res.body.details.execution_id as string)
      expect(stored).to.deep.include({ status: 'failed', response: null })
      expect(stored!.error).to.deep.include({ error_code: 'PROVIDER_ERROR', status: 502 })
    })
  }

  it('answers 504 PROVIDER_TIMEOUT when the provider never answers, within the deadline, and records it', async () => {
    openai.next({ kind: 'hang' })
    const started = Date.now()
    const res = await run({ prompt: 'x', model: 'gpt-4o' })
    expect(res.status).to.equal(504)
    expect(Date.now() - started).to.be.lessThan(timeoutMs + 2000)
    expect(res.body.error_code).to.equal('PROVIDER_TIMEOUT')
    expect((await storedExecution(res.body.details.execution_id as string))!.status).to.equal('failed')
  })

  it('answers 504 when a stream stalls after its headers', async () => {
    openai.next({ kind: 'text', text: ['part'], stall: true })
    const res = await run({ prompt: 'x', model: 'gpt-4o' })
    expect(res.status).to.equal(504)
  })

  const streamText = (res: { body: unknown }) => parseEvents(res.body as string)

  it('streams the deltas the provider produces, in order', async () => {
    openai.next({ kind: 'text', text: ['Hel', 'lo ', 'world'] })
    const res = await run({ prompt: 'x', model: 'gpt-4o', stream: true }).buffer(true).parse(collectText)
    const events = streamText(res)
    expect(events.map((e) => e.event)).to.deep.equal([
      'execution.created',
      'response.delta',
      'response.delta',
      'response.delta',
      'execution.completed',
    ])
    expect(events.slice(1, 4).map((e) => (e.data as { delta: string }).delta)).to.deep.equal([
      'Hel',
      'lo ',
      'world',
    ])
    expect(events[4]!.data).to.include({ response: 'Hello world', status: 'completed', provider: 'openai' })
  })

  it('ends a stream with execution.failed when the provider fails, and records it', async () => {
    anthropic.next({ kind: 'status', status: 500 })
    const res = await run({ prompt: 'x', model: 'claude-3-sonnet', stream: true })
      .buffer(true)
      .parse(collectText)
    const events = streamText(res)
    expect(events.map((e) => e.event)).to.deep.equal(['execution.created', 'execution.failed'])
    const failed = events[1]!.data as { id: string; status: string; error: { error_code: string } }
    expect(failed.status).to.equal('failed')
    expect(failed.error.error_code).to.equal('PROVIDER_ERROR')
    expect((await storedExecution(failed.id))!.status).to.equal('failed')
  })

  describe('when the client goes away mid-stream', () => {
    let server: Server
    let baseUrl: string
    before(async () => {
      server = built.app.listen(0, '127.0.0.1')
      await new Promise((resolve) => server.once('listening', resolve))
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    after(() => new Promise((resolve) => server.close(resolve)))

    it('stops the model call and records the run as cancelled with the text so far', async () => {
      openai.next({ kind: 'text', text: ['First words ', 'then more'], stall: true })
      const controller = new AbortController()
      const res = await fetch(`${baseUrl}/api/v1/agents/${agentId}/run`, {
        method: 'POST',
        headers: { 'X-API-Key': tenant.apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ prompt: 'talk', model: 'gpt-4o', stream: true }),
        signal: controller.signal,
      })
      const reader = res.body!.getReader()
      let seen = ''
      while (!seen.includes('then more')) seen += new TextDecoder().decode((await reader.read()).value)
      controller.abort()
      let stored: Record<string, unknown> | undefined
      for (let i = 0; i < 50 && !stored; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        ;[stored] = await testStack().superSql`
          select status, response, error from execution_logs where agent_id = ${agentId}`
      }
      expect(stored).to.deep.include({ status: 'cancelled', response: 'First words then more' })
      expect((stored!.error as { error_code: string }).error_code).to.equal('RUN_CANCELLED')
    })
  })

  it('answers 409 IDEMPOTENCY_KEY_IN_PROGRESS to a retry while the first run is still waiting, then replays its answer', async () => {
    openai.next({ kind: 'hang' })
    const send = () => run({ prompt: 'slow', model: 'gpt-4o' }).set('Idempotency-Key', 'slow-run')
    const first = send().then((res) => res)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const during = await send()
    expect(during.status).to.equal(409)
    expect(during.body.error_code).to.equal('IDEMPOTENCY_KEY_IN_PROGRESS')
    expect((await first).status).to.equal(504)
    const after = await send()
    expect(after.status).to.equal(504)
    expect(after.headers['idempotent-replayed']).to.equal('true')
    expect(
      openai.requests.filter((r) => (r.body.messages as { content: string }[])[1]!.content === 'slow'),
    ).to.have.length(1)
  })
})
