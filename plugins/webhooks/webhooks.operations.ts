// Thin handlers keyed by operationId: read the validated request, call the service, shape the reply.
import { pageRequest, type Operation } from '../../app/plugin-kit.js'
import type { DeliveryStatus } from './deliveries.repo.js'
import type { WebhookChanges } from './webhooks.repo.js'

export const listWebhooks: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.webhooksService.list(pageRequest(query)),
})

export const createWebhook: Operation = async ({ body, services }) => {
  const { url, events } = body as { url: string; events: string[] }
  return { status: 201, body: await services.webhooksService.create(url, events) }
}

export const getWebhook: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.webhooksService.get(params.id!),
})

export const updateWebhook: Operation = async ({ params, body, services }) => ({
  status: 200,
  body: await services.webhooksService.update(params.id!, body as WebhookChanges),
})

export const deleteWebhook: Operation = async ({ params, services }) => {
  await services.webhooksService.delete(params.id!)
  return { status: 204 }
}

export const testWebhook: Operation = async ({ params, services }) => ({
  status: 202,
  body: await services.webhooksService.sendTest(params.id!),
})

export const listWebhookDeliveries: Operation = async ({ params, query, services }) => ({
  status: 200,
  body: await services.webhooksService.listDeliveries(
    params.id!,
    pageRequest(query),
    query.status as DeliveryStatus | undefined,
  ),
})

export const getWebhookDelivery: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.webhooksService.getDelivery(params.id!, params.delivery_id!),
})

export const redeliverWebhookDelivery: Operation = async ({ params, services }) => ({
  status: 202,
  body: await services.webhooksService.redeliver(params.id!, params.delivery_id!),
})
