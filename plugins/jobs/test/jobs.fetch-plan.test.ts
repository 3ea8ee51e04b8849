// The fair fetch's plan on a queue with many jobs queued and many more done (pg-boss keeps a completed job
// in pgboss.job for 12 hours): it must walk the queued jobs in its own order and stop at the first it may
// take, and count running jobs from the running ones alone. Before the jobs-fetch-indexes migration it read
// and sorted every queued job and every done one's index entry, at every fetch, under the fetch lock.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import type { TransactionSql } from '../../../app/plugin-kit.js'
import { testStack } from '../../../test/harness/stack.js'
import { fairFetch, indexPlan, queueName } from '../jobs.repo.js'
import { nodesOf, type PlanNode } from '../../../test/helpers/plans.js'

interface Fetched {
  plan: PlanNode
  /** The tenant of the job the fetch takes. */
  tenantId: string | undefined
}

/** Thrown to roll the transaction back once its plan is read: nothing of the jobs made here stays. */
class Rollback extends Error {
  constructor(readonly fetched: Fetched) {
    super('rolled back')
  }
}

/** Jobs of a tenant, made `ageMs` and more ago; at a priority above any job other tests left queued. */
const jobsOf = (tx: TransactionSql, tenantId: string, count: number, state: string, ageMs: number) =>
  tx`
    insert into pgboss.job (id, name, data, state, created_on, start_after, priority)
    select gen_random_uuid(), ${queueName},
           jsonb_build_object('handler', 'plan-test', 'tenant_id', ${tenantId}::text, 'data', '{}'::jsonb),
           ${state}::pgboss.job_state, made, made, 1000
      from generate_series(1, ${count}::int) n,
           lateral (select now() - make_interval(secs => (${ageMs} + n) / 1000.0) as made) m`

/** The rows of one plan's EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON). */
type PlanRows = { 'QUERY PLAN': { Plan: PlanNode }[] }[]

/** What `work` found, in a superuser transaction rolled back afterwards: nothing made there stays. */
async function rolledBack(work: (tx: TransactionSql) => Promise<Fetched>): Promise<Fetched> {
  try {
    await testStack().superSql.begin(async (tx) => {
      throw new Rollback(await work(tx))
    })
  } catch (error) {
    if (error instanceof Rollback) return error.fetched
    throw error
  }
  throw new Error('the plan transaction committed')
}

/** The pages (shared buffers) a plan touched. */
const pagesRead = (plan: PlanNode) => (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0)

/** The plan of an EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON). */
const planOf = (rows: PlanRows): PlanNode => rows[0]!['QUERY PLAN'][0]!.Plan

/**
 * One fetch, as the app role with no tenant set (as the workers fetch), on the queue `fill` makes: the job it
 * takes, then (that undone) its EXPLAIN ANALYZE.
 */
const fetchOn = (fill: (tx: TransactionSql) => Promise<unknown>, cap: number): Promise<Fetched> =>
  rolledBack(async (tx) => {
    await fill(tx)
    await tx`analyze pgboss.job`
    await tx`set local role map_app`
    await tx`savepoint before_fetch`
    const [taken] = await fairFetch(tx, cap)
    await tx`rollback to savepoint before_fetch`
    const plan = planOf(await tx<PlanRows>`explain (analyze, buffers, format json) ${fairFetch(tx, cap)}`)
    return { plan, tenantId: taken?.data.tenant_id }
  })

describe('plugins/jobs: the fair fetch plan', function () {
  this.timeout(60_000)
  const tenantA = randomUUID()
  const tenantB = randomUUID()

  it('walks the queued jobs in its own order and reads a few pages, however many are queued or done', async () => {
    const { plan, tenantId } = await fetchOn(async (tx) => {
      await jobsOf(tx, tenantA, 50_000, 'completed', 3_600_000)
      // Two tenants' queued jobs, interleaved in age.
      await jobsOf(tx, tenantA, 3_000, 'created', 0)
      await jobsOf(tx, tenantB, 3_000, 'created', 0)
      await jobsOf(tx, tenantA, 2, 'active', 0)
    }, 4)
    // The oldest queued job (A's and B's alternate in age; the oldest is B's: made last, n = 1 is the youngest).
    expect(tenantId).to.be.oneOf([tenantA, tenantB])
    const nodes = nodesOf(plan)
    expect(nodes.some((node) => /name_priority_created_on_id/.test(node['Index Name'] ?? ''))).to.equal(true)
    expect(nodes.some((node) => node['Node Type'] === 'Sort' && (node['Actual Rows'] ?? 0) > 100)).to.equal(
      false,
    )
    expect(nodes.find((node) => node['Node Type'] === 'LockRows')?.['Actual Rows']).to.equal(1)
    // Reading and sorting every queued job read ~450 pages here, plus the done jobs' index entries.
    expect(pagesRead(plan)).to.be.below(60)
  })

  it("steps over a busy tenant's older queued jobs to another tenant's", async () => {
    const { plan, tenantId } = await fetchOn(async (tx) => {
      await jobsOf(tx, tenantA, 500, 'created', 60_000)
      await jobsOf(tx, tenantB, 10, 'created', 0)
      await jobsOf(tx, tenantA, 2, 'active', 0)
    }, 2)
    expect(tenantId).to.equal(tenantB)
    const nodes = nodesOf(plan)
    expect(nodes.some((node) => /name_priority_created_on_id/.test(node['Index Name'] ?? ''))).to.equal(true)
    expect(nodes.find((node) => node['Node Type'] === 'LockRows')?.['Actual Rows']).to.equal(1)
  })

  // A worker's connection prepares the fetch once, and PostgreSQL may then keep a generic plan made on the
  // queue's statistics of that moment until its next analysis. In the bench, whose queue starts empty, the
  // update joined the job it took with every job of the queue (2 ms per fetch after 10 s of runs; 77,000 pages
  // here); on a queue of a few pages, sequential scans are the plan (1,700 to 6,500 pages here). The fetch runs
  // after indexPlan(), as fetchNextJob sends it, and its update finds its job by key.
  it('reads a few pages with a plan made while the queue was empty', async () => {
    const literal = (value: unknown) =>
      typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`
    const { plan } = await rolledBack(async (tx) => {
      // The queue as the plan sees it: empty (other tests' jobs deleted, in this transaction only).
      await tx`delete from pgboss.job where name = ${queueName}`
      await tx`analyze pgboss.job`
      const fetch = fairFetch(tx, 4)
      const { string } = await fetch.describe()
      const args = (fetch as unknown as { args: unknown[] }).args.map(literal).join(', ')
      await tx`set local role map_app`
      await indexPlan(tx)
      await tx`set local plan_cache_mode = force_generic_plan`
      await tx.unsafe(`prepare fetch_on_empty_queue as ${string}`)
      await tx.unsafe(`explain execute fetch_on_empty_queue(${args})`)
      await tx`reset role`
      await jobsOf(tx, tenantA, 20_000, 'completed', 3_600_000)
      await jobsOf(tx, tenantB, 20, 'created', 0)
      await tx`set local role map_app`
      const rows = await tx.unsafe<PlanRows>(
        `explain (analyze, buffers, format json) execute fetch_on_empty_queue(${args})`,
      )
      return { plan: planOf(rows), tenantId: undefined }
    })
    expect(nodesOf(plan).find((node) => node['Node Type'] === 'LockRows')?.['Actual Rows']).to.equal(1)
    // Not the done jobs' ~570 heap pages nor their index: the queued jobs' entries, and those the other tests
    // rolled back (dead, still in the index until a vacuum).
    expect(pagesRead(plan)).to.be.below(300)
  })
})
