// Tenant work outside a request (a background job): the same scoping and transactions a unit-of-work operation
// gets (routes.ts), for a tenant that a job names rather than an API key. Each transaction goes through
// inTenantTransaction, so app.current_tenant_id is set first, the tenant's fair share of the pool applies, and
// nesting one inside another throws (where the pool checks it: not in production, db/client.ts).
import { asValue } from 'awilix'
import { inTenantTransaction, newRequestWork } from '../../db/client.js'
import type { AppContainer } from './container.js'
import type { TenantTransaction } from './plugin.js'
import { withUnitScope } from './routes.js'

export interface TenantWork {
  /**
   * Runs work as one piece of the tenant's work: `inTransaction` opens short transactions pinned to tenantId,
   * each with its own scope (services see `tenantId`, `requestId` = label, and that transaction's `tx`). Like a
   * request, only its first transaction may be refused by the tenant's fair share (TENANT_BUSY); later ones
   * wait their turn.
   */
  run<T>(tenantId: string, label: string, work: (inTransaction: TenantTransaction) => Promise<T>): Promise<T>
}

export function makeTenantWork(container: AppContainer): TenantWork {
  return {
    run: async (tenantId, label, work) => {
      const scope = container.createScope()
      scope.register({ tenantId: asValue(tenantId), requestId: asValue(label) })
      const { sql } = container.cradle
      const requestWork = newRequestWork()
      try {
        return await work((fn) =>
          inTenantTransaction(sql, tenantId, (tx) => withUnitScope(scope, tx, fn), requestWork),
        )
      } finally {
        await scope.dispose()
      }
    },
  }
}
