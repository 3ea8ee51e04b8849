// The statements the platform runs on pg-boss's tables itself (pg-boss 10.4.2, schema version 24; see the
// pgboss migration): a fair fetch, a completion sent with a handler's COMMIT, and a release at shutdown.
// Everything else goes through pg-boss.
import { commitWith, type Sql, type TransactionSql } from '../../app/plugin-kit.js'
import { maintenanceRowLock } from './pgboss-db.js'

/** The one pg-boss queue: every handler's jobs, told apart by data.handler (created by the migration). */
export const queueName = 'jobs'

/** What the queue stores in a job's data. */
export interface StoredJobData {
  handler: string
  tenant_id: string
  data: unknown
}

export interface FetchedJob {
  id: string
  data: StoredJobData
  retryCount: number
  retryLimit: number
  /** What the previous attempt left (pg-boss's fail or expiry output), or null. */
  output: unknown
  expireInSeconds: number
}

/**
 * The fetch itself, not sent yet: the next job of a tenant under its cap, marked active. It walks
 * job_fetch_order_idx in its own order and stops at the first job it may take (the jobs-fetch-indexes
 * migration; plugins/jobs/test/jobs.fetch-plan.test.ts holds it to that). The update finds that job by its key
 * (a scalar subquery, not a join, which on a small queue's statistics was planned as a walk over every job).
 * Run it after indexPlan().
 */
export const fairFetch = (tx: TransactionSql, tenantConcurrency: number) =>
  tx<FetchedJob[]>`
    with busy as materialized (
      select data ->> 'tenant_id' as tenant_id
        from pgboss.job
       where name = ${queueName} and state = 'active'
       group by 1
      having count(*) >= ${tenantConcurrency}
    ), next as (
      select j.id
        from pgboss.job j
       where j.name = ${queueName} and j.state < 'active' and j.start_after < now()
         and not exists (select 1 from busy b where b.tenant_id = j.data ->> 'tenant_id')
       order by j.priority desc, j.created_on, j.id
       limit 1
         for update skip locked
    )
    update pgboss.job j
       set state = 'active',
           started_on = now(),
           retry_count = case when j.started_on is not null then j.retry_count + 1 else j.retry_count end
     where j.name = ${queueName} and j.id = (select id from next)
    returning j.id, j.data, j.retry_count as "retryCount", j.retry_limit as "retryLimit", j.output,
              extract(epoch from j.expire_in)::int as "expireInSeconds"`

/**
 * For the rest of the transaction, no sequential scan where an index serves. postgres.js prepares a statement
 * once per connection, and PostgreSQL may then keep a generic plan until the table's next analysis. A worker
 * that starts on an empty queue (a fresh deploy; the bench) would keep sequential scans, right for a table of
 * a few pages, while the queue grows by hundreds of jobs a second and keeps its done ones 12 hours: a fetch
 * that reads every job, under the lock that serialises the fetches (jobs.fetch-plan.test.ts). Planning the
 * fetch anew at each run instead (plan_cache_mode) cost ~0.85 ms of planning per fetch, more than it saved.
 */
export const indexPlan = (tx: TransactionSql) => tx`select set_config('enable_seqscan', 'off', true)`

/**
 * Takes the next job of a tenant that has fewer than tenantConcurrency jobs running (in every process: the
 * count is of active jobs in the table), oldest first (higher priority first), and marks it active as
 * pg-boss's own fetch does (retry_count grows when it was started before). Fetches are serialised across
 * processes by the row lock pg-boss's maintenance also takes, so two workers cannot both take a tenant's
 * last free slot; the lock is held for this one statement and the COMMIT sent with it. Resolves undefined
 * when nothing is eligible.
 */
export async function fetchNextJob(sql: Sql, tenantConcurrency: number): Promise<FetchedJob | undefined> {
  return sql.begin(async (tx) => {
    // Sent together with the COMMIT (statements on one transaction's connection run in order): the lock
    // that serialises every worker's fetch is held for the server's own work, never across a round trip
    // to a worker, whose process runs at a lower CPU priority (WORKER_NICE) and may wait for a core.
    const [, , rows] = await commitWith(
      tx,
      indexPlan(tx),
      tx.unsafe(maintenanceRowLock),
      fairFetch(tx, tenantConcurrency),
    )
    return rows[0]
  })
}

/**
 * A job's completion as pg-boss's complete writes it (its state, completed_on, output), while it is still
 * this attempt's (active), in the caller's transaction, not sent (Job.completeAtCommit). The transaction is
 * pinned to the job's tenant: RLS lets it change that tenant's jobs alone.
 */
export const completeStatement = (tx: TransactionSql, id: string, output: object) =>
  tx`
    update pgboss.job
       set state = 'completed', completed_on = now(), output = ${tx.json(output as never)}
     where name = ${queueName} and id = ${id} and state = 'active'`

/**
 * Puts back a job this worker was running when it shut down: queued again at once, and, its started_on
 * cleared, the next fetch does not count the interrupted attempt. Only while it is still this attempt's
 * (active); an attempt that expired meanwhile was already handled by maintenance.
 */
export async function releaseJob(sql: Sql, id: string, message: string): Promise<void> {
  const output = { reason: 'shutdown', message }
  await sql`
    update pgboss.job
       set state = 'retry', started_on = null, start_after = now(), output = ${sql.json(output)}
     where name = ${queueName} and id = ${id} and state = 'active'`
}
