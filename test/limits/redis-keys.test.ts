// Redis Cluster readiness (issue 17, docs/scaling.md): every key the API writes to Redis carries its
// subject as a hash tag (`{<tenant id>}`, or `{<client address>}` for failed authentications), so one
// tenant's keys share a slot; and the limiter's script stays in the slot of its one key, which a real
// redis-server in cluster mode enforces (the script's `#!lua` line asks it to).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import type { Redis } from 'ioredis'
import supertest from 'supertest'
import { makeRateLimits } from '../../app/limits/rate-limits.js'
import { slidingWindowLua } from '../../app/limits/sliding-window.js'
import { createRedisClient } from '../../app/limits/stores.js'
import { buildTestApp, createTestTenant, testConfig } from '../helpers/api.js'
import { freePort, testStack } from '../harness/stack.js'
import { startRedisServer, type RedisServer } from '../harness/redis-server.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function allKeys(client: Redis): Promise<string[]> {
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await client.scan(cursor, 'COUNT', 1000)
    keys.push(...batch)
    cursor = next
  } while (cursor !== '0')
  return keys.sort()
}

/** What Redis Cluster hashes: the first non-empty {...} of the key, else the whole key. */
const hashTagOf = (key: string): string | undefined => /\{([^{}]+)\}/.exec(key)?.[1]

describe('Redis keys', function () {
  this.timeout(60_000)

  it('every key the API writes carries its subject as a hash tag: the tenant id, or the client address', async () => {
    const built = buildTestApp({ config: testConfig({ TRUST_PROXY: 'loopback' }) })
    const tenant = await createTestTenant('hash-tag')
    const api = supertest(built.app)
    const as = (test: supertest.Test) => test.set('X-API-Key', tenant.apiKey)
    // Every limiter path: the requests quota, the runs quota, a peek (GET /limits), a failed authentication.
    const tool = await as(api.post('/api/v1/tools')).send({ name: 'probe', description: 'x' }).expect(201)
    const agent = await as(api.post('/api/v1/agents'))
      .send({ name: 'tagged', role: 'r', description: 'd', tool_ids: [tool.body.id] })
      .expect(201)
    await as(api.post(`/api/v1/agents/${agent.body.id}/run`))
      .send({ prompt: 'hello', model: 'gpt-4o' })
      .expect(200)
    await as(api.get('/api/v1/limits')).expect(200)
    const address = '203.0.113.77'
    await api.get('/api/v1/tools').set('X-Forwarded-For', address).set('X-API-Key', 'map_wrong').expect(401)

    const keys = await allKeys(testStack().redisClient)
    // Every key in the suite's Redis so far, whichever test wrote it.
    expect(
      keys.filter((key) => hashTagOf(key) === undefined),
      'keys without a hash tag',
    ).to.deep.equal([])
    expect(keys.filter((key) => key.includes(tenant.tenantId))).to.have.members([
      `rl:requests:60:{${tenant.tenantId}}`,
      `rl:runs:60:{${tenant.tenantId}}`,
    ])
    expect(keys).to.include(`rl:auth-failures:60:{${address}}`)
  })

  describe('on a Redis Cluster node (cluster mode, one node holding every slot)', () => {
    let folder: string
    let server: RedisServer
    let client: Redis

    before(async () => {
      folder = mkdtempSync(path.join(os.tmpdir(), 'map-redis-cluster-'))
      server = await startRedisServer(await freePort(), [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        path.join(folder, 'nodes.conf'),
        '--dir',
        folder,
      ])
      client = createRedisClient({ url: server.url, commandTimeoutMs: 5000 })
      client.on('error', () => undefined)
      // No offline queue: commands wait for the connection.
      for (let i = 0; i < 100 && client.status !== 'ready'; i++) await sleep(20)
      await client.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383')
      for (
        let i = 0;
        i < 100 && !String(await client.call('CLUSTER', 'INFO')).includes('cluster_state:ok');
        i++
      )
        await sleep(50)
    })

    after(async () => {
      client.disconnect()
      await server.stop()
      rmSync(folder, { recursive: true, force: true })
    })

    const slotOf = async (key: string) => Number(await client.call('CLUSTER', 'KEYSLOT', key))

    it("runs every limiter call, each within one slot, and keeps each tenant's keys in its tenant's slot", async () => {
      const limits = makeRateLimits(client, true)
      const quota = { limit: 2, windowSeconds: 60 }
      const tenants = ['9b2f6c1e-0d4a-4e55-9c1b-2a7f3e8d5c01', '4c8e2a7b-1f3d-4b6a-8e9c-0d5f7a2b3c4e']
      for (const tenant of tenants) {
        const decisions = []
        for (let i = 0; i < 3; i++) decisions.push((await limits.consume('requests', tenant, quota)).allowed)
        expect(decisions).to.deep.equal([true, true, false])
        expect((await limits.consume('runs', tenant, quota)).allowed).to.equal(true)
        expect((await limits.peek('requests', tenant, quota)).remaining).to.equal(0)
      }
      expect((await limits.consume('auth-failures', '2001:db8::7', quota)).allowed).to.equal(true)
      // Two quotas of one tenant in one call: both keys in its slot. Requests spent: runs is not counted.
      const [requests, runs] = [
        { name: 'requests', quota },
        { name: 'runs', quota },
      ]
      const refused = await limits.consumeInTurn(tenants[0]!, requests, runs)
      expect(refused.map((d) => d.allowed)).to.deep.equal([false])
      const inTurn = await limits.consumeInTurn(tenants[1]!, runs, requests)
      expect(inTurn.map((d) => [d.allowed, d.remaining])).to.deep.equal([
        [true, 0],
        [false, 0],
      ])

      const keys = await allKeys(client)
      expect(keys).to.have.length(5)
      for (const key of keys) expect(await slotOf(key), key).to.equal(await slotOf(`{${hashTagOf(key)}}`))
      for (const tenant of tenants) {
        const slots = await Promise.all(keys.filter((k) => k.includes(tenant)).map(slotOf))
        expect(new Set(slots).size, `slots of ${tenant}`).to.equal(1)
      }
    })

    it('would refuse the script if it reached a key of another slot, or a call that named two tenants', async () => {
      const [a, b] = ['rl:requests:60:{tenant-a}', 'rl:requests:60:{tenant-b}']
      // The limiter's own script, changed to also touch another tenant's key.
      const spanning = slidingWindowLua.replace(
        "local count = redis.call('ZCARD', key)",
        `local count = redis.call('ZCARD', key) + redis.call('ZCARD', '${b}')`,
      )
      expect(spanning).not.to.equal(slidingWindowLua)
      const error = await client.eval(spanning, 1, a, '1', '60', '2', '60').then(
        () => 'ran',
        (e: Error) => e.message,
      )
      expect(error).to.match(/do not hash to the same slot/)
      const twoTenants = await client.eval(slidingWindowLua, 2, a, b, '1', '60', '2', '60').then(
        () => 'ran',
        (e: Error) => e.message,
      )
      expect(twoTenants).to.match(/CROSSSLOT/)
      // The script as it is runs.
      expect(await client.eval(slidingWindowLua, 1, a, '1', '60', '2', '60')).to.have.length(2)
    })
  })
})
