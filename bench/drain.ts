// Background runs completed per second: the job workers (issue 19: 4 of them, over the API's processes)
// draining a queue of background runs, counted in the database, with no HTTP load meanwhile.
//
// The queue: what the enqueue scenario (run-agent-background, the last HTTP scenario) left queued, and
// plan.addedRuns more enqueued through the API. While it is made, the bench holds the row lock every job fetch takes
// (plugins/jobs: `SELECT 1 FROM pgboss.version FOR UPDATE` serialises fetches across processes), so no
// worker takes a job; it first waits for the jobs already running to end. Releasing the lock starts the
// window: the workers, blocked in their fetch, take the queue from full. Every 25 ms the bench counts the
// tenant's background runs by status (as the owner, in the tenant's transaction: RLS is forced on the owner
// too) until none is queued or running, or the time limit passes.
import { setTimeout as sleep } from 'node:timers/promises'
import postgres from 'postgres'
import { createPool, inTenantTransaction, type Sql } from '../db/client.js'
import { queueName } from '../plugins/jobs/jobs.repo.js'
import { maintenanceRowLock } from '../plugins/jobs/pgboss-db.js'
import { executeJobName } from '../plugins/runs/run.background.js'
import { measureHttp } from './http-load.js'
import { treeCpu } from './process-cpu.js'
import { backgroundRunBody, cpuPer } from './scenarios.js'
import type { BenchTenant, JobWorkerShape, Log } from './setup.js'
import { isMeasured, measurement, type Outcome } from './stats.js'

export interface DrainPlan {
  /**
   * Runs enqueued with the workers held, added to what the enqueue scenario left: the enqueue alone is
   * measured on them. At ~50 enqueues/s on a busy 2-core box, 1,000 hold the fetches ~20 s (see fillQueue).
   */
  addedRuns: number
  /** The window ends here even with runs left (the report then says how many). */
  timeLimitSeconds: number
}

export interface DrainInput {
  apiUrl: string
  /** The API's server process and the job workers' (when apart): their trees' CPU over the window. */
  servicePids: readonly number[]
  ownerUrl: string
  tenant: BenchTenant
  plan: DrainPlan
  workers: JobWorkerShape
  /** Connections of the top-up's enqueue requests. */
  connections: number
  log: Log
}

interface Counts {
  total: number
  queued: number
  running: number
  completed: number
}
const left = (counts: Counts) => counts.queued + counts.running
const ended = (counts: Counts) => counts.total - left(counts)

function countRuns(owner: Sql, tenantId: string): Promise<Counts> {
  return inTenantTransaction(owner, tenantId, async (tx) => {
    const [row] = await tx<Counts[]>`
      select count(*)::int as total,
             count(*) filter (where status = 'queued')::int as queued,
             count(*) filter (where status = 'running')::int as running,
             count(*) filter (where status = 'completed')::int as completed
        from execution_logs
       where tenant_id = ${tenantId} and background`
    return row!
  })
}

/** Jobs a worker holds now, in any process and of any tenant. */
async function activeJobs(owner: Sql): Promise<number> {
  const [row] = await owner<{ active: number }[]>`
    select count(*)::int as active from pgboss.job where name = ${queueName} and state = 'active'`
  return row!.active
}

interface FetchLock {
  /** Commits the lock's transaction; resolves the database's clock just before the commit. */
  release: () => Promise<string>
}

/** Holds the job fetch's row lock in a transaction of its own until release(). */
async function holdFetchLock(ownerUrl: string): Promise<FetchLock> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => undefined })
  let letGo!: () => void
  const released = new Promise<void>((resolve) => (letGo = resolve))
  let took!: () => void
  const taken = new Promise<void>((resolve) => (took = resolve))
  const transaction = sql.begin(async (tx) => {
    await tx.unsafe(maintenanceRowLock)
    took()
    await released
    const [row] = await tx<{ at: string }[]>`select clock_timestamp()::text as at`
    return row!.at
  })
  const ended = transaction.then(() => Promise.reject(new Error('the lock transaction ended early')))
  try {
    await Promise.race([taken, ended])
    return {
      release: async () => {
        letGo()
        return transaction.finally(() => sql.end({ timeout: 5 }))
      },
    }
  } catch (error) {
    letGo()
    await sql.end({ timeout: 5 })
    throw error
  }
}

