// The API-key cache (issue 17): two app instances sharing one database, each with its own cache and its
// own LISTEN connection, and a TTL (60 s) far longer than any test, so only an invalidation can make a
// cached key stop working. The issue asks for "within 1 s on every process"; that bound is asserted here,
// measured by polling the other instance every 10 ms.
import { expect } from 'chai'
import supertest from 'supertest'
import postgres from 'postgres'
import type { BuiltApp } from '../../app/kernel/create-app.js'
import { findKeyOwner } from '../../app/auth/api-keys.repo.js'
import { hashApiKey } from '../../app/auth/api-keys.js'
import { makeKeyCache } from '../../app/auth/key-cache.js'
import { buildTestApp, testConfig } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

const token = 'admin-token-for-key-cache-tests-0123456789'
const within = 1000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until condition holds; returns the milliseconds it took (or throws after timeoutMs). */
async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<number> {
  const started = performance.now()
  while (!(await condition())) {
    if (performance.now() - started > timeoutMs) throw new Error(`condition not met in ${timeoutMs} ms`)
    await sleep(10)
  }
  return performance.now() - started
}

const cachedApp = (overrides: Record<string, string> = {}) =>
  buildTestApp({
    config: testConfig({ ADMIN_TOKEN: token, AUTH_CACHE_TTL_MS: '60000', ...overrides }),
  })

// Its invalidation listener connected. Not what is measured (the 1 s bound is for invalidations): under the
// load of the whole suite connecting has taken over 5 s.
const ready = (built: BuiltApp) => until(() => built.container.cradle.keyCache.status().fresh, 20_000)

const lookups = async (built: BuiltApp, result: 'hit' | 'miss' | 'bypass'): Promise<number> => {
  const metric = await built.container.cradle.metrics.registry
    .getSingleMetric('auth_key_cache_lookups_total')!
    .get()
  return metric.values.find((v) => v.labels.result === result)?.value ?? 0
}

const statusWith = async (built: BuiltApp, key: string): Promise<number> =>
  (await supertest(built.app).get('/api/v1/tools').set('X-API-Key', key)).status

const admin = (built: BuiltApp) => {
  const agent = supertest(built.app)
  const auth = (test: supertest.Test) => test.set('Authorization', `Bearer ${token}`)
  return {
    post: (url: string) => auth(agent.post(url)),
    patch: (url: string) => auth(agent.patch(url)),
    delete: (url: string) => auth(agent.delete(url)),
  }
}

interface CreatedTenant {
  tenant: { id: string }
  api_key: { id: string }
  key: string
}

const createTenant = async (built: BuiltApp): Promise<CreatedTenant> =>
  (
    await admin(built)
      .post('/admin/v1/tenants')
      .send({ name: `key-cache-${Math.random().toString(36).slice(2, 8)}` })
      .expect(201)
  ).body as CreatedTenant

/**
 * The key works on `built` and a request of it was answered from its cache. Not always the second: the cache
 * does not keep a lookup during which any tenant's notification arrived, and serves nothing while its
 * listener's last heartbeat is over 600 ms old, both of which a loaded machine (the whole suite) brings about.
 */
async function warm(built: BuiltApp, key: string): Promise<void> {
  expect(await statusWith(built, key)).to.equal(200)
  await until(async () => {
    const hits = await lookups(built, 'hit')
    expect(await statusWith(built, key)).to.equal(200)
    return (await lookups(built, 'hit')) === hits + 1
  }, 10_000)
}

