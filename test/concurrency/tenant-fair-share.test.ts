// Issue 13, finding 6: one tenant could starve the others. Forty expensive reads of tenant A held every
// connection of the pool, and tenant B's cheap GET /tools waited 10 s behind them. Now each tenant runs at
// most its share of the pool's connections at once (TENANT_DB_CONCURRENCY, half the pool by default); its
// excess waits in a queue of its own, holding no connection, and past the queue's bounds gets 503
// TENANT_BUSY. These tests run the real API (over HTTP, on a pool of its own) against the real database.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { expect } from 'chai'
import {
  createPool,
  inTenantTransaction,
  tenantShareOf,
  tenantTransactionsOf,
  type Sql,
} from '../../db/client.js'
import { buildTestApp, createTestTenant, testConfig, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'
import { startFakeOpenAI } from '../../plugins/models/test/fakes/openai-server.js'

interface RunningApi {
  baseUrl: string
  pool: Sql
  close: () => Promise<void>
}

/** The API with this configuration, its pool made from it as app/server.ts makes it. */
async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const config = testConfig(env)
  const pool = createPool(testStack().database.appUrl, {
    max: config.dbPoolMax,
    connectTimeoutSeconds: 10,
    tenantShare: config.tenantShare,
  })
  const server: Server = buildTestApp({ sql: pool, config }).app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pool,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await pool.end({ timeout: 5 })
    },
  }
}

interface Answer {
  status: number
  body: Record<string, unknown>
  retryAfter: string | null
  ms: number
}

