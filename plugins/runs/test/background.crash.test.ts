// A worker process killed with SIGKILL mid-run (a real `npm run worker` process, its tool call held by a
// local server): once the job's lease (RUN_LEASE_SECONDS) expires, another worker resumes the run from its
// last recorded step (the tool call left running is made again; the completed model step is not), and the
// budget the lost attempt held is released. After RUN_MAX_ATTEMPTS lost attempts the run ends failed with
// WORKER_LOST instead: no run stays running.
import { expect } from 'chai'
import {
  asTenant,
  createTestTenant,
  testSecretsMasterKey,
  type TestTenant,
} from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { killServerProcesses, startServerProcess } from '../../../test/helpers/server-process.js'
import {
  agentCalling,
  reaches,
  startInBackground,
  startToolServer,
  stepsOf,
  type ToolServer,
} from './background.helpers.js'
import { expectWellFormedLog, storedEvents } from './events.helpers.js'
import type { Api } from './loop.helpers.js'
import { appWithWorkers, until, type AppWithWorkers } from './subscribers.helpers.js'

describe('background runs whose worker is killed', function () {
  this.timeout(120_000)
  let server: ToolServer
  let tenant: TestTenant
  const apps: AppWithWorkers[] = []

  const jobsEnv = {
    JOBS_POLL_INTERVAL_MS: '100',
    JOBS_MAINTENANCE_INTERVAL_SECONDS: '1',
    RUN_LEASE_SECONDS: '3',
  }
  const app = async (env: Record<string, string>) => {
    const started = await appWithWorkers([], { ...jobsEnv, ...env })
    apps.push(started)
    return started
  }
  /** `npm run worker`'s process, with one worker. */
  const workerProcess = (env: Record<string, string>) =>
    startServerProcess(
      {
        ...jobsEnv,
        WORKER_CONCURRENCY: '1',
        EGRESS_ALLOW: '127.0.0.1/32',
        EGRESS_ALLOW_HTTP: 'true',
        SECRETS_MASTER_KEY: testSecretsMasterKey,
        ...env,
      },
      {
        command: [process.execPath, '--import', 'tsx', 'app/worker.ts'],
        readyMessage: 'worker running',
      },
    )

  before(async () => {
    server = await startToolServer()
  })
  after(async () => {
    killServerProcesses()
    await Promise.all(apps.splice(0).map((a) => a.stop()))
    await server.close()
  })
  beforeEach(async () => {
    tenant = await createTestTenant('background-crash')
  })
  afterEach(async () => {
    killServerProcesses()
    await Promise.all(apps.splice(0).map((a) => a.stop()))
  })

  /** Starts a background run in a killed worker: it had made its model step and was in its tool call. */
  async function runKilledMidTool(api: Api, maxAttempts: string): Promise<{ id: string; path: string }> {
    const worker = await workerProcess({ RUN_MAX_ATTEMPTS: maxAttempts })
    const { agentId, prompt, path } = await agentCalling(api, server, `crash-tool-${maxAttempts}`)
    server.hold.add(path('1'))
    const queued = await startInBackground(api, agentId, prompt('1'))
    await until('the worker process to make the tool call', () =>
      server.hits.includes(path('1')) ? true : undefined,
    )
    worker.child.kill('SIGKILL')
    expect(await worker.exited).to.equal(null)
    server.hold.delete(path('1'))
    return { id: queued.id, path: path('1') }
  }

  it('resumes the run in another worker once the lease expires: the running tool call is made again, the model step is not, the held budget is released', async () => {
    await testStack()
      .superSql`update tenants set monthly_token_budget = 1000000 where id = ${tenant.tenantId}`
    // This process enqueues, and runs nothing until the worker process is gone.
    const enqueuer = await app({ WORKER_CONCURRENCY: '0', RUN_MAX_ATTEMPTS: '3' })
    const api = asTenant(tenant, enqueuer.built)
    const { id, path } = await runKilledMidTool(api, '3')
    expect((await reaches(api, id, ['running'])).status, 'the killed worker left it running').to.equal(
      'running',
    )

    const rescuer = await app({ WORKER_CONCURRENCY: '1', RUN_MAX_ATTEMPTS: '3' })
    const done = await reaches(asTenant(tenant, rescuer.built), id, ['completed'], 30_000)
    expect(done.response).to.include('Tool results:')
    expect(
      server.hits.filter((hit) => hit === path),
      'the call left running is made again',
    ).to.have.length(2)
    expect((await stepsOf(api, id)).map((s) => `${s.index}:${s.type}:${s.status}`)).to.deep.equal([
      '0:model:completed',
      '1:tool:completed',
      '2:model:completed',
    ])
    const events = await storedEvents(api, id)
    expectWellFormedLog(events)
    expect(events.at(-1)!.type).to.equal('execution.completed')
    expect(events.filter((e) => e.type === 'tool_call.completed')).to.have.length(1)
    // Nothing stays reserved: the lost attempt's hold was released, every call settled.
    const [usage] = await testStack().superSql<{ reserved: number; used: number }[]>`
      select sum(tokens_reserved)::int as reserved, sum(tokens_used)::int as used
        from budget_usage where tenant_id = ${tenant.tenantId}`
    expect(usage).to.deep.include({ reserved: 0 })
    expect(usage!.used).to.be.greaterThan(0)
  })

  it('leaves a run interrupted by a shutdown as it was (not cancelled), for the next worker to finish', async () => {
    const first = await app({ WORKER_CONCURRENCY: '1', RUN_MAX_ATTEMPTS: '3' })
    const api = asTenant(tenant, first.built)
    const { agentId, prompt, path } = await agentCalling(api, server, 'shutdown-tool')
    server.hold.add(path('1'))
    const queued = await startInBackground(api, agentId, prompt('1'))
    await until('the worker to make the tool call', () =>
      server.hits.includes(path('1')) ? true : undefined,
    )
    // No drain time: the attempt is aborted at once and its job put back in the queue.
    await apps.splice(apps.indexOf(first), 1)[0]!.stop()
    server.hold.delete(path('1'))
    const left = (await stepsOf(api, queued.id)).map((s) => `${s.index}:${s.type}:${s.status}`)
    expect(left).to.deep.equal(['0:model:completed', '1:tool:running'])
    expect((await reaches(api, queued.id, ['running'])).error).to.equal(undefined)

    await app({ WORKER_CONCURRENCY: '1', RUN_MAX_ATTEMPTS: '3' })
    await reaches(api, queued.id, ['completed'], 30_000)
    expect(server.hits.filter((hit) => hit === path('1'))).to.have.length(2)
    expectWellFormedLog(await storedEvents(api, queued.id))
  })

  it('ends a foreground run whose API process was killed mid-tool failed (WORKER_LOST), its budget released', async () => {
    await testStack()
      .superSql`update tenants set monthly_token_budget = 1000000 where id = ${tenant.tenantId}`
    const apiProcess = await startServerProcess({
      WORKER_CONCURRENCY: '0',
      EGRESS_ALLOW: '127.0.0.1/32',
      EGRESS_ALLOW_HTTP: 'true',
      SECRETS_MASTER_KEY: testSecretsMasterKey,
    })
    const sweeper = await app({ WORKER_CONCURRENCY: '1', RUN_LEASE_SECONDS: '1' })
    const api = asTenant(tenant, sweeper.built)
    const { agentId, prompt, path } = await agentCalling(api, server, 'orphan-tool')
    server.hold.add(path('1'))
    const answer = fetch(`${apiProcess.baseUrl}/api/v1/agents/${agentId}/run`, {
      method: 'POST',
      headers: { 'X-API-Key': tenant.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', prompt: prompt('1') }),
    }).catch((error: unknown) => error)
    await until('the API process to make the tool call', () =>
      server.hits.includes(path('1')) ? true : undefined,
    )
    apiProcess.child.kill('SIGKILL')
    expect(await apiProcess.exited).to.equal(null)
    expect(await answer).to.be.an('error')
    const id = ((await api.get('/api/v1/history')).body.items[0] as { id: string }).id
    expect((await reaches(api, id, ['running'])).status, 'the killed process left it running').to.equal(
      'running',
    )

    // Past the lease, with no job for it: the sweep takes it up.
    await new Promise((resolve) => setTimeout(resolve, 1200))
    // At least this one (another test file's runs may have been left behind the same way).
    expect(await sweeper.built.container.cradle.runsOrphanSweep.sweepOnce()).to.be.at.least(1)
    const failed = await reaches(api, id, ['failed'], 30_000)
    expect(failed.error).to.deep.include({ error_code: 'WORKER_LOST' })
    expect(failed.error!.detail).to.match(/process serving the run stopped/)
    expect(
      server.hits.filter((hit) => hit === path('1')),
      'a foreground run is not run again',
    ).to.have.length(1)
    const events = await storedEvents(api, id)
    expectWellFormedLog(events)
    expect(events.at(-1)!.type).to.equal('execution.failed')
    const [usage] = await testStack().superSql<{ reserved: number }[]>`
      select sum(tokens_reserved)::int as reserved from budget_usage where tenant_id = ${tenant.tenantId}`
    expect(usage).to.deep.include({ reserved: 0 })
  })

  it('takes up a background run whose job was lost: a new job resumes it', async () => {
    const enqueuer = await app({ WORKER_CONCURRENCY: '0', RUN_LEASE_SECONDS: '1' })
    const api = asTenant(tenant, enqueuer.built)
    const { agentId, prompt } = await agentCalling(api, server, 'lost-job-tool')
    const queued = await startInBackground(api, agentId, prompt('1'))
    // Its job gone (a queue restored from an older backup, a job deleted by hand): nothing would run it.
    await testStack().superSql`delete from pgboss.job where id = ${queued.id}`
    await new Promise((resolve) => setTimeout(resolve, 1200))
    const sweep = enqueuer.built.container.cradle.runsOrphanSweep
    expect(await sweep.sweepOnce()).to.be.at.least(1)
    await sweep.sweepOnce()
    const jobs = await testStack().superSql`
      select id from pgboss.job where data -> 'data' ->> 'execution_id' = ${queued.id}`
    expect(jobs, 'one new job: the second sweep left the run to it').to.have.length(1)
    await app({ WORKER_CONCURRENCY: '1' })
    const done = await reaches(api, queued.id, ['completed'], 30_000)
    expect(done.response).to.include('Tool results:')
  })

  it('lets a draining worker finish the running step, then leaves the rest of the run to another worker', async () => {
    const first = await app({ WORKER_CONCURRENCY: '1', RUN_MAX_ATTEMPTS: '3' })
    const api = asTenant(tenant, first.built)
    const { agentId, prompt, path } = await agentCalling(api, server, 'drain-tool')
    server.hold.add(path('1'))
    const queued = await startInBackground(api, agentId, prompt('1'))
    await until('the worker to make the tool call', () =>
      server.hits.includes(path('1')) ? true : undefined,
    )
    // The worker starts to stop with time to drain; its tool call then answers.
    const stopping = apps.splice(apps.indexOf(first), 1)[0]!.stop(20_000)
    server.release(path('1'))
    const started = Date.now()
    await stopping
    expect(Date.now() - started, 'it stopped at the step boundary, not at the deadline').to.be.below(10_000)
    const left = (await stepsOf(api, queued.id)).map((s) => `${s.index}:${s.type}:${s.status}`)
    expect(left).to.deep.equal(['0:model:completed', '1:tool:completed'])
    expect((await reaches(api, queued.id, ['running'])).error).to.equal(undefined)

    await app({ WORKER_CONCURRENCY: '1', RUN_MAX_ATTEMPTS: '3' })
    const done = await reaches(api, queued.id, ['completed'], 30_000)
    expect(done.response).to.include('Tool results:')
    expect(
      server.hits.filter((hit) => hit === path('1')),
      'the finished call is not made again',
    ).to.have.length(1)
    expectWellFormedLog(await storedEvents(api, queued.id))
  })

  it('ends the run failed with WORKER_LOST once RUN_MAX_ATTEMPTS attempts were lost', async () => {
    const enqueuer = await app({ WORKER_CONCURRENCY: '0', RUN_MAX_ATTEMPTS: '1' })
    const api = asTenant(tenant, enqueuer.built)
    const { id, path } = await runKilledMidTool(api, '1')
    await app({ WORKER_CONCURRENCY: '1', RUN_MAX_ATTEMPTS: '1' })
    const failed = await reaches(api, id, ['failed'], 30_000)
    expect(failed.error).to.deep.include({ error_code: 'WORKER_LOST' })
    expect(failed.error!.details).to.deep.equal({ execution_id: id, attempts: 1 })
    expect(
      server.hits.filter((hit) => hit === path),
      'the lost call is not made again',
    ).to.have.length(1)
    const steps = await stepsOf(api, id)
    expect(steps.map((s) => `${s.index}:${s.type}:${s.status}`)).to.deep.equal([
      '0:model:completed',
      '1:tool:cancelled',
    ])
    const events = await storedEvents(api, id)
    expectWellFormedLog(events)
    expect(events.at(-1)!.type).to.equal('execution.failed')
  })
})
