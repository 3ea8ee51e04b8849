// A tenant's quota overrides and budgets, read from its own tenants row and cached briefly in each
// process (TENANT_SETTINGS_CACHE_MS), so the rate limiter costs no database round trip per request.
import { inTenantTransaction, type Sql } from '../../db/client.js'

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

async function readSettings(sql: Sql, tenantId: string): Promise<TenantSettings> {
  const [row] = await inTenantTransaction(
    sql,
    tenantId,
    (tx) =>
      tx<{ r: number | null; runs: number | null; tokens: string | null; cost: string | null }[]>`
      select rate_limit_requests as r, run_rate_limit_requests as runs,
             monthly_token_budget as tokens, monthly_cost_budget_usd as cost
        from tenants where id = ${tenantId}`,
  )
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
  return {
    get(tenantId: string): Promise<TenantSettings> {
      const now = Date.now()
      const hit = cache.get(tenantId)
      if (hit && hit.expires > now) return hit.settings
      const settings = readSettings(sql, tenantId)
      cache.set(tenantId, { settings, expires: now + ttlMs })
      // A failed read is not cached.
      settings.catch(() => cache.delete(tenantId))
      if (cache.size > 10_000) cache.delete(cache.keys().next().value!)
      return settings
    },
  }
}

export type TenantSettingsCache = ReturnType<typeof makeTenantSettingsCache>
