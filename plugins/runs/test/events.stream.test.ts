// Following a run's event log while it runs, on a slow streamed model (the OpenAI fake, one delta every
// few ms): the log grows as the answer does (flushed every EVENT_FLUSH_MS), a stream cut after k events and
// resumed with Last-Event-ID any number of times delivers every event exactly once in order and ends after
// the final one, a second connection opened mid-run receives the rest live, and a stream on a run waiting
// for tool outputs stays open until the run continues and ends.
import { expect } from 'chai'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  testConfig,
  type TestTenant,
} from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { pieces, startFakeOpenAI, type FakeOpenAI } from '../../models/test/fakes/openai-server.js'
import { createAgent, createTool, type Api } from './loop.helpers.js'
import { expectEventsMatchSpec } from './sse-schemas.js'
import {
  asStreamed,
  expectWellFormedLog,
  listen,
  readEventStream,
  startStreamedRun,
  storedEvents,
  type StreamedEvent,
} from './events.helpers.js'

const story =
  'Once upon a time a very patient agent streamed a long answer, one small piece at a time. '.repeat(3)

/** A deterministic sequence of cut points (k in 1..max), so a failure replays. */
function cuts(seed: number, max: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return 1 + (state % max)
  }
}

const plain = (events: readonly StreamedEvent[]) => events.map(({ event, data }) => ({ event, data }))

