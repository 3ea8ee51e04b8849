// Tenant creation, run with the owner's connection (CLI, demo seed). Row-level security is forced on the
// owner too, so even here each write happens inside a transaction set to the tenant being written.
import { randomUUID } from 'node:crypto'
import type { Sql } from '../../db/client.js'
import { inTenantTransaction } from '../../db/client.js'
import { displayPrefix, generateApiKey, hashApiKey } from '../auth/api-keys.js'

export interface CreatedTenant {
  tenantId: string
  name: string
  /** Shown once; only its hash is stored. */
  apiKey: string
}

export async function createTenant(
  ownerSql: Sql,
  name: string,
  apiKey = generateApiKey(),
): Promise<CreatedTenant> {
  const tenantId = randomUUID()
  await inTenantTransaction(ownerSql, tenantId, async (tx) => {
    await tx`insert into tenants (id, name) values (${tenantId}, ${name})`
    await tx`
      insert into api_keys (tenant_id, name, key_hash, display_prefix)
      values (${tenantId}, 'default', ${hashApiKey(apiKey)}, ${displayPrefix(apiKey)})`
  })
  return { tenantId, name, apiKey }
}

/** Creates the tenant unless a tenant already holds this key (so seeding twice changes nothing). */
export async function ensureTenantWithKey(ownerSql: Sql, name: string, apiKey: string): Promise<string> {
  const [row] = await ownerSql<{ tenant_id: string }[]>`
    select tenant_id from app.authenticate_api_key(${hashApiKey(apiKey)})`
  if (row) return row.tenant_id
  return (await createTenant(ownerSql, name, apiKey)).tenantId
}

export interface TenantLimits {
  rateLimitRequests?: number | null
  runRateLimitRequests?: number | null
  monthlyTokenBudget?: number | null
  monthlyCostBudgetUsd?: number | null
}

/** Sets (or, with null, clears) a tenant's quota overrides and budgets; false when there is no such tenant. */
export async function setTenantLimits(
  ownerSql: Sql,
  tenantId: string,
  limits: TenantLimits,
): Promise<boolean> {
  const column = {
    rateLimitRequests: 'rate_limit_requests',
    runRateLimitRequests: 'run_rate_limit_requests',
    monthlyTokenBudget: 'monthly_token_budget',
    monthlyCostBudgetUsd: 'monthly_cost_budget_usd',
  } as const
  const changes = Object.fromEntries(
    Object.entries(limits)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [column[key as keyof TenantLimits], value as number | null]),
  )
  if (Object.keys(changes).length === 0) return true
  return inTenantTransaction(ownerSql, tenantId, async (tx) => {
    const rows = await tx`update tenants set ${tx(changes)} where id = ${tenantId} returning id`
    return rows.length > 0
  })
}
