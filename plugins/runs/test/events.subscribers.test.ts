// Run events delivered to other plugins' subscribers (runEventSubscribers): after the run's transaction
// commits, at least once, in a job pinned to the run's tenant, with the event's stable id; a subscriber that
// throws is retried with backoff without holding back the run or the other subscribers; a transaction that
// rolls back delivers nothing; and a run whose events nobody subscribes to sends the statements it always did.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { bundleSpec } from '../../../app/kernel/spec.js'
import { createPool } from '../../../db/client.js'
import { definePlugin } from '../../../app/plugin-kit.js'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  testConfig,
  type TestTenant,
} from '../../../test/helpers/api.js'
import { testPlugins } from '../../../test/harness/plugins.js'
import { plugins as servicePlugins } from '../../index.js'
import { testStack } from '../../../test/harness/stack.js'
import { startFakeOpenAI, type FakeOpenAI } from '../../models/test/fakes/openai-server.js'
import { RunEventLog } from '../run.event-log.js'
import { collectExtensions } from '../../../app/kernel/extensions.js'
import { deliveryJobId, makeRunEventSubscribers, type RunEventSubscriber } from '../run.subscribers.js'
import { storedEvents } from './events.helpers.js'
import { createAgent, type Api } from './loop.helpers.js'
import { collectText } from './sse.js'
import { appWithWorkers, deliveriesOf, until, type AppWithWorkers } from './subscribers.helpers.js'

interface Delivery {
  subscriber: string
  eventId: string
  type: string
  seq: number
  executionId: string
  /** The tenant the database saw in the subscriber's transaction. */
  pinnedTenant: string
  threw: boolean
}
const delivered: Delivery[] = []
/** While set, the flaky subscriber fails its first attempt at each event. */
let failFirstAttempts = false

const recorder = (name: string, events: RunEventSubscriber['events']): RunEventSubscriber => ({
  name,
  events,
  retryLimit: 2,
  retryDelaySeconds: 1,
  async handle(event, { inTransaction }) {
    const pinnedTenant = await inTransaction(async ({ tx }) => {
      const [row] = await tx<{ tenant: string }[]>`select current_setting('app.current_tenant_id') as tenant`
      return row!.tenant
    })
    const first = !delivered.some((d) => d.subscriber === name && d.eventId === event.id)
    const threw = name === 'subs-test.flaky' && first && failFirstAttempts
    delivered.push({
      subscriber: name,
      eventId: event.id,
      type: event.type,
      seq: event.seq,
      executionId: event.executionId,
      pinnedTenant,
      threw,
    })
    if (threw) throw new Error('the flaky subscriber fails its first attempt')
  },
})

const subscribersPlugin = definePlugin({
  id: 'subs-test',
  dependsOn: ['runs'],
  dir: import.meta.dirname,
  contributes: {
    runEventSubscribers: [
      recorder('subs-test.flaky', ['execution.completed']),
      recorder('subs-test.steady', ['execution.completed']),
      recorder('subs-test.created', ['execution.created']),
    ],
  },
})

/** The delivery jobs of this file's subscribers (the webhooks plugin subscribes to execution.* events too). */
const testDeliveriesOf = async (tenantId: string) =>
  (await deliveriesOf(tenantId)).filter((row) => row.subscriber.startsWith('subs-test.'))

const deliveriesTo = (subscriber: string, executionId: string) =>
  delivered.filter((d) => d.subscriber === subscriber && d.executionId === executionId)

