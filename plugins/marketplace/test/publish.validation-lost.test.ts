// A validation whose job itself is lost never leaves its version validating. The last real attempt's
// worker killed (a real `npm run worker` process, SIGKILL in the middle of the checks), or its checks hung
// past the attempt's time: the attempt kept for it rejects the version with validation_failed, running no
// check. A job gone altogether (deleted), or
// failed with no attempt left: the sweep rejects the version. A version whose job still waits or runs: the
// sweep leaves it alone, however old it is.
import { expect } from 'chai'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  testConfig,
  testSecretsMasterKey,
} from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { killServerProcesses, startServerProcess } from '../../../test/helpers/server-process.js'
import { appWithWorkers, until, type AppWithWorkers } from '../../runs/test/subscribers.helpers.js'
import { validationStaleSeconds } from '../publish.validation-sweep.js'
import {
  createAgent,
  createListing,
  createTool,
  settled,
  submitVersion,
  type Api,
} from './publish.helpers.js'

const env = {
  MARKETPLACE_VALIDATION_MAX_ATTEMPTS: '1',
  MARKETPLACE_VALIDATION_RETRY_DELAY_SECONDS: '1',
  JOBS_POLL_INTERVAL_MS: '100',
  JOBS_MAINTENANCE_INTERVAL_SECONDS: '1',
}

interface JobRow {
  state: string
  retry_count: number
  retry_limit: number
  output: unknown
}

/** The version's validation job (its id is the version's), or undefined once it is gone. */
const jobOf = async (versionId: string): Promise<JobRow | undefined> =>
  (
    await testStack().superSql<JobRow[]>`
      select state, retry_count, retry_limit, output from pgboss.job where id = ${versionId}`
  )[0]

const versionIdOf = async (slug: string, version: string): Promise<string> => {
  const [row] = await testStack().superSql<{ id: string }[]>`
    select v.id from marketplace_versions v join marketplace_listings l on l.id = v.listing_id
     where l.slug = ${slug} and v.version = ${version}`
  return row!.id
}

/**
 * Version 1.0.0 of a new listing whose agent has a tool that spins for its whole CPU time, one example
 * prompt per `prompts` (each holds an attempt for about 5 s), submitted through an app that enqueues and
 * runs nothing (no lifecycle: no workers).
 */
async function submitSpinning(tenantName: string, prompts: number) {
  const submitting = buildTestApp({ config: testConfig(env) })
  const api = asTenant(await createTestTenant(tenantName), submitting)
  const spin = await createTool(api, {
    name: 'spin',
    kind: 'javascript',
    code: 'export default () => { for (;;) {} }',
    timeout_ms: 5000,
  })
  const { slug } = await createListing(api)
  await submitVersion(api, slug, {
    version: '1.0.0',
    agent_id: await createAgent(api, [spin]),
    example_prompts: Array.from({ length: prompts }, () => 'use spin with {}'),
  })
  return { api, slug, id: await versionIdOf(slug, '1.0.0') }
}

