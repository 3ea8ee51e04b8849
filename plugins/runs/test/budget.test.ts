// Monthly budgets: a run that could cross one is refused before the model is called; reservations keep
// parallel runs from overspending together and are settled to what the runs really used.
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
import { scratchDir } from '../../../test/helpers/scratch-dir.js'

describe('monthly budgets', function () {
  this.timeout(20_000)
  let openai: FakeOpenAI
  let built: ReturnType<typeof buildTestApp>
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>
  let agentId: string

  before(async () => {
    openai = await startFakeOpenAI()
    const dir = scratchDir('budget-')
    const modelsFile = path.join(dir, 'models.json')
    // A model whose worst case is about 1,050 tokens: its prompt plus 1,000 output tokens, at $1 per million.
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
        MODELS_FILE: modelsFile,
        PROVIDER_TIMEOUT_MS: '1000',
      }),
    })
  })
  after(() => openai.close())
  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant, built)
    agentId = (
      await api.post('/api/v1/agents').send({ name: 'spender', role: 'r', description: 'd' }).expect(201)
    ).body.id as string
  })

  const setBudget = (tokens: number | null, cost: number | null) =>
    testStack().superSql`
      update tenants set monthly_token_budget = ${tokens}, monthly_cost_budget_usd = ${cost} where id = ${tenant.tenantId}`
  const run = () => api.post(`/api/v1/agents/${agentId}/run`).send({ prompt: 'spend', model: 'budgeted' })
  const usage = async () =>
    (
      await testStack().superSql<{ used: number; reserved: number }[]>`
        select sum(tokens_used)::int as used, sum(tokens_reserved)::int as reserved
          from budget_usage where tenant_id = ${tenant.tenantId} having count(*) > 0`
    )[0]

  it('lets only the runs whose worst cases fit reach the model when 20 run at once, and never overspends', async () => {
    await setBudget(3000, null)
    openai.defaultReply = { kind: 'hang' }
    const sentBefore = openai.requests.length
    let requested = 0
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => run()))
      const refused = answers.filter((a) => a.status === 429)
      requested = refused[0]!.body.details.requested as number
      expect(refused).to.have.length(18)
      for (const a of refused) expect(a.body.error_code).to.equal('BUDGET_EXCEEDED')
      expect(answers.filter((a) => a.status === 504)).to.have.length(2)
      expect(openai.requests.length - sentBefore).to.equal(2)
    } finally {
      openai.defaultReply = { kind: 'text', text: 'Hello from the fake model.' }
    }
    // The two that reached the model timed out with their output unknown (not streamed): each is billed
    // what it reserved, since the provider may have produced all of it.
    expect(await usage()).to.deep.equal({ used: 2 * requested, reserved: 0 })
  })

  it('settles each run to its real usage and refuses the run whose worst case would cross the budget', async () => {
    await setBudget(3000, null)
    const reply = { kind: 'text', text: 'ok', usage: { inputTokens: 500, outputTokens: 500 } } as const
    openai.next(reply)
    openai.next(reply)
    const [first, second, third] = [await run(), await run(), await run()]
    expect([first.status, second.status, third.status]).to.deep.equal([200, 200, 429])
    expect(await usage()).to.deep.equal({ used: 2000, reserved: 0 })
    const details = third.body.details as Record<string, unknown>
    expect(details).to.deep.include({ budget_kind: 'tokens', budget: 3000, used: 2000 })
    expect(details.requested).to.be.within(1000, 1200)
    const nextMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1))
    expect(details.period_end).to.equal(nextMonth.toISOString())
    expect(Number(third.headers['retry-after'])).to.be.greaterThan(0)
    const limits = await api.get('/api/v1/limits').expect(200)
    expect(limits.body.budgets.tokens).to.deep.equal({ limit: 3000, used: 2000, reserved: 0 })
    const [executions] = await testStack().superSql<{ tokens: number }[]>`
      select sum(input_tokens + output_tokens)::int as tokens from execution_logs where tenant_id = ${tenant.tenantId}`
    expect(executions!.tokens).to.equal(2000)
  })

  it('refuses a run whose worst-case cost would cross the cost budget, before calling the model', async () => {
    await setBudget(null, 0.001)
    const sentBefore = openai.requests.length
    const res = await run()
    expect(res.status).to.equal(429)
    expect(res.body.details).to.deep.include({ budget_kind: 'cost_usd', budget: 0.001, used: 0 })
    expect(openai.requests.length).to.equal(sentBefore)
    const rows = await testStack().superSql`select 1 from execution_logs where tenant_id = ${tenant.tenantId}`
    expect(rows).to.have.length(0)
  })

  it("spreads the use of runs made without a budget over the month's rows; a budget set later counts it all", async () => {
    const reply = { kind: 'text', text: 'ok', usage: { inputTokens: 60, outputTokens: 40 } } as const
    for (let i = 0; i < 24; i++) openai.next(reply)
    const answers = await Promise.all(Array.from({ length: 24 }, () => run()))
    expect(answers.map((a) => a.status)).to.deep.equal(Array(24).fill(200))
    // 24 picks of 8 shards: one row for all of them would be a chance of 8^-23.
    const rows = await testStack()
      .superSql`select shard from budget_usage where tenant_id = ${tenant.tenantId}`
    expect(rows.length).to.be.greaterThan(1)
    expect(await usage()).to.deep.equal({ used: 2400, reserved: 0 })
    // Room for less than a run's worst case (~1,050) after the month's whole use: refused. Counting the
    // reservations' row alone (a few hundred used) would have let it through.
    await setBudget(2400 + 1000, null)
    const refused = await run()
    expect(refused.status).to.equal(429)
    expect(refused.body.details).to.deep.include({ budget_kind: 'tokens', budget: 3400, used: 2400 })
    const limits = await api.get('/api/v1/limits').expect(200)
    expect(limits.body.budgets.tokens).to.deep.equal({ limit: 3400, used: 2400, reserved: 0 })
  })

  it('holds nothing for a tenant without budgets, but counts what its runs used', async () => {
    await run().expect(200)
    // The fake's default usage: 10 in, 5 out.
    expect(await usage()).to.deep.equal({ used: 15, reserved: 0 })
  })
})