describe('run events delivered to subscribers', function () {
  this.timeout(60_000)
  let app: AppWithWorkers
  let tenant: TestTenant
  let api: Api

  before(async () => {
    app = await appWithWorkers([subscribersPlugin])
  })
  after(() => app.stop())
  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant, app.built)
    delivered.length = 0
  })

  it("delivers each event to each of its subscribers once, after commit, pinned to the run's tenant, by a job whose id derives from (subscriber, event)", async () => {
    const agentId = await createAgent(api, 'subscribed', [])
    const res = await api.post(`/api/v1/agents/${agentId}/run`).send({ prompt: 'hello', model: 'gpt-4o' })
    expect(res.status, JSON.stringify(res.body)).to.equal(200)
    // The run answered, completed, whatever its subscribers do later.
    expect(res.body.status).to.equal('completed')
    const executionId = res.body.id as string
    const completed = (await storedEvents(api, executionId)).find((e) => e.type === 'execution.completed')!
    const eventId = `${executionId}:${completed.seq}`

    await until('both subscribers to have the event', () =>
      deliveriesTo('subs-test.flaky', executionId).length >= 1 &&
      deliveriesTo('subs-test.steady', executionId).length >= 1
        ? true
        : undefined,
    )
    for (const name of ['subs-test.flaky', 'subs-test.steady']) {
      expect(deliveriesTo(name, executionId)[0]).to.include({
        eventId,
        type: 'execution.completed',
        seq: completed.seq,
        pinnedTenant: tenant.tenantId,
        threw: false,
      })
    }
    const jobs = await until('the deliveries to complete', async () => {
      const rows = (await testDeliveriesOf(tenant.tenantId)).filter((r) => r.execution_id === executionId)
      return rows.length >= 3 && rows.every((r) => r.state === 'completed') ? rows : undefined
    })
    // One job per (subscriber, event), its id derived from both.
    expect(jobs.map((j) => [j.subscriber, j.seq, j.id]).sort()).to.deep.equal(
      [
        ['subs-test.created', 1],
        ['subs-test.flaky', completed.seq],
        ['subs-test.steady', completed.seq],
      ]
        .map(([name, seq]) => [name, seq, deliveryJobId(name as string, executionId, seq as number)])
        .sort(),
    )
  })

  it('retries a subscriber that throws, with backoff and the same event id, without holding back the run or the other subscriber', async () => {
    const agentId = await createAgent(api, 'flaky', [])
    failFirstAttempts = true
    try {
      const res = await api.post(`/api/v1/agents/${agentId}/run`).send({ prompt: 'hello', model: 'gpt-4o' })
      expect(res.status, JSON.stringify(res.body)).to.equal(200)
      expect(res.body.status).to.equal('completed')
      const executionId = res.body.id as string
      const attempts = await until('the flaky subscriber to succeed', () => {
        const seen = deliveriesTo('subs-test.flaky', executionId)
        return seen.some((d) => !d.threw) ? seen : undefined
      })
      expect(attempts.map((d) => d.threw)).to.deep.equal([true, false])
      // The event's id is the same on the retry: what a subscriber dedupes on.
      expect(new Set(attempts.map((d) => d.eventId)).size).to.equal(1)
      expect(attempts[0]!.eventId).to.match(new RegExp(`^${executionId}:\\d+$`))
      // The other subscriber of the same event had it once, on its first attempt.
      expect(deliveriesTo('subs-test.steady', executionId).map((d) => d.threw)).to.deep.equal([false])
      const rows = await until('the flaky job to complete', async () => {
        const found = (await testDeliveriesOf(tenant.tenantId)).filter(
          (r) => r.execution_id === executionId && r.subscriber !== 'subs-test.created',
        )
        return found.length === 2 && found.every((r) => r.state === 'completed') ? found : undefined
      })
      expect(Object.fromEntries(rows.map((r) => [r.subscriber, r.retry_count]))).to.deep.equal({
        'subs-test.flaky': 1,
        'subs-test.steady': 0,
      })
      // The run stayed as it ended.
      const history = await api.get(`/api/v1/history/${executionId}`).expect(200)
      expect(history.body.status).to.equal('completed')
    } finally {
      failFirstAttempts = false
    }
  })

  it('enqueues nothing from a transaction that rolls back, and delivers what the same writes commit', async () => {
    const agentId = await createAgent(api, 'rolled-back', [])
    const { tenantWork } = app.built.container.cradle
    const write = (id: string, fail: boolean) =>
      tenantWork.run(tenant.tenantId, 'test', (inTransaction) =>
        inTransaction(async (services) => {
          const log = Object.assign(new RunEventLog(id), { live: true })
          log.record('execution.created', {
            id,
            agent_id: agentId,
            agent_name: 'rolled-back',
            model: 'gpt-4o',
            provider: 'mock',
            status: 'running',
          })
          const started = services.runsRunRepo.start({
            id,
            agentSnapshot: { id: agentId, name: 'rolled-back', role: 'r', description: 'd', tools: [] },
            model: 'gpt-4o',
            provider: 'mock',
            prompt: 'x',
            maxSteps: 1,
          })
          await log.commitIn(services, started)
          if (fail) throw new Error('the run fails after its append')
        }),
      )
    const rolledBack = randomUUID()
    const error = await write(rolledBack, true).catch((e: Error) => e)
    expect(error).to.be.instanceOf(Error).with.property('message', 'the run fails after its append')
    const committed = randomUUID()
    await write(committed, false)
    await until('the committed delivery', () =>
      deliveriesTo('subs-test.created', committed).length === 1 ? true : undefined,
    )
    const jobs = await testDeliveriesOf(tenant.tenantId)
    expect(jobs.map((j) => j.id)).to.deep.equal([deliveryJobId('subs-test.created', committed, 1)])
    expect(deliveriesTo('subs-test.created', rolledBack)).to.deep.equal([])
    const rows = await testStack().superSql`select id from execution_logs where id = ${rolledBack}`
    expect(rows).to.deep.equal([])
  })

  it('enqueues nothing for a streamed run its budget refuses before it starts', async () => {
    const agentId = await createAgent(api, 'refused', [])
    await testStack().superSql`update tenants set monthly_token_budget = 1 where id = ${tenant.tenantId}`
    const res = await api
      .post(`/api/v1/agents/${agentId}/run`)
      .set('accept', 'text/event-stream')
      .send({ prompt: 'hello', model: 'gpt-4o', stream: true })
      .buffer(true)
      .parse(collectText)
    expect(res.status).to.equal(429)
    expect(await testDeliveriesOf(tenant.tenantId)).to.deep.equal([])
  })
})

