// Each tenant's fair share of a pool (issue 13, finding 6): at most `concurrency` transactions of one tenant
// at once; the next ones wait in a queue bounded in length and in time, holding no connection, then are
// refused with TENANT_BUSY. The slot rules first, then the rule as inTenantTransaction applies it.
import { expect } from 'chai'
import {
  newRequestWork,
  createPool,
  inTenantTransaction,
  tenantTransactionsOf,
  type Sql,
  type TransactionSql,
} from '../../db/client.js'
import { makeTenantShare } from '../../db/tenant-share.js'
import { DomainError } from '../../app/errors/domain-errors.js'
import { createTestTenant, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

const settle = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  )

const tick = () => new Promise((resolve) => setImmediate(resolve))

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 10)))
    if (Date.now() - started > 5000) throw new Error(`never: ${what}`)
}

describe('tenant share: slots', () => {
  it('grants `concurrency` slots per tenant at once, and others tenants their own', async () => {
    const share = makeTenantShare({ concurrency: 2, queueLength: 10, queueTimeoutMs: 10_000 })
    const a1 = await share.acquire('a')
    await share.acquire('a')
    let third = false
    const queued = share.acquire('a').then((release) => ((third = true), release))
    const b = await share.acquire('b')
    await tick()
    expect(third, 'a third slot of a while two run').to.equal(false)
    a1()
    ;(await queued)()
    expect(third).to.equal(true)
    b()
  })

  it('hands freed slots to the waiters in arrival order', async () => {
    const share = makeTenantShare({ concurrency: 1, queueLength: 10, queueTimeoutMs: 10_000 })
    const order: number[] = []
    let release = await share.acquire('a')
    const waiters = [1, 2, 3].map((n) => share.acquire('a').then((r) => (order.push(n), r)))
    for (const waiter of waiters) {
      release()
      release = await waiter
    }
    release()
    expect(order).to.deep.equal([1, 2, 3])
  })

  it('refuses at once with TENANT_BUSY (queue_full) when the queue is full', async () => {
    const share = makeTenantShare({ concurrency: 1, queueLength: 2, queueTimeoutMs: 10_000 })
    const release = await share.acquire('a')
    const queued = [share.acquire('a'), share.acquire('a')]
    const refused = await settle(share.acquire('a'))
    expect(refused.error).to.be.instanceOf(DomainError)
    expect(refused.error).to.include({ code: 'TENANT_BUSY', status: 503 })
    expect((refused.error as DomainError).details).to.deep.equal({
      reason: 'queue_full',
      concurrency: 1,
      retry_after_seconds: 1,
    })
    // Another tenant is not concerned.
    ;(await share.acquire('b'))()
    release()
    ;(await queued[0]!)()
    ;(await queued[1]!)()
  })

  it('refuses a waiter with TENANT_BUSY (queue_timeout) after the queue timeout, and forgets it', async () => {
    const share = makeTenantShare({ concurrency: 1, queueLength: 1, queueTimeoutMs: 50 })
    const release = await share.acquire('a')
    const timedOut = await settle(share.acquire('a'))
    expect((timedOut.error as DomainError).details).to.include({ reason: 'queue_timeout' })
    // Its place in the queue is free again, and the slot goes to the next one.
    const next = share.acquire('a')
    release()
    ;(await next)()
  })

  it('never refuses finishing work: it waits past the queue bounds, and ahead of new work', async () => {
    const share = makeTenantShare({ concurrency: 1, queueLength: 1, queueTimeoutMs: 50 })
    const order: string[] = []
    const release = await share.acquire('a')
    const fresh = share.acquire('a').then((r) => (order.push('new'), r))
    // The queue is full (one new waiter); finishing work still queues, and outlives the queue timeout.
    const finishing = share.acquire('a', true).then((r) => (order.push('finishing'), r))
    expect((await settle(share.acquire('a'))).error).to.include({ code: 'TENANT_BUSY' })
    expect((await settle(fresh)).error, 'the new waiter timed out').to.include({ code: 'TENANT_BUSY' })
    await new Promise((resolve) => setTimeout(resolve, 100))
    release()
    ;(await finishing)()
    expect(order).to.deep.equal(['finishing'])
  })

  it('serves finishing work before new work that arrived earlier', async () => {
    const share = makeTenantShare({ concurrency: 1, queueLength: 5, queueTimeoutMs: 10_000 })
    const order: string[] = []
    let release = await share.acquire('a')
    const fresh = share.acquire('a').then((r) => (order.push('new'), r))
    const finishing = share.acquire('a', true).then((r) => (order.push('finishing'), r))
    release()
    release = await finishing
    release()
    ;(await fresh)()
    expect(order).to.deep.equal(['finishing', 'new'])
  })

  it('counts a released slot once, however often it is released', async () => {
    const share = makeTenantShare({ concurrency: 1, queueLength: 0, queueTimeoutMs: 10_000 })
    const release = await share.acquire('a')
    release()
    release()
    const again = await share.acquire('a')
    expect((await settle(share.acquire('a'))).error).to.include({ code: 'TENANT_BUSY' })
    again()
  })
})

