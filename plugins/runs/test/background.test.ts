// Background runs end to end, with real job workers in this process (as `npm start` runs them), the mock
// model and an http tool calling a local server: queued -> running -> completed with the event log
// replayable from any point; cancel (queued, waiting, mid-tool, from another request than the run's own);
// continuing a background run that waited for tool outputs; fairness between tenants.
import { expect } from 'chai'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import {
  agentCalling,
  execution,
  reaches,
  startInBackground,
  startToolServer,
  stepsOf,
  type ToolServer,
} from './background.helpers.js'
import { expectWellFormedLog, storedEvents } from './events.helpers.js'
import { createAgent, createTool, type Api } from './loop.helpers.js'
import { appWithWorkers, until, type AppWithWorkers } from './subscribers.helpers.js'

describe('background runs', function () {
  this.timeout(60_000)
  let app: AppWithWorkers
  let server: ToolServer
  let tenant: TestTenant
  let api: Api
  let named = 0
  const toolName = () => `bg-tool-${++named}`

  before(async () => {
    server = await startToolServer()
    app = await appWithWorkers([], { JOBS_TENANT_CONCURRENCY: '2' })
  })
  after(async () => {
    await app.stop()
    await server.close()
  })
  beforeEach(async () => {
    tenant = await createTestTenant('background')
    api = asTenant(tenant, app.built)
  })

  it('answers 202 queued, runs the agent and its tool in a worker, and logs every event, replayable from any seq', async () => {
    const { agentId, prompt, path } = await agentCalling(api, server, toolName())
    const queued = await startInBackground(api, agentId, prompt('7'))
    const done = await reaches(api, queued.id, ['completed'])
    expect(done.background).to.equal(true)
    expect(done.response).to.include(`Tool results:`)
    expect(server.hits.filter((hit) => hit === path('7'))).to.have.length(1)
    expect((await stepsOf(api, queued.id)).map((s) => `${s.index}:${s.type}:${s.status}`)).to.deep.equal([
      '0:model:completed',
      '1:tool:completed',
      '2:model:completed',
    ])

    const events = await storedEvents(api, queued.id)
    expectWellFormedLog(events)
    expect(events.map((e) => e.type)).to.deep.equal([
      'execution.created',
      'step.created',
      'step.created',
      'tool_call.created',
      'tool_call.completed',
      'step.created',
      'execution.completed',
    ])
    expect(events[0]!.data).to.include({ status: 'queued' })
    expect(events[1]!.data).to.include({ index: 0, type: 'model' })
    // From any point, the rest of the log, in order.
    for (let after = 0; after <= events.length; after++) {
      const page = await api.get(`/api/v1/executions/${queued.id}/events?after=${after}&limit=100`)
      expect(page.status).to.equal(200)
      expect(page.body.items.map((e: { seq: number }) => e.seq)).to.deep.equal(
        events.slice(after).map((e) => e.seq),
      )
    }
  })

  it('refuses stream: true with background: true (400), and records nothing', async () => {
    const agentId = await createAgent(api, 'plain', [])
    const res = await api
      .post(`/api/v1/agents/${agentId}/run`)
      .send({ model: 'gpt-4o', prompt: 'hi', background: true, stream: true })
    expect(res.status).to.equal(400)
    expect(res.body.error_code).to.equal('VALIDATION_ERROR')
    expect(res.body.details.errors[0].path).to.equal('/body/stream')
    const history = await api.get('/api/v1/history')
    expect(history.body.total).to.equal(0)
  })

  it('cancels a background run mid-tool: the call is stopped, the steps kept, the run cancelled; cancelling again is idempotent', async () => {
    const { agentId, prompt, path } = await agentCalling(api, server, toolName())
    server.hold.add(path('hang'))
    const queued = await startInBackground(api, agentId, prompt('hang'))
    await until('the tool call to reach the server', () =>
      server.hits.includes(path('hang')) ? true : undefined,
    )
    const asked = await api.post(`/api/v1/executions/${queued.id}/cancel`)
    expect(asked.status, JSON.stringify(asked.body)).to.equal(202)
    expect(asked.body.status).to.equal('running')
    expect(asked.body.cancel_requested_at).to.be.a('string')

    const cancelled = await reaches(api, queued.id, ['cancelled'])
    expect(cancelled.error).to.include({ error_code: 'RUN_CANCELLED' })
    expect(cancelled.error!.detail).to.match(/cancelled/)
    await until('the held call to be closed by the platform', () =>
      server.abandoned.includes(path('hang')) ? true : undefined,
    )
    const steps = await stepsOf(api, queued.id)
    expect(steps.map((s) => `${s.index}:${s.type}:${s.status}`)).to.deep.equal([
      '0:model:completed',
      '1:tool:cancelled',
    ])
    const events = await storedEvents(api, queued.id)
    expectWellFormedLog(events)
    expect(events.at(-1)!.type).to.equal('execution.cancelled')

    const again = await api.post(`/api/v1/executions/${queued.id}/cancel`)
    expect(again.status).to.equal(202)
    expect(again.body.status).to.equal('cancelled')
    expect((await storedEvents(api, queued.id)).length, 'no second final event').to.equal(events.length)
  })

  it('cancels a foreground run from another request: its JSON client is answered the cancelled execution', async () => {
    const { agentId, prompt, path } = await agentCalling(api, server, toolName())
    server.hold.add(path('held'))
    const running = api
      .post(`/api/v1/agents/${agentId}/run`)
      .send({ model: 'gpt-4o', prompt: prompt('held') })
    const answer = running.then((res) => res)
    await until('the tool call to reach the server', () =>
      server.hits.includes(path('held')) ? true : undefined,
    )
    const history = await api.get('/api/v1/history')
    const id = history.body.items[0].id as string
    const asked = await api.post(`/api/v1/executions/${id}/cancel`)
    expect(asked.status).to.equal(202)
    const res = await answer
    expect(res.status, JSON.stringify(res.body)).to.equal(200)
    expect(res.body).to.include({ id, status: 'cancelled' })
    expect(res.body.error.error_code).to.equal('RUN_CANCELLED')
  })

  it('refuses to cancel a run that ended otherwise (409), and another tenant cannot reach it (404)', async () => {
    const { agentId, prompt } = await agentCalling(api, server, toolName())
    const queued = await startInBackground(api, agentId, prompt('1'))
    await reaches(api, queued.id, ['completed'])
    const refused = await api.post(`/api/v1/executions/${queued.id}/cancel`)
    expect(refused.status).to.equal(409)
    expect(refused.body).to.deep.include({ error_code: 'INVALID_EXECUTION_STATE' })
    expect(refused.body.details).to.deep.equal({ execution_id: queued.id, status: 'completed' })

    const other = asTenant(await createTestTenant('background-other'), app.built)
    const hidden = await other.post(`/api/v1/executions/${queued.id}/cancel`)
    expect(hidden.status).to.equal(404)
    expect(hidden.body.error_code).to.equal('EXECUTION_NOT_FOUND')
    expect((await execution(api, queued.id)).status).to.equal('completed')
  })

  it('continues a background run that waited for client tool outputs in a worker (202), and cancels a waiting one at once', async () => {
    const client = await createTool(api, { name: 'ask-human' })
    const agentId = await createAgent(api, 'asks', [client])
    const queued = await startInBackground(api, agentId, 'use ask-human with {}')
    const waiting = await reaches(api, queued.id, ['requires_action'])
    const callId = (waiting as unknown as { required_action: { tool_calls: { id: string }[] } })
      .required_action.tool_calls[0]!.id
    const answered = await api
      .post(`/api/v1/executions/${queued.id}/tool-outputs`)
      .send({ tool_outputs: [{ tool_call_id: callId, output: { answer: 42 } }] })
    expect(answered.status, JSON.stringify(answered.body)).to.equal(202)
    expect(answered.headers.location).to.equal(`/api/v1/executions/${queued.id}`)
    expect(answered.body.status).to.equal('running')
    const done = await reaches(api, queued.id, ['completed'])
    expect(done.response).to.include('42')
    expectWellFormedLog(await storedEvents(api, queued.id))

    const second = await startInBackground(api, agentId, 'use ask-human with {}')
    await reaches(api, second.id, ['requires_action'])
    const cancelled = await api.post(`/api/v1/executions/${second.id}/cancel`)
    expect(cancelled.status).to.equal(202)
    expect(cancelled.body.status).to.equal('cancelled')
    expect((await stepsOf(api, second.id)).at(-1)!.status).to.equal('cancelled')
    const events = await storedEvents(api, second.id)
    expect(events.at(-1)!.type).to.equal('execution.cancelled')
  })

  it("keeps one tenant's queued runs from starving another's (JOBS_TENANT_CONCURRENCY)", async () => {
    const { agentId, prompt, path } = await agentCalling(api, server, toolName())
    server.hold.add(path('busy'))
    const busy = await Promise.all(
      Array.from({ length: 6 }, () => startInBackground(api, agentId, prompt('busy'))),
    )
    await until('two of them to be running', () =>
      server.hits.filter((hit) => hit === path('busy')).length >= 2 ? true : undefined,
    )
    const other = asTenant(await createTestTenant('background-fair'), app.built)
    const theirs = await agentCalling(other, server, toolName())
    const one = await startInBackground(other, theirs.agentId, theirs.prompt('1'))
    await reaches(other, one.id, ['completed'])
    // Only two of the six ran at once: the tenant's cap, though four workers were free.
    expect(server.hits.filter((hit) => hit === path('busy'))).to.have.length(2)
    const statuses = await Promise.all(busy.map(async (run) => (await execution(api, run.id)).status))
    expect(statuses.filter((s) => s === 'queued')).to.have.length(4)
    await Promise.all(busy.map((run) => api.post(`/api/v1/executions/${run.id}/cancel`).expect(202)))
    await Promise.all(busy.map((run) => reaches(api, run.id, ['cancelled'])))
  })
})
