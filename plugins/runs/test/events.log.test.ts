// Every run leaves its events in execution_events, numbered 1..n without gaps in emission order: a JSON run,
// a streamed run, and a run that pauses for a client tool and continues. The log is what the streams showed,
// it pages with after/limit, replays as SSE, validates against the schemas, and no other tenant sees it.
import { expect } from 'chai'
import { asTenant, createTestTenant, sharedTestApp, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { createAgent, createTool, type Api } from './loop.helpers.js'
import { collectText, parseEvents, type ServerSentEvent } from './sse.js'
import { expectEventsMatchSpec } from './sse-schemas.js'
import {
  asStreamed,
  expectWellFormedLog,
  listen,
  readEventStream,
  storedEvents,
  type LoggedEvent,
} from './events.helpers.js'

const calculator = { name: 'calc', kind: 'builtin', builtin: 'calculator' }

describe('the event log of a run', function () {
  this.timeout(30_000)
  let tenant: TestTenant
  let api: Api
  let server: Awaited<ReturnType<typeof listen>>

  before(async () => {
    server = await listen(sharedTestApp())
  })
  after(() => server.close())
  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant)
  })

  const run = (agentId: string, body: Record<string, unknown>) =>
    api.post(`/api/v1/agents/${agentId}/run`).send({ model: 'gpt-4o', ...body })
  const streamed = async (request: ReturnType<typeof run>): Promise<ServerSentEvent[]> => {
    const res = await request.buffer(true).parse(collectText)
    expect(res.status).to.equal(200)
    return parseEvents(res.body as string)
  }
  const failureOf = (attempt: Promise<unknown>): Promise<string> =>
    attempt.then(
      () => 'succeeded',
      (error: Error) => error.message,
    )

  it('logs a JSON run: execution.created, then its final event with the execution it answered', async () => {
    const agentId = await createAgent(api, 'plain', [])
    const res = await run(agentId, { prompt: 'hello there' }).expect(200)
    const events = await storedEvents(api, res.body.id as string)
    expectWellFormedLog(events)
    expect(events.map((e) => e.type)).to.deep.equal(['execution.created', 'execution.completed'])
    expect(events[0]!.data).to.deep.equal({
      id: res.body.id,
      agent_id: agentId,
      agent_name: 'plain',
      model: 'gpt-4o',
      provider: 'mock',
      status: 'running',
    })
    expect(events[1]!.data).to.deep.equal(res.body)
    const resource = await api.get(`/api/v1/executions/${res.body.id}`).expect(200)
    expect(events[1]!.data).to.deep.equal(resource.body)
  })

  it('logs exactly what a streamed run showed, deltas included', async () => {
    const agentId = await createAgent(api, 'talker', [])
    const shown = await streamed(run(agentId, { prompt: 'tell me a story', stream: true }))
    expect(shown.filter((e) => e.event === 'response.delta')).to.not.be.empty
    const id = (shown[0]!.data as { id: string }).id
    const events = await storedEvents(api, id)
    expectWellFormedLog(events)
    expect(asStreamed(events)).to.deep.equal(shown)
  })

  it('logs a builtin tool step and a client tool across requires_action and its continuation, seq going on', async () => {
    const agentId = await createAgent(api, 'asker', [
      await createTool(api, calculator),
      await createTool(api, { name: 'ask_user' }),
    ])
    const first = await streamed(
      run(agentId, {
        prompt: 'use calc with {"expression": "6 * 7"} and use ask_user with {"question": "Which city?"}',
        stream: true,
      }),
    )
    expect(first.at(-1)!.event).to.equal('execution.requires_action')
    const id = (first[0]!.data as { id: string }).id
    // Paused: the log holds the first part, ending with the pause.
    expect(asStreamed(await storedEvents(api, id))).to.deep.equal(first)
    const second = await streamed(
      api
        .post(`/api/v1/executions/${id}/tool-outputs`)
        .send({ tool_outputs: [{ tool_call_id: 'call_1_2', output: 'Oslo' }], stream: true }),
    )
    expect(second.at(-1)!.event).to.equal('execution.completed')
    const events = await storedEvents(api, id)
    expectWellFormedLog(events)
    expect(asStreamed(events)).to.deep.equal([...first, ...second])
    expect(events.map((e) => e.type)).to.include.members([
      'step.created',
      'tool_call.created',
      'tool_call.completed',
    ])
  })

  it('logs a JSON run with tools and a JSON continuation the same way, without deltas', async () => {
    const agentId = await createAgent(api, 'asker', [
      await createTool(api, calculator),
      await createTool(api, { name: 'ask_user' }),
    ])
    const waiting = await run(agentId, {
      prompt: 'use calc with {"expression": "6 * 7"} and use ask_user with {}',
    }).expect(200)
    const id = waiting.body.id as string
    const done = await api
      .post(`/api/v1/executions/${id}/tool-outputs`)
      .send({ tool_outputs: [{ tool_call_id: 'call_1_2', output: 'Oslo' }] })
      .expect(200)
    const events = await storedEvents(api, id)
    expectWellFormedLog(events)
    expect(events.map((e) => e.type)).to.deep.equal([
      'execution.created',
      'step.created',
      'tool_call.created',
      'step.created',
      'tool_call.created',
      'tool_call.completed',
      'execution.requires_action',
      'step.created',
      'execution.completed',
    ])
    expect(events[6]!.data).to.deep.equal(waiting.body)
    expect(events.at(-1)!.data).to.deep.equal(done.body)
  })

  it('pages with after and limit, next_after and has_more', async () => {
    const agentId = await createAgent(api, 'pager', [await createTool(api, calculator)])
    const shown = await streamed(
      run(agentId, {
        prompt: 'use calc with {"expression": "1 + 1"} then use calc with {"expression": "2 + 2"}',
        stream: true,
      }),
    )
    const id = (shown[0]!.data as { id: string }).id
    const all = await storedEvents(api, id)
    expect(all.length).to.equal(shown.length).and.to.be.above(5)
    const pages: LoggedEvent[][] = []
    for (let after = 0, more = true; more;) {
      const res = await api.get(`/api/v1/executions/${id}/events?after=${after}&limit=2`).expect(200)
      pages.push(res.body.items as LoggedEvent[])
      more = res.body.has_more as boolean
      expect(res.body.next_after).to.equal((res.body.items as LoggedEvent[]).at(-1)?.seq ?? after)
      after = res.body.next_after as number
    }
    expect(pages.slice(0, -1).every((page) => page.length === 2)).to.equal(true)
    expect(pages.flat()).to.deep.equal(all)
    const tail = await api.get(`/api/v1/executions/${id}/events?after=3&limit=1`).expect(200)
    expect(tail.body).to.deep.equal({ items: [all[3]], has_more: true, next_after: 4 })
    const past = await api.get(`/api/v1/executions/${id}/events?after=${all.length}`).expect(200)
    expect(past.body).to.deep.equal({ items: [], has_more: false, next_after: all.length })
    for (const bad of ['after=-1', 'limit=0', 'limit=1001', 'after=x']) {
      const res = await api.get(`/api/v1/executions/${id}/events?${bad}`)
      expect(res.status, bad).to.equal(400)
      expect(res.body.error_code).to.equal('VALIDATION_ERROR')
    }
  })

  it('replays a finished run as SSE: every event once, with its seq as id, after Last-Event-ID or after', async () => {
    const agentId = await createAgent(api, 'replayed', [await createTool(api, calculator)])
    const shown = await streamed(
      run(agentId, { prompt: 'use calc with {"expression": "3 * 3"}', stream: true }),
    )
    const id = (shown[0]!.data as { id: string }).id
    const whole = await readEventStream(server.url, tenant.apiKey, id)
    expect(whole).to.include({ status: 200, ended: true })
    expect(whole.events.map(({ event, data }) => ({ event, data }))).to.deep.equal(shown)
    expect(whole.events.map((e) => e.id)).to.deep.equal(shown.map((_, i) => String(i + 1)))
    const fromAfter = await readEventStream(server.url, tenant.apiKey, id, { after: 2 })
    expect(fromAfter.events.map((e) => e.id)).to.deep.equal(whole.events.slice(2).map((e) => e.id))
    // The header wins over the query.
    const resumed = await readEventStream(server.url, tenant.apiKey, id, { after: 1, lastEventId: '4' })
    expect(resumed.events).to.deep.equal(whole.events.slice(4))
    expect(resumed.ended).to.equal(true)
    const bad = await api
      .get(`/api/v1/executions/${id}/events`)
      .set('Accept', 'text/event-stream')
      .set('Last-Event-ID', 'abc')
    expect(bad.status).to.equal(400)
    expectEventsMatchSpec(
      'listExecutionEvents',
      whole.events.map(({ event, data }) => ({ event, data })),
    )
    // Content negotiation is the kernel's: a type the operation does not serve is 406.
    const html = await api.get(`/api/v1/executions/${id}/events`).set('Accept', 'text/html')
    expect(html.status).to.equal(406)
  })

  it('answers 404 to another tenant, as JSON and as a stream, and RLS hides the rows from the app role', async () => {
    const agentId = await createAgent(api, 'private', [])
    const res = await run(agentId, { prompt: 'secret things' }).expect(200)
    const id = res.body.id as string
    const other = await createTestTenant('other')
    const otherApi = asTenant(other)
    const json = await otherApi.get(`/api/v1/executions/${id}/events`)
    expect(json.status).to.equal(404)
    expect(json.body.error_code).to.equal('EXECUTION_NOT_FOUND')
    const sse = await otherApi.get(`/api/v1/executions/${id}/events`).set('Accept', 'text/event-stream')
    expect(sse.status).to.equal(404)
    expect(sse.body.error_code).to.equal('EXECUTION_NOT_FOUND')
    const unknown = await api.get(`/api/v1/executions/00000000-0000-4000-8000-000000000000/events`)
    expect(unknown.status).to.equal(404)
    const { appSql } = testStack()
    const seen = (tenantId: string) =>
      appSql.begin(async (tx) => {
        await tx`select set_config('app.current_tenant_id', ${tenantId}, true)`
        return tx<{ n: number }[]>`select count(*)::int as n from execution_events where execution_id = ${id}`
      })
    expect((await seen(other.tenantId))[0]!.n).to.equal(0)
    expect((await seen(tenant.tenantId))[0]!.n).to.equal(2)
    // Neither can the app role write into another tenant's log, nor change or delete its own.
    const forged = appSql.begin(async (tx) => {
      await tx`select set_config('app.current_tenant_id', ${other.tenantId}, true)`
      await tx`insert into execution_events (tenant_id, execution_id, seq, type, data)
               values (${tenant.tenantId}, ${id}, 99, 'x', '{}')`
    })
    expect(await failureOf(forged)).to.match(/row-level security/)
    const changed = appSql.begin(async (tx) => {
      await tx`select set_config('app.current_tenant_id', ${tenant.tenantId}, true)`
      await tx`update execution_events set type = 'x' where execution_id = ${id}`
    })
    expect(await failureOf(changed)).to.match(/permission denied/)
  })
})
