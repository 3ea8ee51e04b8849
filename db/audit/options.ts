// What the audit checks this service's database against.
import { appRole } from '../roles.js'
import type { AuditOptions } from './rls-audit.js'

export const auditOptions: AuditOptions = {
  schemas: ['public', 'app'],
  appRole,
  // The one cross-tenant read the app role may make: a key hash to its tenant id.
  definerAllowList: ['app.tenant_id_for_api_key(bytea)'],
}
