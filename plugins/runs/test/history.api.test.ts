import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import type postgres from 'postgres'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { inTenantTransaction } from '../../../db/client.js'
import { noToolsWarning } from '../execution.js'

const missingId = '00000000-0000-4000-8000-000000000000'

type Status = 'completed' | 'failed' | 'cancelled'

interface ToolBody {
  id: string
  name: string
  description: string
}

interface AgentBody {
  id: string
  name: string
  role: string
  description: string
  tools: ToolBody[]
}

interface ExecutionBody {
  id: string
  agent_id: string
  agent_name: string
  agent: AgentBody
  model: string
  provider: string
  prompt: string
  response: string | null
  tools_available: string[]
  tool_calls: { name: string; arguments: string }[]
  warning?: string
  status: Status
  error?: Record<string, unknown>
  usage: { input_tokens: number; output_tokens: number; total_tokens: number; estimated: boolean }
  cost_usd: number
  latency_ms: number
  created_at: string
}

interface PageBody {
  items: ExecutionBody[]
  total: number
  limit: number
  offset: number
  has_more: boolean
  next_cursor: string | null
}

interface Figures {
  runs: number
  input_tokens: number
  output_tokens: number
  total_tokens: number
  cost_usd: number
}

interface UsageBody {
  from: string
  to: string
  group_by: 'model' | 'agent' | 'day' | null
  totals: Figures
  groups: (Figures & { key: string; agent_name?: string })[]
}

/** An execution to store; created_at is a date-time text, microseconds allowed. */
interface Seed {
  agent: AgentBody
  created_at: string
  model?: string
  status?: Status
  input_tokens?: number
  output_tokens?: number
  cost_usd?: string
  tool_calls?: { name: string; arguments: string }[]
}

interface Seeded extends Seed {
  id: string
}

// Executions are placed relative to an hour ago, so they are in the past and inside usage's default range.
const base = Date.now() - 60 * 60 * 1000

