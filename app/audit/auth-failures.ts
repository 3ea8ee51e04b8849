// Authentication failures in the audit log: unknown keys in the tenant-less chain, suspended tenants'
// attempts in that tenant's chain.
import { inTenantTransaction, type Sql } from '../../db/client.js'
import type { AuthFailure } from '../auth/authenticate.js'
import { appendAuditEvent } from './audit.repo.js'

export const auditAuthFailure =
  (sql: Sql) =>
  async (failure: AuthFailure): Promise<void> => {
    const event = {
      actor: 'anonymous',
      action: failure.reason === 'tenant_suspended' ? 'auth.suspended_tenant' : 'auth.failure',
      target: failure.path,
      details: { reason: failure.reason, client_address: failure.clientAddress },
      requestId: failure.requestId,
    }
    if (failure.tenantId)
      await inTenantTransaction(sql, failure.tenantId, (tx) => appendAuditEvent(tx, event))
    // No tenant: a plain statement; pooled connections never carry a tenant outside a transaction.
    else await appendAuditEvent(sql, event)
  }
