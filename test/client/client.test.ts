// The typed client against a live server: every call goes through openapi-fetch and the generated types.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { isProblemError, ok, ProblemError } from '../../clients/typescript/src/index.js'
import { recordingFetch, startLive, type Live } from './live.js'

describe('typed client against a live server', function () {
  this.timeout(60_000)
  let live: Live
  before(async () => {
    live = await startLive()
  })
  after(async () => {
    await live.app.close()
  })

  const model = async (): Promise<string> => {
    const models = await ok(live.client().GET('/api/v1/models'))
    const id = models.items.find((m) => m.provider === 'mock')?.id
    if (!id) throw new Error('no mock model')
    return id
  }

  // Every character with a meaning in a URL or a query string, in names sent as query parameters.
  const reserved = [
    '&',
    '+',
    '#',
    '%',
    ' ',
    '=',
    '?',
    '/',
    ';',
    ',',
    ':',
    '@',
    '$',
    '!',
    "'",
    '(',
    ')',
    '*',
    '[',
    ']',
  ]

  it('round-trips names with reserved characters through the agent_name and tool_name filters', async () => {
    const api = live.client()
    const suffix = randomUUID().slice(0, 8)
    for (const char of reserved) {
      const tool = await ok(
        api.POST('/api/v1/tools', { body: { name: `t${char}x${char}${suffix}`, description: 'd' } }),
      )
      const agent = await ok(
        api.POST('/api/v1/agents', {
          body: { name: `a${char}b ${char}%26${suffix}`, role: 'r', description: 'd', tool_ids: [tool.id] },
        }),
      )
      const tools = await ok(api.GET('/api/v1/tools', { params: { query: { agent_name: agent.name } } }))
      expect(
        tools.items.map((t) => t.id),
        `agent_name with ${JSON.stringify(char)}`,
      ).to.deep.equal([tool.id])
      const agents = await ok(api.GET('/api/v1/agents', { params: { query: { tool_name: tool.name } } }))
      expect(
        agents.items.map((a) => a.id),
        `tool_name with ${JSON.stringify(char)}`,
      ).to.deep.equal([agent.id])
    }
  })

  it('runs an agent without stream, and streams a run as parsed events', async () => {
    const api = live.client()
    const agent = await ok(
      api.POST('/api/v1/agents', { body: { name: `runner-${randomUUID()}`, role: 'r', description: 'd' } }),
    )
    const execution = await ok(
      api.POST('/api/v1/agents/{id}/run', {
        params: { path: { id: agent.id } },
        body: { prompt: 'Hi', model: await model() },
      }),
    )
    expect(execution).to.include({ agent_id: agent.id, status: 'completed' })

    const events = []
    for await (const event of api.streamRun(agent.id, { prompt: 'Say hello', model: await model() }))
      events.push(event)
    const names = events.map((e) => e.event)
    expect(names[0]).to.equal('execution.created')
    expect(names.at(-1)).to.equal('execution.completed')
    expect(names.slice(1, -1)).to.not.be.empty
    expect(new Set(names.slice(1, -1))).to.deep.equal(new Set(['response.delta']))
    // data is parsed JSON: the deltas make up the completed execution's response
    const deltas = events.slice(1, -1).map((e) => (e.data as { delta: string }).delta)
    const completed = events.at(-1)!.data as { id: string; response: string; status: string }
    expect(completed.status).to.equal('completed')
    expect(deltas.join('')).to.equal(completed.response)
    const stored = await ok(api.GET('/api/v1/history/{id}', { params: { path: { id: completed.id } } }))
    expect(stored.response).to.equal(completed.response)
  })

  it('throws a ProblemError for a problem answer, with the problem document and the response', async () => {
    const api = live.client()
    const id = randomUUID()
    const error: unknown = await ok(api.GET('/api/v1/agents/{id}', { params: { path: { id } } })).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).to.be.instanceOf(ProblemError)
    if (!isProblemError(error)) throw new Error('unreachable')
    expect(error.status).to.equal(404)
    expect(error.problem).to.include({ status: 404, error_code: 'AGENT_NOT_FOUND' })
    expect(error.message).to.match(/^404 AGENT_NOT_FOUND: /)
    expect(error.response.headers.get('content-type')).to.match(/^application\/problem\+json/)
  })

  it('pages the history with cursors, each execution once, newest first', async () => {
    const recorder = recordingFetch()
    const api = live.client({ fetch: recorder.fetch })
    const agent = await ok(
      api.POST('/api/v1/agents', { body: { name: `paged-${randomUUID()}`, role: 'r', description: 'd' } }),
    )
    const ran: string[] = []
    for (let i = 0; i < 5; i++) {
      const execution = await ok(
        api.POST('/api/v1/agents/{id}/run', {
          params: { path: { id: agent.id } },
          body: { prompt: `n${i}`, model: await model() },
        }),
      )
      ran.push(execution.id)
    }
    recorder.attempts.length = 0
    const seen: string[] = []
    for await (const execution of api.list.agentHistory(agent.id, { limit: 2 })) seen.push(execution.id)
    expect(seen).to.deep.equal([...ran].reverse())
    expect(recorder.attempts.map((a) => new URL(a.url).searchParams.has('cursor'))).to.deep.equal([
      false,
      true,
      true,
    ])

    const filtered: string[] = []
    for await (const execution of api.list.history({ agent_id: agent.id, limit: 3 }))
      filtered.push(execution.id)
    expect(filtered).to.deep.equal([...ran].reverse())
  })

  it('pages offset lists until has_more is false', async () => {
    const api = live.client()
    const tool = await ok(
      api.POST('/api/v1/tools', { body: { name: `paged-tool-${randomUUID()}`, description: 'd' } }),
    )
    const names: string[] = []
    for (let i = 0; i < 3; i++) {
      const agent = await ok(
        api.POST('/api/v1/agents', {
          body: {
            name: `paged-agent-${i}-${randomUUID()}`,
            role: 'r',
            description: 'd',
            tool_ids: [tool.id],
          },
        }),
      )
      names.push(agent.name)
    }
    const listed: string[] = []
    for await (const agent of api.list.agents({ tool_name: tool.name, limit: 1 })) listed.push(agent.name)
    expect(listed).to.deep.equal([...names].reverse())
  })

  it("sends an Idempotency-Key of its own on the POSTs that accept one, and keeps the caller's", async () => {
    const recorder = recordingFetch()
    const api = live.client({ fetch: recorder.fetch })
    await ok(api.POST('/api/v1/tools', { body: { name: `keyed-${randomUUID()}`, description: 'd' } }))
    await ok(
      api.POST('/api/v1/tools', {
        body: { name: `keyed-${randomUUID()}`, description: 'd' },
        headers: { 'Idempotency-Key': 'mine-1' },
      }),
    )
    await ok(api.GET('/api/v1/tools'))
    const [first, second, list] = recorder.attempts
    expect(first!.idempotencyKey).to.match(/^[0-9a-f-]{36}$/)
    expect(second!.idempotencyKey).to.equal('mine-1')
    expect(list!.idempotencyKey).to.equal(null)
  })
})
