// N stateless API processes behind a load balancer (docs/scaling.md), with N = 2: two real server processes
// (`node --import tsx app/main.ts`) on one PostgreSQL and one Redis. Requests spread over both see one quota
// (exactly `limit` admitted in all), one history, and one set of keys: a key revoked through the admin API
// of one process is refused by the other within a second, though that one caches keys for a minute.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { createTenant, setTenantLimits } from '../../app/admin/tenants.repo.js'
import { freePort, testStack } from '../harness/stack.js'

const adminToken = 'admin-token-for-two-processes-0123456789'
const metricsToken = 'metrics-token-for-two-processes-0123456789'

interface Api {
  name: string
  baseUrl: string
  output: () => string
}

const children: ChildProcess[] = []
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function startApi(name: string): Promise<Api> {
  const { database, redis } = testStack()
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.NODE_V8_COVERAGE ? { NODE_V8_COVERAGE: process.env.NODE_V8_COVERAGE } : {}),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.appUrl,
      DATABASE_ADMIN_URL: database.adminUrl,
      MIGRATE_ON_START: 'false',
      SEED_DEMO_TENANTS: 'false',
      REDIS_URL: redis.url,
      ADMIN_TOKEN: adminToken,
      METRICS_TOKEN: metricsToken,
      // Far longer than the test: only an invalidation can make a process forget a key.
      AUTH_CACHE_TTL_MS: '60000',
      RATE_LIMIT_REQUESTS: '1000000',
      RUN_RATE_LIMIT_REQUESTS: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const deadline = Date.now() + 60_000
  while (!output.includes('"msg":"listening"')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`API process ${name} did not start:\n${output}`)
    await sleep(20)
  }
  return { name, baseUrl: `http://127.0.0.1:${port}`, output: () => output }
}

const call = async (api: Api, path: string, key: string, init: RequestInit = {}) => {
  const res = await fetch(`${api.baseUrl}${path}`, {
    ...init,
    headers: { 'X-API-Key': key, 'Content-Type': 'application/json', ...init.headers },
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('two API processes on one database and one Redis', function () {
  this.timeout(120_000)
  let a: Api
  let b: Api

  before(async () => {
    // One after the other: two boots at once on two shared cores only make each slower.
    a = await startApi('a')
    b = await startApi('b')
  })

  after(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode !== null) continue
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  })

  it('admits exactly the quota across both, wherever each request lands', async () => {
    const { ownerSql } = testStack()
    const tenant = await createTenant(ownerSql, `two-proc-quota-${randomUUID().slice(0, 8)}`)
    const limit = 25
    await setTenantLimits(ownerSql, tenant.tenantId, { rateLimitRequests: limit })
    // 60 requests from 10 clients at once, 5 on each process (a fair share's worth of one tenant's work).
    const statuses: { api: string; status: number; code: unknown }[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: 10 }, async (_, client) => {
        const api = client % 2 === 0 ? a : b
        while (next < 60) {
          next++
          const res = await call(api, '/api/v1/tools', tenant.apiKey)
          statuses.push({ api: api.name, status: res.status, code: res.body.error_code })
        }
      }),
    )
    const seen = JSON.stringify(statuses)
    expect(statuses.filter((s) => s.status === 200).length, seen).to.equal(limit)
    expect(statuses.filter((s) => s.status === 429).length, seen).to.equal(60 - limit)
    // Each process answered, so each counted against the one quota (alone, each would admit `limit`).
    expect(new Set(statuses.map((s) => s.api)), seen).to.have.property('size', 2)
  })

  it('records the runs of both in one history, which each serves whole', async () => {
    const tenant = await createTenant(testStack().ownerSql, `two-proc-history-${randomUUID().slice(0, 8)}`)
    const tool = await call(a, '/api/v1/tools', tenant.apiKey, {
      method: 'POST',
      body: JSON.stringify({ name: 'shared', description: 'one catalog' }),
    })
    expect(tool.status).to.equal(201)
    const agent = await call(b, '/api/v1/agents', tenant.apiKey, {
      method: 'POST',
      body: JSON.stringify({ name: 'both', role: 'r', description: 'd', tool_ids: [tool.body.id] }),
    })
    expect(agent.status, 'b sees the tool a created').to.equal(201)
    const ran: string[] = []
    for (const api of [a, b, a, b]) {
      const run = await call(api, `/api/v1/agents/${agent.body.id as string}/run`, tenant.apiKey, {
        method: 'POST',
        body: JSON.stringify({ prompt: `from ${api.name}`, model: 'gpt-4o' }),
      })
      expect(run.status).to.equal(200)
      ran.push(run.body.id as string)
    }
    const [fromA, fromB] = await Promise.all(
      [a, b].map((api) => call(api, '/api/v1/history?limit=10', tenant.apiKey)),
    )
    for (const history of [fromA!, fromB!]) {
      expect(history.status).to.equal(200)
      expect(history.body.total).to.equal(4)
      expect((history.body.items as { id: string }[]).map((e) => e.id)).to.have.members(ran)
    }
    expect(fromA!.body.items).to.deep.equal(fromB!.body.items)
  })

  it('refuses on one process, within 1 s, a key revoked through the admin API of the other', async () => {
    const admin = (path: string, init: RequestInit = {}) =>
      fetch(`${a.baseUrl}${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      })
    const created = (await (
      await admin('/admin/v1/tenants', { method: 'POST', body: JSON.stringify({ name: 'two-proc-revoke' }) })
    ).json()) as { tenant: { id: string }; api_key: { id: string }; key: string }
    const hits = async () => {
      const text = await (
        await fetch(`${b.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } })
      ).text()
      return Number(/auth_key_cache_lookups_total\{result="hit"\} (\d+)/.exec(text)?.[1] ?? 0)
    }
    const before = await hits()
    for (let i = 0; i < 3; i++) expect((await call(b, '/api/v1/tools', created.key)).status).to.equal(200)
    expect(await hits(), 'b answered from its cache').to.be.above(before)

    const revoked = await admin(`/admin/v1/tenants/${created.tenant.id}/keys/${created.api_key.id}/revoke`, {
      method: 'POST',
    })
    expect(revoked.status).to.equal(200)
    const started = performance.now()
    let status = 200
    while (status !== 401 && performance.now() - started < 5000) {
      status = (await call(b, '/api/v1/tools', created.key)).status
      if (status !== 401) await sleep(10)
    }
    expect(status).to.equal(401)
    expect(performance.now() - started, 'ms until the other process refused it').to.be.below(1000)
  })
})
