// Administration: tenants, their keys and quotas. Shared by the admin API and the admin CLI; every action
// is written to the audit log of the tenant it concerns, in the same transaction as the change.
import { randomUUID } from 'node:crypto'
import type { Sql } from '../../db/client.js'
import { displayPrefix, generateApiKey, hashApiKey } from '../auth/api-keys.js'
import { listAuditEvents, verifyAuditChains } from '../audit/audit.repo.js'
import { appError } from '../errors/domain-errors.js'
import { makeAdminRepo, type KeyRow, type TenantRow } from './admin.repo.js'

export interface Actor {
  /** Who acts: 'admin-api', 'cli', ... */
  name: string
  requestId?: string
}

export interface TenantUpdate extends TenantQuotas {
  name?: string
  status?: 'active' | 'suspended'
}

export interface TenantQuotas {
  rate_limit_requests?: number | null
  run_rate_limit_requests?: number | null
  monthly_token_budget?: number | null
  monthly_cost_budget_usd?: number | null
}

const tenantNotFound = (id: string) => appError('TENANT_NOT_FOUND', `No tenant with id ${id}.`, { id })
const keyNotFound = (id: string) => appError('API_KEY_NOT_FOUND', `No active API key with id ${id}.`, { id })

export const tenantView = (t: TenantRow) => ({
  id: t.id,
  name: t.name,
  status: t.status,
  created_at: t.created_at,
  quotas: {
    rate_limit_requests: t.rate_limit_requests,
    run_rate_limit_requests: t.run_rate_limit_requests,
    monthly_token_budget: t.monthly_token_budget === null ? null : Number(t.monthly_token_budget),
    monthly_cost_budget_usd: t.monthly_cost_budget_usd === null ? null : Number(t.monthly_cost_budget_usd),
  },
})

/** What may be shown about a key after creation: never the key or its hash. */
export const keyView = (k: KeyRow) => ({
  id: k.id,
  tenant_id: k.tenant_id,
  name: k.name,
  prefix: k.display_prefix,
  created_at: k.created_at,
  last_used_at: iso(k.last_used_at),
  expires_at: iso(k.expires_at),
  revoked_at: iso(k.revoked_at),
})

/** Nullable times as strings: the contract types them string | null. */
const iso = (date: Date | null) => (date ? date.toISOString() : null)

export interface AdminServiceOptions {
  /**
   * Called once a change to a tenant's keys or status has committed. Every process hears of it through the
   * database (NOTIFY); this lets the process that made it forget its cached keys before its next request.
   */
  onTenantChanged?: (tenantId: string) => void
}

export function makeAdminService(adminSql: Sql, options: AdminServiceOptions = {}) {
  const repo = makeAdminRepo(adminSql)
  const changed = <T>(tenantId: string, result: T): T => {
    options.onTenantChanged?.(tenantId)
    return result
  }
  const event = (actor: Actor, action: string, target: string, details: Record<string, unknown> = {}) => ({
    actor: actor.name,
    action,
    target,
    details,
    requestId: actor.requestId ?? null,
  })
  const issueKey = (name: string, expiresAt: Date | null) => {
    const key = generateApiKey()
    return { key, row: { name, keyHash: hashApiKey(key), displayPrefix: displayPrefix(key), expiresAt } }
  }

  return {
    listTenants: (limit: number, offset: number) => repo.listTenants(limit, offset),

    async getTenant(id: string) {
      return (await repo.getTenant(id)) ?? Promise.reject(tenantNotFound(id))
    },

    /** A new tenant with its first key, shown once. */
    async createTenant(actor: Actor, name: string) {
      const id = randomUUID()
      const { key, row } = issueKey('default', null)
      const created = await repo.asTenant(id, event(actor, 'tenant.create', id, { name }), async (tx) => {
        const tenant = await repo.insertTenant(tx, id, name)
        return { tenant, key: await repo.insertKey(tx, id, row) }
      })
      return { tenant: created.tenant, key: created.key, apiKey: key }
    },

    async updateTenant(actor: Actor, id: string, update: TenantUpdate) {
      const changes: Record<string, unknown> = { ...update }
      const action =
        changes.status === 'suspended'
          ? 'tenant.suspend'
          : changes.status === 'active'
            ? 'tenant.resume'
            : 'tenant.update'
      const updated = await repo.asTenant(id, event(actor, action, id, changes), (tx) =>
        repo.updateTenant(tx, id, changes),
      )
      return changed(id, updated) ?? Promise.reject(tenantNotFound(id))
    },

    async deleteTenant(actor: Actor, id: string): Promise<void> {
      const deleted = await repo.asTenant(id, event(actor, 'tenant.delete', id), (tx) =>
        repo.deleteTenant(tx, id),
      )
      if (!changed(id, deleted)) throw tenantNotFound(id)
    },

    async listKeys(tenantId: string) {
      if (!(await repo.getTenant(tenantId))) throw tenantNotFound(tenantId)
      return repo.listKeys(tenantId)
    },

    /** A new named key for the tenant, optionally expiring; shown once. */
    async createKey(actor: Actor, tenantId: string, name: string, expiresAt: Date | null) {
      if (!(await repo.getTenant(tenantId))) throw tenantNotFound(tenantId)
      const { key, row } = issueKey(name, expiresAt)
      const created = await repo.asTenant(tenantId, event(actor, 'key.create', tenantId, { name }), (tx) =>
        repo.insertKey(tx, tenantId, row),
      )
      return { key: created, apiKey: key }
    },

    async revokeKey(actor: Actor, tenantId: string, keyId: string) {
      const revoked = await repo.asTenant(tenantId, event(actor, 'key.revoke', keyId), (tx) =>
        repo.endKey(tx, tenantId, keyId, 0),
      )
      return changed(tenantId, revoked) ?? Promise.reject(keyNotFound(keyId))
    },

    /** A new key replacing keyId; the old one keeps working for graceSeconds, then stops. */
    async rotateKey(actor: Actor, tenantId: string, keyId: string, graceSeconds: number) {
      const rotated = await repo.asTenant(
        tenantId,
        event(actor, 'key.rotate', keyId, { grace_seconds: graceSeconds }),
        async (tx) => {
          const old = await repo.getKey(tx, tenantId, keyId)
          if (!old || old.revoked_at) return undefined
          const { key, row } = issueKey(old.name, old.expires_at)
          const created = await repo.insertKey(tx, tenantId, row)
          const previous = await repo.endKey(tx, tenantId, keyId, graceSeconds)
          return { key: created, apiKey: key, previous: previous! }
        },
      )
      return changed(tenantId, rotated) ?? Promise.reject(keyNotFound(keyId))
    },

    listAuditEvents: (limit: number, offset: number, tenantId?: string) =>
      listAuditEvents(adminSql, { limit, offset, ...(tenantId ? { tenantId } : {}) }),

    verifyAudit: () => verifyAuditChains(adminSql),
  }
}

export type AdminService = ReturnType<typeof makeAdminService>
