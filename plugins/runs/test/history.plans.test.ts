import { expect } from 'chai'
import postgres from 'postgres'
import { createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { inTenantTransaction } from '../../../db/client.js'
import { makeHistoryRepo } from '../history.repo.js'
import { makeHistoryService, type HistoryRequest } from '../history.service.js'
import { nodesOf, type PlanNode } from '../../../test/helpers/plans.js'

// Plans, not timings: on skewed data, every history page the repository sends must read its index in
// order (no Sort, no Seq Scan on execution_logs), with the parameters of the call and as a generic plan,
// which a prepared statement may switch to after a few executions.

interface Statement {
  query: string
  parameters: unknown[]
}

const tenantIndex = 'execution_logs_tenant_id_created_at_idx'
/** Plans, not timings: the heavy-read timeout at the role's own 30 s. */
const noTimeBound = { heavyReadTimeoutMs: 30_000 }
const agentIndex = 'execution_logs_tenant_id_agent_id_created_at_idx'

const describeNodes = (nodes: PlanNode[]) =>
  nodes.map((node) =>
    [node['Node Type'], node['Relation Name'], node['Index Name']].filter(Boolean).join(' '),
  )

/** Bulk-inserts count executions for the tenant as the owner, spread over its agents, one a second. */
async function seed(
  tenant: TestTenant,
  agents: number,
  count: number,
  offsetSeconds: number,
): Promise<string[]> {
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
      select ${tenant.tenantId},
             (${agentIds}::uuid[])[1 + n % ${agents}],
             jsonb_build_object('id', (${agentIds}::uuid[])[1 + n % ${agents}], 'name', 'agent', 'role', 'role',
                                'description', 'description', 'tools', '[]'::jsonb),
             (array['gpt-4o-mini', 'claude-haiku', 'mock-echo'])[1 + n % 3], 'mock', 'prompt ' || n, 'response',
             (array['completed', 'completed', 'completed', 'failed', 'cancelled'])[1 + n % 5],
             n % 1000, n % 300, (n % 100) * 0.00000123, n % 2000,
             now() - (${offsetSeconds} + n) * interval '1 second'
        from generate_series(1, ${count}) n`
    return agentIds
  })
}

/**
 * VACUUM as well as ANALYZE, until the visibility map covers the table: autovacuum keeps this append-only
 * table so, and the page query relies on it for its index-only walk. Right after a bulk load no page is
 * all-visible (nor while another transaction is older than the load), and the planner may then read a big
 * agent's rows by bitmap and sort them for a deep offset.
 */
async function vacuumed(): Promise<void> {
  const { ownerSql } = testStack()
  for (let attempt = 0; attempt < 40; attempt++) {
    await ownerSql`vacuum (analyze) execution_logs`
    const [table] = await ownerSql<{ relpages: number; relallvisible: number }[]>`
      select relpages, relallvisible from pg_class where oid = 'execution_logs'::regclass`
    if (table!.relallvisible >= 0.95 * table!.relpages) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error('execution_logs never became all-visible: a transaction older than the load stayed open')
}

describe('history query plans', function () {
  this.timeout(120_000)

  const statements: Statement[] = []
  let recordingSql: postgres.Sql
  let big: TestTenant
  let bigAgent: string

  before(async () => {
    // One tenant holds 90% of 200,000 executions; twenty others share the rest.
    big = await createTestTenant('plans-big')
    bigAgent = (await seed(big, 10, 180_000, 0))[0]!
    for (let i = 0; i < 20; i++) await seed(await createTestTenant(`plans-small-${i}`), 2, 1000, i)
    await vacuumed()
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

  /** Runs the history service as the API would; returns the page statement it sent. */
  async function pageStatement(request: Omit<HistoryRequest, 'limit'>): Promise<Statement> {
    statements.length = 0
    await inTenantTransaction(recordingSql, big.tenantId, (tx) =>
      makeHistoryService({
        runsHistoryRepo: makeHistoryRepo({ tx, tenantId: big.tenantId, config: noTimeBound }),
      }).list({
        limit: 20,
        ...request,
      }),
    )
    // postgres.js reports a statement twice when it first describes it, then runs it.
    const texts = new Set(
      statements.filter((s) => /from execution_logs e[\s\S]*order by/.test(s.query)).map((s) => s.query),
    )
    expect([...texts], 'one page statement').to.have.length(1)
    return statements.find((statement) => texts.has(statement.query))!
  }

  /** A cursor deep in the big tenant's data: the one after the item at position depth. */
  async function cursorAt(depth: number, filters: HistoryRequest['filters']): Promise<string> {
    const page = await inTenantTransaction(testStack().appSql, big.tenantId, (tx) =>
      makeHistoryService({
        runsHistoryRepo: makeHistoryRepo({ tx, tenantId: big.tenantId, config: noTimeBound }),
      }).list({
        filters,
        limit: 1,
        offset: depth,
      }),
    )
    expect(page.next_cursor).to.be.a('string')
    return page.next_cursor!
  }

  async function plans({
    query,
    parameters,
  }: Statement): Promise<{ custom: PlanNode[]; generic: PlanNode[] }> {
    return inTenantTransaction(testStack().appSql, big.tenantId, async (tx) => {
      const [custom] = await tx.unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(
        `explain (format json) ${query}`,
        parameters as postgres.ParameterOrJSON<never>[],
      )
      // Without values, as the generic plan of the prepared statement; the simple protocol sends no Bind.
      const [generic] = await tx
        .unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`explain (generic_plan, format json) ${query}`)
        .simple()
      return {
        custom: nodesOf(custom!['QUERY PLAN'][0]!.Plan),
        generic: nodesOf(generic!['QUERY PLAN'][0]!.Plan),
      }
    })
  }

  /**
   * The plan reads the index in order: an index scan of it, no Sort, no Seq Scan on execution_logs. Each of
   * conditions must be part of the scan's Index Cond, so the index skips to the rows instead of filtering.
   */
  function expectIndexOrder(nodes: PlanNode[], indexes: string[], conditions: RegExp[], label: string): void {
    const seen = describeNodes(nodes).join(' > ')
    const scan = nodes.find(
      (node) =>
        ['Index Scan', 'Index Only Scan'].includes(node['Node Type']) &&
        indexes.includes(node['Index Name'] ?? ''),
    )
    expect(scan, `${label} reads ${indexes.join(' or ')}: ${seen}`).to.not.equal(undefined)
    expect(
      nodes.filter((node) => /Sort/.test(node['Node Type'])),
      `${label} sorts nothing: ${seen}`,
    ).to.deep.equal([])
    expect(
      nodes.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'execution_logs'),
      `${label} scans no execution_logs sequentially: ${seen}`,
    ).to.deep.equal([])
    for (const condition of [/tenant_id = /, ...conditions]) {
      expect(scan!['Index Cond'], `${label}: index condition`).to.match(condition)
    }
  }

  async function expectPlans(
    statement: Statement,
    index: string | string[],
    label: string,
    conditions: RegExp[] = [],
  ): Promise<void> {
    const { custom, generic } = await plans(statement)
    const indexes = [index].flat()
    expectIndexOrder(custom, indexes, conditions, `${label} (custom plan)`)
    expectIndexOrder(generic, indexes, conditions, `${label} (generic plan)`)
  }

  const afterCursor = /ROW\(created_at, id\) < ROW\(/
  const forAgent = /agent_id = /

  it('reads the first page of the biggest tenant in index order', async () => {
    await expectPlans(await pageStatement({ filters: {}, offset: 0 }), tenantIndex, 'first page')
  })

  it('reads a page 100,000 deep by offset in index order', async () => {
    await expectPlans(await pageStatement({ filters: {}, offset: 100_000 }), tenantIndex, 'offset page')
  })

  it('reads a cursor page 150,000 deep in index order, starting at the cursor', async () => {
    const cursor = await cursorAt(150_000, {})
    const statement = await pageStatement({ filters: {}, offset: 0, cursor })
    expect(statement.query).to.match(/\(e\.created_at, e\.id\) </)
    await expectPlans(statement, tenantIndex, 'cursor page', [afterCursor])
  })

  it('reads a time window of the history in index order', async () => {
    const statement = await pageStatement({
      filters: {
        createdAfter: new Date(Date.now() - 48 * 3600_000).toISOString(),
        createdBefore: new Date(Date.now() - 24 * 3600_000).toISOString(),
      },
      offset: 0,
    })
    await expectPlans(statement, tenantIndex, 'time window', [/created_at >= /, /created_at < /])
  })

  it("reads an agent's first, deep offset and deep cursor pages in the agent index's order", async () => {
    const filters = { agentId: bigAgent }
    await expectPlans(await pageStatement({ filters, offset: 0 }), agentIndex, 'agent first page', [forAgent])
    await expectPlans(await pageStatement({ filters, offset: 10_000 }), agentIndex, 'agent offset page', [
      forAgent,
    ])
    const cursor = await cursorAt(15_000, filters)
    await expectPlans(await pageStatement({ filters, offset: 0, cursor }), agentIndex, 'agent cursor page', [
      forAgent,
      afterCursor,
    ])
  })
})
