// SQL of the webhooks table. The secret's ciphertext is read only by the sender (deliveries.repo.ts,
// forAttempt); nothing here returns it.
import type { PageRequest, TransactionSql } from '../../app/plugin-kit.js'

export type DisabledReason = 'receiver_gone' | 'manual'

export interface WebhookRow {
  id: string
  url: string
  events: string[]
  enabled: boolean
  disabled_reason: DisabledReason | null
  disabled_at: Date | null
  created_at: Date
  updated_at: Date
}

/** A PATCH: only the fields present change; enabled: true clears the reason it was disabled for. */
export interface WebhookChanges {
  url?: string
  events?: string[]
  enabled?: boolean
}

export function makeWebhooksRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  const columns = tx`id, url, events, enabled, disabled_reason, disabled_at, created_at, updated_at`
  return {
    async list(page: PageRequest): Promise<{ items: WebhookRow[]; total: number }> {
      const [items, [count]] = await Promise.all([
        tx<WebhookRow[]>`
          select ${columns} from webhooks where tenant_id = ${tenantId}
           order by created_at desc, id desc limit ${page.limit} offset ${page.offset}`,
        tx<{ total: number }[]>`select count(*)::int as total from webhooks where tenant_id = ${tenantId}`,
      ])
      return { items, total: count?.total ?? 0 }
    },

    async get(id: string): Promise<WebhookRow | undefined> {
      const [row] = await tx<WebhookRow[]>`
        select ${columns} from webhooks where tenant_id = ${tenantId} and id = ${id}`
      return row
    },

    async create(webhook: {
      id: string
      url: string
      events: readonly string[]
      secretCiphertext: Buffer
    }): Promise<WebhookRow> {
      const [row] = await tx<WebhookRow[]>`
        insert into webhooks (tenant_id, id, url, events, secret_ciphertext)
        values (${tenantId}, ${webhook.id}, ${webhook.url}, ${webhook.events as string[]},
                ${webhook.secretCiphertext})
        returning ${columns}`
      return row!
    },

    async update(id: string, changes: WebhookChanges): Promise<WebhookRow | undefined> {
      const enabled = changes.enabled ?? null
      const [row] = await tx<WebhookRow[]>`
        update webhooks
           set url = coalesce(${changes.url ?? null}, url),
               events = coalesce(${changes.events ?? null}::text[], events),
               enabled = coalesce(${enabled}::boolean, enabled),
               disabled_reason = case when ${enabled}::boolean is null then disabled_reason
                                      when ${enabled}::boolean then null
                                      when enabled then 'manual' else disabled_reason end,
               disabled_at = case when ${enabled}::boolean is null then disabled_at
                                  when ${enabled}::boolean then null
                                  when enabled then now() else disabled_at end,
               updated_at = now()
         where tenant_id = ${tenantId} and id = ${id}
        returning ${columns}`
      return row
    },

    async delete(id: string): Promise<boolean> {
      const rows = await tx`delete from webhooks where tenant_id = ${tenantId} and id = ${id} returning id`
      return rows.length > 0
    },

    /** The receiver answered 410 Gone: no more deliveries until the tenant enables it again. */
    async disableGone(id: string): Promise<void> {
      await tx`
        update webhooks set enabled = false, disabled_reason = 'receiver_gone', disabled_at = now(),
               updated_at = now()
         where tenant_id = ${tenantId} and id = ${id} and enabled`
    },

    /** The enabled webhooks that receive this event type. */
    /** The event types some enabled webhook of the tenant receives (a run asks once, at its start). */
    async eventTypesWanted(): Promise<string[]> {
      const rows = await tx<{ type: string }[]>`
        select distinct unnest(events) as type from webhooks where tenant_id = ${tenantId} and enabled`
      return rows.map((row) => row.type)
    },

    async subscribedTo(type: string): Promise<string[]> {
      const rows = await tx<{ id: string }[]>`
        select id from webhooks where tenant_id = ${tenantId} and enabled and ${type} = any(events)`
      return rows.map((row) => row.id)
    },
  }
}

export type WebhooksRepo = ReturnType<typeof makeWebhooksRepo>
