// The run loop on real provider clients (openai, @anthropic-ai/sdk) talking to the local fakes: a model
// that calls a tool and then answers drives two model steps, plain and streamed, with the results sent back
// in each provider's own shape; a later step over budget fails the run and keeps its steps.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
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
import { createAgent, createTool } from './loop.helpers.js'
import { collectText, parseEvents } from './sse.js'
import { expectEventsMatchSpec } from './sse-schemas.js'
import { expectWellFormedLog, storedEvents } from './events.helpers.js'
import { scratchDir } from '../../../test/helpers/scratch-dir.js'

describe('the run loop on real provider clients', function () {
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
    const dir = scratchDir('loop-')
    const modelsFile = path.join(dir, 'models.json')
    // Worst case of a step: its input plus 1,000 output tokens.
    writeFileSync(
      modelsFile,
      JSON.stringify({
        models: [
          {
            id: 'budgeted',
            provider: 'openai',
            provider_model: 'gpt-4o-mini',
            max_output_tokens: 1000,
            input_price_per_million: 1,
            output_price_per_million: 1,
          },
        ],
      }),
    )
    built = buildTestApp({
      config: testConfig({
        OPENAI_BASE_URL: openai.baseUrl,
        OPENAI_API_KEY: 'sk-test-openai',
        ANTHROPIC_BASE_URL: anthropic.baseUrl,
        ANTHROPIC_API_KEY: 'sk-test-anthropic',
        MODELS_FILE: modelsFile,
        PROVIDER_TIMEOUT_MS: '2000',
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
    const calc = await createTool(api, { name: 'calc', kind: 'builtin', builtin: 'calculator' })
    agentId = await createAgent(api, 'mathematician', [calc])
  })

  const run = (body: Record<string, unknown>) => api.post(`/api/v1/agents/${agentId}/run`).send(body)
  const stepsOf = async (id: string) =>
    (await api.get(`/api/v1/executions/${id}/steps`).expect(200)).body.items as {
      type: string
      status: string
      output?: unknown
      error?: { code: string }
    }[]

  for (const stream of [false, true]) {
    const how = stream ? 'streamed' : 'plain'

    it(`openai (${how}): a tool call, its result sent back as a tool message, then the answer`, async () => {
      openai.next({
        kind: 'toolCalls',
        calls: [{ id: 'call_abc', name: 'calc', arguments: '{"expression":"6*7"}' }],
        usage: { inputTokens: 100, outputTokens: 20 },
      })
      openai.next({ kind: 'text', text: ['It is ', '42.'], usage: { inputTokens: 150, outputTokens: 5 } })
      const sent = openai.requests.length
      const res = await run({ prompt: 'What is 6*7?', model: 'gpt-4o', stream })
        .buffer(true)
        .parse(collectText)
      expect(res.status).to.equal(200)
      const body = stream
        ? lastEventData(res.body as string)
        : (JSON.parse(res.body as string) as Record<string, unknown>)
      if (stream) expectEventsMatchSpec('runAgent', parseEvents(res.body as string))
      expect(body).to.deep.include({ status: 'completed', response: 'It is 42.', steps_count: 3 })
      expect(body.usage).to.deep.include({ input_tokens: 250, output_tokens: 25 })
      const second = openai.requests[sent + 1]!.body
      const messages = second.messages
      expect(messages.at(-2)!.tool_calls![0]).to.deep.include({ id: 'call_abc' })
      expect(messages.at(-1)).to.deep.include({
        role: 'tool',
        tool_call_id: 'call_abc',
        content: '{"output":{"result":42}}',
      })
      const steps = await stepsOf(body.id as string)
      expect(steps.map((s) => `${s.type}:${s.status}`)).to.deep.equal([
        'model:completed',
        'tool:completed',
        'model:completed',
      ])
    })

    it(`anthropic (${how}): tool_use, then a tool_result block answering it, then the answer`, async () => {
      anthropic.next({
        kind: 'toolCalls',
        calls: [{ id: 'toolu_1', name: 'calc', arguments: '{"expression":"2^8"}' }],
      })
      anthropic.next({ kind: 'text', text: ['256', '.'] })
      const sent = anthropic.requests.length
      const res = await run({ prompt: 'Two to the eighth?', model: 'claude-3-opus', stream })
        .buffer(true)
        .parse(collectText)
      expect(res.status).to.equal(200)
      const body = stream
        ? lastEventData(res.body as string)
        : (JSON.parse(res.body as string) as Record<string, unknown>)
      if (stream) expectEventsMatchSpec('runAgent', parseEvents(res.body as string))
      expect(body).to.deep.include({ status: 'completed', response: '256.', provider: 'anthropic' })
      const last = anthropic.requests[sent + 1]!.body.messages.at(-1)!
      expect(last.role).to.equal('user')
      expect(last.content).to.deep.equal([
        {
          type: 'tool_result',
          tool_use_id: 'toolu_1',
          content: '{"output":{"result":256}}',
          is_error: false,
        },
      ])
    })
  }

  it('answers a call of a tool the agent does not have with UNKNOWN_TOOL, which the model sees', async () => {
    openai.next({ kind: 'toolCalls', calls: [{ id: 'call_x', name: 'rm_rf', arguments: '{}' }] })
    openai.next({ kind: 'text', text: 'Sorry.' })
    const sent = openai.requests.length
    const res = await run({ prompt: 'Delete everything', model: 'gpt-4o' }).expect(200)
    expect(res.body.status).to.equal('completed')
    const steps = await stepsOf(res.body.id as string)
    expect(steps[1]).to.deep.include({ status: 'failed', tool_id: null, tool_name: 'rm_rf' })
    expect(steps[1]!.error!.code).to.equal('UNKNOWN_TOOL')
    const toolMessage = openai.requests[sent + 1]!.body.messages.at(-1)!
    expect(JSON.parse(toolMessage.content!)).to.deep.include({
      error: { code: 'UNKNOWN_TOOL', message: 'There is no tool named "rm_rf".' },
    })
  })

  it('fails the run with BUDGET_EXCEEDED when a later step would cross the budget, keeping the steps done', async () => {
    await testStack().superSql`update tenants set monthly_token_budget = 2500 where id = ${tenant.tenantId}`
    openai.next({
      kind: 'toolCalls',
      calls: [{ name: 'calc', arguments: '{"expression":"1+1"}' }],
      usage: { inputTokens: 1200, outputTokens: 300 },
    })
    const sent = openai.requests.length
    const res = await run({ prompt: 'Add', model: 'budgeted' })
    expect(res.status).to.equal(429)
    expect(res.body.error_code).to.equal('BUDGET_EXCEEDED')
    expect(res.body.details).to.include({ budget_kind: 'tokens', budget: 2500, used: 1500 })
    const id = res.body.details.execution_id as string
    // The second model call was never made.
    expect(openai.requests.length - sent).to.equal(1)
    const execution = await api.get(`/api/v1/executions/${id}`).expect(200)
    expect(execution.body).to.deep.include({ status: 'failed', steps_count: 2 })
    expect(execution.body.error).to.deep.include({ error_code: 'BUDGET_EXCEEDED' })
    expect(execution.body.usage).to.deep.include({ input_tokens: 1200, output_tokens: 300 })
    expect((await stepsOf(id)).map((s) => `${s.type}:${s.status}`)).to.deep.equal([
      'model:completed',
      'tool:completed',
    ])
    // Settled to what was used, nothing left reserved.
    const [usage] = await testStack().superSql<{ used: number; reserved: number }[]>`
      select sum(tokens_used)::int as used, sum(tokens_reserved)::int as reserved
        from budget_usage where tenant_id = ${tenant.tenantId}`
    expect(usage).to.deep.equal({ used: 1500, reserved: 0 })
    // The event log ends with the failure, written with it.
    const events = await storedEvents(api, id)
    expectWellFormedLog(events)
    expect(events.map((e) => e.type)).to.deep.equal([
      'execution.created',
      'step.created',
      'tool_call.created',
      'tool_call.completed',
      'execution.failed',
    ])
    expect(events.at(-1)!.data).to.deep.equal(execution.body)
  })

  it('logs the failure of a continuation whose next step would cross the budget, after the pause', async () => {
    await testStack().superSql`update tenants set monthly_token_budget = 2500 where id = ${tenant.tenantId}`
    const asker = await createAgent(api, 'asker', [await createTool(api, { name: 'ask_user' })])
    openai.next({
      kind: 'toolCalls',
      calls: [{ id: 'call_ask', name: 'ask_user', arguments: '{}' }],
      usage: { inputTokens: 1200, outputTokens: 300 },
    })
    const paused = await api
      .post(`/api/v1/agents/${asker}/run`)
      .send({ prompt: 'Ask', model: 'budgeted' })
      .expect(200)
    const id = paused.body.id as string
    const refused = await api
      .post(`/api/v1/executions/${id}/tool-outputs`)
      .send({ tool_outputs: [{ tool_call_id: 'call_ask', output: 'yes' }] })
    expect(refused.status).to.equal(429)
    expect(refused.body.error_code).to.equal('BUDGET_EXCEEDED')
    const execution = await api.get(`/api/v1/executions/${id}`).expect(200)
    const events = await storedEvents(api, id)
    expectWellFormedLog(events)
    expect(events.map((e) => e.type)).to.deep.equal([
      'execution.created',
      'step.created',
      'tool_call.created',
      'execution.requires_action',
      'execution.failed',
    ])
    expect(events.at(-1)!.data).to.deep.equal(execution.body)
  })
})

function lastEventData(text: string): Record<string, unknown> {
  return parseEvents(text).at(-1)!.data as Record<string, unknown>
}
