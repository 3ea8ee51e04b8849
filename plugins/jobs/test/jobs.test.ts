// The job queue against the real PostgreSQL: enqueue in a tenant's transaction, run pinned to that tenant,
// retries with backoff, fairness between tenants, graceful stop, and a worker process killed with SIGKILL.
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { expect } from 'chai'
import { commitWith, inTenantTransaction } from '../../../db/client.js'
import { createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { killServerProcesses, startServerProcess } from '../../../test/helpers/server-process.js'
import { startInProcessWorkers, type InProcessWorkers } from './fixtures/in-process-workers.js'
import { observed } from './fixtures/test-handlers.js'

type Running = InProcessWorkers
const started: Running[] = []

/** The jobs plugin's workers in this process, with the test handlers, as the API would run them. */
async function startWorkers(env: Record<string, string> = {}): Promise<Running> {
  const running = await startInProcessWorkers({
    WORKER_CONCURRENCY: '4',
    JOBS_TENANT_CONCURRENCY: '2',
    ...env,
  })
  started.push(running)
  return running
}

/** Enqueues in a transaction of the tenant, as an operation would; resolves to the job ids. */
async function enqueue(jobs: Running, tenant: TestTenant, name: string, data: object[]): Promise<string[]> {
  const { appSql } = testStack()
  return inTenantTransaction(appSql, tenant.tenantId, async (tx) => {
    const ids: string[] = []
    for (const item of data)
      ids.push(await jobs.container.cradle.jobs.enqueue(tx, name, tenant.tenantId, item))
    return ids
  })
}

interface JobRow {
  id: string
  state: string
  retry_count: number
  output: Record<string, unknown> | null
  tenant_id: string
}
const jobRows = (ids: string[]) =>
  testStack().ownerSql<JobRow[]>`
    select id, state, retry_count, output, data ->> 'tenant_id' as tenant_id
      from pgboss.job where id = any(${ids}::uuid[])`

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
const inState = (ids: string[], states: string[]) => async () => {
  const rows = await jobRows(ids)
  return rows.length === ids.length && rows.every((r) => states.includes(r.state)) ? rows : undefined
}

/** The distinct nice values of a process's threads (Linux: /proc/PID/task/TID/stat, field 19). */
const niceOfThreads = (pid: number): number[] => [
  ...new Set(
    readdirSync(`/proc/${pid}/task`).map((tid) =>
      Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]),
    ),
  ),
]
describe('plugins/jobs: the job queue', function () {
  this.timeout(60_000)
  let tenantA: TestTenant
  let tenantB: TestTenant

  before(async () => {
    tenantA = await createTestTenant('jobs-a')
    tenantB = await createTestTenant('jobs-b')
  })
  beforeEach(() => observed.clear())
  afterEach(async () => {
    for (const running of started.splice(0)) await running.stop(0)
    killServerProcesses()
    // Each test starts from an empty queue: a job left queued by one would run in the next.
    // As a superuser: the owner only reads jobs (RLS, plugins/jobs/migrations/*_jobs-tenant-rls.sql).
    await testStack().superSql`delete from pgboss.job`
  })

  it('runs a job enqueued in a tenant transaction once, in a transaction pinned to that tenant', async () => {
    const jobs = await startWorkers()
    const [id] = await enqueue(jobs, tenantA, 'jobs-test.record', [{ label: 'hello' }])
    const [row] = await until('the job to complete', inState([id!], ['completed']))
    expect(row!.output).to.deep.equal({ tenant: tenantA.tenantId, label: 'hello', attempt: 1 })
    expect(row!.tenant_id).to.equal(tenantA.tenantId)
    // Completed means it will not run again; one start was seen.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(observed.starts.map((s) => s.job)).to.deep.equal([id])
    // Counted by handler and outcome, never by tenant.
    const counted =
      await jobs.container.cradle.metrics.registry.getSingleMetricAsString('jobs_processed_total')
    expect(counted).to.include('jobs_processed_total{job="jobs-test.record",outcome="completed"} 1')
    expect(counted).not.to.include(tenantA.tenantId)
  })

  it('never runs a job whose enqueueing transaction rolled back', async () => {
    const jobs = await startWorkers()
    const { appSql } = testStack()
    let enqueued: string | undefined
    const rolledBack = await inTenantTransaction(appSql, tenantA.tenantId, async (tx) => {
      enqueued = await jobs.container.cradle.jobs.enqueue(tx, 'jobs-test.record', tenantA.tenantId, {
        label: 'rolled back',
      })
      throw new Error('the caller fails after enqueueing')
    }).catch((error: Error) => error)
    expect(rolledBack).to.be.instanceOf(Error)
    expect(enqueued).to.be.a('string')
    // A job enqueued after it completes, so the worker has had its chance at the first.
    const [after] = await enqueue(jobs, tenantA, 'jobs-test.record', [{ label: 'committed' }])
    await until('the later job to complete', inState([after!], ['completed']))
    expect(await jobRows([enqueued!])).to.deep.equal([])
    expect(observed.starts.map((s) => s.job)).to.deep.equal([after])
  })

  it('refuses to enqueue for a tenant other than the transaction’s, or for an unknown handler', async () => {
    const jobs = await startWorkers({ WORKER_CONCURRENCY: '0' })
    const { appSql } = testStack()
    const service = jobs.container.cradle.jobs
    const crossTenant = await inTenantTransaction(appSql, tenantA.tenantId, (tx) =>
      service.enqueue(tx, 'jobs-test.record', tenantB.tenantId, { label: 'x' }),
    ).catch((error: Error) => error)
    expect(String(crossTenant)).to.match(/not pinned to the tenant/)
    const unknown = await inTenantTransaction(appSql, tenantA.tenantId, (tx) =>
      service.enqueue(tx, 'jobs-test.nobody', tenantA.tenantId, {}),
    ).catch((error: Error) => error)
    expect(String(unknown)).to.match(/No job handler is named "jobs-test.nobody"/)
  })

  it('enqueues a job with a chosen id once, however often it is enqueued', async () => {
    const jobs = await startWorkers({ WORKER_CONCURRENCY: '0' })
    const { appSql } = testStack()
    const id = randomUUID()
    const twice = await Promise.all(
      [1, 2].map(() =>
        inTenantTransaction(appSql, tenantA.tenantId, (tx) =>
          jobs.container.cradle.jobs.enqueue(
            tx,
            'jobs-test.record',
            tenantA.tenantId,
            { label: 'once' },
            { id },
          ),
        ),
      ),
    )
    expect(twice).to.deep.equal([id, id])
    expect((await jobRows([id])).map((r) => r.state)).to.deep.equal(['created'])
  })

  it('enqueues at COMMIT: the job is stored only when the statement rides with a COMMIT that commits', async () => {
    const jobs = await startWorkers({ WORKER_CONCURRENCY: '0' })
    const { appSql } = testStack()
    const service = jobs.container.cradle.jobs
    const atCommit = (tx: Parameters<typeof service.enqueue>[0], id: string) =>
      service.enqueueAtCommit(tx, 'jobs-test.record', tenantA.tenantId, { label: 'at commit' }, { id })
    const [kept, lost, unsent] = [randomUUID(), randomUUID(), randomUUID()]
    // Sent with the COMMIT, after another statement of the transaction.
    await inTenantTransaction(appSql, tenantA.tenantId, async (tx) => {
      const { statement } = await atCommit(tx, kept)
      expect(await jobRows([kept]), 'nothing sent before the COMMIT').to.deep.equal([])
      const [[row]] = await commitWith(tx, statement)
      expect(row).to.deep.equal({ id: kept })
    })
    // A statement failing beside it: PostgreSQL answers that COMMIT with ROLLBACK, the job is not stored.
    const failed = await inTenantTransaction(appSql, tenantA.tenantId, async (tx) => {
      const { statement } = await atCommit(tx, lost)
      await commitWith(tx, statement, tx`select 1 / 0`)
    }).catch((error: Error) => error)
    expect(String(failed)).to.match(/division by zero/)
    // Never passed to commitWith: never sent.
    await inTenantTransaction(appSql, tenantA.tenantId, (tx) => atCommit(tx, unsent))
    expect((await jobRows([kept, lost, unsent])).map((r) => [r.id, r.state])).to.deep.equal([
      [kept, 'created'],
    ])
    // The same checks as enqueue.
    const crossTenant = await inTenantTransaction(appSql, tenantA.tenantId, (tx) =>
      service.enqueueAtCommit(tx, 'jobs-test.record', tenantB.tenantId, {}, { id: randomUUID() }),
    ).then(
      () => 'enqueued',
      (error: Error) => error.message,
    )
    expect(crossTenant).to.match(/not pinned to the tenant/)
  })

  it("completes a job in its handler's last transaction, once it commits, and then sends no completion", async () => {
    const jobs = await startWorkers()
    // The worker's own completion (pg-boss's complete) would find the job completed already and change
    // nothing: counted here, through a wrapper that calls it.
    const { boss } = jobs.container.cradle.jobs
    const sentByWorker: string[] = []
    const complete = boss.complete.bind(boss)
    boss.complete = ((name: string, id: string, data?: object) => {
      sentByWorker.push(id)
      return complete(name, id, data)
    }) as typeof boss.complete
    const ids = await enqueue(jobs, tenantA, 'jobs-test.complete-at-commit', [
      { label: 'first try' },
      { label: 'second try', failFirst: true },
    ])
    const rows = await until('both jobs to complete', inState(ids, ['completed']))
    const byId = new Map(rows.map((row) => [row.id, row]))
    expect(byId.get(ids[0]!)!.output).to.deep.equal({ label: 'first try', attempt: 1 })
    // Its first transaction rolled back with the completion in it: the attempt failed, the next completed.
    expect(byId.get(ids[1]!)!.output).to.deep.equal({ label: 'second try', attempt: 2 })
    expect(byId.get(ids[1]!)!.retry_count).to.equal(1)
    expect(observed.starts.filter((s) => s.job === ids[1]).map((s) => s.attempt)).to.deep.equal([1, 2])
    expect(sentByWorker).to.deep.equal([])
  })

  it('retries a failing job with backoff, then fails it; the handler sees its attempt and the last one', async () => {
    const jobs = await startWorkers()
    const [id] = await enqueue(jobs, tenantA, 'jobs-test.fail', [{}])
    const [row] = await until('the job to fail', inState([id!], ['failed']))
    expect(row!.retry_count).to.equal(1)
    expect(row!.output).to.deep.include({ reason: 'error', message: 'attempt 2 failed on purpose' })
    const attempts = observed.starts.map(({ attempt, isLastAttempt, previousFailure }) => ({
      attempt,
      isLastAttempt,
      previous: previousFailure?.reason,
    }))
    expect(attempts).to.deep.equal([
      { attempt: 1, isLastAttempt: false, previous: undefined },
      { attempt: 2, isLastAttempt: true, previous: 'error' },
    ])
    // retryDelaySeconds 1 with backoff: the retry waits at least a second (an upper bound would be flaky).
    expect(observed.starts[1]!.startedAt - observed.starts[0]!.startedAt).to.be.at.least(900)
  })

  it("starts another tenant's job while one tenant's are queued, and caps each tenant's running jobs", async () => {
    const jobs = await startWorkers({ WORKER_CONCURRENCY: '4', JOBS_TENANT_CONCURRENCY: '2' })
    const manyIds = await enqueue(
      jobs,
      tenantA,
      'jobs-test.slow',
      Array.from({ length: 40 }, () => ({ ms: 300 })),
    )
    const [oneId] = await enqueue(jobs, tenantB, 'jobs-test.slow', [{ ms: 10 }])
    await until('B’s job to complete', inState([oneId!], ['completed']))
    const aStarted = observed.starts.filter((s) => s.tenantId === tenantA.tenantId).length
    const rows = await jobRows(manyIds)
    const aQueued = rows.filter((r) => r.state === 'created').length
    expect(aQueued, 'A’s jobs still queued when B’s had run').to.be.at.least(20)
    expect(aStarted).to.be.at.most(20)
    // Never more than JOBS_TENANT_CONCURRENCY of A at once, though 4 workers were there.
    const activeA = rows.filter((r) => r.state === 'active').length
    expect(activeA).to.be.at.most(2)
    await until('a few more of A’s jobs', () =>
      Promise.resolve(
        observed.starts.filter((s) => s.tenantId === tenantA.tenantId).length >= aStarted + 4
          ? true
          : undefined,
      ),
    )
    expect(observed.maxRunning.get(tenantA.tenantId)).to.equal(2)
  })

  it('stops gracefully: the running job finishes, the queued ones stay queued', async () => {
    const jobs = await startWorkers({ WORKER_CONCURRENCY: '1' })
    const ids = await enqueue(
      jobs,
      tenantA,
      'jobs-test.slow',
      Array.from({ length: 4 }, () => ({ ms: 700 })),
    )
    const running = await until('a job to start', async () => {
      const active = (await jobRows(ids)).filter((r) => r.state === 'active')
      return active.length > 0 ? active : undefined
    })
    expect(running).to.have.length(1)
    await jobs.stop(10_000)
    const rows = await jobRows(ids)
    expect(rows.find((r) => r.id === running[0]!.id)!.state).to.equal('completed')
    expect(rows.filter((r) => r.id !== running[0]!.id).map((r) => r.state)).to.deep.equal([
      'created',
      'created',
      'created',
    ])
  })

  it('at the deadline, aborts the running job and puts it back without counting the attempt', async () => {
    const jobs = await startWorkers({ WORKER_CONCURRENCY: '1' })
    const [id] = await enqueue(jobs, tenantA, 'jobs-test.slow', [{ ms: 60_000 }])
    await until('the job to start', inState([id!], ['active']))
    await jobs.stop(200)
    const [row] = await jobRows([id!])
    expect(row).to.deep.include({ state: 'retry', retry_count: 0 })
    expect(row!.output).to.deep.include({ reason: 'shutdown' })
    // Another worker runs it again, as attempt 1, told why the first run ended.
    observed.clear()
    await startWorkers()
    await until('the job to be taken again', inState([id!], ['active']))
    expect(observed.starts[0]).to.deep.include({ attempt: 1 })
    expect(observed.starts[0]!.previousFailure?.reason).to.equal('shutdown')
  })

  it('retries the job of a worker process killed with SIGKILL once it expires, in another worker', async () => {
    const worker = await startServerProcess(
      {
        WORKER_CONCURRENCY: '1',
        JOBS_POLL_INTERVAL_MS: '100',
        JOBS_MAINTENANCE_INTERVAL_SECONDS: '1',
        WORKER_NICE: '0',
      },
      {
        command: [
          process.execPath,
          '--import',
          'tsx',
          'plugins/jobs/test/fixtures/worker-with-test-handlers.ts',
        ],
        readyMessage: 'worker running',
      },
    )
    // As started: the nice value it inherited from this process (npm test's main lane runs at its default).
    expect(niceOfThreads(worker.child.pid!), 'WORKER_NICE=0: as started').to.deep.equal([os.getPriority()])
    // Enqueued by this process, with the jobs service only (no workers here yet).
    const enqueuer = await startWorkers({ WORKER_CONCURRENCY: '0' })
    const [id] = await enqueue(enqueuer, tenantA, 'jobs-test.block-first', [{}])
    await until('the worker process to take the job', inState([id!], ['active']))
    worker.child.kill('SIGKILL')
    expect(await worker.exited).to.equal(null)
    expect((await jobRows([id!]))[0]!.state, 'a killed worker leaves its job active').to.equal('active')
    // Another worker: once the job's 2 s expiry passes, maintenance fails the attempt and this one retries it.
    await startWorkers({ WORKER_CONCURRENCY: '1' })
    const [row] = await until('the job to complete after its expiry', inState([id!], ['completed']), 30_000)
    expect(row!.output).to.deep.include({ attempt: 2 })
    expect((row!.output as { previousFailure: { reason: string } }).previousFailure.reason).to.equal(
      'expired',
    )
  })

  it('npm run worker handles SIGTERM like the API: the running job finishes, then the process exits 0', async () => {
    const worker = await startServerProcess(
      { WORKER_CONCURRENCY: '1', JOBS_POLL_INTERVAL_MS: '100', SHUTDOWN_TIMEOUT_SECONDS: '20' },
      {
        command: [
          process.execPath,
          '--import',
          'tsx',
          'plugins/jobs/test/fixtures/worker-with-test-handlers.ts',
        ],
        readyMessage: 'worker running',
      },
    )
    // Background work yields the CPU to requests: every thread of the process at WORKER_NICE (10 by default),
    // lowered from this process's value (below 10, or this could not tell; test/lanes/lanes.cjs).
    expect(os.getPriority(), 'the nice value the tests run at').to.be.below(10)
    expect(niceOfThreads(worker.child.pid!)).to.deep.equal([10])
    const enqueuer = await startWorkers({ WORKER_CONCURRENCY: '0' })
    const ids = await enqueue(enqueuer, tenantA, 'jobs-test.slow', [{ ms: 1500 }, { ms: 1500 }])
    const running = await until('the worker process to take a job', async () => {
      const active = (await jobRows(ids)).filter((r) => r.state === 'active')
      return active.length > 0 ? active : undefined
    })
    worker.child.kill('SIGTERM')
    expect(await worker.exited).to.equal(0)
    const rows = await jobRows(ids)
    expect(rows.find((r) => r.id === running[0]!.id)!.state).to.equal('completed')
    expect(rows.filter((r) => r.id !== running[0]!.id).map((r) => r.state)).to.deep.equal(['created'])
    expect(worker.output()).to.include('worker stopped')
  })

  it('runs the job workers in the API process too, started once it listens and stopped by its shutdown', async () => {
    const api = await startServerProcess({ WORKER_CONCURRENCY: '3' })
    // Logged once the workers run, just after "listening".
    const line = await until('the job workers to start', () =>
      Promise.resolve(
        api
          .output()
          .split('\n')
          .find((l) => l.includes('job workers running')),
      ),
    )
    expect(JSON.parse(line)).to.deep.include({ concurrency: 3, tenantConcurrency: 2 })
    api.child.kill('SIGTERM')
    expect(await api.exited).to.equal(0)
  })

  it('gives the app role only what pg-boss needs: no DDL, no queue changes, no tenant rows without a tenant', async () => {
    const { appSql } = testStack()
    const refused = (statement: string) =>
      appSql.unsafe(statement).then(
        () => `${statement}: allowed`,
        (error: { code?: string }) => error.code,
      )
    expect(await refused('create table pgboss.intruder (id int)')).to.equal('42501')
    expect(await refused('alter table pgboss.job add column intruder int')).to.equal('42501')
    expect(await refused('truncate pgboss.job')).to.equal('42501')
    expect(await refused("update pgboss.queue set retry_limit = 99 where name = 'jobs'")).to.equal('42501')
    expect(await refused(`select pgboss.create_queue('intruder', '{}'::json)`)).to.equal('42501')
    expect(await refused('select pg_advisory_xact_lock(1)')).to.equal('42501')
    // A tenant table read without a tenant set: RLS shows nothing, though the tenant has a row.
    await inTenantTransaction(appSql, tenantA.tenantId, (tx) =>
      tx`insert into example_notes (title, body) values ('jobs', 'a row of tenant A')`.then(() => undefined),
    )
    const [seen] = await appSql<{ n: number }[]>`select count(*)::int as n from example_notes`
    expect(seen!.n).to.equal(0)
    // The catalog, which the RLS audit leaves to this test (db/audit/options.ts): exactly the run-time DML,
    // no CREATE on the schema, no SECURITY DEFINER, and no tenant data (no tenant_id column) in pgboss.
    const { superSql } = testStack()
    const grants = await superSql<{ table: string; privileges: string[] }[]>`
      select c.relname as table,
             array(select p from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES',
                                              'TRIGGER']) as p
                    where has_table_privilege('map_app', c.oid, p)) as privileges
        from pg_class c where c.relnamespace = 'pgboss'::regnamespace and c.relkind in ('r', 'p')
       order by 1`
    expect(Object.fromEntries(grants.map((g) => [g.table, g.privileges.join(',')]))).to.deep.include({
      archive: 'SELECT,INSERT,DELETE',
      job: 'SELECT,INSERT,UPDATE,DELETE',
      queue: 'SELECT',
      schedule: '',
      subscription: '',
      version: 'SELECT,UPDATE',
    })
    // The one queue's partition is reached only through pgboss.job.
    expect(
      grants.filter(
        (g) => !['archive', 'job', 'queue', 'schedule', 'subscription', 'version'].includes(g.table),
      ),
    )
      .to.have.length(1)
      .and.to.satisfy((rest: typeof grants) => rest.every((g) => g.privileges.length === 0))
    const [schema] = await superSql<{ create: boolean; definers: number; tenantIds: number }[]>`
      select has_schema_privilege('map_app', 'pgboss', 'CREATE') as create,
             (select count(*)::int from pg_proc where pronamespace = 'pgboss'::regnamespace and prosecdef) as definers,
             (select count(*)::int from pg_attribute a join pg_class c on c.oid = a.attrelid
               where c.relnamespace = 'pgboss'::regnamespace and a.attname = 'tenant_id') as "tenantIds"`
    expect(schema).to.deep.equal({ create: false, definers: 0, tenantIds: 0 })
    // And what pg-boss does need works as the app role: its maintenance, through the adapter.
    const jobs = await startWorkers({ WORKER_CONCURRENCY: '0' })
    await jobs.container.cradle.jobs.boss.maintain()
  })
})
