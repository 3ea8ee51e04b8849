// The plan-cache question (README, Performance): may the history statements run on their generic plans
// (plan_cache_mode = force_generic_plan), skipping the planning PostgreSQL otherwise repeats on every
// execution? Only if the one generic plan is right for every filter combination, every way of paging, and
// tenants of every size. A generic plan is the same plan whatever the tenant, so "right for every size" means
// it walks an index in the page's order (no Sort, no Seq Scan of execution_logs): that bounds a page's work by
// offset + limit on the biggest tenant and by the tenant's own rows on a small one. Plans, never timings.
import { expect } from 'chai'
import postgres from 'postgres'
import { inTenantTransaction } from '../../db/client.js'
import { makeHistoryRepo, type HistoryFilters } from '../../plugins/runs/history.repo.js'
import { makeHistoryService } from '../../plugins/runs/history.service.js'
import { createTestTenant, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'
import { nodesOf, type PlanNode } from '../helpers/plans.js'

interface Statement {
  query: string
  parameters: unknown[]
}

const describe_ = (nodes: PlanNode[]) =>
  nodes
    .map((n) => [n['Node Type'], n['Relation Name'], n['Index Name']].filter(Boolean).join(' '))
    .join(' > ')
const historyIndexes = [
  'execution_logs_tenant_id_created_at_idx',
  'execution_logs_tenant_id_agent_id_created_at_idx',
]
const noTimeBound = { heavyReadTimeoutMs: 30_000 }

/** count executions of the tenant as the owner, over its agents, models and statuses, one a second. */
async function seed(tenant: TestTenant, agents: number, count: number): Promise<string[]> {
  return testStack().ownerSql.begin(async (tx) => {
    await tx`select set_config('app.current_tenant_id', ${tenant.tenantId}, true)`
    const rows = await tx<{ id: string }[]>`
      insert into agents (tenant_id, name, role, description)
      select ${tenant.tenantId}, 'agent-' || n, 'role', 'description' from generate_series(1, ${agents}) n
      returning id`
    const agentIds = rows.map((row) => row.id)
    await tx`
      insert into execution_logs (tenant_id, agent_id, agent_snapshot, model, provider, prompt, response, status,
                                  input_tokens, output_tokens, cost_usd, latency_ms, created_at)
      select ${tenant.tenantId}, (${agentIds}::uuid[])[1 + n % ${agents}],
             jsonb_build_object('id', (${agentIds}::uuid[])[1 + n % ${agents}], 'name', 'agent', 'role', 'role',
                                'description', 'description', 'tools', '[]'::jsonb),
             (array['gpt-4o-mini', 'claude-haiku', 'mock-echo'])[1 + n % 3], 'mock', 'prompt', 'response',
             (array['completed', 'completed', 'completed', 'failed', 'cancelled'])[1 + n % 5],
             1, 1, 0, 1, now() - n * interval '1 second'
        from generate_series(1, ${count}) n`
    return agentIds
  })
}

describe('history statements as generic plans (plan_cache_mode = force_generic_plan)', function () {
  this.timeout(180_000)

  const statements: Statement[] = []
  let recordingSql: postgres.Sql
  let big: TestTenant
  let bigAgent: string

  before(async () => {
    // One tenant with 90% of the rows; ten small ones share the rest.
    big = await createTestTenant('generic-big')
    bigAgent = (await seed(big, 10, 90_000))[0]!
    for (let i = 0; i < 10; i++) await seed(await createTestTenant(`generic-small-${i}`), 2, 1000)
    await testStack().ownerSql`vacuum (analyze) execution_logs`
    recordingSql = postgres(testStack().database.appUrl, {
      max: 1,
      onnotice: () => undefined,
      transform: { undefined: null },
      debug: (_connection, query, parameters) => statements.push({ query, parameters }),
    })
  })

  after(async () => {
    await recordingSql.end({ timeout: 5 })
  })

  /** The statements the history service sends for one request, as the API would send them. */
  async function sent(request: { filters: HistoryFilters; offset: number; cursor?: string }) {
    statements.length = 0
    const page = await inTenantTransaction(recordingSql, big.tenantId, (tx) =>
      makeHistoryService({
        runsHistoryRepo: makeHistoryRepo({ tx, tenantId: big.tenantId, config: noTimeBound }),
      }).list({ limit: 20, ...request }),
    )
    const texts = [...new Set(statements.map((s) => s.query))]
    return { page, texts }
  }

  async function genericPlan(query: string): Promise<PlanNode[]> {
    return inTenantTransaction(testStack().appSql, big.tenantId, async (tx) => {
      const [plan] = await tx
        .unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`explain (generic_plan, format json) ${query}`)
        .simple()
      return nodesOf(plan!['QUERY PLAN'][0]!.Plan)
    })
  }

  const filterSets = (): { label: string; filters: HistoryFilters }[] => {
    const window = {
      createdAfter: new Date(Date.now() - 20 * 3600_000).toISOString(),
      createdBefore: new Date(Date.now() - 2 * 3600_000).toISOString(),
    }
    const parts: [string, HistoryFilters][] = [
      ['agent', { agentId: bigAgent }],
      ['model', { model: 'claude-haiku' }],
      ['status', { status: 'failed' }],
      ['window', window],
    ]
    const sets: { label: string; filters: HistoryFilters }[] = []
    for (let mask = 0; mask < 1 << parts.length; mask++) {
      const chosen = parts.filter((_, i) => mask & (1 << i))
      sets.push({
        label: chosen.map(([name]) => name).join('+') || 'no filter',
        filters: Object.assign({}, ...chosen.map(([, f]) => f)) as HistoryFilters,
      })
    }
    return sets
  }

  it('walks a history index in page order for every filter combination, by offset and by cursor', async () => {
    const checked: string[] = []
    for (const { label, filters } of filterSets()) {
      const first = await sent({ filters, offset: 0 })
      const ways = [
        { way: 'first page', texts: first.texts },
        { way: 'offset 5,000', texts: (await sent({ filters, offset: 5000 })).texts },
        ...(first.page.next_cursor
          ? [
              {
                way: 'cursor',
                texts: (await sent({ filters, offset: 0, cursor: first.page.next_cursor })).texts,
              },
            ]
          : []),
      ]
      for (const { way, texts } of ways) {
        const page = texts.filter((text) => /from execution_logs e[\s\S]*order by/.test(text))
        expect(page, `${label}, ${way}: one page statement`).to.have.length(1)
        const nodes = await genericPlan(page[0]!)
        const seen = `${label}, ${way}: ${describe_(nodes)}`
        expect(
          nodes.some((n) => /Index/.test(n['Node Type']) && historyIndexes.includes(n['Index Name'] ?? '')),
          seen,
        ).to.equal(true)
        expect(
          nodes.filter((n) => /Sort/.test(n['Node Type'])),
          seen,
        ).to.deep.equal([])
        expect(
          nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'execution_logs'),
          seen,
        ).to.deep.equal([])
        checked.push(seen)
      }
    }
    expect(checked.length).to.be.at.least(40)
  })

  it('counts the matching executions without a sequential scan of execution_logs, for every combination', async () => {
    for (const { label, filters } of filterSets()) {
      const { texts } = await sent({ filters, offset: 0 })
      const count = texts.filter((text) => /count\(|sum\(c\.executions\)/.test(text))
      expect(count, `${label}: one count statement`).to.have.length(1)
      const nodes = await genericPlan(count[0]!)
      expect(
        nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'execution_logs'),
        `${label}: ${describe_(nodes)}`,
      ).to.deep.equal([])
    }
  })
})
