// Backends killed under load (a failover, an operator's pg_terminate_backend, the idle-in-transaction
// timeout): every request then answers what it did, or 503 SERVICE_UNAVAILABLE, never a 500. Seen in
// the field: a 500 "tenantIdOf called on an unauthenticated request" 10 ms after backends were killed,
// when postgres.js handed the key lookup a reply meant for another query on the reconnected connection.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { expect } from 'chai'
import express from 'express'
import { pino } from 'pino'
import supertest from 'supertest'
import { authenticate, tenantIdOf, type KeyLookup } from '../../app/auth/authenticate.js'
import type { KeyOwner } from '../../app/auth/api-keys.repo.js'
import { problemHandler } from '../../app/http/problem.js'
import { requestIdMiddleware } from '../../app/http/request-id.js'
import { createPool, type Sql } from '../../db/client.js'
import { buildTestApp, createTestTenant, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

const applicationName = 'killed-backends-test'

describe('backends killed under load', function () {
  this.timeout(180_000)
  let pool: Sql
  let server: Server
  let baseUrl: string
  const tenants: TestTenant[] = []

  before(async () => {
    pool = createPool(testStack().database.appUrl, { max: 4, connectTimeoutSeconds: 10, applicationName })
    server = buildTestApp({ sql: pool }).app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    for (const label of ['killed-a', 'killed-b']) tenants.push(await createTestTenant(label))
  })

  after(async () => {
    await new Promise((resolve) => server.close(resolve))
    await pool.end({ timeout: 5 })
  })

  /** One request, answered within 15 s; a POST every third request so transactions write too. */
  const call = async (i: number, tenant: TestTenant): Promise<string> => {
    const signal = AbortSignal.timeout(15_000)
    const res =
      i % 3 === 0
        ? await fetch(`${baseUrl}/api/v1/tools`, {
            method: 'POST',
            headers: { 'X-API-Key': tenant.apiKey, 'Content-Type': 'application/json' },
            body: JSON.stringify({ name: `killed-${i}`, description: 'under fire' }),
            signal,
          })
        : await fetch(`${baseUrl}/api/v1/tools?limit=5`, { headers: { 'X-API-Key': tenant.apiKey }, signal })
    const body = (await res.json()) as { error_code?: string }
    return `${res.status} ${body.error_code ?? ''}`
  }

  it('answers 2xx or 503 to 800 requests while map_app backends are terminated every few milliseconds', async () => {
    const { superSql } = testStack()
    let done = false
    let kills = 0
    // As the superuser: terminate every backend of this pool, again and again, until the load is done.
    const killer = (async () => {
      while (!done) {
        // Two statements: in one, PostgreSQL may call pg_terminate_backend before the filter is applied.
        const pids = (
          await superSql<{ pid: number }[]>`
            select pid from pg_stat_activity where usename = 'map_app' and application_name = ${applicationName}`
        ).map(({ pid }) => pid)
        const killed = await superSql<{ ok: boolean }[]>`
          select pg_terminate_backend(pid) as ok from unnest(${pids}::int[]) as pid`
        kills += killed.filter(({ ok }) => ok).length
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20))
      }
    })()
    // A rejection nobody handles ends a production process (Node's default): none may happen here. Seen:
    // postgres.js's array-type fetch on a fresh connection, killed mid-fetch, rejected with no handler.
    const unhandled: string[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(String((reason as Error)?.stack ?? reason))
    process.on('unhandledRejection', onUnhandled)
    const statuses = new Map<string, number>()
    let next = 0
    const total = 800
    // Bounded in time too: a wedged pool shows as requests never sent, not as a test that never ends.
    const deadline = Date.now() + 60_000
    const worker = async () => {
      while (next < total && Date.now() < deadline) {
        const i = next++
        const key = await call(i, tenants[i % 2]!).catch((error: Error) => `no answer (${error.name})`)
        statuses.set(key, (statuses.get(key) ?? 0) + 1)
      }
    }
    try {
      await Promise.all(Array.from({ length: 16 }, worker))
    } finally {
      done = true
      await killer
      // Rejections are reported after a turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 100))
      process.off('unhandledRejection', onUnhandled)
    }
    if (next < total) statuses.set('not sent before the deadline', total - next)
    const seen = Object.fromEntries(statuses)
    expect(kills, 'backends terminated during the load').to.be.greaterThan(10)
    const unexpected = Object.keys(seen).filter(
      (key) => !['200 ', '201 ', '503 SERVICE_UNAVAILABLE'].includes(key),
    )
    expect(unexpected, JSON.stringify(seen)).to.deep.equal([])
    expect(unhandled.length, `unhandled rejections, first: ${unhandled[0]}`).to.equal(0)
  })
})