describe('marketplace publish: a validation whose job is lost', function () {
  this.timeout(180_000)
  const apps: AppWithWorkers[] = []
  afterEach(async () => {
    killServerProcesses()
    await Promise.all(apps.splice(0).map((app) => app.stop()))
  })

  it("rejects the version through the attempt kept for it when the last real attempt's worker is killed", async () => {
    const { api, slug, id } = await submitSpinning('validation-killed', 3)
    expect(await jobOf(id)).to.deep.include({ state: 'created', retry_limit: 1 }) // 1 real attempt + 1 kept

    const worker = await startServerProcess(
      { ...env, WORKER_CONCURRENCY: '1', SECRETS_MASTER_KEY: testSecretsMasterKey },
      { command: [process.execPath, '--import', 'tsx', 'app/worker.ts'], readyMessage: 'worker running' },
    )
    await until('the worker process to take the validation', async () =>
      (await jobOf(id))?.state === 'active' ? true : undefined,
    )
    worker.child.kill('SIGKILL')
    expect(await worker.exited).to.equal(null)
    expect((await api.get(`/api/v1/marketplace/listings/${slug}/versions/1.0.0`)).body.status).to.equal(
      'validating',
    )
    // The dead attempt's lease is 300 s (validationAttemptSeconds): shortened, so the queue's maintenance
    // counts it lost now rather than in five minutes, as it would then.
    await testStack().superSql`update pgboss.job set expire_in = interval '1 second' where id = ${id}`

    apps.push(await appWithWorkers([], env))
    const rejected = await settled(api, slug, '1.0.0', 60_000)
    expect(rejected.status).to.equal('rejected')
    // One entry: the kept attempt ran no check, it recorded why.
    expect(rejected.report).to.have.length(1)
    expect(rejected.report![0]).to.include({ check: 'validation_failed', passed: false })
    expect(rejected.report![0]!.message).to.match(/after 1 attempt\(s\) \(an attempt ran out of time/)
    const job = await until('the kept attempt to complete the job', async () => {
      const row = await jobOf(id)
      return row?.state === 'completed' ? row : undefined
    })
    expect(job).to.deep.include({ retry_count: 1, output: { status: 'rejected', wrote: true } })
  })

  it('rejects the version through the attempt kept for it when the last real attempt hangs past its time', async () => {
    const { api, slug, id } = await submitSpinning('validation-hung', 2)
    // A lease of 2 s instead of 300 (validationAttemptSeconds): the spinning prompts outlast it, as hung
    // checks would outlast the real one.
    await testStack().superSql`update pgboss.job set expire_in = interval '2 seconds' where id = ${id}`

    apps.push(await appWithWorkers([], env))
    const rejected = await settled(api, slug, '1.0.0', 60_000)
    expect(rejected.report).to.have.length(1)
    expect(rejected.report![0]).to.include({ check: 'validation_failed', passed: false })
    expect(rejected.report![0]!.message).to.match(/after 1 attempt\(s\) \(an attempt ran out of time/)
    const job = await until('the kept attempt to complete the job', async () => {
      const row = await jobOf(id)
      return row?.state === 'completed' ? row : undefined
    })
    expect(job).to.deep.include({ retry_count: 1, output: { status: 'rejected', wrote: true } })
  })

  describe('the sweep', () => {
    let app: ReturnType<typeof buildTestApp>
    let api: Api
    let staleSeconds: number
    /** Submits a version (its job enqueued with it, nobody running it) validating since long ago. */
    const oldValidating = async (label: string) => {
      const { slug } = await createListing(api)
      await submitVersion(api, slug, { version: '1.0.0', agent_id: await createAgent(api) })
      const id = await versionIdOf(slug, '1.0.0')
      // Older than every attempt could take (otherwise the sweep waits that long before it looks).
      await testStack().superSql`
        update marketplace_versions set created_at = now() - make_interval(secs => ${staleSeconds + 60})
         where id = ${id}`
      return { slug, id, label }
    }
    const statusOf = async (slug: string) =>
      (await api.get(`/api/v1/marketplace/listings/${slug}/versions/1.0.0`).expect(200)).body as {
        status: string
        report?: { check: string; passed: boolean; message: string }[]
      }

    before(async () => {
      app = buildTestApp({ config: testConfig(env) })
      api = asTenant(await createTestTenant('validation-sweep'), app)
      staleSeconds = validationStaleSeconds(app.container.cradle)
    })

    it('rejects a version whose job was deleted, and one whose job failed with no attempt left', async () => {
      const deleted = await oldValidating('deleted')
      const failed = await oldValidating('failed')
      // Gone: deleted by hand, or a queue restored from an older backup.
      await testStack().superSql`delete from pgboss.job where id = ${deleted.id}`
      // Failed: the kept attempt's worker was lost too, and pg-boss has no attempt left to give it.
      await testStack().superSql`
        update pgboss.job set state = 'failed', retry_count = retry_limit, completed_on = now()
         where id = ${failed.id}`
      const sweep = app.container.cradle.marketplacePublishValidationSweep
      // At least these two (another test file may have left a version the same way).
      expect(await sweep.sweepOnce()).to.be.at.least(2)
      for (const { slug, label } of [deleted, failed]) {
        const version = await statusOf(slug)
        expect(version.status, label).to.equal('rejected')
        expect(version.report, label).to.have.length(1)
        expect(version.report![0]).to.include({ check: 'validation_failed', passed: false })
        expect(version.report![0]!.message).to.match(/its job ended without a result/)
      }
      // Done once: a second sweep finds neither again.
      const stuck = await testStack().appSql<{ version_id: string }[]>`
        select version_id from app.stuck_marketplace_validations(${staleSeconds})`
      expect(stuck.map((row) => row.version_id))
        .to.not.include(deleted.id)
        .and.not.include(failed.id)
      const counted = await app.container.cradle.metrics.registry.getSingleMetricAsString(
        'marketplace_validations_total',
      )
      const failures = /marketplace_validations_total\{outcome="failed"\} (\d+)/.exec(counted)
      expect(Number(failures?.[1])).to.be.at.least(2)
    })

    it('leaves a version whose job still waits, or runs, however old it is', async () => {
      const waiting = await oldValidating('waiting')
      const running = await oldValidating('running')
      // A worker holds it (alive: its lease has not run out).
      await testStack().superSql`
        update pgboss.job set state = 'active', started_on = now() where id = ${running.id}`
      await app.container.cradle.marketplacePublishValidationSweep.sweepOnce()
      for (const { slug, id, label } of [waiting, running]) {
        expect((await statusOf(slug)).status, label).to.equal('validating')
        expect((await jobOf(id))?.state, label).to.equal(label === 'waiting' ? 'created' : 'active')
      }
      // And one validating for a short while only, even without a job, is not taken either.
      const { slug } = await createListing(api)
      await submitVersion(api, slug, { version: '1.0.0', agent_id: await createAgent(api) })
      await testStack().superSql`delete from pgboss.job where id = ${await versionIdOf(slug, '1.0.0')}`
      await app.container.cradle.marketplacePublishValidationSweep.sweepOnce()
      expect((await statusOf(slug)).status).to.equal('validating')
    })

    it('returns only tenants and ids to the app role, and takes no negative or zero age', async () => {
      const { appSql } = testStack()
      const columns = await appSql`select * from app.stuck_marketplace_validations(${staleSeconds}) limit 1`
      expect(columns.columns.map((c) => c.name)).to.deep.equal(['tenant_id', 'version_id'])
      const young = await oldValidating('young')
      await testStack().superSql`delete from pgboss.job where id = ${young.id}`
      const [found] = await appSql<{ version_id: string }[]>`
        select version_id from app.stuck_marketplace_validations(${staleSeconds}) where version_id = ${young.id}`
      expect(found, 'a stuck version it could return').to.deep.equal({ version_id: young.id })
      expect(await appSql`select * from app.stuck_marketplace_validations(0)`).to.have.length(0)
      expect(await appSql`select * from app.stuck_marketplace_validations(-1)`).to.have.length(0)
      // Leaves nothing stuck behind.
      await app.container.cradle.marketplacePublishValidationSweep.sweepOnce()
      expect((await statusOf(young.slug)).status).to.equal('rejected')
    })
  })
})
