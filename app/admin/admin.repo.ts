// SQL of administration, run as map_admin (its cross-tenant policies cover tenants and api_keys only).
// Writes that belong to one tenant set that tenant for their transaction, so their audit events join
// that tenant's chain.
import { inTenantTransaction, type Sql, type TransactionSql } from '../../db/client.js'
import { appendAuditEvent, type AuditEventInput } from '../audit/audit.repo.js'

export interface TenantRow {
  id: string
  name: string
  status: 'active' | 'suspended'
  created_at: Date
  rate_limit_requests: number | null
  run_rate_limit_requests: number | null
  monthly_token_budget: string | null
  monthly_cost_budget_usd: string | null
}

export interface KeyRow {
  id: string
  tenant_id: string
  name: string
  display_prefix: string
  created_at: Date
  last_used_at: Date | null
  expires_at: Date | null
  revoked_at: Date | null
}

export interface NewKey {
  name: string
  keyHash: Buffer
  displayPrefix: string
  expiresAt: Date | null
}

const tenantColumns = (tx: Sql | TransactionSql) => tx`
  id, name, status, created_at, rate_limit_requests, run_rate_limit_requests,
  monthly_token_budget, monthly_cost_budget_usd`

const keyColumns = (tx: Sql | TransactionSql) =>
  tx`id, tenant_id, name, display_prefix, created_at, last_used_at, expires_at, revoked_at`

export function makeAdminRepo(sql: Sql) {
  /** One tenant's transaction: its writes and the audit event of the action commit together. */
  const asTenant = <T>(tenantId: string, event: AuditEventInput, fn: (tx: TransactionSql) => Promise<T>) =>
    inTenantTransaction(sql, tenantId, async (tx) => {
      const result = await fn(tx)
      if (result !== undefined) await appendAuditEvent(tx, event)
      return result
    })

  return {
    asTenant,

    async listTenants(limit: number, offset: number): Promise<{ items: TenantRow[]; total: number }> {
      const [items, [count]] = await Promise.all([
        sql<TenantRow[]>`select ${tenantColumns(sql)} from tenants order by created_at desc, id desc
                          limit ${limit} offset ${offset}`,
        sql<{ total: number }[]>`select count(*)::int as total from tenants`,
      ])
      return { items, total: count?.total ?? 0 }
    },

    async getTenant(id: string): Promise<TenantRow | undefined> {
      const [row] = await sql<TenantRow[]>`select ${tenantColumns(sql)} from tenants where id = ${id}`
      return row
    },

    insertTenant: async (tx: TransactionSql, id: string, name: string) =>
      (
        await tx<
          TenantRow[]
        >`insert into tenants (id, name) values (${id}, ${name}) returning ${tenantColumns(tx)}`
      )[0]!,

    updateTenant: async (tx: TransactionSql, id: string, changes: Record<string, unknown>) =>
      (
        await tx<
          TenantRow[]
        >`update tenants set ${tx(changes)} where id = ${id} returning ${tenantColumns(tx)}`
      )[0],

    deleteTenant: async (tx: TransactionSql, id: string) =>
      (await tx`delete from tenants where id = ${id} returning id`).length > 0 || undefined,

    insertKey: async (tx: TransactionSql, tenantId: string, key: NewKey) =>
      (
        await tx<KeyRow[]>`
          insert into api_keys (tenant_id, name, key_hash, display_prefix, expires_at)
          values (${tenantId}, ${key.name}, ${key.keyHash}, ${key.displayPrefix}, ${key.expiresAt})
          returning ${keyColumns(tx)}`
      )[0]!,

    async listKeys(tenantId: string): Promise<KeyRow[]> {
      return sql<KeyRow[]>`select ${keyColumns(sql)} from api_keys where tenant_id = ${tenantId}
                            order by created_at desc, id desc`
    },

    getKey: async (tx: TransactionSql, tenantId: string, keyId: string) =>
      (
        await tx<
          KeyRow[]
        >`select ${keyColumns(tx)} from api_keys where tenant_id = ${tenantId} and id = ${keyId}`
      )[0],

    /** Revokes now, or, with a grace period, lets the key expire then (never later than it already would). */
    endKey: async (tx: TransactionSql, tenantId: string, keyId: string, graceSeconds: number) =>
      (
        await tx<KeyRow[]>`
          update api_keys
             set revoked_at = case when ${graceSeconds}::int = 0 then now() else revoked_at end,
                 expires_at = case when ${graceSeconds}::int = 0 then expires_at
                                   else least(coalesce(expires_at, 'infinity'), now() + make_interval(secs => ${graceSeconds}))
                              end
           where tenant_id = ${tenantId} and id = ${keyId} and revoked_at is null
          returning ${keyColumns(tx)}`
      )[0],
  }
}

export type AdminRepo = ReturnType<typeof makeAdminRepo>
