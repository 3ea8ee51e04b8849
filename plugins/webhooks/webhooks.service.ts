// Rules, no SQL and no HTTP: a webhook's URL passes the egress policy before it is stored, its secret is made
// here, encrypted at once and returned only by create, and every delivery made pending gets its send job in
// the same transaction.
import { randomUUID } from 'node:crypto'
import { appError, toPage, type Page, type PageRequest, type TransactionSql } from '../../app/plugin-kit.js'
import { EgressError, type Egress } from '../egress/egress.js'
import type { Jobs } from '../jobs/jobs.types.js'
import type { SecretsKeyring } from '../secrets/secrets.keyring.js'
import type { DeliveryRow, DeliveryStatus, WebhooksDeliveriesRepo } from './deliveries.repo.js'
import { enqueueAttempt } from './webhooks.attempts.js'
import type { WebhooksConfig } from './webhooks.config.js'
import { testEventType } from './webhooks.events.js'
import type { WebhookChanges, WebhookRow, WebhooksRepo } from './webhooks.repo.js'
import { newSigningSecret, secretNameOf } from './webhooks.signing.js'

/** A delivery as the API answers it: the row, all of it. */
export type Delivery = DeliveryRow

const notFound = (id: string) => appError('WEBHOOKS_NOT_FOUND', `No webhook with id ${id}.`, { id })
const deliveryNotFound = (id: string) =>
  appError('WEBHOOKS_DELIVERY_NOT_FOUND', `No delivery with id ${id} for this webhook.`, { id })

/** The policy's static part (scheme, userinfo, literal addresses, denied names); nothing resolved yet. */
function checkUrl(url: string, egress: Egress): void {
  try {
    const { host, literal } = egress.policy.checkUrl(new URL(url))
    if (literal) egress.policy.checkAddress(host, host)
  } catch (error) {
    if (!(error instanceof EgressError) || !error.denial) throw error
    throw appError('EGRESS_DENIED', error.message, {
      reason: error.denial.reason,
      host: error.denial.host,
      pointer: '/url',
    })
  }
}

export function makeWebhooksService({
  webhooksRepo: repo,
  webhooksDeliveriesRepo: deliveries,
  egress,
  secretsKeyring,
  jobs,
  webhooksConfig,
  tx,
  tenantId,
}: {
  webhooksRepo: WebhooksRepo
  webhooksDeliveriesRepo: WebhooksDeliveriesRepo
  egress: Egress
  secretsKeyring: SecretsKeyring
  jobs: Jobs
  webhooksConfig: WebhooksConfig
  tx: TransactionSql
  tenantId: string
}) {
  const existing = async (id: string): Promise<WebhookRow> =>
    (await repo.get(id)) ?? Promise.reject(notFound(id))
  const enabled = async (id: string): Promise<WebhookRow> => {
    const webhook = await existing(id)
    if (!webhook.enabled) {
      throw appError('WEBHOOKS_DISABLED', 'The webhook is disabled: enable it (PATCH enabled: true) first.', {
        id,
        disabled_reason: webhook.disabled_reason,
      })
    }
    return webhook
  }
  const window = webhooksConfig.retryWindowSeconds

  return {
    async list(page: PageRequest): Promise<Page<WebhookRow>> {
      const { items, total } = await repo.list(page)
      return toPage(items, total, page)
    },
    get: existing,

    /** The webhook and its signing secret: the only answer that ever holds it. */
    async create(url: string, events: readonly string[]): Promise<WebhookRow & { secret: string }> {
      checkUrl(url, egress)
      const keyring = secretsKeyring.keyring
      if (!keyring) {
        throw appError('SECRETS_KEY_UNAVAILABLE', 'No master key is configured: set SECRETS_MASTER_KEY.', {
          reason: 'no_master_key',
        })
      }
      const id = randomUUID()
      const secret = newSigningSecret()
      const webhook = await repo.create({
        id,
        url,
        events: [...new Set(events)],
        secretCiphertext: keyring.encrypt(tenantId, secretNameOf(id), secret),
      })
      return { ...webhook, secret }
    },

    async update(id: string, changes: WebhookChanges): Promise<WebhookRow> {
      if (changes.url !== undefined) checkUrl(changes.url, egress)
      const events = changes.events && [...new Set(changes.events)]
      return (
        (await repo.update(id, { ...changes, ...(events ? { events } : {}) })) ?? Promise.reject(notFound(id))
      )
    },

    async delete(id: string): Promise<void> {
      if (!(await repo.delete(id))) throw notFound(id)
    },

    async listDeliveries(
      webhookId: string,
      page: PageRequest,
      status: DeliveryStatus | undefined,
    ): Promise<Page<Delivery>> {
      await existing(webhookId)
      const { items, total } = await deliveries.list(webhookId, page, status)
      return toPage(items, total, page)
    },

    async getDelivery(webhookId: string, id: string): Promise<Delivery> {
      await existing(webhookId)
      const row = await deliveries.get(webhookId, id)
      return row ?? Promise.reject(deliveryNotFound(id))
    },

    /** One more attempt now, and a new retry window; the receiver sees the same webhook-id. */
    async redeliver(webhookId: string, id: string): Promise<Delivery> {
      await enabled(webhookId)
      const row = await deliveries.redeliver(webhookId, id, window)
      if (!row) throw deliveryNotFound(id)
      await enqueueAttempt({ jobs, tx, tenantId }, row)
      return row
    },

    /** A `webhook.test` event to this webhook, whatever it subscribes to. */
    async sendTest(webhookId: string): Promise<Delivery> {
      await enabled(webhookId)
      const eventId = `test:${randomUUID()}`
      const [made] = await deliveries.createFor(
        [webhookId],
        {
          eventId,
          eventType: testEventType,
          executionId: null,
          payload: {
            type: testEventType,
            timestamp: new Date().toISOString(),
            data: { webhook_id: webhookId },
          },
        },
        window,
      )
      await enqueueAttempt({ jobs, tx, tenantId }, { id: made!.id, attempts: 0 })
      return (await deliveries.get(webhookId, made!.id))!
    },
  }
}

export type WebhooksService = ReturnType<typeof makeWebhooksService>
