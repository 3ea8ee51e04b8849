// A tenant's quota overrides and budgets, read from its own tenants row and cached briefly in each
// process (TENANT_SETTINGS_CACHE_MS), so the rate limiter costs no database round trip per request. With
// the API-key cache on, a change notified by the database is also forgotten at once (best effort: the
// TTL is what bounds it).
import { inTenantTransaction, type Sql, type TransactionSql } from '../../db/client.js'

export interface TenantSettings {
  rateLimitRequests: number | null
  runRateLimitRequests: number | null
  monthlyTokenBudget: number | null
  monthlyCostBudgetUsd: number | null
}

const none: TenantSettings = {
  rateLimitRequests: null,
  runRateLimitRequests: null,
  monthlyTokenBudget: null,
  monthlyCostBudgetUsd: null,
}

async function readSettings(tx: TransactionSql, tenantId: string): Promise<TenantSettings> {
  const [row] = await tx<
    { r: number | null; runs: number | null; tokens: string | null; cost: string | null }[]
  >`
    select rate_limit_requests as r, run_rate_limit_requests as runs,
           monthly_token_budget as tokens, monthly_cost_budget_usd as cost
      from tenants where id = ${tenantId}`
  if (!row) return none
  return {
    rateLimitRequests: row.r,
    runRateLimitRequests: row.runs,
    monthlyTokenBudget: row.tokens === null ? null : Number(row.tokens),
    monthlyCostBudgetUsd: row.cost === null ? null : Number(row.cost),
  }
}

export function makeTenantSettingsCache(sql: Sql, ttlMs: number) {
  const cache = new Map<string, { settings: Promise<TenantSettings>; expires: number }>()
  const remember = (tenantId: string, settings: Promise<TenantSettings>, now: number) => {
    cache.set(tenantId, { settings, expires: now + ttlMs })
    // A failed read is not cached.
    settings.catch(() => cache.delete(tenantId))
    if (cache.size > 10_000) cache.delete(cache.keys().next().value!)
  }
  return {
    /** The tenant's limits changed (a notification): read them again; without a tenant, forget them all. */
    forget(tenantId: string | undefined): void {
      if (tenantId === undefined) cache.clear()
      else cache.delete(tenantId)
    },
    /**
     * The tenant's settings. Code inside the tenant's transaction passes it as `within`: a miss is then
     * read through it. Opening another transaction instead would hold one connection while waiting for a
     * second, which deadlocks a pool whose connections are all held that way (inTenantTransaction
     * refuses to nest for that reason).
     */
    get(tenantId: string, within?: TransactionSql): Promise<TenantSettings> {
      const now = Date.now()
      const hit = cache.get(tenantId)
      if (hit && hit.expires > now) return hit.settings
      if (within) {
        // Cached once read, not while in flight: the promise belongs to the caller's transaction.
        const settings = readSettings(within, tenantId)
        void settings.then(
          (read) => remember(tenantId, Promise.resolve(read), now),
          () => undefined,
        )
        return settings
      }
      const settings = inTenantTransaction(sql, tenantId, (tx) => readSettings(tx, tenantId))
      remember(tenantId, settings, now)
      return settings
    },
  }
}

export type TenantSettingsCache = ReturnType<typeof makeTenantSettingsCache>