describe('run event subscribers at boot', () => {
  const handle = () => Promise.resolve()
  const boot = (pluginId: string, subscriber: Record<string, unknown>) => () =>
    makeRunEventSubscribers({
      extensions: collectExtensions([
        { id: pluginId, contributes: { runEventSubscribers: [subscriber as unknown as RunEventSubscriber] } },
      ]),
    })

  it('refuses a subscriber named outside its plugin, named twice, or naming an unknown event type', () => {
    expect(boot('notes', { name: 'other.on-failure', events: ['execution.failed'], handle })).to.throw(
      /name it notes\.<name>/,
    )
    expect(boot('notes', { name: 'notes.on-fail', events: ['execution.failedd'], handle })).to.throw(
      /unknown: execution\.failedd/,
    )
    expect(boot('notes', { name: 'notes.on-nothing', events: [], handle })).to.throw(/must name event types/)
    const twice: RunEventSubscriber = { name: 'notes.twice', events: ['execution.failed'], handle }
    expect(() =>
      makeRunEventSubscribers({
        extensions: collectExtensions([
          { id: 'notes', contributes: { runEventSubscribers: [twice, twice] } },
        ]),
      }),
    ).to.throw(/contributed twice/)
    const fine = boot('notes', { name: 'notes.on-fail', events: ['execution.failed'], handle })()
    expect([
      fine.wantAny(['execution.completed']),
      fine.wantAny(['step.created', 'execution.failed']),
    ]).to.deep.equal([false, true])
  })
})

