// Who may read /metrics: it shows every tenant's activity per model (runs, tokens, cost), so the API port
// never serves it to an anonymous caller or to a tenant's key. Each attack runs against a real app.
import { expect } from 'chai'
import supertest from 'supertest'
import { loadConfig } from '../../app/config.js'
import { createLogger } from '../../app/logger.js'
import { startMetricsServer } from '../../app/observability/metrics-server.js'
import { startServer } from '../../app/server.js'
import { plugins } from '../../plugins/index.js'
import { freePort, testStack } from '../harness/stack.js'
import { asTenant, buildTestApp, createTestTenant, testConfig } from '../helpers/api.js'

const metricsToken = 'metrics-token-0123456789-abcdefghijklmnop'
/** Text only an exposition has: a metric this app always exports. */
const metricText = /agent_executions_total|process_cpu_user_seconds_total/

describe('/metrics exposure (attacks)', () => {
  it('with neither METRICS_TOKEN nor METRICS_PORT, the API port does not serve /metrics (404, no metric)', async () => {
    const app = buildTestApp().app
    for (const res of [
      await supertest(app).get('/metrics'),
      await supertest(app).get('/metrics').set('Authorization', `Bearer ${metricsToken}`),
    ]) {
      expect(res.status).to.equal(404)
      expect(res.body.error_code).to.equal('NOT_FOUND')
      expect(res.text).not.to.match(metricText)
    }
  })

  it("with METRICS_TOKEN, refuses no token, a wrong token, a non-bearer scheme and a tenant's API key (401)", async () => {
    const built = buildTestApp({ config: testConfig({ METRICS_TOKEN: metricsToken }) })
    const tenant = await createTestTenant('metrics-attacker')
    const attempts = [
      supertest(built.app).get('/metrics'),
      supertest(built.app).get('/metrics').set('Authorization', 'Bearer '),
      supertest(built.app)
        .get('/metrics')
        .set('Authorization', `Bearer ${metricsToken.slice(0, -1)}`),
      supertest(built.app).get('/metrics').set('Authorization', `Bearer ${metricsToken}x`),
      supertest(built.app).get('/metrics').set('Authorization', `Basic ${metricsToken}`),
      supertest(built.app).get('/metrics').set('Authorization', metricsToken),
      asTenant(tenant, built).get('/metrics'),
    ]
    for (const attempt of attempts) {
      const res = await attempt
      expect(res.status).to.equal(401)
      expect(res.body.error_code).to.equal('INVALID_METRICS_TOKEN')
      expect(res.headers['www-authenticate']).to.equal('Bearer')
      expect(res.text).not.to.match(metricText)
    }
    const allowed = await supertest(built.app).get('/metrics').set('Authorization', `Bearer ${metricsToken}`)
    expect(allowed.status).to.equal(200)
    expect(allowed.text).to.match(metricText)
  })

  it('counts failed metrics tokens per client address like failed API keys: past AUTH_FAILURE_LIMIT, 429', async () => {
    const built = buildTestApp({
      config: testConfig({ METRICS_TOKEN: metricsToken, AUTH_FAILURE_LIMIT: '2' }),
      redis: 'memory',
    })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      statuses.push((await supertest(built.app).get('/metrics').set('Authorization', 'Bearer guess')).status)
    }
    expect(statuses).to.deep.equal([401, 401, 429])
  })

  it('with METRICS_PORT, the API port does not serve /metrics even with the token; the metrics port does', async () => {
    const built = buildTestApp({ config: testConfig({ METRICS_TOKEN: metricsToken, METRICS_PORT: '0' }) })
    const onApi = await supertest(built.app).get('/metrics').set('Authorization', `Bearer ${metricsToken}`)
    expect(onApi.status).to.equal(404)
    expect(onApi.text).not.to.match(metricText)
    const listener = await startMetricsServer(built.container.cradle.metrics.registry, {
      port: 0,
      host: '127.0.0.1',
      token: metricsToken,
    })
    try {
      const anonymous = await fetch(`${listener.url}/metrics`)
      expect(anonymous.status).to.equal(401)
      expect(anonymous.headers.get('www-authenticate')).to.equal('Bearer')
      expect(await anonymous.text()).not.to.match(metricText)
      const wrong = await fetch(`${listener.url}/metrics`, { headers: { Authorization: 'Bearer guess' } })
      expect(wrong.status).to.equal(401)
      const allowed = await fetch(`${listener.url}/metrics`, {
        headers: { Authorization: `Bearer ${metricsToken}` },
      })
      expect(allowed.status).to.equal(200)
      expect(await allowed.text()).to.match(metricText)
    } finally {
      await listener.close()
    }
  })

  describe('the server as it boots (app/server.ts)', () => {
    /** Starts the real server on free ports with `env`; returns its URL, its log and how to stop it. */
    async function boot(env: Record<string, string>) {
      const { database, redis } = testStack()
      const chunks: string[] = []
      const logger = createLogger({ logLevel: 'info' }, { write: (chunk: string) => void chunks.push(chunk) })
      const config = loadConfig(
        {
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: '0',
          DATABASE_URL: database.appUrl,
          MIGRATE_ON_START: 'false',
          REDIS_URL: redis.url,
          ...env,
        },
        plugins, // as app/main.ts loads it: the server serves these
      )
      const running = await startServer(config, logger)
      return { ...running, log: () => chunks.join('') }
    }

    it('with METRICS_PORT and METRICS_TOKEN: 404 on the API port; the metrics port wants the token', async () => {
      const metricsPort = await freePort()
      const server = await boot({ METRICS_PORT: String(metricsPort), METRICS_TOKEN: metricsToken })
      try {
        const bearer = { Authorization: `Bearer ${metricsToken}` }
        expect((await fetch(`${server.url}/metrics`, { headers: bearer })).status).to.equal(404)
        const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`
        expect((await fetch(metricsUrl)).status).to.equal(401)
        const allowed = await fetch(metricsUrl, { headers: bearer })
        expect(allowed.status).to.equal(200)
        expect(await allowed.text()).to.match(metricText)
      } finally {
        await server.stop()
      }
    })

    it('with neither: /metrics is served nowhere, and the log says so', async () => {
      const server = await boot({})
      try {
        const res = await fetch(`${server.url}/metrics`)
        expect(res.status).to.equal(404)
        expect(await res.text()).not.to.match(metricText)
        expect(server.log()).to.include('metrics not served: set METRICS_PORT or METRICS_TOKEN')
      } finally {
        await server.stop()
      }
    })
  })
})
