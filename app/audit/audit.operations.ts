// GET /api/v1/audit-events: the tenant's own events, read in its transaction (RLS shows it nothing else).
import { listAuditEvents } from './audit.repo.js'
import type { Operation } from '../kernel/plugin.js'

export const listOwnAuditEvents: Operation = async ({ query, tenantId, services }) => {
  const limit = typeof query.limit === 'number' ? query.limit : 20
  const offset = typeof query.offset === 'number' ? query.offset : 0
  const { items, total } = await listAuditEvents(services.tx, { limit, offset, tenantId })
  return { status: 200, body: { items, total, limit, offset, has_more: offset + items.length < total } }
}