async function call(
  api: RunningApi,
  tenant: TestTenant,
  path: string,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<Answer> {
  const started = performance.now()
  const res = await fetch(api.baseUrl + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'X-API-Key': tenant.apiKey,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await res.text()
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
    retryAfter: res.headers.get('retry-after'),
    ms: performance.now() - started,
  }
}

async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  ms = 10_000,
): Promise<void> {
  const started = Date.now()
  while (!(await condition())) {
    if (Date.now() - started > ms) throw new Error(`never happened: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The app role's statements waiting for a lock right now. */
const lockWaits = async (): Promise<number> => {
  const [row] = await testStack().superSql<{ count: number }[]>`
    select count(*)::int as count from pg_stat_activity where usename = 'map_app' and wait_event_type = 'Lock'`
  return row!.count
}

/**
 * Holds an uncommitted tool named `name` for the tenant (as the owner), so the tenant's own POST /tools of
 * that name blocks on the unique index inside its transaction, holding its slot, until release(); the
 * held row is then rolled back and the first waiting insert goes through.
 */
async function holdToolName(tenant: TestTenant, name: string): Promise<{ release: () => Promise<void> }> {
  let inserted!: () => void
  let release!: () => void
  const ready = new Promise<void>((resolve) => (inserted = resolve))
  const released = new Promise<void>((resolve) => (release = resolve))
  const held = inTenantTransaction(testStack().ownerSql, tenant.tenantId, async (tx) => {
    await tx`insert into tools (tenant_id, name, description) values (${tenant.tenantId}, ${name}, 'held')`
    inserted()
    await released
    throw new Error('roll back the held name')
  }).catch(() => undefined)
  await ready
  return {
    release: async () => {
      release()
      await held
    },
  }
}

describe("fair share: a tenant's excess database work waits in its own queue, then gets 503 TENANT_BUSY", function () {
  this.timeout(60_000)
  let a: TestTenant
  let b: TestTenant

  before(async () => {
    ;[a, b] = await Promise.all([createTestTenant('fair-a'), createTestTenant('fair-b')])
  })

  it('refuses at once, with Retry-After, what does not fit the queue; the others wait and run; B is served meanwhile', async () => {
    const api = await startApi({
      DB_POOL_MAX: '4',
      TENANT_DB_CONCURRENCY: '1',
      TENANT_DB_QUEUE_LENGTH: '2',
      TENANT_SETTINGS_CACHE_MS: '60000',
    })
    try {
      // Settings cached for both tenants, so each request below is one transaction.
      for (const tenant of [a, b]) expect((await call(api, tenant, '/api/v1/tools')).status).to.equal(200)
      const hold = await holdToolName(a, 'contended')
      const answers: Answer[] = []
      const first = call(api, a, '/api/v1/tools', { name: 'contended', description: 'x' })
      await waitFor(async () => (await lockWaits()) === 1, "A's first insert waits for the held name")
      const rest = Array.from({ length: 5 }, () =>
        call(api, a, '/api/v1/tools', { name: 'contended', description: 'x' }).then((answer) => {
          answers.push(answer)
          return answer
        }),
      )
      // One runs (blocked), two wait in the queue, three do not fit: they are answered while A is blocked.
      await waitFor(() => answers.length === 3, 'three refusals')
      for (const refused of answers) {
        expect(refused.status).to.equal(503)
        expect(refused.retryAfter).to.equal('1')
        expect(refused.body).to.deep.include({ error_code: 'TENANT_BUSY' })
        expect(refused.body.details).to.deep.equal({
          reason: 'queue_full',
          concurrency: 1,
          retry_after_seconds: 1,
        })
      }
      const forB = await call(api, b, '/api/v1/tools')
      expect(forB.status, "B's request while A is at its share").to.equal(200)
      await hold.release()
      const statuses = (await Promise.all([first, ...rest])).map((answer) => answer.status).sort()
      expect(statuses).to.deep.equal([201, 409, 409, 503, 503, 503])
    } finally {
      await api.close()
    }
  })

  it('refuses a queued request that waited TENANT_DB_QUEUE_TIMEOUT_MS', async () => {
    const api = await startApi({
      DB_POOL_MAX: '4',
      TENANT_DB_CONCURRENCY: '1',
      TENANT_DB_QUEUE_TIMEOUT_MS: '300',
      TENANT_SETTINGS_CACHE_MS: '60000',
    })
    try {
      expect((await call(api, a, '/api/v1/tools')).status).to.equal(200)
      const hold = await holdToolName(a, 'waited-for')
      const first = call(api, a, '/api/v1/tools', { name: 'waited-for', description: 'x' })
      await waitFor(async () => (await lockWaits()) === 1, "A's first insert waits for the held name")
      const queued = await call(api, a, '/api/v1/tools')
      expect(queued.status).to.equal(503)
      expect(queued.body.details).to.deep.include({ reason: 'queue_timeout' })
      expect(queued.ms).to.be.at.least(300)
      await hold.release()
      expect((await first).status).to.equal(201)
    } finally {
      await api.close()
    }
  })

  it('finishes a run it began: recording the execution waits for its turn even when the queue is full', async () => {
    const openai = await startFakeOpenAI()
    const api = await startApi({
      DB_POOL_MAX: '4',
      TENANT_DB_CONCURRENCY: '1',
      TENANT_DB_QUEUE_LENGTH: '0',
      TENANT_DB_QUEUE_TIMEOUT_MS: '100',
      TENANT_SETTINGS_CACHE_MS: '60000',
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_API_KEY: 'sk-test',
    })
    try {
      const agent = await call(api, a, '/api/v1/agents', { name: 'finisher', role: 'r', description: 'd' })
      expect(agent.status).to.equal(201)
      // The model answers after 1.5 s; meanwhile the run holds no transaction, and A's only slot is taken.
      openai.next({ kind: 'text', text: 'done', delayMs: 1500 })
      const sent = openai.requests.length
      const run = call(api, a, `/api/v1/agents/${String(agent.body.id)}/run`, {
        prompt: 'x',
        model: 'gpt-4o',
      })
      await waitFor(() => openai.requests.length > sent, 'the run calls the model')
      const hold = await holdToolName(a, 'slot-taker')
      const taker = call(api, a, '/api/v1/tools', { name: 'slot-taker', description: 'x' })
      await waitFor(async () => (await lockWaits()) === 1, "A's slot is held")
      // The model answers: the run's last transaction (record the execution) waits instead of being refused.
      await waitFor(
        () => tenantTransactionsOf(api.pool).waiting === 1,
        'the run waits to record its execution',
      )
      expect((await call(api, a, '/api/v1/tools')).body, 'new work is refused meanwhile').to.deep.include({
        error_code: 'TENANT_BUSY',
      })
      await new Promise((resolve) => setTimeout(resolve, 200)) // past the queue timeout
      await hold.release()
      expect((await taker).status).to.equal(201)
      const answer = await run
      expect(answer.status).to.equal(200)
      const [recorded] = await testStack().superSql<{ response: string }[]>`
        select response from execution_logs where tenant_id = ${a.tenantId} and id = ${String(answer.body.id)}`
      expect(recorded).to.deep.equal({ response: 'done' })
    } finally {
      await api.close()
      await openai.close()
    }
  })

  it('serves 100 concurrent cheap requests of one tenant, all of them, with the default share on a pool of 2', async () => {
    const api = await startApi({ DB_POOL_MAX: '2', TENANT_SETTINGS_CACHE_MS: '5000' })
    try {
      expect(tenantShareOf(api.pool), 'the defaults: half the pool').to.include({ concurrency: 1 })
      const answers = await Promise.all(Array.from({ length: 100 }, () => call(api, a, '/api/v1/tools')))
      const statuses = new Map<number, number>()
      for (const { status } of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1)
      expect(Object.fromEntries(statuses)).to.deep.equal({ 200: 100 })
      expect(tenantTransactionsOf(api.pool)).to.deep.equal({ waiting: 0, running: 0 })
    } finally {
      await api.close()
    }
  })
})

/** Bulk-loads `count` executions for the tenant as the owner, spread over the last 300 days. */
async function loadHistory(tenant: TestTenant, count: number): Promise<void> {
  await inTenantTransaction(testStack().ownerSql, tenant.tenantId, async (tx) => {
    const [agent] = await tx<{ id: string }[]>`
      insert into agents (tenant_id, name, role, description)
      values (${tenant.tenantId}, 'busy-agent', 'role', 'description') returning id`
    await tx`
      insert into execution_logs (tenant_id, agent_id, agent_snapshot, model, provider, prompt, response, status,
                                  input_tokens, output_tokens, cost_usd, latency_ms, created_at)
      select ${tenant.tenantId}, ${agent!.id},
             jsonb_build_object('id', ${agent!.id}::text, 'name', 'busy-agent', 'role', 'role',
                                'description', 'description', 'tools', '[]'::jsonb),
             (array['gpt-4o-mini', 'claude-haiku', 'mock-echo'])[1 + n % 3], 'mock', 'prompt ' || n, 'response',
             'completed', n % 1000, n % 300, (n % 100) * 0.00000123, n % 2000,
             now() - (n * (300 * 86400 / ${count}::float8)) * interval '1 second'
        from generate_series(1, ${count}) n`
  })
  // Vacuumed now, so autovacuum does not pick the load up later, under another test.
  await testStack().ownerSql`vacuum (analyze) execution_logs`
}

const p95 = (samples: number[]): number =>
  [...samples].sort((x, y) => x - y)[Math.ceil(samples.length * 0.95) - 1]!

describe("fair share: tenant A's expensive reads do not starve tenant B", function () {
  this.timeout(180_000)
  const rows = 200_000
  let a: TestTenant
  let b: TestTenant
  let api: RunningApi

  before(async () => {
    ;[a, b] = await Promise.all([createTestTenant('heavy-a'), createTestTenant('cheap-b')])
    await loadHistory(a, rows)
    // A small pool, so A's share (half of it: one connection) is what leaves B a connection.
    api = await startApi({ DB_POOL_MAX: '2', TENANT_SETTINGS_CACHE_MS: '5000' })
    for (let i = 0; i < 5; i++)
      expect((await call(api, b, '/api/v1/tools', { name: `tool-${i}`, description: 'x' })).status).to.equal(
        201,
      )
  })

  after(async () => {
    await api?.close()
  })

  /**
   * B's cheap request, one at a time: each answer's latency. A request is given up after 5 s (counted as
   * such) and sampling stops after 30 s, so a starved B fails the test rather than its timeout.
   */
  async function sampleB(count: number): Promise<number[]> {
    const latencies: number[] = []
    const started = Date.now()
    while (latencies.length < count && Date.now() - started < 30_000) {
      const answer = await call(api, b, '/api/v1/tools?limit=20', undefined, 5000).catch(() => undefined)
      if (answer) expect(answer.status, 'B').to.equal(200)
      latencies.push(answer?.ms ?? 5000)
    }
    return latencies
  }

  it("keeps B's p95 for cheap requests within 2x its idle p95 (or 100 ms) while A saturates its share", async () => {
    const since = new Date(Date.now() - 365 * 86_400_000).toISOString()
    const heavy = [
      `/api/v1/usage?from=${encodeURIComponent(since)}&group_by=day`,
      `/api/v1/history?offset=${rows - 1000}&limit=20`,
    ]
    await sampleB(20) // warm-up: connections, prepared statements
    const idle = p95(await sampleB(80))

    let saturating = true
    const aAnswers: string[] = []
    const workers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; saturating; i++) {
        const answer = await call(api, a, heavy[i % heavy.length]!)
        aAnswers.push(answer.status === 200 ? '200' : `${answer.status} ${String(answer.body.error_code)}`)
      }
    })
    try {
      // A at its share (one transaction running) with more waiting: the pool would be A's without the share.
      await waitFor(() => tenantTransactionsOf(api.pool).waiting >= 5, "A's reads queue past its share")
      const loaded = p95(await sampleB(80))
      const limit = Math.max(2 * idle, 100)
      expect(
        loaded,
        `B's p95: ${loaded.toFixed(1)} ms loaded, ${idle.toFixed(1)} ms idle; limit ${limit.toFixed(1)} ms`,
      ).to.be.at.most(limit)
    } finally {
      saturating = false
      await Promise.all(workers)
    }
    // A was really reading. What waited too long for A's share was refused; nothing else went wrong.
    expect(aAnswers.filter((answer) => answer === '200').length, 'A answered').to.be.greaterThan(3)
    expect(
      [...new Set(aAnswers)].filter((answer) => answer !== '200'),
      'A refused',
    ).to.satisfy((other: string[]) => other.every((answer) => answer === '503 TENANT_BUSY'))
  })

  it('stops a heavy read past HEAVY_READ_TIMEOUT_MS with 503 statement_timeout, in its own transaction only', async () => {
    const strict = await startApi({
      DB_POOL_MAX: '1',
      HEAVY_READ_TIMEOUT_MS: '10',
      TENANT_SETTINGS_CACHE_MS: '5000',
    })
    try {
      const since = new Date(Date.now() - 365 * 86_400_000).toISOString()
      for (const path of [
        `/api/v1/usage?from=${encodeURIComponent(since)}&group_by=day`,
        // A filter the index does not hold: every skipped entry is read from the table, and counted.
        `/api/v1/history?status=completed&offset=${rows - 1000}&limit=20`,
      ]) {
        const answer = await call(strict, a, path)
        expect(answer.status, path).to.equal(503)
        expect(answer.retryAfter, path).to.equal('1')
        expect(answer.body, path).to.deep.include({
          error_code: 'SERVICE_UNAVAILABLE',
          details: { reason: 'statement_timeout' },
        })
      }
      // SET LOCAL: the pool's only connection is back to the role's own timeout for whatever comes next.
      const [setting] = await inTenantTransaction(
        strict.pool,
        b.tenantId,
        (tx) => tx<{ statement_timeout: string }[]>`show statement_timeout`,
      )
      expect(setting!.statement_timeout).to.equal('30s')
      // B is served on that connection. Not with a history page: every history read runs under the 10 ms
      // set here, which a loaded machine (the whole suite) can exceed on B's own small history.
      expect((await call(strict, b, '/api/v1/tools')).status).to.equal(200)
    } finally {
      await strict.close()
    }
  })
})