/** base minus secondsAgo, plus micros microseconds, as 'YYYY-MM-DDTHH:MM:SS.ffffffZ'. */
const timeAt = (secondsAgo: number, micros = 0): string =>
  new Date(base - secondsAgo * 1000).toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`)

const snapshotOf = ({ id, name, role, description, tools }: AgentBody) => ({
  id,
  name,
  role,
  description,
  tools,
})

/** The problem a failed run records, as the run service stores it. */
const providerProblem = (executionId: string) => ({
  type: 'urn:mini-agent-platform:problem:PROVIDER_ERROR',
  title: 'The model provider failed',
  status: 502,
  detail: 'It broke.',
  instance: 'urn:request:seeded',
  error_code: 'PROVIDER_ERROR',
  details: { execution_id: executionId, provider: 'mock' },
})

/** Stores executions as the API's role would, in the tenant's transaction; returns them with their ids. */
async function insertExecutions(tenant: TestTenant, seeds: readonly Seed[]): Promise<Seeded[]> {
  const rows = seeds.map((seed) => {
    const status = seed.status ?? 'completed'
    const id = randomUUID()
    return {
      id,
      agent_id: seed.agent.id,
      agent_snapshot: snapshotOf(seed.agent),
      model: seed.model ?? 'mock-echo',
      provider: 'mock',
      prompt: 'Say hello',
      response: status === 'failed' ? null : 'hello',
      status,
      error: status === 'completed' ? null : providerProblem(id),
      tool_calls: seed.tool_calls ?? null,
      input_tokens: seed.input_tokens ?? 10,
      output_tokens: seed.output_tokens ?? 5,
      cost_usd: seed.cost_usd ?? '0.00001000',
      latency_ms: 42,
      created_at: seed.created_at,
    }
  })
  await inTenantTransaction(
    testStack().appSql,
    tenant.tenantId,
    (tx) => tx`
      insert into execution_logs (id, agent_id, agent_snapshot, model, provider, prompt, response, status, error,
                                  tool_calls, input_tokens, output_tokens, cost_usd, latency_ms, created_at)
      select id, agent_id, agent_snapshot, model, provider, prompt, response, status, error,
             tool_calls, input_tokens, output_tokens, cost_usd, latency_ms, created_at
        from jsonb_to_recordset(${tx.json(rows as unknown as postgres.JSONValue)}) as r(
               id uuid, agent_id uuid, agent_snapshot jsonb, model text, provider text, prompt text,
               response text, status text, error jsonb, tool_calls jsonb, input_tokens int, output_tokens int,
               cost_usd numeric, latency_ms int, created_at timestamptz)`,
  )
  return seeds.map((seed, i) => ({ ...seed, id: rows[i]!.id }))
}

/** The order of every history list: created_at, then id, both descending. */
const newestFirst = (seeded: readonly Seeded[]): string[] =>
  [...seeded]
    .sort((x, y) =>
      x.created_at === y.created_at ? (x.id < y.id ? 1 : -1) : x.created_at < y.created_at ? 1 : -1,
    )
    .map((execution) => execution.id)

const ids = (body: PageBody): string[] => body.items.map((item) => item.id)

const range = (count: number): number[] => Array.from({ length: count }, (_, n) => n)

async function setUpTenant(label: string) {
  const tenant = await createTestTenant(label)
  const api = asTenant(tenant)
  const createTool = async (name: string): Promise<ToolBody> =>
    (
      await api
        .post('/api/v1/tools')
        .send({ name, description: `${name} does things` })
        .expect(201)
    ).body as ToolBody
  const createAgent = async (name: string, toolIds: string[] = []): Promise<AgentBody> =>
    (
      await api
        .post('/api/v1/agents')
        .send({ name, role: `${name} role`, description: `${name} description`, tool_ids: toolIds })
        .expect(201)
    ).body as AgentBody
  return { tenant, api, createTool, createAgent }
}

/** Follows next_cursor from the first page to the last; between pages, calls between(). */
async function walk(
  get: (cursor: string | undefined) => Promise<PageBody>,
  between: () => Promise<void> = () => Promise.resolve(),
): Promise<{ seen: string[]; pages: PageBody[] }> {
  const pages: PageBody[] = []
  let cursor: string | undefined
  do {
    const page = await get(cursor)
    pages.push(page)
    expect(page.has_more, 'has_more says whether next_cursor is given').to.equal(page.next_cursor !== null)
    cursor = page.next_cursor ?? undefined
    await between()
  } while (cursor !== undefined && pages.length < 1000)
  return { seen: pages.flatMap(ids), pages }
}

const problem = (res: { status: number; headers: Record<string, string>; body: unknown }) => {
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/)
  return res.body as { error_code: string; details: Record<string, unknown> }
}

describe('execution history API', () => {
  describe('GET /api/v1/history', () => {
    it('pages 100 executions by limit and offset, newest first, with exact total and has_more', async () => {
      const { tenant, api, createAgent } = await setUpTenant('history-offset')
      const agent = await createAgent('pager')
      const seeded = await insertExecutions(
        tenant,
        range(100).map((n) => ({ agent, created_at: timeAt(n + 1) })),
      )
      const expected = newestFirst(seeded)

      const middle = (await api.get('/api/v1/history?limit=10&offset=20').expect(200)).body as PageBody
      expect(ids(middle), 'the 21st to the 30th newest').to.deep.equal(expected.slice(20, 30))
      expect(middle).to.include({ total: 100, limit: 10, offset: 20, has_more: true })

      const first = (await api.get('/api/v1/history').expect(200)).body as PageBody
      expect(ids(first)).to.deep.equal(expected.slice(0, 20))
      expect(first).to.include({ total: 100, limit: 20, offset: 0, has_more: true })

      const lastFull = (await api.get('/api/v1/history?limit=10&offset=90').expect(200)).body as PageBody
      expect(ids(lastFull)).to.deep.equal(expected.slice(90))
      expect(lastFull).to.include({ has_more: false, next_cursor: null })

      const partial = (await api.get('/api/v1/history?limit=10&offset=95').expect(200)).body as PageBody
      expect(ids(partial)).to.deep.equal(expected.slice(95))
      expect(partial).to.include({ total: 100, has_more: false, next_cursor: null })

      const beyond = (await api.get('/api/v1/history?limit=10&offset=100').expect(200)).body as PageBody
      expect(beyond).to.deep.include({ items: [], total: 100, has_more: false, next_cursor: null })

      // An offset page's cursor continues right after it.
      const next = (
        await api.get('/api/v1/history').query({ limit: 10, cursor: middle.next_cursor }).expect(200)
      ).body as PageBody
      expect(ids(next)).to.deep.equal(expected.slice(30, 40))
      expect(next).to.include({ total: 100, offset: 0, has_more: true })
    })

    it('walks 100 executions by cursor, 7 at a time, each exactly once and in order, while new ones arrive', async () => {
      const { tenant, api, createAgent } = await setUpTenant('history-cursor')
      const agent = await createAgent('walker')
      const seeded = await insertExecutions(
        tenant,
        range(100).map((n) => ({ agent, created_at: timeAt(n + 1) })),
      )
      const arrived: string[] = []
      let arrivals = 0
      const { seen, pages } = await walk(
        async (cursor) =>
          (
            await api
              .get('/api/v1/history')
              .query({ limit: 7, ...(cursor ? { cursor } : {}) })
              .expect(200)
          ).body as PageBody,
        async () => {
          // A run recorded now is newer than every page already served: it belongs before them.
          arrivals += 1
          const [execution] = await insertExecutions(tenant, [
            { agent, created_at: new Date(base + 60_000 + arrivals).toISOString() },
          ])
          arrived.push(execution!.id)
        },
      )
      expect(seen, 'every execution once, newest first').to.deep.equal(newestFirst(seeded))
      expect(pages).to.have.length(Math.ceil(100 / 7))
      expect(pages.map((page) => page.total)).to.deep.equal(range(pages.length).map((n) => 100 + n))
      expect(pages.every((page) => page.offset === 0 && page.limit === 7)).to.equal(true)
      // The arrivals are all there, at the head of a fresh first page.
      const head = (await api.get('/api/v1/history?limit=20').expect(200)).body as PageBody
      expect(ids(head).slice(0, arrived.length)).to.deep.equal([...arrived].reverse())
    })

    it('keeps microseconds in the cursor, and orders equal timestamps by id', async () => {
      const { tenant, api, createAgent } = await setUpTenant('history-micros')
      const agent = await createAgent('precise')
      // All in one millisecond: four share it exactly, the rest differ by microseconds only.
      const seeded = await insertExecutions(tenant, [
        ...range(4).map(() => ({ agent, created_at: timeAt(10, 0) })),
        ...[1, 2, 3, 500, 998, 999].map((micros) => ({ agent, created_at: timeAt(10, micros) })),
        ...range(3).map(() => ({ agent, created_at: timeAt(10, 999) })),
      ])
      for (const limit of [1, 2, 3]) {
        const { seen } = await walk(
          async (cursor) =>
            (
              await api
                .get('/api/v1/history')
                .query({ limit, ...(cursor ? { cursor } : {}) })
                .expect(200)
            ).body as PageBody,
        )
        expect(seen, `pages of ${limit}`).to.deep.equal(newestFirst(seeded))
      }
      // The bounds keep their microseconds too.
      const between = (
        await api
          .get('/api/v1/history')
          .query({ created_after: timeAt(10, 2), created_before: timeAt(10, 999) })
          .expect(200)
      ).body as PageBody
      expect(ids(between)).to.deep.equal(
        newestFirst(seeded.filter((e) => e.created_at >= timeAt(10, 2) && e.created_at < timeAt(10, 999))),
      )
      expect(between.total).to.equal(4)
    })

    it('narrows by agent_id, model, status, created_after (inclusive) and created_before (exclusive), alone and combined', async () => {
      const { tenant, api, createAgent } = await setUpTenant('history-filters')
      const alpha = await createAgent('alpha')
      const beta = await createAgent('beta')
      const statuses: Status[] = ['completed', 'failed', 'cancelled']
      const seeded = await insertExecutions(
        tenant,
        range(24).map((n) => ({
          agent: n % 2 === 0 ? alpha : beta,
          model: n % 3 === 0 ? 'gpt-4o-mini' : 'mock-echo',
          status: statuses[Math.floor(n / 2) % 3]!,
          created_at: timeAt(60 * (n + 1), n),
        })),
      )
      const at = (n: number) => seeded[n]!.created_at
      const cases: { query: Record<string, string>; keep: (e: Seeded) => boolean }[] = [
        { query: { agent_id: alpha.id }, keep: (e) => e.agent.id === alpha.id },
        { query: { model: 'gpt-4o-mini' }, keep: (e) => e.model === 'gpt-4o-mini' },
        { query: { status: 'failed' }, keep: (e) => e.status === 'failed' },
        { query: { created_after: at(10) }, keep: (e) => e.created_at >= at(10) },
        { query: { created_before: at(10) }, keep: (e) => e.created_at < at(10) },
        {
          query: { created_after: at(20), created_before: at(4) },
          keep: (e) => e.created_at >= at(20) && e.created_at < at(4),
        },
        {
          query: { agent_id: beta.id, status: 'failed', model: 'gpt-4o-mini', created_before: at(4) },
          keep: (e) =>
            e.agent.id === beta.id &&
            e.status === 'failed' &&
            e.model === 'gpt-4o-mini' &&
            e.created_at < at(4),
        },
        { query: { model: 'no-such-model' }, keep: () => false },
      ]
      for (const { query, keep } of cases) {
        const expected = newestFirst(seeded.filter(keep))
        expect(expected.length, `${JSON.stringify(query)} leaves a proper subset`).to.be.below(24)
        if (query.model !== 'no-such-model') expect(expected, JSON.stringify(query)).to.not.be.empty
        const page = (
          await api
            .get('/api/v1/history')
            .query({ ...query, limit: 100 })
            .expect(200)
        ).body as PageBody
        expect(ids(page), JSON.stringify(query)).to.deep.equal(expected)
        expect(page.total, JSON.stringify(query)).to.equal(expected.length)
        // Cursor pages under the same filters agree with the single page.
        const { seen } = await walk(
          async (cursor) =>
            (
              await api
                .get('/api/v1/history')
                .query({ ...query, limit: 2, ...(cursor ? { cursor } : {}) })
                .expect(200)
            ).body as PageBody,
        )
        expect(seen, `cursor pages of ${JSON.stringify(query)}`).to.deep.equal(expected)
      }
      // The bounds include an execution at exactly created_after and exclude one at exactly created_before.
      const exact = (
        await api
          .get('/api/v1/history')
          .query({ created_after: at(7), created_before: at(6) })
          .expect(200)
      ).body as PageBody
      expect(ids(exact)).to.deep.equal([seeded[7]!.id])
    })

    it('answers 400 INVALID_CURSOR for a cursor that does not decode, is forged, or was issued for other filters', async () => {
      const { tenant, api, createAgent } = await setUpTenant('history-bad-cursor')
      const agent = await createAgent('cursed')
      const seeded = await insertExecutions(
        tenant,
        range(5).map((n) => ({ agent, created_at: timeAt(n + 1), model: 'gpt-4o-mini' })),
      )
      const filtered = (await api.get('/api/v1/history?model=gpt-4o-mini&limit=2').expect(200))
        .body as PageBody
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
      const decoded = JSON.parse(Buffer.from(filtered.next_cursor!, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >
      const undecodable = [
        'not a cursor!',
        Buffer.from('hello').toString('base64url'),
        encode([1, 2, 3]),
        encode({ ...decoded, v: 2 }),
        encode({ ...decoded, at: '2025-02-31T00:00:00.000000Z' }),
        encode({ ...decoded, at: '2025-01-01T00:00:00Z' }),
        encode({ ...decoded, id: 'not-a-uuid' }),
      ]
      for (const cursor of undecodable) {
        const res = await api.get('/api/v1/history').query({ cursor, model: 'gpt-4o-mini' }).expect(400)
        expect(problem(res).error_code, cursor).to.equal('INVALID_CURSOR')
      }
      const otherFilters = [
        { cursor: filtered.next_cursor },
        { cursor: filtered.next_cursor, model: 'mock-echo' },
        { cursor: filtered.next_cursor, model: 'gpt-4o-mini', status: 'completed' },
        { cursor: encode({ ...decoded, f: 'x' }), model: 'gpt-4o-mini' },
      ]
      for (const query of otherFilters) {
        const res = await api.get('/api/v1/history').query(query).expect(400)
        expect(problem(res)).to.deep.include({
          error_code: 'INVALID_CURSOR',
          details: { reason: 'it was issued for different filters' },
        })
      }
      const agentPage = await api
        .get(`/api/v1/agents/${agent.id}/history`)
        .query({ cursor: filtered.next_cursor })
      expect(agentPage.status).to.equal(400)
      expect(problem(agentPage).error_code).to.equal('INVALID_CURSOR')
      // The untouched cursor, with its filters, still works.
      const next = (
        await api
          .get('/api/v1/history')
          .query({ cursor: filtered.next_cursor, model: 'gpt-4o-mini' })
          .expect(200)
      ).body as PageBody
      expect(ids(next)).to.deep.equal(newestFirst(seeded).slice(2))
    })

    it('answers 400 VALIDATION_ERROR for a cursor with an offset, bounds out of order, and values off the contract', async () => {
      const { tenant, api, createAgent } = await setUpTenant('history-invalid')
      const agent = await createAgent('strict')
      await insertExecutions(
        tenant,
        range(3).map((n) => ({ agent, created_at: timeAt(n + 1) })),
      )
      const { next_cursor: cursor } = (await api.get('/api/v1/history?limit=1').expect(200)).body as PageBody

      const withOffset = await api.get('/api/v1/history').query({ cursor, offset: 1 }).expect(400)
      expect(problem(withOffset)).to.deep.include({
        error_code: 'VALIDATION_ERROR',
        details: {
          errors: [{ path: '/query/offset', message: 'must be 0 (or absent) when a cursor is given' }],
        },
      })
      await api.get('/api/v1/history').query({ cursor, offset: 0 }).expect(200)

      const reversed = await api
        .get('/api/v1/history')
        .query({ created_after: '2024-05-02T00:00:00Z', created_before: '2024-05-01T00:00:00Z' })
        .expect(400)
      expect(problem(reversed).error_code).to.equal('VALIDATION_ERROR')
      expect(problem(reversed).details.errors).to.deep.equal([
        { path: '/query/created_after', message: 'must not be later than created_before' },
      ])
      // Microseconds count: one past the other is out of order, equal is an empty range.
      await api
        .get('/api/v1/history')
        .query({
          created_after: '2024-05-01T00:00:00.000002Z',
          created_before: '2024-05-01T00:00:00.000001Z',
        })
        .expect(400)
      const empty = await api
        .get('/api/v1/history')
        .query({ created_after: '2024-05-01T00:00:00Z', created_before: '2024-05-01T02:00:00+02:00' })
        .expect(200)
      expect(empty.body).to.include({ total: 0 })

      for (const query of [
        { limit: 0 },
        { limit: 101 },
        { offset: -1 },
        { status: 'paused' },
        { agent_id: 'not-a-uuid' },
        { model: '' },
        { created_after: 'yesterday' },
        { cursor: '' },
        { unknown: 'x' },
      ]) {
        const res = await api.get('/api/v1/history').query(query)
        expect(res.status, JSON.stringify(query)).to.equal(400)
        expect(problem(res).error_code, JSON.stringify(query)).to.equal('VALIDATION_ERROR')
      }
    })

    it('serves each execution as recorded: agent name and tools from the snapshot, total tokens, a warning without tools', async () => {
      const { tenant, api, createTool, createAgent } = await setUpTenant('history-shape')
      const calc = await createTool('calc')
      const browse = await createTool('browse')
      const equipped = await createAgent('researcher', [calc.id, browse.id])
      const bare = await createAgent('bare')
      const [withTools, failed, withoutTools] = await insertExecutions(tenant, [
        {
          agent: equipped,
          created_at: timeAt(3),
          model: 'gpt-4o-mini',
          input_tokens: 120,
          output_tokens: 30,
          cost_usd: '0.00123000',
          tool_calls: [{ name: 'calc', arguments: '{"expression":"1+1"}' }],
        },
        { agent: equipped, created_at: timeAt(2), status: 'failed', input_tokens: 7, output_tokens: 0 },
        { agent: bare, created_at: timeAt(1) },
      ])
      // Renaming the agent and unlinking its tools does not rewrite history.
      await api.patch(`/api/v1/agents/${equipped.id}`).send({ name: 'renamed', tool_ids: [] }).expect(200)

      const res = await api.get(`/api/v1/history/${withTools!.id}`).expect(200)
      expect(res.body).to.deep.equal({
        id: withTools!.id,
        agent_id: equipped.id,
        agent_name: 'researcher',
        agent: snapshotOf(equipped),
        model: 'gpt-4o-mini',
        provider: 'mock',
        prompt: 'Say hello',
        response: 'hello',
        tools_available: equipped.tools.map((tool) => tool.name),
        tool_calls: [{ name: 'calc', arguments: '{"expression":"1+1"}' }],
        status: 'completed',
        usage: { input_tokens: 120, output_tokens: 30, total_tokens: 150, estimated: false },
        cost_usd: 0.00123,
        latency_ms: 42,
        created_at: new Date(withTools!.created_at).toISOString(),
        // Recorded before the run loop: no steps, no step limit.
        steps_count: 0,
      })
      expect(equipped.tools.map((tool) => tool.name)).to.deep.equal(['browse', 'calc'])

      const list = (await api.get('/api/v1/history').expect(200)).body as PageBody
      expect(list.items.map((item) => item.id)).to.deep.equal([withoutTools!.id, failed!.id, withTools!.id])
      expect(list.items[2]).to.deep.equal(res.body)
      expect(list.items[1]).to.deep.include({
        status: 'failed',
        response: null,
        error: providerProblem(failed!.id),
        tool_calls: [],
        usage: { input_tokens: 7, output_tokens: 0, total_tokens: 7, estimated: false },
      })
      expect(list.items[0]).to.deep.include({
        agent_name: 'bare',
        tools_available: [],
        warning: noToolsWarning,
      })
      expect(list.items[2]).to.not.have.property('warning')
      expect(list.items[2]).to.not.have.property('error')
    })
  })

  describe('GET /api/v1/history/{id}', () => {
    it('answers 404 EXECUTION_NOT_FOUND for an unknown id and 400 for one that is not a uuid', async () => {
      const { api } = await setUpTenant('history-missing')
      const res = await api.get(`/api/v1/history/${missingId}`).expect(404)
      expect(problem(res)).to.deep.include({ error_code: 'EXECUTION_NOT_FOUND', details: { id: missingId } })
      const malformed = await api.get('/api/v1/history/not-a-uuid').expect(400)
      expect(problem(malformed).error_code).to.equal('VALIDATION_ERROR')
    })

    it('refuses PUT, PATCH and DELETE with 405 METHOD_NOT_ALLOWED: executions are immutable', async () => {
      const { tenant, api, createAgent } = await setUpTenant('history-immutable')
      const agent = await createAgent('fixed')
      const [execution] = await insertExecutions(tenant, [{ agent, created_at: timeAt(1) }])
      const before = (await api.get(`/api/v1/history/${execution!.id}`).expect(200)).body as ExecutionBody
      for (const method of ['put', 'patch', 'delete'] as const) {
        const res = await api[method](`/api/v1/history/${execution!.id}`).send({ status: 'failed' })
        expect(res.status, method).to.equal(405)
        expect(problem(res).error_code, method).to.equal('METHOD_NOT_ALLOWED')
      }
      const deleteAll = await api.delete('/api/v1/history')
      expect(deleteAll.status).to.equal(405)
      expect(problem(deleteAll).error_code).to.equal('METHOD_NOT_ALLOWED')
      expect((await api.get(`/api/v1/history/${execution!.id}`).expect(200)).body).to.deep.equal(before)
    })
  })

  describe('GET /api/v1/agents/{id}/history', () => {
    it("lists only the agent's executions, newest first, by offset and by cursor, with the same filters", async () => {
      const { tenant, api, createAgent } = await setUpTenant('history-agent')
      const mine = await createAgent('mine')
      const other = await createAgent('other')
      const seeded = await insertExecutions(
        tenant,
        range(30).map((n) => ({
          agent: n % 3 === 0 ? other : mine,
          status: n % 4 === 0 ? ('failed' as const) : ('completed' as const),
          created_at: timeAt(n + 1),
        })),
      )
      const expected = newestFirst(seeded.filter((e) => e.agent.id === mine.id))
      const page = (await api.get(`/api/v1/agents/${mine.id}/history?limit=5&offset=5`).expect(200))
        .body as PageBody
      expect(ids(page)).to.deep.equal(expected.slice(5, 10))
      expect(page).to.include({ total: expected.length, limit: 5, offset: 5, has_more: true })
      expect(page.items.every((item) => item.agent_id === mine.id && item.agent_name === 'mine')).to.equal(
        true,
      )

      const { seen } = await walk(
        async (cursor) =>
          (
            await api
              .get(`/api/v1/agents/${mine.id}/history`)
              .query({ limit: 4, ...(cursor ? { cursor } : {}) })
              .expect(200)
          ).body as PageBody,
      )
      expect(seen).to.deep.equal(expected)

      const failed = (await api.get(`/api/v1/agents/${mine.id}/history?status=failed`).expect(200))
        .body as PageBody
      expect(ids(failed)).to.deep.equal(
        newestFirst(seeded.filter((e) => e.agent.id === mine.id && e.status === 'failed')),
      )
      expect(failed.total).to.be.above(0)
    })

    it('answers 404 AGENT_NOT_FOUND for an unknown agent, an empty page for an agent without executions', async () => {
      const { api, createAgent } = await setUpTenant('history-agent-missing')
      const res = await api.get(`/api/v1/agents/${missingId}/history`).expect(404)
      expect(problem(res).error_code).to.equal('AGENT_NOT_FOUND')
      const idle = await createAgent('idle')
      const empty = await api.get(`/api/v1/agents/${idle.id}/history`).expect(200)
      expect(empty.body).to.deep.equal({
        items: [],
        total: 0,
        limit: 20,
        offset: 0,
        has_more: false,
        next_cursor: null,
      })
      const withAgentId = await api.get(`/api/v1/agents/${idle.id}/history?agent_id=${idle.id}`).expect(400)
      expect(problem(withAgentId).error_code).to.equal('VALIDATION_ERROR')
    })
  })

  describe('history and usage across tenants', () => {
    it("never shows one tenant's executions, agents or usage to another", async () => {
      const a = await setUpTenant('history-owner')
      const b = await setUpTenant('history-other')
      const agentA = await a.createAgent('shared-name')
      const agentB = await b.createAgent('shared-name')
      const seededA = await insertExecutions(
        a.tenant,
        range(6).map((n) => ({ agent: agentA, created_at: timeAt(n + 1), cost_usd: '1.50000000' })),
      )
      const [executionB] = await insertExecutions(b.tenant, [{ agent: agentB, created_at: timeAt(100) }])

      const listB = (await b.api.get('/api/v1/history?limit=100').expect(200)).body as PageBody
      expect(ids(listB)).to.deep.equal([executionB!.id])
      expect(listB.total).to.equal(1)
      const byAgent = (await b.api.get(`/api/v1/history?agent_id=${agentA.id}`).expect(200)).body as PageBody
      expect(byAgent).to.include({ total: 0 })

      for (const execution of seededA) {
        const res = await b.api.get(`/api/v1/history/${execution.id}`).expect(404)
        expect(problem(res).error_code).to.equal('EXECUTION_NOT_FOUND')
      }
      const agentHistory = await b.api.get(`/api/v1/agents/${agentA.id}/history`).expect(404)
      expect(problem(agentHistory).error_code).to.equal('AGENT_NOT_FOUND')

      // A's cursor positions B's list; it never reveals A's rows.
      const { next_cursor: cursorA } = (await a.api.get('/api/v1/history?limit=1').expect(200))
        .body as PageBody
      const fromCursor = (await b.api.get('/api/v1/history').query({ cursor: cursorA }).expect(200))
        .body as PageBody
      expect(ids(fromCursor)).to.deep.equal([executionB!.id])

      const usageB = (await b.api.get('/api/v1/usage?group_by=agent').expect(200)).body as UsageBody
      expect(usageB.totals).to.deep.equal({
        runs: 1,
        input_tokens: 10,
        output_tokens: 5,
        total_tokens: 15,
        cost_usd: 0.00001,
      })
      expect(usageB.groups.map((group) => group.key)).to.deep.equal([agentB.id])

      const c = await setUpTenant('history-empty')
      const usageC = (await c.api.get('/api/v1/usage?group_by=model').expect(200)).body as UsageBody
      expect(usageC.totals).to.deep.equal({
        runs: 0,
        input_tokens: 0,
        output_tokens: 0,
        total_tokens: 0,
        cost_usd: 0,
      })
      expect(usageC.groups).to.deep.equal([])
      const usageA = (await a.api.get('/api/v1/usage').expect(200)).body as UsageBody
      expect(usageA.totals).to.include({ runs: 6, cost_usd: 9 })
    })
  })
})

describe('usage API', () => {
  describe('GET /api/v1/usage', () => {
    it('sums runs, tokens and cost exactly over [from, to), from inclusive and to exclusive', async () => {
      const { tenant, api, createAgent } = await setUpTenant('usage-sums')
      const agent = await createAgent('spender')
      await insertExecutions(tenant, [
        {
          agent,
          created_at: '2024-05-01T00:00:00Z',
          input_tokens: 100,
          output_tokens: 1,
          cost_usd: '0.00000123',
        },
        {
          agent,
          created_at: '2024-05-01T12:00:00Z',
          input_tokens: 200,
          output_tokens: 2,
          cost_usd: '0.00000123',
          status: 'failed',
        },
        {
          agent,
          created_at: '2024-05-01T23:59:59.999999Z',
          input_tokens: 300,
          output_tokens: 3,
          cost_usd: '0.00000123',
          status: 'cancelled',
        },
        { agent, created_at: '2024-04-30T23:59:59.999999Z', input_tokens: 5000, cost_usd: '7.00000000' },
        { agent, created_at: '2024-05-02T00:00:00Z', input_tokens: 9000, cost_usd: '11.00000000' },
      ])
      const res = await api
        .get('/api/v1/usage')
        .query({ from: '2024-05-01T00:00:00Z', to: '2024-05-02T00:00:00Z' })
        .expect(200)
      expect(res.body).to.deep.equal({
        from: '2024-05-01T00:00:00.000Z',
        to: '2024-05-02T00:00:00.000Z',
        group_by: null,
        totals: { runs: 3, input_tokens: 600, output_tokens: 6, total_tokens: 606, cost_usd: 0.00000369 },
        groups: [],
      })
      expect(0.00000123 + 0.00000123 + 0.00000123, 'what summing in floating point would give').to.not.equal(
        0.00000369,
      )
      // The same range written with an offset is the same instant.
      const shifted = await api
        .get('/api/v1/usage')
        .query({ from: '2024-05-01T02:00:00+02:00', to: '2024-05-02T02:00:00+02:00' })
        .expect(200)
      expect(shifted.body).to.deep.equal(res.body)
    })

    it('keeps the microseconds of from and to', async () => {
      const { tenant, api, createAgent } = await setUpTenant('usage-micros')
      const agent = await createAgent('exact')
      await insertExecutions(tenant, [
        { agent, created_at: '2024-05-01T12:00:00.000000Z', input_tokens: 1 },
        { agent, created_at: '2024-05-01T12:00:00.000001Z', input_tokens: 2 },
        { agent, created_at: '2024-05-01T12:00:00.000002Z', input_tokens: 4 },
      ])
      const usage = async (from: string, to: string) =>
        ((await api.get('/api/v1/usage').query({ from, to }).expect(200)).body as UsageBody).totals
          .input_tokens
      expect(await usage('2024-05-01T12:00:00.000001Z', '2024-05-01T13:00:00Z')).to.equal(6)
      expect(await usage('2024-05-01T11:00:00Z', '2024-05-01T12:00:00.000001Z')).to.equal(1)
      expect(await usage('2024-05-01T12:00:00.000001Z', '2024-05-01T12:00:00.000002Z')).to.equal(2)
      const body = (
        await api
          .get('/api/v1/usage')
          .query({ from: '2024-05-01T14:00:00.000001+02:00', to: '2024-05-01t12:00:00.000002z' })
          .expect(200)
      ).body as UsageBody
      expect(body).to.deep.include({ from: '2024-05-01T12:00:00.000001Z', to: '2024-05-01T12:00:00.000002Z' })
      expect(body.totals.input_tokens).to.equal(2)
    })

    it('groups by model, by agent (named from its latest run) and by UTC day, ordered by key, with exact sums', async () => {
      const { tenant, api, createAgent } = await setUpTenant('usage-groups')
      const first = await createAgent('first')
      const second = await createAgent('second')
      await insertExecutions(tenant, [
        { agent: first, model: 'b-model', created_at: '2024-06-01T23:59:59.999999Z', cost_usd: '0.00000123' },
        { agent: first, model: 'a-model', created_at: '2024-06-02T00:00:00Z', cost_usd: '0.00000123' },
        { agent: second, model: 'b-model', created_at: '2024-06-02T01:00:00+02:00', cost_usd: '0.00000123' },
        {
          agent: { ...second, name: 'second-renamed' },
          model: 'b-model',
          created_at: '2024-06-03T10:00:00Z',
        },
        { agent: { ...first, name: 'first-old' }, model: 'a-model', created_at: '2024-05-31T10:00:00Z' },
        { agent: first, model: 'c-model', created_at: '2024-06-10T00:00:00Z', cost_usd: '5.00000000' },
      ])
      const usage = async (groupBy: string) =>
        (
          await api
            .get('/api/v1/usage')
            .query({ from: '2024-05-31T00:00:00Z', to: '2024-06-10T00:00:00Z', group_by: groupBy })
            .expect(200)
        ).body as UsageBody
      const figures = (runs: number, cost: number) => ({
        runs,
        input_tokens: 10 * runs,
        output_tokens: 5 * runs,
        total_tokens: 15 * runs,
        cost_usd: cost,
      })

      const byModel = await usage('model')
      expect(byModel.group_by).to.equal('model')
      expect(byModel.totals).to.deep.equal(figures(5, 0.00002369))
      expect(byModel.groups).to.deep.equal([
        { key: 'a-model', ...figures(2, 0.00001123) },
        { key: 'b-model', ...figures(3, 0.00001246) },
      ])

      const byAgent = await usage('agent')
      const expectedAgents = [
        { key: first.id, agent_name: 'first', ...figures(3, 0.00001246) },
        { key: second.id, agent_name: 'second-renamed', ...figures(2, 0.00001123) },
      ].sort((x, y) => (x.key < y.key ? -1 : 1))
      expect(byAgent.groups).to.deep.equal(expectedAgents)
      expect(byAgent.totals).to.deep.equal(byModel.totals)

      const byDay = await usage('day')
      expect(byDay.groups).to.deep.equal([
        { key: '2024-05-31', ...figures(1, 0.00001) },
        { key: '2024-06-01', ...figures(2, 0.00000246) },
        { key: '2024-06-02', ...figures(1, 0.00000123) },
        { key: '2024-06-03', ...figures(1, 0.00001) },
      ])
    })

    it('covers the last 30 days until now by default, and 720 hours before to when only to is given', async () => {
      const { tenant, api, createAgent } = await setUpTenant('usage-default')
      const agent = await createAgent('recent')
      const day = 24 * 60 * 60
      await insertExecutions(tenant, [
        { agent, created_at: timeAt(29 * day), input_tokens: 1 },
        { agent, created_at: timeAt(0), input_tokens: 2 },
        { agent, created_at: timeAt(31 * day), input_tokens: 4 },
        { agent, created_at: new Date(Date.now() + 60 * 60 * 1000).toISOString(), input_tokens: 8 },
      ])
      const before = Date.now()
      const res = (await api.get('/api/v1/usage').expect(200)).body as UsageBody
      expect(res.totals).to.include({ runs: 2, input_tokens: 3 })
      expect(Date.parse(res.to)).to.be.within(before - 5000, Date.now() + 1000)
      expect(Date.parse(res.to) - Date.parse(res.from)).to.equal(720 * 60 * 60 * 1000)
      expect(res.from.slice(19)).to.equal(res.to.slice(19))

      const toOnly = (
        await api
          .get('/api/v1/usage')
          .query({ to: timeAt(30 * day) })
          .expect(200)
      ).body as UsageBody
      // Echoed with milliseconds, as every timestamp, when the bound has no finer digits.
      const inMilliseconds = (time: string) => time.replace(/(\.\d{3})000Z$/, '$1Z')
      expect(toOnly.to).to.equal(inMilliseconds(timeAt(30 * day)))
      expect(toOnly.from).to.equal(inMilliseconds(timeAt(60 * day)))
      expect(toOnly.totals).to.include({ runs: 1, input_tokens: 4 })

      const fromOnly = (
        await api
          .get('/api/v1/usage')
          .query({ from: timeAt(30 * day) })
          .expect(200)
      ).body as UsageBody
      expect(fromOnly.totals).to.include({ runs: 2, input_tokens: 3 })
    })

    it('answers 400 VALIDATION_ERROR when from is later than to (or than now without to) or group_by is unknown', async () => {
      const { api } = await setUpTenant('usage-invalid')
      const reversed = await api
        .get('/api/v1/usage')
        .query({ from: '2024-06-02T00:00:00Z', to: '2024-06-01T00:00:00Z' })
        .expect(400)
      expect(problem(reversed)).to.deep.include({
        error_code: 'VALIDATION_ERROR',
        details: { errors: [{ path: '/query/from', message: 'must not be later than to' }] },
      })
      const future = await api
        .get('/api/v1/usage')
        .query({ from: new Date(Date.now() + 60 * 60 * 1000).toISOString() })
        .expect(400)
      expect(problem(future).details.errors).to.deep.equal([
        { path: '/query/from', message: 'must not be later than to' },
      ])
      for (const query of [{ group_by: 'tenant' }, { from: 'last week' }, { to: '2024-06-01' }]) {
        const res = await api.get('/api/v1/usage').query(query)
        expect(res.status, JSON.stringify(query)).to.equal(400)
        expect(problem(res).error_code).to.equal('VALIDATION_ERROR')
      }
    })
  })
})

describe('history totals kept by execution_counts', () => {
  it('match a count of the rows after single runs, bulk inserts and an agent deletion', async () => {
    const tenant = await createTestTenant()
    const api = asTenant(tenant)
    const agents = await Promise.all(
      ['one', 'two'].map(
        async (name) =>
          (await api.post('/api/v1/agents').send({ name, role: 'r', description: 'd' }).expect(201)).body
            .id as string,
      ),
    )
    await api.post(`/api/v1/agents/${agents[0]}/run`).send({ prompt: 'x', model: 'gpt-4o' }).expect(200)
    await inTenantTransaction(
      testStack().appSql,
      tenant.tenantId,
      (tx) =>
        tx`insert into execution_logs (agent_id, agent_snapshot, model, provider, prompt, status)
         select ${agents[1]!}::uuid, ${tx.json({ id: agents[1]!, name: 'two', role: 'r', description: 'd', tools: [] })},
                'gpt-4o', 'mock', 'bulk', 'completed'
           from generate_series(1, 25)`,
    )
    const totals = async () => ({
      all: (await api.get('/api/v1/history?limit=1').expect(200)).body.total as number,
      one: (await api.get(`/api/v1/agents/${agents[0]}/history?limit=1`).expect(200)).body.total as number,
      two: (await api.get(`/api/v1/agents/${agents[1]}/history?limit=1`).expect(200)).body.total as number,
    })
    expect(await totals()).to.deep.equal({ all: 26, one: 1, two: 25 })
    // One agent's count is kept in several rows (shards), so its concurrent runs do not queue on one; each
    // execution counted in the shard its id names.
    const shards = await testStack().superSql<{ shard: number; executions: number; ids: number }[]>`
      select c.shard, c.executions::int,
             (select count(*)::int from execution_logs e
               where e.tenant_id = c.tenant_id and e.agent_id = c.agent_id
                 and get_byte(uuid_send(e.id), 15) % 8 = c.shard) as ids
        from execution_counts c
       where c.tenant_id = ${tenant.tenantId} and c.agent_id = ${agents[1]!}`
    expect(shards.length).to.be.greaterThan(1)
    for (const row of shards) expect(row.executions, `shard ${row.shard}`).to.equal(row.ids)
    await api.delete(`/api/v1/agents/${agents[1]}`).expect(204)
    expect((await api.get('/api/v1/history?limit=1').expect(200)).body.total).to.equal(1)
    const [rows] = await testStack()
      .superSql`select count(*)::int as n from execution_logs where tenant_id = ${tenant.tenantId}`
    expect(rows!.n).to.equal(1)
  })
})
