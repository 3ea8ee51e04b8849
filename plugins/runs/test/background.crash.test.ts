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
      select tokens_reserved::int as reserved, tokens_used::int as used
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