async function waitFor(what: string, done: () => Promise<boolean>, seconds: number): Promise<void> {
  const deadline = performance.now() + seconds * 1000
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${seconds} s`)
    await sleep(25)
  }
}

/**
 * Each run's time in its worker (pgboss.job: fetched to completed) for the jobs completed since `released`.
 * A fetch that waited for the held lock has started_on at its transaction's start, before the release: its
 * time counts from the release.
 */
async function workerMs(owner: Sql, tenantId: string, released: string): Promise<number[]> {
  const rows = await owner<{ ms: number }[]>`
    select extract(epoch from completed_on - greatest(started_on, ${released}::timestamptz))::float8 * 1000 as ms
      from pgboss.job
     where name = ${queueName} and state = 'completed' and completed_on >= ${released}::timestamptz
       and data ->> 'handler' = ${executeJobName} and data ->> 'tenant_id' = ${tenantId}`
  return rows.map((row) => row.ms)
}

/**
 * Enqueues `count` background runs (at least) through the API; an error answer fails the drain. Measured:
 * with no worker running meanwhile, it is the enqueue alone (the enqueue scenario's figures include the
 * workers running its runs in the same processes).
 */
async function topUp(input: DrainInput, count: number): Promise<string> {
  const requestsPerConnection = Math.ceil(count / input.connections)
  const before = treeCpu(input.servicePids)
  const outcome = await measureHttp(
    {
      url: input.apiUrl,
      connections: input.connections,
      headers: { 'x-api-key': input.tenant.apiKey },
      requests: [
        {
          method: 'POST',
          path: `/api/v1/agents/${input.tenant.agentIds[0]}/run`,
          body: backgroundRunBody,
          headers: { 'content-type': 'application/json' },
        },
      ],
    },
    { requestsPerConnection },
  )
  if (!isMeasured(outcome) || outcome.errors > 0)
    throw new Error(`enqueueing the drain's runs failed: ${JSON.stringify(outcome)}`)
  const cpu = cpuPer(before, treeCpu(input.servicePids), outcome.count)
  return (
    `the top-up's enqueue, job workers held: ${outcome.count} requests at ${input.connections} connections, ` +
    `${outcome.rps} rps, p50 ${outcome.p50} ms, p95 ${outcome.p95} ms` +
    (cpu ? `, API CPU ${cpu.msPerRequest} ms/request` : '')
  )
}

/**
 * With the fetches held: the running jobs end, then plan.addedRuns are enqueued. Keep it short: a held fetch
 * is a statement of the app role, whose statement_timeout is 30 s (the worker would fail it, wait 2 s, retry).
 */
async function fillQueue(owner: Sql, input: DrainInput): Promise<{ counts: Counts; notes: string[] }> {
  const heldSince = performance.now()
  await waitFor('the running jobs ending', async () => (await activeJobs(owner)) === 0, 20)
  const leftover = await countRuns(owner, input.tenant.tenantId)
  const notes = [await topUp(input, input.plan.addedRuns)]
  const counts = await countRuns(owner, input.tenant.tenantId)
  const heldMs = Math.round(performance.now() - heldSince)
  notes.unshift(
    `${counts.queued} runs queued when the workers were let go (${leftover.queued} left by the enqueue ` +
      `scenario); fetches held ${heldMs} ms` +
      (heldMs > 25_000 ? ' (near the 30 s statement_timeout: a worker may have started late)' : ''),
  )
  for (const note of notes) input.log(`drain: ${note}`)
  return { counts, notes }
}

