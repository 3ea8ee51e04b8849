// SQL of webhook_deliveries: the log of what was sent to each webhook, and the state the sender works from.
// Every change of an attempt's outcome is conditional on the attempts counted so far, so a stale job (a
// redelivery overtook it, or a retry of a lost worker's attempt) records nothing.
import type { PageRequest, TransactionSql } from '../../app/plugin-kit.js'
import type { WebhookPayload } from './webhooks.events.js'

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed'

export interface DeliveryRow {
  id: string
  webhook_id: string
  event_id: string
  event_type: string
  execution_id: string | null
  status: DeliveryStatus
  attempts: number
  last_status_code: number | null
  last_error_code: string | null
  last_error: string | null
  last_attempt_at: Date | null
  next_attempt_at: Date | null
  created_at: Date
  updated_at: Date
}

/** A delivery as one attempt needs it: where to, with what secret, what body, and may it go at all. */
export interface AttemptRow {
  id: string
  webhook_id: string
  status: DeliveryStatus
  attempts: number
  payload: WebhookPayload
  retry_until: Date
  url: string
  secret_ciphertext: Buffer
  enabled: boolean
}

export interface NewDelivery {
  eventId: string
  eventType: string
  executionId: string | null
  payload: WebhookPayload
}

/** One attempt's outcome; nextAttemptAt set: still pending, tried again then. */
export interface AttemptOutcome {
  status: DeliveryStatus
  statusCode: number | null
  errorCode: string | null
  error: string | null
  nextAttemptAt: Date | null
}

export function makeWebhooksDeliveriesRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  const columns = tx`
    id, webhook_id, event_id, event_type, execution_id, status, attempts, last_status_code, last_error_code,
    last_error, last_attempt_at, next_attempt_at, created_at, updated_at`
  return {
    /**
     * A delivery of the event to each webhook, except those that have it already (a repeated run event):
     * the ones made now, to be sent.
     */
    async createFor(
      webhookIds: readonly string[],
      event: NewDelivery,
      windowSeconds: number,
    ): Promise<{ id: string }[]> {
      if (webhookIds.length === 0) return []
      return tx<{ id: string }[]>`
        insert into webhook_deliveries
          (tenant_id, webhook_id, event_id, event_type, execution_id, payload, next_attempt_at, retry_until)
        select ${tenantId}, webhook_id, ${event.eventId}, ${event.eventType}, ${event.executionId},
               ${tx.json(event.payload as never)}, now(), now() + make_interval(secs => ${windowSeconds})
          from unnest(${webhookIds as string[]}::uuid[]) as webhook_id
        on conflict (tenant_id, webhook_id, event_id) do nothing
        returning id`
    },

    async list(
      webhookId: string,
      page: PageRequest,
      status: DeliveryStatus | undefined,
    ): Promise<{ items: DeliveryRow[]; total: number }> {
      const only = status ? tx`and status = ${status}` : tx``
      const [items, [count]] = await Promise.all([
        tx<DeliveryRow[]>`
          select ${columns} from webhook_deliveries
           where tenant_id = ${tenantId} and webhook_id = ${webhookId} ${only}
           order by created_at desc, id desc limit ${page.limit} offset ${page.offset}`,
        tx<{ total: number }[]>`
          select count(*)::int as total from webhook_deliveries
           where tenant_id = ${tenantId} and webhook_id = ${webhookId} ${only}`,
      ])
      return { items, total: count?.total ?? 0 }
    },

    async get(webhookId: string, id: string): Promise<DeliveryRow | undefined> {
      const [row] = await tx<DeliveryRow[]>`
        select ${columns} from webhook_deliveries
         where tenant_id = ${tenantId} and webhook_id = ${webhookId} and id = ${id}`
      return row
    },

    /** Pending again, now, with a new retry window: the redelivery's attempt is the next one. */
    async redeliver(webhookId: string, id: string, windowSeconds: number): Promise<DeliveryRow | undefined> {
      const [row] = await tx<DeliveryRow[]>`
        update webhook_deliveries
           set status = 'pending', next_attempt_at = now(),
               retry_until = now() + make_interval(secs => ${windowSeconds}), updated_at = now()
         where tenant_id = ${tenantId} and webhook_id = ${webhookId} and id = ${id}
        returning ${columns}`
      return row
    },

    /** The delivery and its webhook, as an attempt needs them; undefined once the webhook is deleted. */
    async forAttempt(id: string): Promise<AttemptRow | undefined> {
      const [row] = await tx<AttemptRow[]>`
        select d.id, d.webhook_id, d.status, d.attempts, d.payload, d.retry_until,
               w.url, w.secret_ciphertext, w.enabled
          from webhook_deliveries d
          join webhooks w on w.tenant_id = d.tenant_id and w.id = d.webhook_id
         where d.tenant_id = ${tenantId} and d.id = ${id}`
      return row
    },

    /**
     * Counts attempt number `attempt` with its outcome, unless another one got there first (the delivery is
     * no longer pending at attempt - 1): false then, and nothing changed.
     */
    async recordAttempt(id: string, attempt: number, outcome: AttemptOutcome): Promise<boolean> {
      const rows = await tx`
        update webhook_deliveries
           set attempts = ${attempt}, status = ${outcome.status}, last_status_code = ${outcome.statusCode},
               last_error_code = ${outcome.errorCode}, last_error = ${outcome.error},
               last_attempt_at = now(), next_attempt_at = ${outcome.nextAttemptAt}, updated_at = now()
         where tenant_id = ${tenantId} and id = ${id} and status = 'pending' and attempts = ${attempt - 1}
        returning id`
      return rows.length > 0
    },

    /** Gives up before attempt number `attempt` without making it (the webhook is disabled): failed. */
    async abandon(id: string, attempt: number, errorCode: string, error: string): Promise<void> {
      await tx`
        update webhook_deliveries
           set status = 'failed', last_error_code = ${errorCode}, last_error = ${error},
               next_attempt_at = null, updated_at = now()
         where tenant_id = ${tenantId} and id = ${id} and status = 'pending' and attempts = ${attempt - 1}`
    },
  }
}

export type WebhooksDeliveriesRepo = ReturnType<typeof makeWebhooksDeliveriesRepo>
