// One attempt at one delivery (the `webhooks.send` job): read the delivery and its webhook, POST the payload
// signed per Standard Webhooks through the egress module, then record the outcome and, when it failed and the
// retry window allows, enqueue the next attempt, in one transaction. No transaction is held while the
// receiver answers.
//   2xx: succeeded. 410 Gone: failed, and the webhook is disabled (receiver_gone). Any other status, a
//   timeout or a refused connection: a failed attempt, retried with backoff (webhooks.schedule.ts).
//   The egress policy refusing the destination: failed at once (retrying would not change the policy).
// The secret is decrypted for the signature only: it never reaches a log, a row or an error.
import type { Cradle } from '../../app/plugin-kit.js'
import { EgressError } from '../egress/egress.js'
import type { JobHandler } from '../jobs/jobs.types.js'
import type { AttemptOutcome, AttemptRow } from './deliveries.repo.js'
import { enqueueAttempt, sendJobName, type SendJob } from './webhooks.attempts.js'
import { nextAttemptAfter } from './webhooks.schedule.js'
import { secretNameOf, signatureHeaders } from './webhooks.signing.js'

/** What one POST came to, before the retry schedule decides what follows. */
interface Result {
  succeeded: boolean
  statusCode: number | null
  errorCode: string | null
  error: string | null
  /** Worth another attempt later. */
  retry: boolean
  /** The receiver answered 410 Gone: disable the webhook. */
  gone: boolean
}

const failure = (errorCode: string, error: string, retry: boolean): Result => ({
  succeeded: false,
  statusCode: null,
  errorCode,
  error: error.slice(0, 1000),
  retry,
  gone: false,
})

/** The signing secret, or why it cannot be had (a master key missing or changed): retried, it may come back. */
function secretOf(cradle: Cradle, tenantId: string, row: AttemptRow): string | Result {
  const keyring = cradle.secretsKeyring.keyring
  if (!keyring)
    return failure('SECRETS_KEY_UNAVAILABLE', 'No master key is configured to open the secret.', true)
  try {
    return keyring.decrypt(tenantId, secretNameOf(row.webhook_id), row.secret_ciphertext)
  } catch (error) {
    if ((error as Error).name !== 'SecretDecryptionError') throw error
    const reason = (error as { reason?: string }).reason ?? 'unknown'
    return failure('SECRETS_KEY_UNAVAILABLE', `The signing secret does not open (${reason}).`, true)
  }
}

async function post(cradle: Cradle, row: AttemptRow, secret: string, signal: AbortSignal): Promise<Result> {
  const body = JSON.stringify(row.payload)
  try {
    const response = await cradle.egress.request({
      url: new URL(row.url),
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'mini-agent-platform-webhooks/1',
        ...signatureHeaders(secret, row.id, body),
      },
      body,
      timeoutMs: cradle.webhooksConfig.timeoutMs,
      // The answer's body is not kept: a little is read so the connection ends cleanly.
      maxResponseBytes: 1024,
      signal,
    })
    const { status } = response
    if (status >= 200 && status < 300) {
      return { succeeded: true, statusCode: status, errorCode: null, error: null, retry: false, gone: false }
    }
    const gone = status === 410
    return {
      succeeded: false,
      statusCode: status,
      errorCode: gone ? 'RECEIVER_GONE' : 'HTTP_STATUS',
      error: gone
        ? 'The receiver answered 410 Gone: the webhook is disabled.'
        : `The receiver answered ${status}.`,
      retry: !gone,
      gone,
    }
  } catch (error) {
    if (!(error instanceof EgressError)) throw error
    // Stopping (shutdown, or the attempt ran out its time): the job is put back, this attempt not counted.
    if (error.code === 'CANCELLED') throw error
    return failure(error.code, error.message, error.code !== 'EGRESS_DENIED')
  }
}

export const sendWebhook: JobHandler<SendJob> = {
  name: sendJobName,
  // These retries are for the job itself (a worker lost mid-attempt, the database away while recording);
  // a receiver's failures are retried by the schedule, each attempt a job of its own.
  retryLimit: 2,
  retryDelaySeconds: 5,
  expireInSeconds: 120,
  async handle(job, { inTransaction, cradle }) {
    const { delivery_id: id, attempt } = job.data
    const row = await inTransaction(({ webhooksDeliveriesRepo }) => webhooksDeliveriesRepo.forAttempt(id))
    if (!row) return { sent: false, reason: 'webhook deleted' }
    if (row.status !== 'pending' || row.attempts !== attempt - 1) return { sent: false, reason: 'stale' }
    if (!row.enabled) {
      await inTransaction(({ webhooksDeliveriesRepo }) =>
        webhooksDeliveriesRepo.abandon(id, attempt, 'WEBHOOK_DISABLED', 'The webhook was disabled.'),
      )
      return { sent: false, reason: 'webhook disabled' }
    }
    const secret = secretOf(cradle, job.tenantId, row)
    const result = typeof secret === 'string' ? await post(cradle, row, secret, job.signal) : secret
    const next = result.retry ? nextAttemptAfter(attempt, row.retry_until, cradle.webhooksConfig) : undefined
    const outcome: AttemptOutcome = {
      status: result.succeeded ? 'succeeded' : next ? 'pending' : 'failed',
      statusCode: result.statusCode,
      errorCode: result.errorCode,
      error: result.error,
      nextAttemptAt: next ?? null,
    }
    await inTransaction(async (services) => {
      if (!(await services.webhooksDeliveriesRepo.recordAttempt(id, attempt, outcome))) return
      if (result.gone) await services.webhooksRepo.disableGone(row.webhook_id)
      if (next) {
        const seconds = Math.max(0, (next.getTime() - Date.now()) / 1000)
        await enqueueAttempt(services, { id, attempts: attempt }, seconds)
      }
    })
    if (!result.succeeded) {
      cradle.logger.info(
        { webhook: row.webhook_id, delivery: id, attempt, code: result.errorCode, status: result.statusCode },
        outcome.status === 'pending' ? 'webhook delivery failed; retrying' : 'webhook delivery failed',
      )
    }
    return { sent: true, status: outcome.status, attempt }
  },
}
