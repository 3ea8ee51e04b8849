// The example plugin's subscription (example-notes.subscribers.ts): a failed run leaves one note for its
// agent, in its tenant only, even when the event is delivered twice; its setting turns it off.
import { expect } from 'chai'
import { ConfigError } from '../../../app/config.js'
import { bundleSpec } from '../../../app/kernel/spec.js'
import { inTenantTransaction } from '../../../db/client.js'
import { asTenant, buildTestApp, createTestTenant, testConfig } from '../../../test/helpers/api.js'
import { testPlugins } from '../../../test/harness/plugins.js'
import { testStack } from '../../../test/harness/stack.js'
import { startFakeOpenAI, type FakeOpenAI } from '../../models/test/fakes/openai-server.js'
import { storedEvents } from '../../runs/test/events.helpers.js'
import { createAgent } from '../../runs/test/loop.helpers.js'
import {
  appWithWorkers,
  deliveriesOf,
  until,
  type AppWithWorkers,
} from '../../runs/test/subscribers.helpers.js'

describe('example-notes: a note for each failed run', function () {
  this.timeout(60_000)
  let openai: FakeOpenAI
  let app: AppWithWorkers

  before(async () => {
    openai = await startFakeOpenAI()
    app = await appWithWorkers([], { OPENAI_BASE_URL: openai.baseUrl, OPENAI_API_KEY: 'sk-test' })
  })
  after(async () => {
    await app.stop()
    await openai.close()
  })

  it("writes one note for the run's agent, in the run's tenant, even when the event is delivered twice", async () => {
    const tenant = await createTestTenant()
    const other = await createTestTenant()
    const api = asTenant(tenant, app.built)
    const agentId = await createAgent(api, 'failing', [])
    openai.next({ kind: 'status', status: 500 })
    const res = await api.post(`/api/v1/agents/${agentId}/run`).send({ prompt: 'x', model: 'gpt-4o' })
    expect(res.status, JSON.stringify(res.body)).to.equal(502)
    const executionId = res.body.details.execution_id as string

    type Notes = { total: number; items: Record<string, unknown>[] }
    const notes = async (who = api): Promise<Notes> =>
      (await who.get('/api/v1/example-notes').expect(200)).body as Notes
    const first = await until('the note', async () => ((await notes()).total > 0 ? notes() : undefined))
    expect(first.total).to.equal(1)
    expect(first.items[0]).to.include({
      title: `Run ${executionId} failed`,
      body: `Run ${executionId} failed: PROVIDER_ERROR`,
      agent_id: agentId,
    })
    expect((await notes(asTenant(other, app.built))).total).to.equal(0)

    // The same event again, as a retry after a lost worker would bring it: a second job, no second note.
    const failed = (await storedEvents(api, executionId)).find((e) => e.type === 'execution.failed')!
    const again = await inTenantTransaction(testStack().appSql, tenant.tenantId, (tx) =>
      app.built.container.cradle.jobs.enqueue(tx, 'runs.deliver-event', tenant.tenantId, {
        subscriber: 'example-notes.on-failure',
        execution_id: executionId,
        seq: failed.seq,
      }),
    )
    const jobs = await until('both deliveries to complete', async () => {
      const rows = (await deliveriesOf(tenant.tenantId)).filter(
        (r) => r.subscriber === 'example-notes.on-failure',
      )
      return rows.length === 2 && rows.every((r) => r.state === 'completed') ? rows : undefined
    })
    expect(jobs.map((j) => j.id)).to.include(again)
    expect(await notes()).to.deep.equal(first)
  })

  it('reads EXAMPLE_NOTES_ON_RUN_FAILURE through the kernel: on by default, a bad value stops the boot', () => {
    expect(app.built.container.cradle.exampleNotesConfig).to.deep.equal({ noteFailedRuns: true })
    expect(() => testConfig({ EXAMPLE_NOTES_ON_RUN_FAILURE: 'maybe' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/^\s*EXAMPLE_NOTES_ON_RUN_FAILURE: /m)
  })

  it('with EXAMPLE_NOTES_ON_RUN_FAILURE=false wants no event: a failed run enqueues it no delivery', async () => {
    const off = buildTestApp({
      config: testConfig({
        OPENAI_BASE_URL: openai.baseUrl,
        OPENAI_API_KEY: 'sk-test',
        EXAMPLE_NOTES_ON_RUN_FAILURE: 'false',
      }),
      plugins: testPlugins,
      spec: bundleSpec(testPlugins),
    })
    expect(off.container.cradle.exampleNotesConfig).to.deep.equal({ noteFailedRuns: false })
    const tenant = await createTestTenant()
    const api = asTenant(tenant, off)
    const agentId = await createAgent(api, 'failing', [])
    openai.next({ kind: 'status', status: 500 })
    const res = await api.post(`/api/v1/agents/${agentId}/run`).send({ prompt: 'x', model: 'gpt-4o' })
    expect(res.status, JSON.stringify(res.body)).to.equal(502)
    const executionId = res.body.details.execution_id as string
    // The run failed and logged it; the deliveries were decided in its transaction, before it answered.
    expect((await storedEvents(api, executionId)).map((e) => e.type)).to.include('execution.failed')
    const mine = (await deliveriesOf(tenant.tenantId)).filter(
      (r) => r.subscriber === 'example-notes.on-failure',
    )
    expect(mine).to.deep.equal([])
  })

  it('completes, with a warning, the delivery of a subscriber no plugin has any more', async () => {
    const tenant = await createTestTenant()
    const id = await inTenantTransaction(testStack().appSql, tenant.tenantId, (tx) =>
      app.built.container.cradle.jobs.enqueue(tx, 'runs.deliver-event', tenant.tenantId, {
        subscriber: 'removed-plugin.on-failure',
        execution_id: '00000000-0000-4000-8000-000000000000',
        seq: 1,
      }),
    )
    const [job] = await until('the delivery to complete', async () => {
      const rows = (await deliveriesOf(tenant.tenantId)).filter((r) => r.id === id)
      return rows[0]?.state === 'completed' ? rows : undefined
    })
    expect(job!.retry_count).to.equal(0)
    expect(job!.output).to.deep.equal({ delivered: false, reason: 'unknown subscriber' })
  })
})