describe('tenant share: inTenantTransaction', function () {
  let pool: Sql
  let a: TestTenant
  let b: TestTenant

  before(async () => {
    ;[a, b] = await Promise.all([createTestTenant('share-a'), createTestTenant('share-b')])
    pool = createPool(testStack().database.appUrl, {
      max: 2,
      connectTimeoutSeconds: 10,
      tenantShare: { concurrency: 1, queueLength: 5, queueTimeoutMs: 10_000 },
    })
  })

  after(async () => {
    await pool.end({ timeout: 5 })
  })

  it("queues a tenant's transactions past its share without taking a connection, so another tenant gets one", async () => {
    let open!: () => void
    const gate = new Promise<void>((resolve) => (open = resolve))
    const held = [1, 2].map(() =>
      inTenantTransaction(pool, a.tenantId, (tx) => gate.then(() => tx`select 1`)),
    )
    try {
      await waitFor(() => tenantTransactionsOf(pool).running === 1, 'the first transaction of A runs')
      // A holds one connection and waits for its slot with the second transaction: the other connection is free.
      expect(tenantTransactionsOf(pool)).to.deep.equal({ waiting: 1, running: 1 })
      const forB = await Promise.race([
        inTenantTransaction(pool, b.tenantId, (tx) => tx<{ one: number }[]>`select 1 as one`),
        new Promise((resolve) => setTimeout(() => resolve('B waited for a connection'), 5000)),
      ])
      expect(forB).to.deep.equal([{ one: 1 }])
    } finally {
      open()
      await Promise.all(held)
    }
    expect(tenantTransactionsOf(pool)).to.deep.equal({ waiting: 0, running: 0 })
  })

  it("refuses only a request's first transaction: once begun, its later ones wait for their turn", async () => {
    const strict = createPool(testStack().database.appUrl, {
      max: 2,
      connectTimeoutSeconds: 10,
      tenantShare: { concurrency: 1, queueLength: 0, queueTimeoutMs: 50 },
    })
    const one = (tx: TransactionSql) => tx<{ one: number }[]>`select 1 as one`
    try {
      let open!: () => void
      const gate = new Promise<void>((resolve) => (open = resolve))
      let holding!: Promise<unknown>
      const work = newRequestWork()
      const request = (async () => {
        await inTenantTransaction(strict, a.tenantId, one, work)
        // Another request of A takes A's only slot while this one is between its transactions.
        holding = inTenantTransaction(strict, a.tenantId, (tx) => gate.then(() => one(tx)))
        await waitFor(
          () => tenantTransactionsOf(strict).running === 1,
          "the other request's transaction runs",
        )
        return inTenantTransaction(strict, a.tenantId, one, work)
      })()
      await waitFor(() => tenantTransactionsOf(strict).waiting === 1, 'the begun request waits for its turn')
      // New work is refused meanwhile (no queue at all), in a request or not.
      expect((await settle(inTenantTransaction(strict, a.tenantId, one))).error).to.include({
        code: 'TENANT_BUSY',
      })
      expect((await settle(inTenantTransaction(strict, a.tenantId, one, newRequestWork()))).error).to.include(
        {
          code: 'TENANT_BUSY',
        },
      )
      await new Promise((resolve) => setTimeout(resolve, 100)) // past the queue timeout
      open()
      expect(await request).to.deep.equal([{ one: 1 }])
      await holding
    } finally {
      await strict.end({ timeout: 5 })
    }
  })

  it('frees the slot of a transaction that fails', async () => {
    const failed = await settle(inTenantTransaction(pool, a.tenantId, (tx) => tx`select 1/0`))
    expect(failed.error).to.have.property('code', '22012')
    const [row] = await inTenantTransaction(pool, a.tenantId, (tx) => tx<{ one: number }[]>`select 1 as one`)
    expect(row).to.deep.equal({ one: 1 })
  })
})
