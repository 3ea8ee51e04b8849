// A budget counts the whole month (security review, issue 13, finding 14a): a budget set mid-month starts
// from the month's executions, not from 0, because every execution adds to the month's use whether or not
// the tenant had a budget; the migration adds up the executions recorded before it.
import { randomBytes } from 'node:crypto'
import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import { createTenant, setTenantLimits } from '../../../app/admin/tenants.repo.js'
import { createPool, inTenantTransaction, type Sql } from '../../../db/client.js'
import { migrate, migrationDirs } from '../../../db/migrate.js'
import { appRole, ownerRole } from '../../../db/roles.js'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  testConfig,
  type TestTenant,
} from '../../../test/helpers/api.js'
import { testPlugins } from '../../../test/harness/plugins.js'
import { testStack } from '../../../test/harness/stack.js'
import { startFakeOpenAI, type FakeOpenAI } from '../../models/test/fakes/openai-server.js'
import { scratchDir } from '../../../test/helpers/scratch-dir.js'

describe('budgets: the month counts from its first execution', function () {
  this.timeout(30_000)
  let openai: FakeOpenAI
  let built: ReturnType<typeof buildTestApp>
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>
  let agentId: string

  before(async () => {
    openai = await startFakeOpenAI()
    const modelsFile = path.join(scratchDir('month-'), 'models.json')
    writeFileSync(
      modelsFile,
      JSON.stringify({
        models: [
          {
            id: 'paid',
            provider: 'openai',
            provider_model: 'gpt-4o-mini',
            max_output_tokens: 1000,
            input_price_per_million: 1,
            output_price_per_million: 1,
          },
        ],
      }),
    )
    built = buildTestApp({ config: testConfig({ OPENAI_BASE_URL: openai.baseUrl, MODELS_FILE: modelsFile }) })
  })
  after(() => openai.close())
  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant, built)
    agentId = (
      await api.post('/api/v1/agents').send({ name: 'spender', role: 'r', description: 'd' }).expect(201)
    ).body.id as string
  })

  const run = () => api.post(`/api/v1/agents/${agentId}/run`).send({ prompt: 'spend', model: 'paid' })

  it('starts a budget set mid-month from the runs already made this month, and refuses the run that would cross it', async () => {
    const reply = { kind: 'text', text: 'ok', usage: { inputTokens: 500, outputTokens: 500 } } as const
    openai.next(reply)
    openai.next(reply)
    await run().expect(200)
    await run().expect(200)
    // `npm run tenant -- set-limits TENANT --monthly-tokens 3000` after the two runs.
    expect(
      await setTenantLimits(testStack().ownerSql, tenant.tenantId, { monthlyTokenBudget: 3000 }),
    ).to.equal(true)
    const limits = await api.get('/api/v1/limits').expect(200)
    expect(limits.body.budgets.tokens).to.deep.equal({ limit: 3000, used: 2000, reserved: 0 })
    expect(limits.body.budgets.cost_usd.used).to.equal(0.002)
    const sentBefore = openai.requests.length
    const refused = await run().expect(429)
    expect(refused.body.details).to.deep.include({ budget_kind: 'tokens', budget: 3000, used: 2000 })
    expect(openai.requests.length).to.equal(sentBefore)
  })

  it("keeps the month's use equal to the sum of its executions, with or without a budget", async () => {
    for (const usage of [
      { inputTokens: 120, outputTokens: 30 },
      { inputTokens: 7, outputTokens: 1 },
    ]) {
      openai.next({ kind: 'text', text: 'ok', usage })
      await run().expect(200)
    }
    openai.next({ kind: 'status', status: 500 })
    await run().expect(502)
    const [row] = await testStack().superSql<
      { used: number; cost: string; logged: number; logged_cost: string }[]
    >`
      select sum(u.tokens_used)::int as used, sum(u.cost_used_usd)::text as cost,
             (select sum(input_tokens + output_tokens)::int from execution_logs where tenant_id = u.tenant_id) as logged,
             (select sum(cost_usd)::text from execution_logs where tenant_id = u.tenant_id) as logged_cost
        from budget_usage u where u.tenant_id = ${tenant.tenantId} group by u.tenant_id`
    expect(row).to.not.equal(undefined)
    expect(row!.used).to.equal(158)
    expect(row!.used).to.equal(row!.logged)
    expect(Number(row!.cost)).to.equal(Number(row!.logged_cost))
  })
})

