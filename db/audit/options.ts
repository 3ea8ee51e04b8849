// What the audit checks this service's database against.
import { appRole } from '../roles.js'
import type { AuditOptions } from './rls-audit.js'

export const auditOptions: AuditOptions = {
  schemas: ['public', 'app'],
  appRole,
  definerAllowList: [
    // The one cross-tenant read the app role may make: a key hash to its tenant id (and suspension).
    'app.authenticate_api_key(bytea)',
    // Appends an authentication failure (the API's only kinds, actor fixed) to the transaction's tenant's chain.
    'app.append_api_audit_event(text,text,jsonb,text)',
    // Marks every tenant's runs past their tool-output deadline expired; returns only a count (runs plugin).
    'app.expire_waiting_executions()',
  ],
}
