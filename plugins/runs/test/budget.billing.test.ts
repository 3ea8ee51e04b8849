// What a model call is billed to the tenant's budget when it does not complete (security review, issue 13,
// finding 2), and what its reservation counts (finding 10). A real provider bills a call whose answer was
// cut off; the budget must too, or cancelling streams is a way around it.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
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
import { startFakeOpenAI, type FakeOpenAI } from '../../models/test/fakes/openai-server.js'
import { countTokens } from '../../models/tokenizer.js'
import { collectText, parseEvents } from './sse.js'
import { scratchDir } from '../../../test/helpers/scratch-dir.js'

const maxOutput = 1000

describe('budgets: what a call that did not complete is billed', function () {
  this.timeout(30_000)
  let openai: FakeOpenAI
  let built: ReturnType<typeof buildTestApp>
  let server: Server
  let baseUrl: string
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>
  let agentId: string

  before(async () => {
    openai = await startFakeOpenAI()
    const dir = scratchDir('billing-')
    const modelsFile = path.join(dir, 'models.json')
    writeFileSync(
      modelsFile,
      JSON.stringify({
        models: [
          {
            id: 'paid',
            provider: 'openai',
            provider_model: 'gpt-4o-mini',
            max_output_tokens: maxOutput,
            input_price_per_million: 1,
            output_price_per_million: 2,
          },
        ],
      }),
    )
    built = buildTestApp({
      config: testConfig({
        OPENAI_BASE_URL: openai.baseUrl,
        MODELS_FILE: modelsFile,
        PROVIDER_TIMEOUT_MS: '800',
      }),
    })
    server = built.app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  after(async () => {
    await new Promise((resolve) => server.close(resolve))
    await openai.close()
  })
  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant, built)
    agentId = (
      await api.post('/api/v1/agents').send({ name: 'talker', role: 'r', description: 'd' }).expect(201)
    ).body.id as string
    await testStack().superSql`
      update tenants set monthly_token_budget = 1000000, monthly_cost_budget_usd = 100 where id = ${tenant.tenantId}`
  })

  const budgetUsage = async () => {
    const [row] = await testStack().superSql<{ tokens: number; reserved: number; cost: string }[]>`
      select sum(tokens_used)::int as tokens, sum(tokens_reserved)::int as reserved, sum(cost_used_usd)::text as cost
        from budget_usage where tenant_id = ${tenant.tenantId} having count(*) > 0`
    return row ?? { tokens: 0, reserved: 0, cost: '0' }
  }
  const executions = () =>
    testStack().superSql<
      { status: string; response: string | null; input_tokens: number; output_tokens: number; cost: string }[]
    >`select status, response, input_tokens, output_tokens, cost_usd::text as cost
        from execution_logs where tenant_id = ${tenant.tenantId} order by created_at`
  /** The tokens of what the fake was sent last: system prompt and prompt (and tool definitions, when any). */
  const sentInputTokens = () => {
    const body = openai.requests.at(-1)!.body
    const texts = body.messages.map((m) => m.content)
    return texts.reduce((sum, text) => sum + countTokens(text ?? ''), 0)
  }

  /** Streams a run, reads until `text` has arrived, then disconnects, as a client cancelling at the end. */
  async function streamAndCancelAfter(text: string): Promise<void> {
    const controller = new AbortController()
    const res = await fetch(`${baseUrl}/api/v1/agents/${agentId}/run`, {
      method: 'POST',
      headers: { 'X-API-Key': tenant.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ prompt: 'Tell me a long story.', model: 'paid', stream: true }),
      signal: controller.signal,
    })
    const reader = res.body!.getReader()
    let seen = ''
    const deltas = () =>
      parseEvents(seen.slice(0, seen.lastIndexOf('\n\n') + 2))
        .filter((e) => e.event === 'response.delta')
        .map((e) => (e.data as { delta: string }).delta)
        .join('')
    while (deltas() !== text) seen += new TextDecoder().decode((await reader.read()).value)
    controller.abort()
  }

  async function waitForExecutions(count: number) {
    for (let i = 0; i < 100; i++) {
      // The run's row exists from its start (running): wait until each has finished.
      const rows = (await executions()).filter((row) => row.status !== 'running')
      if (rows.length >= count) return rows
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`expected ${count} executions`)
  }

  it('bills streamed runs cancelled once the text arrived: the input sent plus the tokens of the text', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => `Sentence ${i} of the story goes on. `)
    const text = chunks.join('')
    for (let i = 0; i < 3; i++) {
      // The answer streams whole, but the chunk with the usage never comes: the client leaves first.
      openai.next({ kind: 'text', text: chunks, usage: { inputTokens: 50, outputTokens: 400 }, stall: true })
      await streamAndCancelAfter(text)
    }
    const rows = await waitForExecutions(3)
    const input = sentInputTokens()
    let tokens = 0
    for (const row of rows) {
      expect(row).to.deep.include({ status: 'cancelled', response: text })
      expect(row.input_tokens).to.be.at.least(input)
      expect(row.output_tokens).to.equal(countTokens(text))
      expect(Number(row.cost)).to.be.greaterThan(0)
      tokens += row.input_tokens + row.output_tokens
    }
    // The budget moved by exactly what the executions say was billed.
    const usage = await budgetUsage()
    expect(usage).to.deep.include({ tokens, reserved: 0 })
    expect(Number(usage.cost)).to.be.closeTo(
      rows.reduce((sum, row) => sum + Number(row.cost), 0),
      1e-9,
    )
    const history = await api.get(`/api/v1/agents/${agentId}/history`).expect(200)
    for (const execution of history.body.items as { usage: { estimated?: boolean } }[]) {
      expect(execution.usage.estimated).to.equal(true)
    }
  })

  it('bills a streamed run that timed out after producing text the same way', async () => {
    openai.next({ kind: 'text', text: ['Half of ', 'an answer'], stall: true })
    const res = await api
      .post(`/api/v1/agents/${agentId}/run`)
      .send({ prompt: 'x', model: 'paid', stream: true })
      .buffer(true)
      .parse(collectText)
    const events = parseEvents(res.body as string)
    const failed = events.at(-1)!
    expect(failed.event).to.equal('execution.failed')
    const execution = failed.data as { usage: { input_tokens: number; output_tokens: number } }
    expect(execution.usage.input_tokens).to.be.at.least(sentInputTokens())
    expect(execution.usage.output_tokens).to.equal(countTokens('Half of an answer'))
    expect(await budgetUsage()).to.deep.include({
      tokens: execution.usage.input_tokens + execution.usage.output_tokens,
      reserved: 0,
    })
  })

  it('keeps the reservation of a call whose output is unknown (not streamed, timed out): the worst case', async () => {
    openai.next({ kind: 'hang' })
    const res = await api.post(`/api/v1/agents/${agentId}/run`).send({ prompt: 'x', model: 'paid' })
    expect(res.status).to.equal(504)
    const [row] = await executions()
    // The whole output the provider was allowed to produce, which is what was reserved for it.
    expect(openai.requests.at(-1)!.body.max_tokens).to.equal(maxOutput)
    expect(row!.output_tokens).to.equal(maxOutput)
    expect(row!.input_tokens).to.be.at.least(sentInputTokens())
    expect(await budgetUsage()).to.deep.include({ tokens: row!.input_tokens + maxOutput, reserved: 0 })
  })

  it('bills nothing for a call the provider refused (an error status, no output)', async () => {
    openai.next({ kind: 'status', status: 500 })
    await api.post(`/api/v1/agents/${agentId}/run`).send({ prompt: 'x', model: 'paid' }).expect(502)
    const [row] = await executions()
    expect(row).to.deep.include({ input_tokens: 0, output_tokens: 0 })
    expect(await budgetUsage()).to.deep.include({ tokens: 0, reserved: 0 })
  })
})
