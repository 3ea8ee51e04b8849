// Tenant isolation of the job queue's tables (pgboss.job, pgboss.archive: migrations/*_jobs-tenant-rls.sql).
// As the app role, a transaction pinned to tenant B reads, changes and inserts only B's jobs; with no tenant
// set (the queue's own work on the pool: the fair fetch, pg-boss's complete, fail and archive), every tenant's.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { inTenantTransaction, type TransactionSql } from '../../../db/client.js'
import { createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { startInProcessWorkers } from './fixtures/in-process-workers.js'

/** The workers, as the API runs them, stopped at once. */
async function startWorkers(workerConcurrency: number) {
  const workers = await startInProcessWorkers({ WORKER_CONCURRENCY: String(workerConcurrency) })
  return { container: workers.container, stop: () => workers.stop(0) }
}

/** What a statement in a transaction of the tenant, as the app role, resolves to, or its error's code. */
const asTenantApp = <T>(tenant: TestTenant, fn: (tx: TransactionSql) => Promise<T>) =>
  inTenantTransaction(testStack().appSql, tenant.tenantId, fn).catch(
    (error: { code?: string }) => error.code ?? error,
  )

/** pgboss.archive's columns without defaults, in the order an archived copy of a job gives them. */
const archiveColumns = [
  'id',
  'name',
  'priority',
  'data',
  'state',
  'retry_limit',
  'retry_count',
  'retry_delay',
  'retry_backoff',
  'start_after',
  'expire_in',
  'created_on',
  'keep_until',
]

/** A job row of the tenant, as pg-boss's send stores it; queued for tomorrow, so no worker takes it. */
const jobData = (tenant: TestTenant) => ({
  handler: 'jobs-test.record',
  tenant_id: tenant.tenantId,
  data: {},
})

describe('plugins/jobs: tenant isolation of the queue (RLS on pgboss.job and pgboss.archive)', function () {
  this.timeout(60_000)
  let tenantA: TestTenant
  let tenantB: TestTenant
  const jobOf = { a: randomUUID(), b: randomUUID() }
  const archivedOf = { a: randomUUID(), b: randomUUID() }

  before(async () => {
    tenantA = await createTestTenant('jobs-rls-a')
    tenantB = await createTestTenant('jobs-rls-b')
    const { superSql } = testStack()
    for (const [id, tenant] of [
      [jobOf.a, tenantA],
      [jobOf.b, tenantB],
    ] as const) {
      await superSql`
        insert into pgboss.job (id, name, data, start_after, output)
        values (${id}, 'jobs', ${superSql.json(jobData(tenant))}, now() + interval '1 day',
                ${superSql.json({ secret: `output of ${tenant.tenantId}` })})`
    }
    // The archive's columns have no defaults (LIKE pgboss.job): copied from the jobs, as pg-boss archives.
    for (const [id, job] of [
      [archivedOf.a, jobOf.a],
      [archivedOf.b, jobOf.b],
    ] as const) {
      await superSql`
        insert into pgboss.archive (${superSql(archiveColumns)})
        select ${id}, ${superSql(archiveColumns.slice(1))} from pgboss.job where id = ${job}`
    }
  })
  after(async () => {
    const { superSql } = testStack()
    await superSql`delete from pgboss.job where data ->> 'tenant_id' in (${tenantA.tenantId}, ${tenantB.tenantId})`
    await superSql`delete from pgboss.archive where data ->> 'tenant_id' in (${tenantA.tenantId}, ${tenantB.tenantId})`
  })

  it("shows a tenant's transaction only its own jobs, queued and archived", async () => {
    const seen = await asTenantApp(tenantB, async (tx) => ({
      jobs: (await tx<{ id: string }[]>`select id from pgboss.job`).map((r) => r.id),
      archived: (await tx<{ id: string }[]>`select id from pgboss.archive`).map((r) => r.id),
      aByTenant: (await tx`select 1 from pgboss.job where data ->> 'tenant_id' = ${tenantA.tenantId}`).length,
      aById: (await tx`select 1 from pgboss.job where id = ${jobOf.a}`).length,
    }))
    expect(seen).to.deep.equal({ jobs: [jobOf.b], archived: [archivedOf.b], aByTenant: 0, aById: 0 })
  })

  it("lets a tenant's transaction change and delete none of another tenant's jobs", async () => {
    const changed = await asTenantApp(tenantB, async (tx) => ({
      updated: (await tx`update pgboss.job set priority = 99, start_after = now() where id = ${jobOf.a}`)
        .count,
      deleted: (await tx`delete from pgboss.job where id = ${jobOf.a}`).count,
      archiveDeleted: (await tx`delete from pgboss.archive where id = ${archivedOf.a}`).count,
      allDeleted: (await tx`delete from pgboss.job where data ->> 'tenant_id' <> ${tenantB.tenantId}`).count,
    }))
    expect(changed).to.deep.equal({ updated: 0, deleted: 0, archiveDeleted: 0, allDeleted: 0 })
    const { superSql } = testStack()
    const [a] = await superSql<{ priority: number }[]>`select priority from pgboss.job where id = ${jobOf.a}`
    expect(a).to.deep.equal({ priority: 0 })
    expect(await superSql`select 1 from pgboss.archive where id = ${archivedOf.a}`).to.have.length(1)
  })

  it("refuses a job carrying another tenant's id, inserted or updated, in a tenant's transaction", async () => {
    const forged = { handler: 'runs.execute', tenant_id: tenantA.tenantId, data: { abandon: true } }
    expect(
      await asTenantApp(
        tenantB,
        (tx) => tx`insert into pgboss.job (name, data) values ('jobs', ${tx.json(forged)})`,
      ),
    ).to.equal('42501')
    expect(
      await asTenantApp(
        tenantB,
        (tx) => tx`
          insert into pgboss.archive (${tx(archiveColumns)})
          select gen_random_uuid(), name, priority, ${tx.json(forged)}, state, retry_limit, retry_count,
                 retry_delay, retry_backoff, start_after, expire_in, created_on, keep_until
            from pgboss.job where id = ${jobOf.b}`,
      ),
    ).to.equal('42501')
    // Nor can B re-label its own job as A's.
    expect(
      await asTenantApp(
        tenantB,
        (tx) =>
          tx`update pgboss.job set data = jsonb_set(data, '{tenant_id}', ${tx.json(tenantA.tenantId)})
              where id = ${jobOf.b}`,
      ),
    ).to.equal('42501')
    const { superSql } = testStack()
    expect(
      await superSql`select 1 from pgboss.job where data ->> 'handler' = 'runs.execute'
                           and data ->> 'tenant_id' = ${tenantA.tenantId}`,
    ).to.have.length(0)
  })

  it("enqueues through jobs.enqueue in the tenant's own transaction, and that tenant sees its job", async () => {
    const jobs = await startWorkers(0)
    try {
      const id = await asTenantApp(tenantB, (tx) =>
        jobs.container.cradle.jobs.enqueue(
          tx,
          'jobs-test.record',
          tenantB.tenantId,
          { label: 'mine' },
          {
            startAfterSeconds: 86_400,
          },
        ),
      )
      expect(id).to.be.a('string')
      const seen = await asTenantApp(
        tenantB,
        (tx) => tx`select data from pgboss.job where id = ${id as string}`,
      )
      expect(seen).to.deep.equal([
        { data: { handler: 'jobs-test.record', tenant_id: tenantB.tenantId, data: { label: 'mine' } } },
      ])
      expect(
        await asTenantApp(tenantA, (tx) => tx`select 1 from pgboss.job where id = ${id as string}`),
      ).to.deep.equal([])
    } finally {
      await jobs.stop()
    }
  })

  it("takes an empty tenant setting, like an unset one, for the queue's own work; forces RLS on the owner", async () => {
    // '' is what a transaction-local set_config leaves on a pooled connection after its transaction.
    const { appSql, superSql } = testStack()
    const seen = await appSql.begin(async (tx) => {
      await tx`select set_config('app.current_tenant_id', '', true)`
      return tx<{ id: string }[]>`select id from pgboss.job where id in (${jobOf.a}, ${jobOf.b})`
    })
    expect(seen.map((r) => r.id)).to.have.members([jobOf.a, jobOf.b])
    const tables = await superSql<{ table: string; owner: string; rls: boolean; forced: boolean }[]>`
      select relname as table, pg_get_userbyid(relowner) as owner, relrowsecurity as rls,
             relforcerowsecurity as forced
        from pg_class where oid in ('pgboss.job'::regclass, 'pgboss.archive'::regclass) order by 1`
    expect(tables).to.deep.equal([
      { table: 'archive', owner: 'map_owner', rls: true, forced: true },
      { table: 'job', owner: 'map_owner', rls: true, forced: true },
    ])
  })

  it("reaches the queue's partition only through pgboss.job, and gives the owner reads only", async () => {
    const { appSql, ownerSql } = testStack()
    const [queue] = await appSql<{ partition: string }[]>`
      select partition_name as partition from pgboss.queue where name = 'jobs'`
    const direct = `select * from pgboss.${queue!.partition}`
    expect(await asTenantApp(tenantB, (tx) => tx.unsafe(direct))).to.equal('42501')
    expect(await appSql.unsafe(direct).catch((error: { code?: string }) => error.code)).to.equal('42501')
    // The owner (definer functions, the bench) reads every tenant's jobs, and writes none.
    const read = await ownerSql`select 1 from pgboss.job where id in (${jobOf.a}, ${jobOf.b})`
    expect(read).to.have.length(2)
    expect((await ownerSql`delete from pgboss.job where id = ${jobOf.a}`).count).to.equal(0)
    expect((await ownerSql`update pgboss.job set priority = 1 where id = ${jobOf.a}`).count).to.equal(0)
    const inserted =
      await ownerSql`insert into pgboss.job (name, data) values ('jobs', ${ownerSql.json(jobData(tenantA))})`
        .then(() => 'allowed')
        .catch((error: { code?: string }) => error.code)
    expect(inserted).to.equal('42501')
  })

  it("runs every tenant's jobs with no tenant set: fetch, complete, fail and retry, archive", async () => {
    const jobs = await startWorkers(2)
    try {
      const enqueue = (tenant: TestTenant, name: string, data: object) =>
        inTenantTransaction(testStack().appSql, tenant.tenantId, (tx) =>
          jobs.container.cradle.jobs.enqueue(tx, name, tenant.tenantId, data),
        )
      const records = {
        a: await enqueue(tenantA, 'jobs-test.record', { label: 'a' }),
        b: await enqueue(tenantB, 'jobs-test.record', { label: 'b' }),
      }
      // Fails, is deleted and inserted again by pg-boss's fail as a retry, then as failed: all with no tenant.
      const failing = await enqueue(tenantB, 'jobs-test.fail', {})
      const { superSql } = testStack()
      const states = async () =>
        Object.fromEntries(
          (
            await superSql<{ id: string; state: string; output: { tenant?: string } | null }[]>`
              select id, state, output from pgboss.job where id in (${records.a}, ${records.b}, ${failing})`
          ).map((r) => [r.id, { state: r.state, tenant: r.output?.tenant }]),
        )
      const deadline = Date.now() + 30_000
      let now = await states()
      while (
        !(
          now[records.a]?.state === 'completed' &&
          now[records.b]?.state === 'completed' &&
          now[failing]?.state === 'failed'
        ) &&
        Date.now() < deadline
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        now = await states()
      }
      expect(now).to.deep.equal({
        [records.a]: { state: 'completed', tenant: tenantA.tenantId },
        [records.b]: { state: 'completed', tenant: tenantB.tenantId },
        [failing]: { state: 'failed', tenant: undefined },
      })
      // Maintenance archives both tenants' finished jobs (made old enough here), inserting into pgboss.archive.
      await superSql`update pgboss.job set completed_on = now() - interval '30 days'
                      where id in (${records.a}, ${records.b}, ${failing})`
      await jobs.container.cradle.jobs.boss.maintain()
      const archived = await superSql<{ id: string }[]>`
        select id from pgboss.archive where id in (${records.a}, ${records.b}, ${failing}) order by id`
      expect(archived.map((r) => r.id)).to.deep.equal([records.a, records.b, failing].sort())
    } finally {
      await jobs.stop()
    }
  })
})