describe('following the event log of a run in progress', function () {
  this.timeout(60_000)
  let openai: FakeOpenAI
  let built: ReturnType<typeof buildTestApp>
  let server: Awaited<ReturnType<typeof listen>>
  let tenant: TestTenant
  let api: Api
  let agentId: string

  before(async () => {
    openai = await startFakeOpenAI()
    built = buildTestApp({
      config: testConfig({
        OPENAI_BASE_URL: openai.baseUrl,
        OPENAI_API_KEY: 'sk-test-openai',
        PROVIDER_TIMEOUT_MS: '30000',
        EVENT_FLUSH_MS: '40',
      }),
    })
    server = await listen(built)
  })
  after(async () => {
    await server.close()
    await openai.close()
  })
  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant, built)
    agentId = await createAgent(api, 'storyteller', [])
  })

  const slowRun = (chunks: number, delayMs: number) => {
    openai.next({ kind: 'text', text: pieces(story, chunks), delayMs })
    return startStreamedRun(server.url, tenant.apiKey, agentId, { prompt: 'Tell a story', model: 'gpt-4o' })
  }
  const statusOf = async (id: string) =>
    (await api.get(`/api/v1/executions/${id}`).expect(200)).body.status as string

  it('shows a long answer growing in the log while the run still runs', async () => {
    const { id, done } = await slowRun(100, 30)
    let grewWhileRunning = false
    while (!grewWhileRunning) {
      const events = await storedEvents(api, id)
      const status = await statusOf(id)
      if (status !== 'running') break
      grewWhileRunning = events.some((e) => e.type === 'response.delta')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(grewWhileRunning, 'deltas stored before the run finished').to.equal(true)
    const shown = await done
    expect(asStreamed(await storedEvents(api, id))).to.deep.equal(plain(shown))
  })

  for (const seed of [7, 42, 1234]) {
    it(`resumes with Last-Event-ID after cuts at random points (seed ${seed}): every event once, in order, then the end`, async () => {
      const { id, done } = await slowRun(40, 30)
      const next = cuts(seed, 6)
      const received: StreamedEvent[] = []
      let reads = 0
      for (;;) {
        const lastEventId = received.at(-1)?.id
        const read = await readEventStream(server.url, tenant.apiKey, id, {
          ...(lastEventId === undefined ? {} : { lastEventId }),
          maxEvents: next(),
        })
        expect(read.status).to.equal(200)
        reads++
        received.push(...read.events)
        if (read.ended) break
        expect(reads, 'reconnections').to.be.below(200)
      }
      const shown = await done
      const stored = await storedEvents(api, id)
      expectWellFormedLog(stored)
      expect(received.map((e) => e.id)).to.deep.equal(stored.map((e) => String(e.seq)))
      expect(plain(received)).to.deep.equal(asStreamed(stored))
      expect(plain(received)).to.deep.equal(plain(shown))
      expect(received.at(-1)!.event).to.equal('execution.completed')
      expect(reads).to.be.above(3)
      expectEventsMatchSpec('listExecutionEvents', plain(received))
    })
  }

  it('sends a second connection opened mid-run the whole log, then the rest live, and ends with the run', async () => {
    const { id, done } = await slowRun(100, 30)
    expect(await statusOf(id)).to.equal('running')
    const tail = await readEventStream(server.url, tenant.apiKey, id)
    const shown = await done
    expect(tail).to.include({ status: 200, ended: true })
    expect(plain(tail.events)).to.deep.equal(plain(shown))
    expect(tail.events.map((e) => e.id)).to.deep.equal(shown.map((_, i) => String(i + 1)))
  })

  it('keeps the stream of a run waiting for tool outputs open until it continues, then ends with it', async () => {
    const ask = await createTool(api, { name: 'ask_user' })
    const asker = await createAgent(api, 'asker', [ask])
    openai.next({ kind: 'toolCalls', calls: [{ id: 'call_ask', name: 'ask_user', arguments: '{}' }] })
    const paused = await api
      .post(`/api/v1/agents/${asker}/run`)
      .send({ prompt: 'Ask me', model: 'gpt-4o' })
      .expect(200)
    expect(paused.body.status).to.equal('requires_action')
    const id = paused.body.id as string
    const tail = readEventStream(server.url, tenant.apiKey, id)
    // The stream has sent the pause (the log up to now) and stays open: answer only once it is there.
    while ((await storedEvents(api, id)).at(-1)?.type !== 'execution.requires_action') {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    openai.next({ kind: 'text', text: pieces('Thanks, noted.', 3), delayMs: 20 })
    const continued = await api
      .post(`/api/v1/executions/${id}/tool-outputs`)
      .send({ tool_outputs: [{ tool_call_id: 'call_ask', output: 'yes' }] })
      .expect(200)
    expect(continued.body.status).to.equal('completed')
    const read = await tail
    expect(read.ended).to.equal(true)
    const stored = await storedEvents(api, id)
    expectWellFormedLog(stored)
    expect(plain(read.events)).to.deep.equal(asStreamed(stored))
    const types = read.events.map((e) => e.event)
    expect(types).to.include('execution.requires_action')
    expect(types.at(-1)).to.equal('execution.completed')
    expect(types.indexOf('execution.requires_action')).to.be.below(types.length - 2)
  })

  it('ends at once the stream of a run that finished, and of one that expired without a final event', async () => {
    const { id, done } = await slowRun(3, 1)
    await done
    const read = await readEventStream(server.url, tenant.apiKey, id, { after: 1 })
    expect(read.ended).to.equal(true)
    expect(read.events.at(-1)!.event).to.equal('execution.completed')
    // A run that waited past its deadline: reading it records the expiry, and the stream ends after the pause.
    const asker = await createAgent(api, 'asker', [await createTool(api, { name: 'ask_user' })])
    openai.next({ kind: 'toolCalls', calls: [{ id: 'call_ask', name: 'ask_user', arguments: '{}' }] })
    const paused = await api
      .post(`/api/v1/agents/${asker}/run`)
      .send({ prompt: 'Ask me', model: 'gpt-4o' })
      .expect(200)
    const waitingId = paused.body.id as string
    await testStack().ownerSql.begin(async (tx) => {
      await tx`select set_config('app.current_tenant_id', ${tenant.tenantId}, true)`
      await tx`update execution_logs set expires_at = now() - interval '1 second' where id = ${waitingId}`
    })
    const expired = await readEventStream(server.url, tenant.apiKey, waitingId)
    expect(expired.ended).to.equal(true)
    expect(expired.events.at(-1)!.event).to.equal('execution.requires_action')
    expect(await statusOf(waitingId)).to.equal('expired')
  })

  it("logs a cancelled run's end (its client left mid-answer), and a stream of its log ends there", async () => {
    const { id, done, disconnect } = await slowRun(100, 30)
    const tail = readEventStream(server.url, tenant.apiKey, id)
    // Once some of the answer is in the log, the run's client goes away.
    while (!(await storedEvents(api, id)).some((e) => e.type === 'response.delta')) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    disconnect()
    await done.catch(() => undefined)
    const read = await tail
    expect(read.ended).to.equal(true)
    expect(read.events.at(-1)!.event).to.equal('execution.cancelled')
    const stored = await storedEvents(api, id)
    expectWellFormedLog(stored)
    expect(plain(read.events)).to.deep.equal(asStreamed(stored))
    expect(stored.at(-1)!.data).to.deep.include({ id, status: 'cancelled' })
    expect(await statusOf(id)).to.equal('cancelled')
  })

  it('ends a stream that no notification wakes (a run expired by SQL) through its fallback poll', async () => {
    const asker = await createAgent(api, 'asker', [await createTool(api, { name: 'ask_user' })])
    openai.next({ kind: 'toolCalls', calls: [{ id: 'call_ask', name: 'ask_user', arguments: '{}' }] })
    const paused = await api
      .post(`/api/v1/agents/${asker}/run`)
      .send({ prompt: 'Ask me', model: 'gpt-4o' })
      .expect(200)
    const id = paused.body.id as string
    let expiring: Promise<unknown> | undefined
    // Once the stream has sent the pause, the run's deadline passes behind its back: no append, no NOTIFY.
    const read = await readEventStream(server.url, tenant.apiKey, id, {
      onEvent: (event) => {
        if (event.event !== 'execution.requires_action') return
        expiring = testStack().ownerSql.begin(async (tx) => {
          await tx`select set_config('app.current_tenant_id', ${tenant.tenantId}, true)`
          await tx`update execution_logs set expires_at = now() - interval '1 second' where id = ${id}`
        })
      },
    })
    await expiring
    expect(expiring, 'the pause was streamed').to.not.equal(undefined)
    expect(read.ended).to.equal(true)
    expect(read.events.at(-1)!.event).to.equal('execution.requires_action')
    expect(await statusOf(id)).to.equal('expired')
  })

  it('NOTIFYs each append, committed, with the tenant, the execution and its last seq', async () => {
    const payloads: string[] = []
    const listening = await testStack().superSql.listen('map_execution_events', (p) => payloads.push(p))
    try {
      const { id, done } = await slowRun(3, 1)
      const shown = await done
      const expected = `${tenant.tenantId}:${id}:${shown.length}`
      for (let i = 0; i < 100 && !payloads.includes(expected); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const mine = payloads.filter((p) => p.startsWith(`${tenant.tenantId}:${id}:`))
      expect(mine.at(0)).to.equal(`${tenant.tenantId}:${id}:1`)
      expect(mine.at(-1)).to.equal(expected)
      const seqs = mine.map((p) => Number(p.split(':')[2]))
      expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b))
    } finally {
      await listening.unlisten()
    }
  })

  it('sends no NOTIFY for a JSON run, whose client learns its id with the answer; its log is complete all the same', async () => {
    const payloads: string[] = []
    const listening = await testStack().superSql.listen('map_execution_events', (p) => payloads.push(p))
    try {
      openai.next({ kind: 'text', text: ['A quiet ', 'answer.'] })
      const run = await api
        .post(`/api/v1/agents/${agentId}/run`)
        .send({ prompt: 'Answer quietly', model: 'gpt-4o' })
        .expect(200)
      const id = run.body.id as string
      // A streamed run's NOTIFY, sent after, arrives after any this run sent: the channel is in commit order.
      const { id: streamedId, done } = await slowRun(2, 1)
      await done
      for (let i = 0; i < 100 && !payloads.some((p) => p.includes(streamedId)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(
        payloads.some((p) => p.includes(streamedId)),
        'the streamed run notified',
      ).to.equal(true)
      expect(payloads.filter((p) => p.includes(id))).to.deep.equal([])
      expect((await storedEvents(api, id)).map((e) => e.type)).to.deep.equal([
        'execution.created',
        'execution.completed',
      ])
    } finally {
      await listening.unlisten()
    }
  })
})