describe('runs whose events nobody subscribes to', function () {
  this.timeout(60_000)
  let openai: FakeOpenAI
  let statements: { connection: number; text: string }[] | undefined
  let pool: ReturnType<typeof createPool>

  before(async () => {
    openai = await startFakeOpenAI()
    pool = createPool(testStack().database.appUrl, { max: 4, connectTimeoutSeconds: 10 })
    // Every statement this pool sends, while a test records (postgres.js reads the option per query).
    ;(pool.options as { debug?: unknown }).debug = (connection: number, text: string) =>
      statements?.push({ connection, text })
  })
  after(async () => {
    await openai.close()
    await pool.end({ timeout: 5 })
  })

  const config = () =>
    testConfig({ OPENAI_BASE_URL: openai.baseUrl, OPENAI_API_KEY: 'sk-test', WORKER_CONCURRENCY: '0' })

  /** The statements of one run, as a sorted list (their texts; parameters are not in them). */
  async function statementsOfRun(
    built: ReturnType<typeof buildTestApp>,
    reply: Parameters<FakeOpenAI['next']>[0],
    stream: boolean,
  ): Promise<{ status: number; sent: string[]; appendsWithCommit: boolean }> {
    const tenant = await createTestTenant()
    const api = asTenant(tenant, built)
    const agentId = await createAgent(api, 'counted', [])
    openai.next(reply)
    statements = []
    const request = api.post(`/api/v1/agents/${agentId}/run`)
    const res = stream
      ? await request
          .set('accept', 'text/event-stream')
          .send({ prompt: 'x', model: 'gpt-4o', stream: true })
          .buffer(true)
          .parse(collectText)
      : await request.send({ prompt: 'x', model: 'gpt-4o' })
    const sent = statements.map((s) => s.text).sort()
    // Each append went out with its transaction's COMMIT (commitWith): the next statement on its connection.
    const appendsWithCommit = statements.every(
      ({ connection, text }, i) =>
        !text.includes('insert into execution_events') ||
        statements!.slice(i + 1).find((next) => next.connection === connection)?.text === 'commit',
    )
    statements = undefined
    return { status: res.status, sent, appendsWithCommit }
  }

  it('sends the same statements with a subscriber to other events as with no subscriber at all', async () => {
    // Without webhooks (which subscribes to the execution.* events): the service's plugins have no
    // subscriber; the tests' plugins have example-notes', to execution.failed.
    const withoutWebhooks = (plugins: typeof testPlugins) => plugins.filter((p) => p.id !== 'webhooks')
    const build = (plugins: typeof testPlugins) =>
      buildTestApp({ config: config(), sql: pool, plugins, spec: bundleSpec(plugins) })
    const none = build(withoutWebhooks(servicePlugins))
    const others = build(withoutWebhooks(testPlugins))
    expect(others.container.cradle.runsEventSubscribers.wantAny(['execution.failed'])).to.equal(true)
    expect(none.container.cradle.runsEventSubscribers.wantAny(['execution.failed'])).to.equal(false)
    for (const stream of [false, true]) {
      const text = { kind: 'text', text: 'Fine.' } as const
      const plain = await statementsOfRun(none, text, stream)
      const subscribed = await statementsOfRun(others, text, stream)
      expect([plain.status, subscribed.status]).to.deep.equal([200, 200])
      expect(subscribed.sent).to.deep.equal(plain.sent)
      // As before deliveries existed: no job, no statement waiting for the seqs, appends with the COMMIT.
      expect(plain.sent.some((s) => s.includes('pgboss') || s.includes('as last'))).to.equal(false)
      expect(plain.sent.some((s) => s.includes('insert into execution_events'))).to.equal(true)
      expect([plain.appendsWithCommit, subscribed.appendsWithCommit]).to.deep.equal([true, true])
    }
    // The counter sees the difference a subscribed event makes: a failed run enqueues its delivery.
    const failure = { kind: 'status', status: 500 } as const
    const plain = await statementsOfRun(none, failure, false)
    const subscribed = await statementsOfRun(others, failure, false)
    expect([plain.status, subscribed.status]).to.deep.equal([502, 502])
    expect(plain.sent.some((s) => s.includes('pgboss'))).to.equal(false)
    expect(subscribed.sent.some((s) => s.includes('pgboss'))).to.equal(true)
  })
})
