// GET /ready on a pool that is busy, not down: the probes wait behind the pool's work past their second, yet
// transactions keep committing, so PostgreSQL answers and the process stays ready (a 503 would take a loaded
// process out of rotation). With nothing committing and the probe unanswered, the database is down.
import { expect } from 'chai'
import { createPool, inTenantTransaction, type Sql } from '../../db/client.js'
import { readinessOperation } from '../../app/kernel/readiness.js'
import { createTestTenant } from '../helpers/api.js'
import { freePort, testStack } from '../harness/stack.js'

const checksOf = async (ready: () => Promise<unknown>) => {
  try {
    return { httpStatus: 200, checks: ((await ready()) as { body: { checks: unknown } }).body.checks }
  } catch (error) {
    return { httpStatus: 503, checks: (error as { details: { checks: unknown } }).details.checks }
  }
}

describe('GET /ready on a busy pool', function () {
  this.timeout(30_000)
  let pool: Sql

  afterEach(async () => {
    await pool.end({ timeout: 5 })
  })

  it('stays ready while its probes wait behind committing transactions on a pool of one', async () => {
    pool = createPool(testStack().database.appUrl, { max: 1, connectTimeoutSeconds: 5 })
    const { tenantId } = await createTestTenant('ready-busy')
    const ready = readinessOperation(pool, undefined, () => false, [])
    await new Promise((resolve) => setTimeout(resolve, 200))
    // Queued on the one connection ahead of the probes, as a burst of key lookups and requests queues:
    // plain statements of 600 ms with a tenant transaction between them, which commits meanwhile.
    const first = pool`select pg_sleep(0.6)`.execute()
    const committing = inTenantTransaction(pool, tenantId, (tx) => tx`select 1`)
    // inTenantTransaction asks for its slot first: let it reach the connection's queue before the rest.
    await new Promise((resolve) => setImmediate(resolve))
    const work = [first, committing, pool`select pg_sleep(0.6)`.execute()]
    const started = performance.now()
    const answer = await checksOf(ready)
    expect(performance.now() - started, 'the probes waited their second').to.be.above(900)
    expect(answer).to.deep.equal({
      httpStatus: 200,
      checks: { database: 'ok', redis: 'not_configured', migrations: 'current', accepting_requests: 'ok' },
    })
    await Promise.all(work)
  })

  it('is not ready when the database does not answer and nothing commits', async () => {
    // A port nothing listens on: every connection attempt fails.
    pool = createPool(`postgres://map_app:x@127.0.0.1:${await freePort()}/none`, {
      max: 1,
      connectTimeoutSeconds: 1,
    })
    const ready = readinessOperation(pool, undefined, () => false, [])
    const answer = await checksOf(ready)
    expect(answer).to.include({ httpStatus: 503 })
    expect(answer).to.have.nested.property('checks.database', 'down')
  })
})
