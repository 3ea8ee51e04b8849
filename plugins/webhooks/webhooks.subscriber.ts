// Webhooks as a run event subscriber (plugins/README.md, "Reacting to runs"): for each event of a type some
// enabled webhook of the run's tenant receives, one delivery per such webhook and its first send job, in one
// transaction of that tenant. The delivery's key (webhook, event id) makes a repeated event add nothing.
import { isForeignKeyViolation } from '../../app/plugin-kit.js'
import type { RunEventSubscriber } from '../runs/run.subscribers.js'
import { enqueueAttempt } from './webhooks.attempts.js'
import { webhookEventTypes, type WebhookEventType } from './webhooks.events.js'

export const deliverToWebhooks: RunEventSubscriber<WebhookEventType> = {
  name: 'webhooks.deliver',
  events: webhookEventTypes,
  // Only the event types some enabled webhook of the run's tenant receives: a tenant without webhooks
  // costs its runs one statement (sent with statements the run sends anyway), and no delivery job.
  interest: ({ webhooksRepo }) => webhooksRepo.eventTypesWanted(),
  async handle(event, { inTransaction, cradle }) {
    const fanOut = (executionId: string | null) =>
      inTransaction(async (services) => {
        const webhookIds = await services.webhooksRepo.subscribedTo(event.type)
        if (webhookIds.length === 0) return
        const made = await services.webhooksDeliveriesRepo.createFor(
          webhookIds,
          {
            eventId: event.id,
            eventType: event.type,
            executionId,
            payload: { type: event.type, timestamp: event.createdAt.toISOString(), data: event.data },
          },
          cradle.webhooksConfig.retryWindowSeconds,
        )
        await Promise.all(made.map((delivery) => enqueueAttempt(services, { id: delivery.id, attempts: 0 })))
      })
    // The run may be gone since (deleted with its agent): the deliveries then name none.
    await fanOut(event.executionId).catch((error: unknown) => {
      if (isForeignKeyViolation(error, 'webhook_deliveries_execution_fkey')) return fanOut(null)
      throw error
    })
  },
}
