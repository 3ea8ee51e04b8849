// The audit log, as SQL. Writing goes only through two functions, which chain the event to the previous one
// of the transaction's tenant (or of the tenant-less chain when none is set): app.append_audit_event() for
// operators (map_admin), app.append_api_audit_event() for the API's authentication failures (map_app).
import type { Sql, TransactionSql } from '../../db/client.js'

export interface AuditEventInput {
  actor: string
  action: string
  target?: string | null
  details?: Record<string, unknown>
  requestId?: string | null
}

export interface AuditEvent {
  id: string
  tenant_id: string | null
  seq: number
  actor: string
  action: string
  target: string | null
  details: Record<string, unknown>
  request_id: string | null
  created_at: Date
}

/** As an operator (map_admin): an event of the operator's, never an API kind. */
export async function appendAuditEvent(sql: Sql | TransactionSql, event: AuditEventInput): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    select app.append_audit_event(${event.actor}, ${event.action}, ${event.target ?? null},
                                  ${sql.json((event.details ?? {}) as never)}, ${event.requestId ?? null}) as id`
  return row!.id
}

/** The kinds of event the API writes (map_app may write no other); their actor is always 'anonymous'. */
export type ApiAuditAction = 'auth.failure' | 'auth.suspended_tenant' | 'admin.auth_failure'

/** What an API event records (AuditAuthFailure in the spec): never the key or token presented. */
export interface AuthFailureDetails {
  reason: 'missing_key' | 'invalid_key' | 'tenant_suspended' | 'invalid_admin_token'
  client_address: string | null
  count: number
  client_request_id?: string
  coalesced?: true
  first_request_id?: string
  window_started_at?: string
  window_ended_at?: string
}

export interface ApiAuditEventInput {
  action: ApiAuditAction
  target?: string | null
  /** Required and typed: the audit list's response schema refuses an auth event without them. */
  details: AuthFailureDetails
  requestId?: string | null
}

/** As the API role: an authentication failure, in the chain of the transaction's tenant (or of none). */
export async function appendApiAuditEvent(
  sql: Sql | TransactionSql,
  event: ApiAuditEventInput,
): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    select app.append_api_audit_event(${event.action}, ${event.target ?? null},
                                      ${sql.json(event.details as never)}, ${event.requestId ?? null}) as id`
  return row!.id
}

export interface AuditPage {
  limit: number
  offset: number
  tenantId?: string
}

const eventColumns = (sql: Sql | TransactionSql) =>
  sql`id, tenant_id, seq::int as seq, actor, action, target, details, request_id, created_at`

/** Events newest first; under RLS a tenant sees only its own, an operator (map_admin) all of them. */
export async function listAuditEvents(
  sql: Sql | TransactionSql,
  page: AuditPage,
): Promise<{ items: AuditEvent[]; total: number }> {
  const filter = page.tenantId ? sql`where tenant_id = ${page.tenantId}` : sql``
  const [items, [count]] = await Promise.all([
    sql<AuditEvent[]>`
      select ${eventColumns(sql)} from audit_events ${filter}
       order by created_at desc, id desc limit ${page.limit} offset ${page.offset}`,
    sql<{ total: number }[]>`select count(*)::int as total from audit_events ${filter}`,
  ])
  return { items, total: count?.total ?? 0 }
}

export interface ChainBreak {
  tenant_id: string | null
  seq: number
  event_id: string
  reason: 'hash_mismatch' | 'broken_link' | 'gap'
}

/** Recomputes every chain; returns the first broken event of each chain that has one. */
export async function verifyAuditChains(
  sql: Sql,
): Promise<{ chains: number; events: number; breaks: ChainBreak[] }> {
  const rows = await sql<(ChainBreak & { ok: boolean; first: boolean })[]>`
    with ordered as (
      select e.*, lag(e.hash) over chain as previous_hash, lag(e.seq) over chain as previous_seq
        from audit_events e
      window chain as (partition by coalesce(e.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) order by e.seq)
    ), checked as (
      select tenant_id, seq::int as seq, id as event_id,
             case
               when seq <> coalesce(previous_seq, 0) + 1 then 'gap'
               when prev_hash is distinct from previous_hash then 'broken_link'
               when hash <> app.audit_event_hash(prev_hash, tenant_id, seq, actor, action, target, details,
                                                  request_id, created_at) then 'hash_mismatch'
             end as reason
        from ordered
    )
    select distinct on (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)) tenant_id, seq, event_id, reason
      from checked where reason is not null
     order by coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), seq`
  const [stats] = await sql<{ chains: number; events: number }[]>`
    select count(distinct coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid))::int as chains,
           count(*)::int as events from audit_events`
  return {
    ...stats!,
    breaks: rows.map(({ tenant_id, seq, event_id, reason }) => ({ tenant_id, seq, event_id, reason })),
  }
}
