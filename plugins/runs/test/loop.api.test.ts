// The run loop end to end through the API, on the mock provider (its tool rule: `use <tool> with {...}`,
// groups split on ` then `): tool chains, parallel calls, calls fed back as errors, max_steps, client tools
// answered through POST /executions/{id}/tool-outputs (across a restart), and the events a stream sends.
import { expect } from 'chai'
import { runEventTypes } from '../run.events.js'
import { asTenant, buildTestApp, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { collectText, parseEvents } from './sse.js'
import { documentedEvents, expectEventsMatchSpec } from './sse-schemas.js'
import { createAgent, createTool, type Api } from './loop.helpers.js'

interface StepBody {
  index: number
  type: string
  status: string
  tool_name?: string
  tool_call_id?: string
  arguments?: string
  output?: unknown
  error?: { code: string; message: string; errors?: { pointer: string }[] }
  tool_calls?: { id: string; name: string; arguments: string }[]
}

const calculator = { name: 'calc', kind: 'builtin', builtin: 'calculator' }

describe('the run loop (mock provider)', function () {
  this.timeout(20_000)
  let tenant: TestTenant
  let api: Api

  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant)
  })

  const run = (agentId: string, body: Record<string, unknown>) =>
    api.post(`/api/v1/agents/${agentId}/run`).send({ model: 'gpt-4o', ...body })
  const stepsOf = async (id: string): Promise<StepBody[]> =>
    (await api.get(`/api/v1/executions/${id}/steps?limit=100`).expect(200)).body.items as StepBody[]

  it('chains the calculator over two steps, records every step, and answers with both results', async () => {
    const agentId = await createAgent(api, 'chain', [await createTool(api, calculator)])
    const res = await run(agentId, {
      prompt: 'use calc with {"expression": "2 + 3"} then use calc with {"expression": "5 * 4"}',
    }).expect(200)
    expect(res.body).to.include({ status: 'completed', steps_count: 5, max_steps: 8 })
    expect(res.body.response).to.match(/^\[Mock Response\] Agent 'chain'/)
    expect(res.body.response).to.include(
      'Tool results: calc -> {"output":{"result":5}}; calc -> {"output":{"result":20}}',
    )
    expect(res.body.tool_calls).to.deep.equal([
      { name: 'calc', arguments: '{"expression": "2 + 3"}' },
      { name: 'calc', arguments: '{"expression": "5 * 4"}' },
    ])
    const steps = await stepsOf(res.body.id as string)
    expect(steps.map((s) => `${s.index}:${s.type}:${s.status}`)).to.deep.equal([
      '0:model:completed',
      '1:tool:completed',
      '2:model:completed',
      '3:tool:completed',
      '4:model:completed',
    ])
    expect(steps[1]).to.deep.include({ tool_name: 'calc', tool_call_id: 'call_1_1', output: { result: 5 } })
    expect(steps[3]).to.deep.include({ tool_call_id: 'call_2_1', output: { result: 20 } })
    expect(steps[0]!.tool_calls).to.deep.equal([
      { id: 'call_1_1', name: 'calc', arguments: '{"expression": "2 + 3"}' },
    ])
    // The execution carries the sum of its model steps' usage.
    const [sums] = await testStack().superSql<{ input: number; output: number }[]>`
      select sum(input_tokens)::int as input, sum(output_tokens)::int as output
        from execution_steps where execution_id = ${res.body.id}`
    expect(res.body.usage).to.include({ input_tokens: sums!.input, output_tokens: sums!.output })
    const resource = await api.get(`/api/v1/executions/${res.body.id}`).expect(200)
    expect(resource.body).to.deep.equal(JSON.parse(JSON.stringify(res.body)))
    // The counts kept by the insert trigger and the usage sums agree with a row whose tokens grew by updates.
    const history = await api.get('/api/v1/history').expect(200)
    expect(history.body.total).to.equal(1)
    expect(history.body.items[0]).to.deep.equal(resource.body)
    const usage = await api.get('/api/v1/usage').expect(200)
    expect(usage.body.totals).to.deep.include({
      runs: 1,
      input_tokens: sums!.input,
      output_tokens: sums!.output,
    })
  })

  it('runs a javascript tool in the sandbox and feeds its output back', async () => {
    const toolId = await createTool(api, {
      name: 'double',
      kind: 'javascript',
      code: 'export default (input) => ({ doubled: input.n * 2 })',
      input_schema: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
    })
    const agentId = await createAgent(api, 'js', [toolId])
    const res = await run(agentId, { prompt: 'use double with {"n": 21}' }).expect(200)
    expect(res.body.status).to.equal('completed')
    expect(res.body.response).to.include('Tool results: double -> {"output":{"doubled":42}}')
    const steps = await stepsOf(res.body.id as string)
    expect(steps[1]).to.deep.include({ type: 'tool', status: 'completed', output: { doubled: 42 } })
  })

  it('runs the calls of one step together and answers them in the order the model made them', async () => {
    const double = await createTool(api, {
      name: 'double',
      kind: 'javascript',
      code: 'export default (input) => input.n * 2',
    })
    const agentId = await createAgent(api, 'parallel', [await createTool(api, calculator), double])
    const res = await run(agentId, {
      prompt:
        'use calc with {"expression": "1 + 1"} and use double with {"n": 5} and use calc with {"expression": "3 * 3"}',
    }).expect(200)
    expect(res.body.status).to.equal('completed')
    expect(res.body.response).to.include(
      'Tool results: calc -> {"output":{"result":2}}; double -> {"output":10}; calc -> {"output":{"result":9}}',
    )
    const steps = await stepsOf(res.body.id as string)
    expect(steps.map((s) => s.type)).to.deep.equal(['model', 'tool', 'tool', 'tool', 'model'])
    expect(steps[0]!.tool_calls!.map((c) => c.id)).to.deep.equal(['call_1_1', 'call_1_2', 'call_1_3'])
  })

  it('feeds invalid arguments back to the model as an error with pointers, and goes on with the corrected call', async () => {
    const agentId = await createAgent(api, 'learner', [await createTool(api, calculator)])
    const res = await run(agentId, {
      prompt:
        'use calc with {"expr": "1 + 1"} then use calc with {not json} then use calc with {"expression": "1 + 1"}',
    }).expect(200)
    expect(res.body.status).to.equal('completed')
    const steps = await stepsOf(res.body.id as string)
    expect(steps.map((s) => `${s.type}:${s.status}`)).to.deep.equal([
      'model:completed',
      'tool:failed',
      'model:completed',
      'tool:failed',
      'model:completed',
      'tool:completed',
      'model:completed',
    ])
    expect(steps[1]!.error!.code).to.equal('INVALID_ARGUMENTS')
    expect(steps[1]!.error!.errors!.map((e) => e.pointer)).to.have.members(['/expression', '/expr'])
    expect(steps[1]).to.not.have.property('output')
    expect(steps[3]!.error).to.deep.include({
      code: 'INVALID_ARGUMENTS',
      message: 'The arguments are not JSON.',
    })
    expect(steps[3]!.arguments).to.equal('{not json}')
    // The model saw both errors, then the result.
    expect(res.body.response).to.match(/Tool results: calc -> \{"error":\{"code":"INVALID_ARGUMENTS"/)
    expect(res.body.response).to.include('calc -> {"output":{"result":2}}')
  })

  it('stops at max_steps with the model still calling tools: incomplete, reason max_steps, answered 200', async () => {
    const agentId = await createAgent(api, 'busy', [await createTool(api, calculator)])
    const res = await run(agentId, {
      prompt:
        'use calc with {"expression": "1"} then use calc with {"expression": "2"} then use calc with {"expression": "3"}',
      max_steps: 2,
    }).expect(200)
    expect(res.body).to.include({ status: 'incomplete', incomplete_reason: 'max_steps', steps_count: 3 })
    expect(res.body.max_steps).to.equal(2)
    // The second model step's calls were recorded, not run.
    expect(res.body.tool_calls).to.have.length(2)
    expect((await stepsOf(res.body.id as string)).map((s) => s.type)).to.deep.equal([
      'model',
      'tool',
      'model',
    ])
    for (const maxSteps of [0, 33]) {
      const refused = await run(agentId, { prompt: 'x', max_steps: maxSteps })
      expect(refused.status).to.equal(400)
    }
  })

  describe('client tools', () => {
    let agentId: string
    let askId: string
    beforeEach(async () => {
      askId = await createTool(api, {
        name: 'ask_user',
        input_schema: { type: 'object', properties: { question: { type: 'string' } } },
      })
      agentId = await createAgent(api, 'asker', [askId, await createTool(api, calculator)])
    })
    const waitForAnswer = () =>
      run(agentId, {
        prompt: 'use calc with {"expression": "6 * 7"} and use ask_user with {"question": "Which city?"}',
      }).expect(200)

    it('runs the server-side call first, waits for the client call, and continues after a restart', async () => {
      const waiting = await waitForAnswer()
      expect(waiting.body.status).to.equal('requires_action')
      expect(waiting.body.required_action).to.deep.equal({
        type: 'submit_tool_outputs',
        tool_calls: [
          { id: 'call_1_2', tool_id: askId, name: 'ask_user', arguments: '{"question": "Which city?"}' },
        ],
      })
      expect(Date.parse(waiting.body.expires_at as string) - Date.now()).to.be.within(500_000, 601_000)
      const id = waiting.body.id as string
      expect((await stepsOf(id)).map((s) => `${s.type}:${s.status}`)).to.deep.equal([
        'model:completed',
        'tool:completed',
        'tool:waiting',
      ])

      // A new app instance on the same database: the run continues from its stored steps alone.
      const restarted = asTenant(tenant, buildTestApp())
      const done = await restarted
        .post(`/api/v1/executions/${id}/tool-outputs`)
        .send({ tool_outputs: [{ tool_call_id: 'call_1_2', output: { city: 'Lisbon' } }] })
        .expect(200)
      expect(done.body).to.include({ id, status: 'completed', steps_count: 4 })
      expect(done.body).to.not.have.property('required_action')
      expect(done.body).to.not.have.property('expires_at')
      expect(done.body.response).to.include(
        'Tool results: calc -> {"output":{"result":42}}; ask_user -> {"output":{"city":"Lisbon"}}',
      )
      const steps = await stepsOf(id)
      expect(steps[2]).to.deep.include({ status: 'completed', output: { city: 'Lisbon' } })
    })

    it('answers 409 INVALID_EXECUTION_STATE to a second answer, and to a run that never waited', async () => {
      const id = (await waitForAnswer()).body.id as string
      const answer = { tool_outputs: [{ tool_call_id: 'call_1_2', output: 'Paris' }] }
      await api.post(`/api/v1/executions/${id}/tool-outputs`).send(answer).expect(200)
      const twice = await api.post(`/api/v1/executions/${id}/tool-outputs`).send(answer)
      expect(twice.status).to.equal(409)
      expect(twice.body.error_code).to.equal('INVALID_EXECUTION_STATE')
      expect(twice.body.details).to.deep.equal({ execution_id: id, status: 'completed' })
      const plain = await run(agentId, { prompt: 'hello' }).expect(200)
      const never = await api.post(`/api/v1/executions/${plain.body.id}/tool-outputs`).send(answer)
      expect(never.status).to.equal(409)
    })

    it('answers 422 INVALID_TOOL_OUTPUTS with the missing and unknown call ids, and changes nothing', async () => {
      const id = (await waitForAnswer()).body.id as string
      const cases = [
        [[{ tool_call_id: 'call_9_9', output: 1 }], ['call_1_2'], ['call_9_9']],
        [[{ tool_call_id: 'call_1_1', output: 1 }], ['call_1_2'], ['call_1_1']],
        [
          [
            { tool_call_id: 'call_1_2', output: 1 },
            { tool_call_id: 'call_1_2', output: 2 },
          ],
          [],
          ['call_1_2'],
        ],
      ] as const
      for (const [outputs, missing, unknown] of cases) {
        const res = await api.post(`/api/v1/executions/${id}/tool-outputs`).send({ tool_outputs: outputs })
        expect(res.status).to.equal(422)
        expect(res.body.error_code).to.equal('INVALID_TOOL_OUTPUTS')
        expect(res.body.details).to.deep.equal({
          missing_tool_call_ids: missing,
          unknown_tool_call_ids: unknown,
        })
      }
      const still = await api.get(`/api/v1/executions/${id}`).expect(200)
      expect(still.body.status).to.equal('requires_action')
      expect((await stepsOf(id))[2]!.status).to.equal('waiting')
    })

    it('replays an answer sent again with the same Idempotency-Key instead of answering twice', async () => {
      const id = (await waitForAnswer()).body.id as string
      const send = () =>
        api
          .post(`/api/v1/executions/${id}/tool-outputs`)
          .set('Idempotency-Key', 'answer-1')
          .send({ tool_outputs: [{ tool_call_id: 'call_1_2', output: 'Rome' }] })
      const first = await send().expect(200)
      const retry = await send().expect(200)
      expect(retry.headers['idempotent-replayed']).to.equal('true')
      expect(retry.body).to.deep.equal(first.body)
    })

    it('streams the continued run, every event matching its schema', async () => {
      const id = (await waitForAnswer()).body.id as string
      const res = await api
        .post(`/api/v1/executions/${id}/tool-outputs`)
        .send({ tool_outputs: [{ tool_call_id: 'call_1_2', output: 'Oslo' }], stream: true })
        .buffer(true)
        .parse(collectText)
      expect(res.status).to.equal(200)
      const events = parseEvents(res.body as string)
      expectEventsMatchSpec('submitToolOutputs', events)
      expect(events[0]).to.deep.equal({
        event: 'step.created',
        data: { execution_id: id, index: 3, type: 'model' },
      })
      expect(events.at(-1)!.event).to.equal('execution.completed')
    })
  })

  describe('streaming', () => {
    it('sends every event of a tool loop, each matching the schema openapi.yaml gives it', async () => {
      const agentId = await createAgent(api, 'streamer', [
        await createTool(api, calculator),
        await createTool(api, { name: 'ask_user' }),
      ])
      const res = await run(agentId, {
        prompt: 'use calc with {"expression": "2 ^ 10"} then use calc with {"x": 1} and use ask_user with {}',
        stream: true,
      })
        .buffer(true)
        .parse(collectText)
      const events = parseEvents(res.body as string)
      expectEventsMatchSpec('runAgent', events)
      expect(events.map((e) => e.event)).to.deep.equal([
        'execution.created',
        'step.created',
        'tool_call.created',
        'tool_call.completed',
        'step.created',
        'step.created',
        'tool_call.created',
        'tool_call.completed',
        'step.created',
        'tool_call.created',
        'execution.requires_action',
      ])
      expect(events[2]!.data).to.include({ id: 'call_1_1', name: 'calc', status: 'running', step_index: 1 })
      expect(events[3]!.data).to.deep.include({ status: 'completed', output: { result: 1024 } })
      expect(events[7]!.data).to.deep.include({ status: 'failed' })
      expect(events[9]!.data).to.include({ name: 'ask_user', status: 'waiting' })
      // A plain run streams as it always did, and that too matches the schemas.
      const plain = await run(agentId, { prompt: 'just talk', stream: true }).buffer(true).parse(collectText)
      const plainEvents = parseEvents(plain.body as string)
      expectEventsMatchSpec('runAgent', plainEvents)
      expect(plainEvents.at(-1)!.event).to.equal('execution.completed')
    })

    it('documents the same events for a run and a continuation, and every event the loop can send', () => {
      // Every type but execution.cancelled, which only the log holds (its stream has no reader left).
      const loopEvents: string[] = runEventTypes.filter((e) => e !== 'execution.cancelled')
      expect(documentedEvents('runAgent')).to.include.members([...loopEvents, 'error'])
      expect(documentedEvents('submitToolOutputs')).to.include.members(
        loopEvents.filter((e) => e !== 'execution.created'),
      )
    })
  })
})
