// What a call reserves before it is made (security review, issue 13, finding 10): everything the provider
// is sent, tool definitions included, and exactly the output it is allowed to produce; and what happens
// when the provider reports more than was reserved.
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
import { systemPrompt } from '../run.prompt.js'
import { scratchDir } from '../../../test/helpers/scratch-dir.js'

const maxOutput = 1000

describe('budgets: what a call reserves', function () {
  this.timeout(20_000)
  let openai: FakeOpenAI
  let built: ReturnType<typeof buildTestApp>
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>

  before(async () => {
    openai = await startFakeOpenAI()
    const dir = scratchDir('reservation-')
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
            output_price_per_million: 1,
          },
        ],
      }),
    )
    built = buildTestApp({
      config: testConfig({
        OPENAI_BASE_URL: openai.baseUrl,
        MODELS_FILE: modelsFile,
        PROVIDER_TIMEOUT_MS: '1500',
      }),
    })
  })
  after(() => openai.close())
  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant, built)
  })

  const setBudget = (tokens: number) =>
    testStack().superSql`update tenants set monthly_token_budget = ${tokens} where id = ${tenant.tenantId}`
  const budgetUsage = async () =>
    (
      await testStack().superSql<{ used: number; reserved: number }[]>`
        select sum(tokens_used)::int as used, sum(tokens_reserved)::int as reserved
          from budget_usage where tenant_id = ${tenant.tenantId} having count(*) > 0`
    )[0]
  const newAgent = async (toolIds: string[] = []) =>
    (
      await api
        .post('/api/v1/agents')
        .send({ name: `agent-${toolIds.length}`, role: 'r', description: 'd', tool_ids: toolIds })
        .expect(201)
    ).body.id as string
  const run = (agentId: string) =>
    api.post(`/api/v1/agents/${agentId}/run`).send({ prompt: 'Use your tools.', model: 'paid' })

  it('reserves the tool definitions the provider is sent, and the max_tokens it is sent, before calling it', async () => {
    const toolIds: string[] = []
    for (let i = 0; i < 5; i++) {
      const description = `Tool number ${i} ` + 'does a great many careful things with records. '.repeat(18)
      toolIds.push(
        (
          await api
            .post('/api/v1/tools')
            .send({ name: `tool_${i}`, description })
            .expect(201)
        ).body.id as string,
      )
    }
    const agentId = await newAgent(toolIds)
    await setBudget(1_000_000)
    openai.next({ kind: 'hang' })
    const sentBefore = openai.requests.length
    const running = run(agentId).then((res) => res)
    while (openai.requests.length === sentBefore) await new Promise((resolve) => setTimeout(resolve, 20))
    const reserved = (await budgetUsage())!.reserved
    const sent = openai.requests.at(-1)!.body
    const input =
      sent.messages.reduce((sum, m) => sum + countTokens(m.content ?? ''), 0) +
      countTokens(JSON.stringify(sent.tools))
    expect(sent.tools).to.have.length(5)
    expect(sent.max_tokens).to.equal(maxOutput)
    expect(reserved).to.be.at.least(input + sent.max_tokens!)
    expect((await running).status).to.equal(504)
  })

  it('refuses a run whose tool definitions take it over the budget', async () => {
    const description = 'Summarises a record in a great deal of detail, field by field. '.repeat(15)
    const toolIds: string[] = []
    for (let i = 0; i < 8; i++) {
      toolIds.push(
        (
          await api
            .post('/api/v1/tools')
            .send({ name: `t${i}`, description })
            .expect(201)
        ).body.id as string,
      )
    }
    const agentId = await newAgent(toolIds)
    // What the run reserved before tool definitions were counted: its messages and the output limit.
    const agent = (await api.get(`/api/v1/agents/${agentId}`).expect(200)).body
    const withoutTools = countTokens(systemPrompt(agent)) + countTokens('Use your tools.') + maxOutput
    const toolTokens = countTokens(
      JSON.stringify(
        toolIds.map((_, i) => ({
          type: 'function',
          function: { name: `t${i}`, description, parameters: { type: 'object', properties: {} } },
        })),
      ),
    )
    // A budget the messages and output fit in, but not the tool definitions sent with them.
    await setBudget(withoutTools + Math.floor(toolTokens / 2))
    const sentBefore = openai.requests.length
    const res = await run(agentId)
    expect(res.status, `${res.status} ${res.body.status}`).to.equal(429)
    expect(openai.requests.length).to.equal(sentBefore)
  })

  it('records what the provider reports even above the reservation, and then refuses every run', async () => {
    const agentId = await newAgent()
    await setBudget(3000)
    openai.next({ kind: 'text', text: 'ok', usage: { inputTokens: 2600, outputTokens: 900 } })
    await run(agentId).expect(200)
    expect(await budgetUsage()).to.deep.equal({ used: 3500, reserved: 0 })
    const limits = await api.get('/api/v1/limits').expect(200)
    expect(limits.body.budgets.tokens).to.deep.equal({ limit: 3000, used: 3500, reserved: 0 })
    const sentBefore = openai.requests.length
    const refused = await run(agentId).expect(429)
    expect(refused.body.details).to.deep.include({ budget_kind: 'tokens', used: 3500 })
    expect(openai.requests.length).to.equal(sentBefore)
  })
})