describe('a transaction whose backend was killed (postgres.js, patched)', function () {
  this.timeout(30_000)

  it("fails the transaction's later queries instead of running them on the connection reopened for others", async () => {
    const name = 'killed-transaction-test'
    // One connection: the pool must reopen the very connection the transaction held.
    const sql = createPool(testStack().database.appUrl, {
      max: 1,
      connectTimeoutSeconds: 10,
      applicationName: name,
    })
    try {
      let resume!: () => void
      const paused = new Promise<void>((resolve) => (resume = resolve))
      let late: Promise<unknown> | undefined
      const transaction = sql.begin(async (tx) => {
        await tx`select 1`
        await paused
        // The callback outlives its backend and sends another query.
        late = tx`select 'late' as late`.then(
          () => 'ran',
          (error: { code?: string }) => error.code,
        )
        return late
      })
      const superSql = testStack().superSql
      let pids: number[] = []
      while (pids.length === 0)
        pids = (
          await superSql<{ pid: number }[]>`
          select pid from pg_stat_activity where application_name = ${name} and state = 'idle in transaction'`
        ).map(({ pid }) => pid)
      await superSql`select pg_terminate_backend(pid) from unnest(${pids}::int[]) as pid`
      expect(
        await transaction.then(
          () => 'committed',
          (error: { code?: string }) => error.code,
        ),
      ).to.equal('CONNECTION_CLOSED')
      // Another query reopens the connection; the transaction's callback goes on meanwhile.
      const other = sql<{ answer: number }[]>`select 42 as answer`
      resume()
      expect(await other).to.deep.equal([{ answer: 42 }])
      expect(await late).to.equal('CONNECTION_CLOSED')
      expect(await sql<{ n: number }[]>`select 7 as n`).to.deep.equal([{ n: 7 }])
    } finally {
      await sql.end({ timeout: 5 })
    }
  })
})

describe('authentication when the key lookup answers nonsense', () => {
  // What the unpatched driver did after a killed backend: the lookup resolved with another query's rows
  // (those of its array-types query), or a promise rejected with no error at all.
  const cases: [string, KeyLookup][] = [
    ['a row of another query', () => Promise.resolve({ oid: 16, typarray: 1000 } as unknown as KeyOwner)],
    ['a tenant id that is not a UUID', () => Promise.resolve({ tenantId: 'oid', suspended: false })],
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the fault under test
    ['a rejection with undefined', () => Promise.reject(undefined)],
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the fault under test
    ['a rejection with null', () => Promise.reject(null)],
    ['a rejection with a TypeError', () => Promise.reject(new TypeError('x is not a function'))],
  ]
  for (const [what, lookup] of cases) {
    it(`answers 503 SERVICE_UNAVAILABLE, never a request without a tenant, for ${what}`, async () => {
      const app = express()
      app.use(requestIdMiddleware)
      app.use(
        authenticate({
          lookup,
          guard: (_address, failure) => Promise.resolve(failure),
          audit: async () => {},
        }),
      )
      app.get('/whoami', (_req, res) => {
        res.json({ tenant: tenantIdOf(res) })
      })
      app.use(problemHandler(pino({ level: 'silent' }), 1024))
      const res = await supertest(app).get('/whoami').set('X-API-Key', 'map_some-key')
      expect(res.status).to.equal(503)
      expect(res.body.error_code).to.equal('SERVICE_UNAVAILABLE')
    })
  }
})
