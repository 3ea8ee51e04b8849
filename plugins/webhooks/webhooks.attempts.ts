// The `webhooks.send` job: one attempt at one delivery. Enqueued in the transaction that makes the delivery
// pending (a new event, a redelivery, a test, or the failed attempt before it), so no pending delivery is
// left without a job; `attempt` is the number it makes, and a job whose number is no longer the next one
// (another job made it) does nothing.
import type { TransactionSql } from '../../app/plugin-kit.js'
import type { Jobs } from '../jobs/jobs.types.js'

export const sendJobName = 'webhooks.send'

export interface SendJob {
  delivery_id: string
  /** The attempt this job makes, from 1: the delivery had attempt - 1 when it was enqueued. */
  attempt: number
}

export function enqueueAttempt(
  services: { jobs: Jobs; tx: TransactionSql; tenantId: string },
  delivery: { id: string; attempts: number },
  startAfterSeconds?: number,
): Promise<string> {
  const job: SendJob = { delivery_id: delivery.id, attempt: delivery.attempts + 1 }
  return services.jobs.enqueue(
    services.tx,
    sendJobName,
    services.tenantId,
    job,
    startAfterSeconds === undefined ? {} : { startAfterSeconds },
  )
}