describe('budgets: the migration that counts the month from the executions', function () {
  this.timeout(60_000)
  const name = `map_mig_${randomBytes(6).toString('hex')}`
  after(() => testStack().superSql.unsafe(`drop database if exists ${name} with (force)`))

  const url = (base: string) => Object.assign(new URL(base), { pathname: `/${name}` }).toString()
  const connected = async <T>(base: string, fn: (sql: Sql) => Promise<T>): Promise<T> => {
    const sql = createPool(url(base), { max: 1, connectTimeoutSeconds: 5 })
    try {
      return await fn(sql)
    } finally {
      await sql.end({ timeout: 5 })
    }
  }

  it('adds up every month of every tenant from execution_logs, keeping what is reserved', async () => {
    const { superSql, database } = testStack()
    await superSql.unsafe(`create database ${name} owner ${ownerRole}`)
    await superSql.unsafe(`grant connect on database ${name} to ${ownerRole}, ${appRole}`)
    const before = migrationDirs(testPlugins)
      .flatMap((dir) => readdirSync(dir).filter((file) => file.endsWith('.sql')))
      .filter((file) => file < '1764100012000')
    await migrate({ ownerUrl: url(database.ownerUrl), plugins: testPlugins, count: before.length })

    const tenantId = await connected(database.ownerUrl, async (sql) => {
      const { tenantId } = await createTenant(sql, 'before-the-fix')
      await inTenantTransaction(sql, tenantId, async (tx) => {
        const [agent] = await tx<{ id: string }[]>`
          insert into agents (name, role, description) values ('a', 'r', 'd') returning id`
        const snapshot = tx.json({ id: agent!.id, name: 'a', role: 'r', description: 'd', tools: [] })
        const execution = (tokens: number, cost: number, at: Date) => tx`
          insert into execution_logs (agent_id, agent_snapshot, model, provider, prompt, status,
                                      input_tokens, output_tokens, cost_usd, created_at)
          values (${agent!.id}, ${snapshot}, 'm', 'openai', 'p', 'completed', ${tokens}, 1, ${cost}, ${at})`
        const now = new Date()
        const month = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)
        await execution(99, 0.25, new Date(month + 3_600_000))
        await execution(199, 0.5, new Date(month + 7_200_000))
        await execution(9, 1, new Date(month - 86_400_000))
        // A budgeted tenant's row as the old code kept it: only some runs settled, one in flight.
        await tx`insert into budget_usage (tenant_id, period_start, tokens_used, tokens_reserved)
                 values (${tenantId}, date_trunc('month', now() at time zone 'UTC')::date, 100, 1234)`
      })
      return tenantId
    })
    await migrate({ ownerUrl: url(database.ownerUrl), plugins: testPlugins })

    const rows = await connected(
      database.superuserUrl,
      (sql) =>
        sql<{ month: string; used: number; reserved: number; cost: string }[]>`
        select to_char(period_start, 'YYYY-MM') as month, sum(tokens_used)::int as used,
               sum(tokens_reserved)::int as reserved, sum(cost_used_usd)::text as cost
          from budget_usage where tenant_id = ${tenantId} group by period_start order by period_start`,
    )
    const thisMonth = new Date().toISOString().slice(0, 7)
    expect(rows.map((r) => ({ ...r, cost: Number(r.cost) }))).to.deep.equal([
      { month: rows[0]!.month, used: 10, reserved: 0, cost: 1 },
      { month: thisMonth, used: 300, reserved: 1234, cost: 0.75 },
    ])
    expect(rows[0]!.month).to.not.equal(thisMonth)
  })
})
