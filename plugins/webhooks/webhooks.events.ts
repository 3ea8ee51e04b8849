// What a webhook can subscribe to, and how a delivery's body looks (Standard Webhooks: { type, timestamp,
// data }). The run's own lifecycle events only: step and token events are the stream's business.
import type { RunEventType } from '../runs/run.events.js'

export const webhookEventTypes = [
  'execution.created',
  'execution.requires_action',
  'execution.completed',
  'execution.failed',
  'execution.incomplete',
  'execution.cancelled',
] as const satisfies readonly RunEventType[]

export type WebhookEventType = (typeof webhookEventTypes)[number]

/** What POST /webhooks/{id}/test sends, whatever the webhook subscribes to. */
export const testEventType = 'webhook.test'

/** The body of every attempt of a delivery: the event's type, when it happened, and its data. */
export interface WebhookPayload {
  type: string
  timestamp: string
  data: unknown
}
