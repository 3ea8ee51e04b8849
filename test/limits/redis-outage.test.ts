// Fail closed: while Redis is down, limited endpoints answer 503 quickly; liveness stays up, readiness
// says Redis is down; when Redis returns, everything recovers by itself.
import { expect } from 'chai'
import { createRedisClient } from '../../app/limits/stores.js'
import { createTestTenant } from '../helpers/api.js'
import { freePort } from '../harness/stack.js'
import { startRedisServer, type RedisServer } from '../harness/redis-server.js'
import { call, serve, sleep, type ServedApp } from './helpers.js'

describe('rate limits while Redis is down', function () {
  this.timeout(30_000)
  let redis: RedisServer
  let client: ReturnType<typeof createRedisClient>
  let app: ServedApp

  before(async () => {
    redis = await startRedisServer(await freePort())
    client = createRedisClient({ url: redis.url, commandTimeoutMs: 300 })
    client.on('error', () => undefined) // reconnect attempts report here while the server is down
    app = await serve({ RATE_LIMIT_REQUESTS: '100' }, client)
  })
  after(async () => {
    await app.close()
    client.disconnect()
    await redis.stop()
  })

  it('answers 503 rate_limiter_unavailable within a second, keeps /health up, and recovers when Redis returns', async () => {
    const tenant = await createTestTenant()
    expect((await call(app, tenant)).status).to.equal(200)

    await redis.stop()
    const started = Date.now()
    const down = await call(app, tenant)
    expect(Date.now() - started).to.be.lessThan(1000)
    expect(down.status).to.equal(503)
    expect(down.body).to.deep.include({ error_code: 'SERVICE_UNAVAILABLE' })
    expect(down.body.details).to.deep.equal({ reason: 'rate_limiter_unavailable' })
    expect((await fetch(`${app.url}/health`)).status).to.equal(200)
    const ready = await fetch(`${app.url}/ready`)
    expect(ready.status).to.equal(503)
    expect(((await ready.json()) as { details: { checks: unknown } }).details.checks).to.deep.equal({
      database: 'ok',
      redis: 'down',
      migrations: 'current',
      accepting_requests: 'ok',
    })

    await redis.start()
    let status = 0
    for (let i = 0; i < 50 && status !== 200; i++) {
      await sleep(100)
      status = (await call(app, tenant)).status
    }
    expect(status).to.equal(200)
    expect((await fetch(`${app.url}/ready`)).status).to.equal(200)
  })
})

describe('GET /ready', () => {
  it('answers 503 naming pending migrations when a migration the code ships has not run', async () => {
    const { testStack } = await import('../harness/stack.js')
    const app = await serve({})
    try {
      expect((await fetch(`${app.url}/ready`)).status).to.equal(200)
      // A migration of the core: every deployment ships it.
      const [last] = await testStack()
        .superSql`select name, run_on from pgmigrations where name = '1764100000000_core-tenancy'`
      await testStack().superSql`delete from pgmigrations where name = ${last!.name as string}`
      try {
        const res = await fetch(`${app.url}/ready`)
        expect(res.status, JSON.stringify(await res.clone().json())).to.equal(503)
        expect(
          ((await res.json()) as { details: { checks: { migrations: string } } }).details.checks.migrations,
        ).to.equal('pending')
      } finally {
        await testStack()
          .superSql`insert into pgmigrations (name, run_on) values (${last!.name as string}, ${last!.run_on as Date})`
      }
    } finally {
      await app.close()
    }
  })
})
