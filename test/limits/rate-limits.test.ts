// Per-tenant quotas against a real Redis: exact at the quota, sliding, shared by processes, independent
// between tenants, with their headers; and the same semantics from the in-process limiter.
import { expect } from 'chai'
import { createRedisClient } from '../../app/limits/stores.js'
import { createTestTenant, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'
import { call, count, serve, sleep, statuses, type ServedApp } from './helpers.js'

describe('rate limits', function () {
  this.timeout(30_000)
  const apps: ServedApp[] = []
  const start = async (env: Record<string, string>, redis?: Parameters<typeof serve>[1]) => {
    const app = await serve(env, redis)
    apps.push(app)
    return app
  }
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()))
  })

  for (const store of ['redis', 'memory'] as const) {
    describe(`with the ${store} store`, () => {
      const startWith = (env: Record<string, string>) => start(env, store === 'memory' ? 'memory' : undefined)

      it('lets exactly the quota through, then answers 429 RATE_LIMIT_EXCEEDED with Retry-After', async () => {
        const app = await startWith({ RATE_LIMIT_REQUESTS: '5', RATE_LIMIT_WINDOW_SECONDS: '60' })
        const tenant = await createTestTenant()
        const answers = []
        for (let i = 0; i < 6; i++) answers.push(await call(app, tenant))
        expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200, 200, 200, 429])
        expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).to.deep.equal([
          '4',
          '3',
          '2',
          '1',
          '0',
          '0',
        ])
        for (const a of answers) {
          expect(a.headers.get('x-ratelimit-limit')).to.equal('5')
          expect(Number(a.headers.get('x-ratelimit-reset'))).to.be.within(1, 60)
          expect(a.headers.get('ratelimit-policy')).to.equal('"requests";q=5;w=60')
        }
        expect(answers[0]!.headers.get('ratelimit')).to.match(/^"requests";r=4;t=\d+$/)
        const refused = answers[5]!
        expect(refused.body).to.deep.include({ status: 429, error_code: 'RATE_LIMIT_EXCEEDED' })
        expect(refused.body.details).to.deep.include({ quota: 'requests', limit: 5, window_seconds: 60 })
        const retryAfter = (refused.body.details as { retry_after_seconds: number }).retry_after_seconds
        expect(retryAfter).to.be.within(1, 60)
        expect(refused.headers.get('retry-after')).to.equal(String(retryAfter))
      })

      it('admits exactly 50 of 200 parallel requests with a quota of 50', async () => {
        const app = await startWith({ RATE_LIMIT_REQUESTS: '50' })
        const tenant = await createTestTenant()
        const answers = await Promise.all(Array.from({ length: 200 }, () => call(app, tenant)))
        expect(count(answers, 200)).to.equal(50)
        expect(count(answers, 429)).to.equal(150)
      })

      it('slides: a burst right after a fixed-window edge cannot add to the one just before it', async () => {
        const app = await startWith({ RATE_LIMIT_REQUESTS: '5', RATE_LIMIT_WINDOW_SECONDS: '2' })
        const tenant = await createTestTenant()
        await call(app, await createTestTenant('warm-up'))
        expect((await call(app, tenant)).status).to.equal(200) // t = 0 opens a fixed window
        await sleep(1700)
        const before = await Promise.all(Array.from({ length: 4 }, () => call(app, tenant))) // just before its edge
        await sleep(500) // just after: a fixed window would be fresh and admit 5 more
        const after = await Promise.all(Array.from({ length: 5 }, () => call(app, tenant)))
        expect(count(before, 200)).to.equal(4)
        // Only the request of t = 0 has left the sliding window, so only one slot is free.
        expect(count(after, 200)).to.equal(1)
        expect(count(after, 429)).to.equal(4)
      })

      it('recovers after the window, and does not count refused requests against it', async () => {
        const app = await startWith({ RATE_LIMIT_REQUESTS: '2', RATE_LIMIT_WINDOW_SECONDS: '1' })
        const tenant = await createTestTenant()
        await call(app, await createTestTenant('warm-up')) // a cold first request must not eat the window
        expect([(await call(app, tenant)).status, (await call(app, tenant)).status]).to.deep.equal([200, 200])
        const admittedBy = Date.now() // both admitted requests were recorded before this
        let refused = 0
        while (Date.now() < admittedBy + 800) {
          expect((await call(app, tenant)).status).to.equal(429)
          refused++
          await sleep(50)
        }
        expect(refused).to.be.greaterThan(3)
        await sleep(admittedBy + 1150 - Date.now())
        // Hammered all window long, yet admitted again once the two admitted requests aged out.
        expect((await call(app, tenant)).status).to.equal(200)
      })

      // A run's two quotas are counted in one call (consumeInTurn): `requests`, then `runs` only when admitted.
      const runner = async (app: ServedApp, tenant: TestTenant) => {
        const agent = await call(app, tenant, '/api/v1/agents', {
          method: 'POST',
          body: JSON.stringify({ name: 'runner', role: 'r', description: 'd' }),
        })
        expect(agent.status).to.equal(201)
        return (body: Record<string, unknown> = { prompt: 'go', model: 'gpt-4o' }) =>
          call(app, tenant, `/api/v1/agents/${agent.body.id as string}/run`, {
            method: 'POST',
            body: JSON.stringify(body),
          })
      }
      const runsLeft = (app: ServedApp, tenant: TestTenant, limit: number) =>
        app.built.container.cradle.rateLimits
          .peek('runs', tenant.tenantId, { limit, windowSeconds: 60 })
          .then((state) => state.remaining)

      it('answers a run 429 exactly at the runs quota, counting the request against both', async () => {
        const app = await startWith({ RATE_LIMIT_REQUESTS: '100', RUN_RATE_LIMIT_REQUESTS: '2' })
        const tenant = await createTestTenant()
        const run = await runner(app, tenant)
        const runs = [await run(), await run(), await run()]
        expect(statuses(runs)).to.deep.equal([200, 200, 429])
        // The tightest quota's fields: runs, with both quotas in the IETF fields.
        expect(runs.map((r) => r.headers.get('x-ratelimit-remaining'))).to.deep.equal(['1', '0', '0'])
        expect(runs[0]!.headers.get('ratelimit-policy')).to.equal('"requests";q=100;w=60, "runs";q=2;w=60')
        expect(runs[1]!.headers.get('ratelimit')).to.match(/^"requests";r=97;t=\d+, "runs";r=0;t=\d+$/)
        expect(runs[2]!.body.details).to.deep.include({ quota: 'runs', limit: 2, window_seconds: 60 })
        // The refused run counted as a request (the agent, three runs), and other requests pass.
        const other = await call(app, tenant)
        expect(other.status).to.equal(200)
        expect(other.headers.get('x-ratelimit-remaining')).to.equal('95')
      })

      it('answers a run 429 exactly at the requests quota, without counting it as a run', async () => {
        const app = await startWith({ RATE_LIMIT_REQUESTS: '3', RUN_RATE_LIMIT_REQUESTS: '10' })
        const tenant = await createTestTenant()
        const run = await runner(app, tenant)
        const runs = [await run(), await run(), await run()]
        expect(statuses(runs)).to.deep.equal([200, 200, 429])
        expect(runs.map((r) => r.headers.get('x-ratelimit-remaining'))).to.deep.equal(['1', '0', '0'])
        expect(runs[2]!.body.details).to.deep.include({ quota: 'requests', limit: 3 })
        expect(runs[2]!.headers.get('ratelimit-policy')).to.equal('"requests";q=3;w=60')
        expect(await runsLeft(app, tenant, 10)).to.equal(8)
      })

      it('counts a run refused on its way to the route (400) as a request only; past the quota, 429 wins', async () => {
        const app = await startWith({ RATE_LIMIT_REQUESTS: '3', RUN_RATE_LIMIT_REQUESTS: '10' })
        const tenant = await createTestTenant()
        const run = await runner(app, tenant)
        const malformed = [await run({ model: 'gpt-4o' }), await run({ model: 'gpt-4o' })]
        expect(statuses(malformed)).to.deep.equal([400, 400])
        expect(malformed.map((r) => r.headers.get('x-ratelimit-remaining'))).to.deep.equal(['1', '0'])
        expect(malformed[0]!.headers.get('ratelimit-policy')).to.equal('"requests";q=3;w=60')
        // The quota is spent: the 429 comes before the body's 400, as it did when counted before the body.
        const refused = await run({ model: 'gpt-4o' })
        expect(refused.status).to.equal(429)
        expect(refused.body.details).to.deep.include({ quota: 'requests', limit: 3 })
        expect((await run()).status).to.equal(429)
        expect(await runsLeft(app, tenant, 10)).to.equal(10)
      })

      // The other operations on the runs quota (x-rate-limit-quota: runs) take the same path as a run.
      it('counts tool tests and tool outputs as runs are counted: both quotas, a malformed one as a request only', async () => {
        const app = await startWith({ RATE_LIMIT_REQUESTS: '100', RUN_RATE_LIMIT_REQUESTS: '3' })
        const tenant = await createTestTenant()
        const post = (path: string, body: unknown) =>
          call(app, tenant, path, { method: 'POST', body: JSON.stringify(body) })
        const created = [
          await post('/api/v1/tools', {
            name: 'ask_user',
            description: 'Asks the user',
            kind: 'client',
            input_schema: { type: 'object', properties: { question: { type: 'string' } } },
          }),
          await post('/api/v1/tools', {
            name: 'calc',
            description: 'd',
            kind: 'builtin',
            builtin: 'calculator',
          }),
        ]
        expect(statuses(created)).to.deep.equal([201, 201])
        const [ask, calc] = created.map((tool) => tool.body.id as string)
        const agent = await post('/api/v1/agents', {
          name: 'asker',
          role: 'r',
          description: 'd',
          tool_ids: [ask],
        })
        expect(agent.status).to.equal(201)
        const wait = () =>
          post(`/api/v1/agents/${agent.body.id as string}/run`, {
            prompt: 'use ask_user with {"question": "Which city?"}',
            model: 'gpt-4o',
          })
        const testCalc = (body: unknown) => post(`/api/v1/tools/${calc}/test`, body)

        const waiting = await wait()
        expect(waiting.body.status).to.equal('requires_action')
        expect((await testCalc({ input: { expression: '2 + 3' } })).status).to.equal(200)
        expect(await runsLeft(app, tenant, 3)).to.equal(1)
        const outputs = `/api/v1/executions/${waiting.body.id as string}/tool-outputs`
        const malformed = [await testCalc({ inputs: {} }), await post(outputs, { outputs: [] })]
        expect(statuses(malformed)).to.deep.equal([400, 400])
        expect(await runsLeft(app, tenant, 3)).to.equal(1)
        expect((await wait()).body.status).to.equal('requires_action')

        const refused = [
          await post(outputs, { tool_outputs: [{ tool_call_id: 'call_1_1', output: 'Lisbon' }] }),
          await testCalc({ input: { expression: '2 + 3' } }),
        ]
        expect(statuses(refused)).to.deep.equal([429, 429])
        for (const answer of refused) {
          expect(answer.body).to.include({ error_code: 'RATE_LIMIT_EXCEEDED' })
          expect(answer.body.details).to.deep.include({ quota: 'runs', limit: 3, window_seconds: 60 })
        }
        // Every one counted as a request: 2 tools, the agent, 2 runs, 3 tests, 2 answers; then this one.
        const other = await call(app, tenant)
        expect(other.status).to.equal(200)
        expect(other.headers.get('x-ratelimit-remaining')).to.equal('89')
      })

      it('keeps tenants independent: one at its quota does not cost another a single request', async () => {
        const app = await startWith({ RATE_LIMIT_REQUESTS: '3' })
        const [a, b] = [await createTestTenant('a'), await createTestTenant('b')]
        for (let i = 0; i < 4; i++) await call(app, a)
        expect((await call(app, a)).status).to.equal(429)
        const first = await call(app, b)
        expect(first.status).to.equal(200)
        expect(first.headers.get('x-ratelimit-remaining')).to.equal('2')
      })
    })
  }

  it('counts across two API processes sharing one Redis, exactly', async () => {
    const clients = [0, 1].map(() =>
      createRedisClient({ url: testStack().redis.url, commandTimeoutMs: 1000 }),
    )
    try {
      const [one, two] = [
        await start({ RATE_LIMIT_REQUESTS: '30' }, clients[0]),
        await start({ RATE_LIMIT_REQUESTS: '30' }, clients[1]),
      ]
      const tenant = await createTestTenant()
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => call(i % 2 ? one : two, tenant)),
      )
      expect(count(answers, 200)).to.equal(30)
    } finally {
      clients.forEach((client) => client.disconnect())
    }
  })

  it("applies a tenant's own quota when one is set on the tenant", async () => {
    const app = await start({ RATE_LIMIT_REQUESTS: '100' })
    const tenant = await createTestTenant()
    await testStack().superSql`update tenants set rate_limit_requests = 2 where id = ${tenant.tenantId}`
    const answers = [await call(app, tenant), await call(app, tenant), await call(app, tenant)]
    expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 429])
    expect(answers[0]!.headers.get('x-ratelimit-limit')).to.equal('2')
  })

  it('draws runs on the stricter run quota too, leaving other requests alone', async () => {
    const app = await start({ RATE_LIMIT_REQUESTS: '100', RUN_RATE_LIMIT_REQUESTS: '2' })
    const tenant = await createTestTenant()
    const agent = await call(app, tenant, '/api/v1/agents', {
      method: 'POST',
      body: JSON.stringify({ name: 'runner', role: 'r', description: 'd' }),
    })
    const run = () =>
      call(app, tenant, `/api/v1/agents/${agent.body.id as string}/run`, {
        method: 'POST',
        body: JSON.stringify({ prompt: 'go', model: 'gpt-4o' }),
      })
    const runs = [await run(), await run(), await run()]
    expect(runs.map((r) => r.status)).to.deep.equal([200, 200, 429])
    expect(runs[2]!.body.details).to.deep.include({ quota: 'runs', limit: 2 })
    expect(runs[0]!.headers.get('ratelimit-policy')).to.equal('"requests";q=100;w=60, "runs";q=2;w=60')
    expect((await call(app, tenant)).status).to.equal(200)
  })

  it('answers GET /limits with the quotas as they stand, counting the request itself', async () => {
    const app = await start({ RATE_LIMIT_REQUESTS: '10', RUN_RATE_LIMIT_REQUESTS: '4' })
    const tenant = await createTestTenant()
    await call(app, tenant)
    const limits = await call(app, tenant, '/api/v1/limits')
    expect(limits.status).to.equal(200)
    const quotas = limits.body.quotas as Record<'requests' | 'runs', Record<string, number>>
    expect(quotas.requests).to.deep.include({ limit: 10, window_seconds: 60, remaining: 8 })
    expect(quotas.requests.reset_seconds).to.be.within(59, 60)
    expect(quotas.runs).to.deep.equal({ limit: 4, window_seconds: 60, remaining: 4, reset_seconds: 60 })
    expect(limits.body.shared).to.equal(true)
    expect(limits.body.budgets).to.deep.include({ tokens: { limit: null, used: 0, reserved: 0 } })
  })

  it('limits failed authentications per client address: 401 up to the limit, then 429', async () => {
    // The test client stands for a proxy on loopback that says which client it forwards.
    const app = await start({ AUTH_FAILURE_LIMIT: '3', TRUST_PROXY: 'loopback' })
    const from = (address: string, key: string) =>
      fetch(`${app.url}/api/v1/tools`, { headers: { 'X-API-Key': key, 'X-Forwarded-For': address } })
    const guesser = `203.0.113.${Math.floor(Math.random() * 250)}`
    const attempts = []
    for (let i = 0; i < 5; i++) attempts.push((await from(guesser, `map_guess${i}`)).status)
    expect(attempts).to.deep.equal([401, 401, 401, 429, 429])
    expect((await from('198.51.100.7', 'map_wrong')).status).to.equal(401)
    const tenant = await createTestTenant()
    expect((await from(guesser, tenant.apiKey)).status).to.equal(200)
  })
})