describe('the API-key cache', function () {
  this.timeout(30_000)
  let a: BuiltApp
  let b: BuiltApp

  before(async () => {
    a = cachedApp()
    b = cachedApp()
    await Promise.all([ready(a), ready(b)])
  })
  after(async () => {
    await Promise.all([a.container.dispose(), b.container.dispose()])
  })

  it('stops a key revoked through the admin API of one instance on the other within 1 s (and on the first at once)', async () => {
    const { tenant, api_key, key } = await createTenant(a)
    await warm(a, key)
    await warm(b, key)
    await admin(a).post(`/admin/v1/tenants/${tenant.id}/keys/${api_key.id}/revoke`).expect(200)
    expect(await statusWith(a, key), 'the instance that revoked it').to.equal(401)
    const took = await until(async () => (await statusWith(b, key)) === 401)
    expect(took, 'ms until the other instance refused it').to.be.below(within)
  })

  it('stops the old key of a rotation with no grace, and serves the new one', async () => {
    const { tenant, api_key, key } = await createTenant(a)
    await warm(b, key)
    const rotated = await admin(a)
      .post(`/admin/v1/tenants/${tenant.id}/keys/${api_key.id}/rotate`)
      .send({ grace_seconds: 0 })
      .expect(201)
    const took = await until(async () => (await statusWith(b, key)) === 401)
    expect(took).to.be.below(within)
    expect(await statusWith(b, rotated.body.key as string)).to.equal(200)
  })

  it('never serves a cached key past its expiry (a rotation grace ends without any notification)', async () => {
    const { tenant, api_key, key } = await createTenant(a)
    await admin(a)
      .post(`/admin/v1/tenants/${tenant.id}/keys/${api_key.id}/rotate`)
      // Long enough for warm() to see a cache hit on a loaded machine (at 2 s it once saw the key expire).
      .send({ grace_seconds: 5 })
      .expect(201)
    const [{ expires_at: expiresAt }] = (await testStack().superSql`
      select expires_at from api_keys where id = ${api_key.id}`) as unknown as [{ expires_at: Date }]
    await warm(b, key)
    // Up to the whole grace: past until's default 5 s when warm() answered at once.
    await until(() => Date.now() > expiresAt.getTime() + 20, 10_000)
    expect(await statusWith(b, key), 'the first request after the expiry').to.equal(401)
  })

  it('answers 403 within 1 s once the tenant is suspended, and 200 within 1 s once resumed', async () => {
    const { tenant, key } = await createTenant(a)
    await warm(b, key)
    await admin(a).patch(`/admin/v1/tenants/${tenant.id}`).send({ status: 'suspended' }).expect(200)
    expect(await until(async () => (await statusWith(b, key)) === 403)).to.be.below(within)
    await admin(a).patch(`/admin/v1/tenants/${tenant.id}`).send({ status: 'active' }).expect(200)
    expect(await until(async () => (await statusWith(b, key)) === 200)).to.be.below(within)
  })

  it('forgets the keys of a deleted tenant within 1 s', async () => {
    const { tenant, key } = await createTenant(a)
    await warm(b, key)
    await admin(a).delete(`/admin/v1/tenants/${tenant.id}`).expect(204)
    expect(await until(async () => (await statusWith(b, key)) === 401)).to.be.below(within)
  })

  it('hears changes made outside the API too (an operator in psql): the triggers notify, not the code', async () => {
    const { tenant, key } = await createTenant(a)
    await warm(a, key)
    await warm(b, key)
    await testStack().superSql`update api_keys set revoked_at = now() where tenant_id = ${tenant.id}`
    const took = await Promise.all(
      [a, b].map((app) => until(async () => (await statusWith(app, key)) === 401)),
    )
    expect(Math.max(...took)).to.be.below(within)
  })

  it("applies a tenant's new quota on the other instance within 1 s, whatever TENANT_SETTINGS_CACHE_MS says", async () => {
    const slow = cachedApp({ TENANT_SETTINGS_CACHE_MS: '60000' })
    try {
      await ready(slow)
      const { tenant, key } = await createTenant(a)
      const limit = async () =>
        (await supertest(slow.app).get('/api/v1/limits').set('X-API-Key', key).expect(200)).body.quotas
          .requests.limit as number
      expect(await limit()).to.equal(1_000_000)
      await admin(a).patch(`/admin/v1/tenants/${tenant.id}`).send({ rate_limit_requests: 500 }).expect(200)
      expect(await until(async () => (await limit()) === 500)).to.be.below(within)
    } finally {
      await slow.container.dispose()
    }
  })

  it('never caches an unknown key', async () => {
    const unknown = `map_${'u'.repeat(43)}`
    const [hits, misses] = [await lookups(b, 'hit'), await lookups(b, 'miss')]
    for (let i = 0; i < 3; i++) expect(await statusWith(b, unknown)).to.equal(401)
    expect(await lookups(b, 'hit')).to.equal(hits)
    expect(await lookups(b, 'miss')).to.equal(misses + 3)
  })

  it('notifies only a tenant id: never a key, its hash or its prefix', async () => {
    const { tenant, api_key, key } = await createTenant(a)
    const listener = postgres(testStack().database.appUrl, { max: 1 })
    const heard: string[] = []
    try {
      await listener.listen('map_auth_invalidation', (payload) => heard.push(payload))
      await admin(a).post(`/admin/v1/tenants/${tenant.id}/keys/${api_key.id}/revoke`).expect(200)
      await until(() => heard.length > 0)
      await sleep(50)
      expect(heard).to.deep.equal([tenant.id])
      expect(heard.join()).not.to.include(key.slice(0, 8))
    } finally {
      await listener.end({ timeout: 1 })
    }
  })

  it('keeps the suspended-tenant rules: 403 up to the failure limit, then 429, and one coalesced audit event', async () => {
    const limited = cachedApp({ AUTH_FAILURE_LIMIT: '5', TRUST_PROXY: 'loopback' })
    await ready(limited)
    const { tenant, key } = await createTenant(a)
    await admin(a).patch(`/admin/v1/tenants/${tenant.id}`).send({ status: 'suspended' }).expect(200)
    // Its own address (failures are counted per address across the suite): one of 65,536.
    const address = `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`
    const statuses: Record<number, number> = {}
    for (let i = 0; i < 30; i++) {
      const res = await supertest(limited.app)
        .get('/api/v1/tools')
        .set('X-Forwarded-For', address)
        .set('X-API-Key', key)
      statuses[res.status] = (statuses[res.status] ?? 0) + 1
    }
    expect(statuses).to.deep.equal({ 403: 5, 429: 25 })
    expect(await lookups(limited, 'hit'), 'the suspended answer came from the cache').to.be.above(0)
    await limited.container.dispose()
    const counts = await testStack().superSql<{ details: { count: number } }[]>`
      select details from audit_events
       where tenant_id = ${tenant.id} and action = 'auth.suspended_tenant' order by seq`
    expect(counts.map((e) => e.details.count)).to.deep.equal([1, 4])
  })

  describe('when its listener connection is lost', () => {
    it('flushes, asks the database until it listens again, then caches and hears again', async () => {
      const { tenant, key } = await createTenant(a)
      await warm(b, key)
      // A change whose notification never comes (triggers off for this transaction): only the loss of the
      // listener can make b forget the key now, and b still serves it from its cache until then.
      await testStack().superSql.begin(async (tx) => {
        await tx`set local session_replication_role = replica`
        await tx`update api_keys set revoked_at = now() where tenant_id = ${tenant.id}`
      })
      expect(await statusWith(b, key), 'served from the cache: no notification came').to.equal(200)
      const { backendPid } = b.container.cradle.keyCache.status()
      expect(backendPid).to.be.a('number')
      const [terminated] = await testStack().superSql`select pg_terminate_backend(${backendPid!}) as ok`
      expect(terminated!.ok).to.equal(true)
      const took = await until(async () => (await statusWith(b, key)) === 401)
      expect(took, 'ms until the key was refused').to.be.below(within)

      // It listens again on a new backend, serves from its cache again, and hears the next change.
      await until(() => {
        const status = b.container.cradle.keyCache.status()
        return status.fresh && status.backendPid !== undefined && status.backendPid !== backendPid
      })
      const next = await createTenant(a)
      await warm(b, next.key)
      await testStack().superSql`update api_keys set revoked_at = now() where tenant_id = ${next.tenant.id}`
      expect(await until(async () => (await statusWith(b, next.key)) === 401)).to.be.below(within)
    })

    it('caches nothing while it is not listening (a heartbeat a minute, so it stays down)', async () => {
      const { appSql, superSql } = testStack()
      const results: string[] = []
      const cache = makeKeyCache((hash) => findKeyOwner(appSql, hash), appSql, {
        ttlMs: 60_000,
        maxKeys: 10,
        logger: { info: () => undefined, warn: () => undefined },
        onLookup: (result) => results.push(result),
        heartbeatMs: 60_000,
        staleAfterMs: 120_000,
      })
      try {
        await until(() => cache.status().fresh)
        const { tenant, key } = await createTenant(a)
        const hash = hashApiKey(key)
        await cache.lookup(hash)
        await cache.lookup(hash)
        expect(results).to.deep.equal(['miss', 'hit'])
        const { backendPid } = cache.status()
        await superSql`select pg_terminate_backend(${backendPid!})`
        await until(() => !cache.status().listening)
        expect(cache.status().keys, 'flushed').to.equal(0)
        expect(await cache.lookup(hash)).to.deep.include({ tenantId: tenant.id })
        expect(await cache.lookup(hash)).to.deep.include({ tenantId: tenant.id })
        expect(results.slice(2)).to.deep.equal(['bypass', 'bypass'])
        expect(cache.status().keys, 'nothing kept while deaf').to.equal(0)
        await superSql`update api_keys set revoked_at = now() where tenant_id = ${tenant.id}`
        expect(await cache.lookup(hash)).to.equal(undefined)
      } finally {
        await cache.close()
      }
    })
  })
})