/**
 * Runs completed per second by the job workers over a queue made beforehand (see the top of this file).
 * rps: runs completed per second of the window; p50..p99: each run's time in its worker; errors: runs that
 * ended otherwise than completed; connections: the job workers; apiCpu: the API tree's CPU per run completed.
 */
export async function measureDrain(input: DrainInput): Promise<Outcome> {
  const { tenant, plan, workers, log } = input
  const owner = createPool(input.ownerUrl, { max: 1, connectTimeoutSeconds: 10 })
  try {
    const lock = await holdFetchLock(input.ownerUrl)
    let filled: Awaited<ReturnType<typeof fillQueue>>
    try {
      filled = await fillQueue(owner, input)
    } catch (error) {
      await lock.release()
      throw error
    }
    const cpuBefore = treeCpu(input.servicePids)
    const started = performance.now()
    const releasedAt = await lock.release()
    const before = filled.counts
    let now = before
    const deadline = started + plan.timeLimitSeconds * 1000
    while (left(now) > 0 && performance.now() < deadline) {
      await sleep(25)
      now = await countRuns(owner, tenant.tenantId)
    }
    const seconds = (performance.now() - started) / 1000
    const cpuAfter = treeCpu(input.servicePids)
    const completed = now.completed - before.completed
    const failed = ended(now) - ended(before) - completed
    const samples = await workerMs(owner, tenant.tenantId, releasedAt)
    const busy = samples.reduce((sum, ms) => sum + ms, 0) / (seconds * 1000 * workers.total)
    const notes = [
      ...filled.notes,
      `${workers.total} job workers (${workers.placement === 'process' ? 'one worker process' : `WEB_CONCURRENCY ${workers.processes}`} ` +
        `× WORKER_CONCURRENCY ${workers.perProcess}, JOBS_TENANT_CONCURRENCY ${workers.tenantConcurrency}, ` +
        `JOBS_POLL_INTERVAL_MS ${workers.pollIntervalMs})`,
      'rps: runs completed per second, from the release of the held job fetches until none is queued or ' +
        "running; p50..p99: each run's time in its worker (pgboss.job started_on to completed_on); " +
        'API CPU per run completed',
      `workers busy ${Math.round(busy * 100)}% of the window (the sum of the runs' worker times / ` +
        `(window × workers)); the rest is fetches (one at a time, under the fetch lock) and gaps between jobs`,
    ]
    if (left(now) > 0) notes.push(`time limit (${plan.timeLimitSeconds} s): ${left(now)} runs still left`)
    if (samples.length !== completed)
      notes.push(`${samples.length} completed jobs found for ${completed} completed runs`)
    const cpu = cpuPer(cpuBefore, cpuAfter, completed)
    if (!cpu) notes.push('API CPU not measured: /proc unreadable, or a process came or went')
    await settle(owner, tenant.tenantId, plan.timeLimitSeconds, log)
    if (completed === 0) {
      const reason = `no background run completed in ${plan.timeLimitSeconds} s (${failed} ended otherwise)`
      return { status: 'failed', reason, connections: workers.total }
    }
    const outcome = measurement({
      samples,
      durationSeconds: seconds,
      errors: failed,
      connections: workers.total,
      notes,
    })
    if (!isMeasured(outcome)) return outcome
    // Throughput from the runs themselves, which completed; the worker times are of their jobs.
    return {
      ...outcome,
      rps: Math.round((completed / seconds) * 10) / 10,
      count: completed,
      ...(cpu ? { apiCpu: cpu } : {}),
    }
  } finally {
    await owner.end({ timeout: 5 })
  }
}

/** Waits up to limitSeconds for the tenant's background runs to end: no later measure shares the CPU. */
async function settle(owner: Sql, tenantId: string, limitSeconds: number, log: Log): Promise<void> {
  try {
    await waitFor(
      'the remaining background runs',
      async () => left(await countRuns(owner, tenantId)) === 0,
      limitSeconds,
    )
  } catch (error) {
    log(`drain: ${String(error)}; going on`)
  }
}
