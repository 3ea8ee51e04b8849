// When a failed delivery is tried again: exponential backoff with jitter, for a window. The n-th failed
// attempt waits between half and all of min(max delay, delay × 2^(n-1)) ("equal jitter": retries of many
// deliveries that failed together spread out, and none comes sooner than half its step). No attempt is
// scheduled past the delivery's retry_until (WEBHOOK_RETRY_WINDOW_SECONDS after it began or was redelivered).
import type { WebhooksConfig } from './webhooks.config.js'

export type RetrySettings = Pick<WebhooksConfig, 'retryDelaySeconds' | 'retryMaxDelaySeconds'>

/** Seconds to wait after the attempt-th (from 1) failed attempt. */
export function retryDelaySeconds(attempt: number, settings: RetrySettings, random = Math.random): number {
  const step = Math.min(
    settings.retryMaxDelaySeconds,
    settings.retryDelaySeconds * 2 ** Math.min(30, Math.max(0, attempt - 1)),
  )
  return step / 2 + (step / 2) * random()
}

/** When to try after the attempt-th failed attempt, or undefined: that would be past retryUntil. */
export function nextAttemptAfter(
  attempt: number,
  retryUntil: Date,
  settings: RetrySettings,
  now: Date = new Date(),
  random = Math.random,
): Date | undefined {
  const next = new Date(now.getTime() + retryDelaySeconds(attempt, settings, random) * 1000)
  return next.getTime() <= retryUntil.getTime() ? next : undefined
}
