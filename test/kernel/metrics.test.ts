// GET /metrics: Prometheus text from the app's own registry, so every count below is exact for this app.
// The apps here set METRICS_TOKEN, so the API port serves it to the bearer of that token (who else may read
// it is in test/security/metrics-exposure.test.ts).
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import supertest from 'supertest'
import { loadConfig } from '../../app/config.js'
import type { BuiltApp } from '../../app/kernel/create-app.js'
import { createRedisClient } from '../../app/limits/stores.js'
import { makeMetrics } from '../../app/observability/metrics.js'
import { startMetricsServer } from '../../app/observability/metrics-server.js'
import { createPool, inTenantTransaction } from '../../db/client.js'
import { freePort, testStack } from '../harness/stack.js'
import { asTenant, buildTestApp, createTestTenant, testConfig, type TestTenant } from '../helpers/api.js'

const uuidAnywhere = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i
const prometheusAccept = 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'
const metricsToken = 'scraper-token-abcdefghijklmnopqrstuvwxyz-0123'
const withToken = (overrides: Record<string, string> = {}) =>
  testConfig({ METRICS_TOKEN: metricsToken, ...overrides })

/** The value of the one sample of `name` whose labels are exactly `labels`; undefined when there is none. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found: number[] = []
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const seen = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    )
    if (JSON.stringify(Object.entries(seen).sort()) === JSON.stringify(Object.entries(labels).sort())) {
      found.push(Number(match[3]))
    }
  }
  expect(found.length, `samples of ${name} ${JSON.stringify(labels)}`).to.be.at.most(1)
  return found[0]
}

const scrape = async (built: BuiltApp): Promise<string> => {
  const res = await supertest(built.app)
    .get('/metrics')
    .set('Accept', prometheusAccept)
    .set('Authorization', `Bearer ${metricsToken}`)
  expect(res.status).to.equal(200)
  expect(res.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/)
  return res.text
}

describe('GET /metrics', () => {
  const requestQuota = 8
  let dir: string
  let built: BuiltApp
  let tenant: TestTenant
  let toolIds: string[]
  let run: { cost_usd: number; usage: { input_tokens: number; output_tokens: number } }
  let requestsAllowed = 0
  let requestsRefused = 0
  let exposition: string

  before(async () => {
    // gpt-4o on the mock provider, priced, so the cost counter moves.
    dir = mkdtempSync(path.join(os.tmpdir(), 'map-metrics-'))
    const modelsFile = path.join(dir, 'models.json')
    writeFileSync(
      modelsFile,
      JSON.stringify({
        models: [
          { id: 'gpt-4o', provider: 'mock', input_price_per_million: 2.5, output_price_per_million: 10 },
        ],
      }),
    )
    built = buildTestApp({
      config: withToken({ MODELS_FILE: modelsFile, RATE_LIMIT_REQUESTS: String(requestQuota) }),
    })
    tenant = await createTestTenant('metrics')
    const api = asTenant(tenant, built)
    const counted = <T extends { status: number }>(res: T): T => {
      if (res.status === 429) requestsRefused++
      else requestsAllowed++
      return res
    }
    toolIds = []
    for (const name of ['alpha', 'beta']) {
      const res = counted(await api.post('/api/v1/tools').send({ name, description: `${name} tool` }))
      expect(res.status).to.equal(201)
      toolIds.push(res.body.id as string)
    }
    for (const id of toolIds) expect(counted(await api.get(`/api/v1/tools/${id}`)).status).to.equal(200)
    expect(counted(await api.get(`/api/v1/tools/${randomUUID()}`)).status).to.equal(404)
    const agent = counted(
      await api
        .post('/api/v1/agents')
        .send({ name: 'scout', role: 'Researcher', description: 'Finds things' }),
    )
    expect(agent.status).to.equal(201)
    const ran = counted(
      await api.post(`/api/v1/agents/${agent.body.id}/run`).send({ prompt: 'Count trees', model: 'gpt-4o' }),
    )
    expect(ran.status).to.equal(200)
    run = ran.body
    // Spend the rest of the quota, then one more: 429.
    while (requestsRefused === 0) {
      expect(requestsAllowed + requestsRefused, 'requests before a 429').to.be.below(requestQuota + 2)
      counted(await api.get('/api/v1/tools'))
    }
    expect(
      (await supertest(built.app).get('/api/v1/tools').set('X-API-Key', 'map_not-a-key')).status,
    ).to.equal(401)
    expect((await supertest(built.app).get(`/no-such-path/${randomUUID()}`)).status).to.equal(404)
    exposition = await scrape(built)
  })

  after(() => rmSync(dir, { recursive: true, force: true }))

  it('counts requests by the route template: both tool ids under /api/v1/tools/{id}, no id in any series', () => {
    const byId = { route: '/api/v1/tools/{id}', method: 'GET' }
    expect(sample(exposition, 'http_request_duration_seconds_count', { ...byId, status: '200' })).to.equal(2)
    expect(sample(exposition, 'http_request_duration_seconds_count', { ...byId, status: '404' })).to.equal(1)
    const bucket = { ...byId, status: '200', le: '+Inf' }
    expect(sample(exposition, 'http_request_duration_seconds_bucket', bucket)).to.equal(2)
    expect(sample(exposition, 'http_request_duration_seconds_sum', { ...byId, status: '200' })).to.be.above(0)
    expect(exposition).not.to.match(uuidAnywhere)
    for (const id of toolIds) expect(exposition).not.to.include(id)
  })

  it('labels requests refused before validation by their template too (401, 429), and unknown paths "unmatched"', () => {
    const tools = { route: '/api/v1/tools', method: 'GET' }
    expect(sample(exposition, 'http_request_duration_seconds_count', { ...tools, status: '429' })).to.equal(1)
    expect(sample(exposition, 'http_request_duration_seconds_count', { ...tools, status: '401' })).to.equal(1)
    const run = { route: '/api/v1/agents/{id}/run', method: 'POST', status: '200' }
    expect(sample(exposition, 'http_request_duration_seconds_count', run)).to.equal(1)
    const unknown = { route: 'unmatched', method: 'GET', status: '404' }
    expect(sample(exposition, 'http_request_duration_seconds_count', unknown)).to.equal(1)
    expect(exposition).not.to.include('no-such-path')
  })

  it('counts the run, its tokens and its cost by model and provider', () => {
    const model = { model: 'gpt-4o', provider: 'mock' }
    expect(sample(exposition, 'agent_executions_total', { ...model, status: 'completed' })).to.equal(1)
    expect(sample(exposition, 'agent_executions_total', { ...model, status: 'failed' })).to.equal(undefined)
    expect(run.usage.input_tokens).to.be.above(0)
    expect(sample(exposition, 'model_tokens_total', { ...model, direction: 'input' })).to.equal(
      run.usage.input_tokens,
    )
    expect(sample(exposition, 'model_tokens_total', { ...model, direction: 'output' })).to.equal(
      run.usage.output_tokens,
    )
    const expectedCost = (run.usage.input_tokens * 2.5 + run.usage.output_tokens * 10) / 1e6
    expect(run.cost_usd).to.be.closeTo(expectedCost, 1e-9)
    expect(sample(exposition, 'model_cost_usd_total', model)).to.be.closeTo(expectedCost, 1e-9)
  })

  it('counts rate-limit decisions per quota: allowed, refused', () => {
    expect(requestsRefused).to.equal(1)
    const requests = (decision: string) =>
      sample(exposition, 'rate_limit_decisions_total', { quota: 'requests', decision })
    expect(requests('allowed')).to.equal(requestQuota)
    expect(requestsAllowed).to.equal(requestQuota)
    expect(requests('refused')).to.equal(1)
    expect(requests('unavailable')).to.equal(undefined)
    expect(sample(exposition, 'rate_limit_decisions_total', { quota: 'runs', decision: 'allowed' })).to.equal(
      1,
    )
    const authFailures = { quota: 'auth-failures', decision: 'allowed' }
    expect(sample(exposition, 'rate_limit_decisions_total', authFailures)).to.equal(1)
  })

  it('exports the process metrics, the pool size and the tenant transactions in flight (none now)', () => {
    expect(sample(exposition, 'process_cpu_user_seconds_total')).to.be.above(0)
    expect(sample(exposition, 'nodejs_heap_size_used_bytes')).to.be.above(0)
    expect(sample(exposition, 'db_pool_max_connections')).to.equal(10)
    expect(sample(exposition, 'db_transactions_in_flight', { state: 'running' })).to.equal(0)
    expect(sample(exposition, 'db_transactions_in_flight', { state: 'waiting' })).to.equal(0)
  })

  it('reports a tenant transaction as running while it is open on the pool', async () => {
    const during = await inTenantTransaction(testStack().appSql, tenant.tenantId, () => scrape(built))
    expect(sample(during, 'db_transactions_in_flight', { state: 'running' })).to.equal(1)
    const after = await scrape(built)
    expect(sample(after, 'db_transactions_in_flight', { state: 'running' })).to.equal(0)
  })

  it('keeps each app its own registry: a new app has counted nothing', async () => {
    const fresh = await scrape(buildTestApp({ config: withToken() }))
    expect(
      sample(fresh, 'agent_executions_total', { model: 'gpt-4o', provider: 'mock', status: 'completed' }),
    ).to.be.undefined
    expect(fresh).to.include('# TYPE agent_executions_total counter')
    // Its only request so far is this scrape, answered after the histogram observed it: nothing yet.
    expect(fresh).not.to.match(/^http_request_duration_seconds_count\{/m)
  })

  it('serves the same exposition on a separate listener (METRICS_PORT), and nothing else there', async () => {
    expect(loadConfig({ METRICS_PORT: '9464' }).metricsPort).to.equal(9464)
    expect(loadConfig({ METRICS_PORT: '' }).metricsPort).to.equal(undefined)
    expect(loadConfig({}).metricsPort).to.equal(undefined)
    expect(loadConfig({ METRICS_TOKEN: metricsToken }).metricsToken).to.equal(metricsToken)
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).to.throw(/METRICS_TOKEN: at least 32 characters/)
    // Without METRICS_TOKEN, the port's network is what protects it: anyone reaching the port may scrape.
    const listener = await startMetricsServer(built.container.cradle.metrics.registry, {
      port: 0,
      host: '127.0.0.1',
    })
    try {
      const res = await fetch(`${listener.url}/metrics`, { headers: { Accept: prometheusAccept } })
      expect(res.status).to.equal(200)
      expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/)
      const text = await res.text()
      const model = { model: 'gpt-4o', provider: 'mock', status: 'completed' }
      expect(sample(text, 'agent_executions_total', model)).to.equal(1)
      const byId = { route: '/api/v1/tools/{id}', method: 'GET', status: '200' }
      expect(sample(text, 'http_request_duration_seconds_count', byId)).to.equal(2)
      expect((await fetch(`${listener.url}/api/v1/tools`)).status).to.equal(404)
      expect((await fetch(`${listener.url}/metrics`, { method: 'POST' })).status).to.equal(404)
    } finally {
      await listener.close()
    }
  })

  it('counts a check the limiter store cannot answer as unavailable (503)', async () => {
    const redis = createRedisClient({ url: `redis://127.0.0.1:${await freePort()}`, commandTimeoutMs: 100 })
    redis.on('error', () => undefined)
    try {
      const down = buildTestApp({ redis, config: withToken() })
      const res = await asTenant(tenant, down).get('/api/v1/tools')
      expect(res.status).to.equal(503)
      const text = await scrape(down)
      const requests = (decision: string) =>
        sample(text, 'rate_limit_decisions_total', { quota: 'requests', decision })
      expect(requests('unavailable')).to.equal(1)
      expect(requests('allowed')).to.equal(undefined)
    } finally {
      redis.disconnect()
    }
  })
})

describe('db_transactions_in_flight', () => {
  it('counts a transaction waiting for a connection of a full pool as waiting, and drops both to 0 after', async () => {
    const pool = createPool(testStack().database.appUrl, { max: 1, connectTimeoutSeconds: 5 })
    const metrics = makeMetrics({ pool })
    const read = async (state: string) =>
      sample(await metrics.registry.metrics(), 'db_transactions_in_flight', { state })
    const tenant = await createTestTenant('pool')
    try {
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      let entered!: () => void
      const running = new Promise<void>((resolve) => (entered = resolve))
      const first = inTenantTransaction(pool, tenant.tenantId, async () => {
        entered()
        await held
      })
      await running
      const second = inTenantTransaction(pool, tenant.tenantId, (tx) => tx`select 1`)
      expect(await read('running')).to.equal(1)
      expect(await read('waiting')).to.equal(1)
      release()
      await Promise.all([first, second])
      expect(await read('running')).to.equal(0)
      expect(await read('waiting')).to.equal(0)
    } finally {
      await pool.end({ timeout: 1 })
    }
  })

  it('counts a transaction that failed as settled', async () => {
    const metrics = makeMetrics({ pool: testStack().appSql })
    const tenant = await createTestTenant('pool')
    const failing = inTenantTransaction(testStack().appSql, tenant.tenantId, (tx) => tx`select 1/0`)
    await failing.then(
      () => expect.fail('division by zero succeeded'),
      () => undefined,
    )
    const text = await metrics.registry.metrics()
    expect(sample(text, 'db_transactions_in_flight', { state: 'running' })).to.equal(0)
    expect(sample(text, 'db_transactions_in_flight', { state: 'waiting' })).to.equal(0)
  })
})
