// inTenantTransaction refuses to nest on one pool (issue 13, finding 1): code holding a tenant transaction
// that asks the same pool for another holds one connection while it waits for a second, and a pool whose
// connections are all held that way never moves again. The refusal is immediate, whatever the pool size,
// so the test suite catches a nesting path even where a big pool would have hidden it.
import { expect } from 'chai'
import { createPool, inTenantTransaction, NestedTenantTransactionError, type Sql } from '../../db/client.js'
import { loadConfig } from '../../app/config.js'
import { makeTenantSettingsCache } from '../../app/limits/tenant-settings.js'
import { createTestTenant, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

describe('inTenantTransaction nesting', function () {
  let pool: Sql
  let other: Sql
  let tenant: TestTenant

  before(async () => {
    tenant = await createTestTenant('nesting')
    // Plenty of connections: the nested call would succeed here, and must still be refused.
    pool = createPool(testStack().database.appUrl, { max: 4, connectTimeoutSeconds: 10 })
    other = createPool(testStack().database.appUrl, { max: 1, connectTimeoutSeconds: 10 })
  })

  after(async () => {
    await Promise.all([pool.end({ timeout: 5 }), other.end({ timeout: 5 })])
  })

  const nested = (outer: Sql, inner: Sql) =>
    inTenantTransaction(outer, tenant.tenantId, () =>
      inTenantTransaction(inner, tenant.tenantId, (tx) => tx`select 1 as one`),
    )

  it('throws NestedTenantTransactionError for a transaction opened inside another on the same pool', async () => {
    const error = await nested(pool, pool).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).to.be.instanceOf(NestedTenantTransactionError)
  })

  it('also from a timer or promise chain started inside it (the context follows them)', async () => {
    const error = await inTenantTransaction(pool, tenant.tenantId, async () => {
      const later = new Promise((resolve) => setTimeout(resolve, 5)).then(() =>
        inTenantTransaction(pool, tenant.tenantId, (tx) => tx`select 1`),
      )
      return later.then(
        () => undefined,
        (e: unknown) => e,
      )
    })
    expect(error).to.be.instanceOf(NestedTenantTransactionError)
  })

  it('allows a transaction on another pool inside one (it cannot wait for its own connection)', async () => {
    const [row] = await nested(pool, other)
    expect(row).to.deep.equal({ one: 1 })
  })

  it('allows a transaction that work of a finished one starts later', async () => {
    let started: Promise<unknown> | undefined
    await inTenantTransaction(pool, tenant.tenantId, async (tx) => {
      started = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
        inTenantTransaction(pool, tenant.tenantId, (inner) => inner`select 1 as one`),
      )
      await tx`select 1`
    })
    expect(await started).to.deep.equal([{ one: 1 }])
  })

  it('allows transactions one after the other and side by side', async () => {
    const run = () => inTenantTransaction(pool, tenant.tenantId, (tx) => tx`select 1 as one`)
    await run()
    const results = await Promise.all([run(), run(), run()])
    expect(results.map(([row]) => row)).to.deep.equal([{ one: 1 }, { one: 1 }, { one: 1 }])
  })

  it('is a check a pool may be made without (production, TX_NESTING_CHECK): then nothing follows the context', async () => {
    // The check runs an AsyncLocalStorage, whose promise hook costs every promise of the process; the app
    // turns it off in production, and every test runs with it on (this suite's pools, and the app's).
    expect(loadConfig({}).checkTransactionNesting).to.equal(true)
    expect(loadConfig({ NODE_ENV: 'production' }).checkTransactionNesting).to.equal(false)
    expect(loadConfig({ NODE_ENV: 'production', TX_NESTING_CHECK: 'true' }).checkTransactionNesting).to.equal(
      true,
    )
    expect(loadConfig({ TX_NESTING_CHECK: 'false' }).checkTransactionNesting).to.equal(false)
    const unchecked = createPool(testStack().database.appUrl, {
      max: 2,
      connectTimeoutSeconds: 10,
      tenantShare: { concurrency: 2 },
      checkNesting: false,
    })
    try {
      // Two connections and two slots for the tenant: the nested one finds its own, so it runs (with one,
      // it would wait until the tenant's queue timeout, then fail with TENANT_BUSY).
      const [row] = await nested(unchecked, unchecked)
      expect(row).to.deep.equal({ one: 1 })
    } finally {
      await unchecked.end({ timeout: 5 })
    }
  })

  it('catches the path of finding 1: a settings-cache miss read in a new transaction from inside one', async () => {
    const cache = makeTenantSettingsCache(pool, 0)
    const error = await inTenantTransaction(pool, tenant.tenantId, () => cache.get(tenant.tenantId)).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).to.be.instanceOf(NestedTenantTransactionError)
    // The fix: inside a transaction, the miss is read through it.
    const settings = await inTenantTransaction(pool, tenant.tenantId, (tx) => cache.get(tenant.tenantId, tx))
    expect(settings).to.deep.equal({
      rateLimitRequests: null,
      runRateLimitRequests: null,
      monthlyTokenBudget: null,
      monthlyCostBudgetUsd: null,
    })
  })
})
