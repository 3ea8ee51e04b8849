// Authentication failures in the audit log: unknown keys and bad admin tokens in the chain of no tenant,
// suspended tenants' attempts in that tenant's chain.
//
// The log is append-only, so a client repeating a failure must not grow it at request rate. Failures are
// coalesced per window (RATE_LIMIT_WINDOW_SECONDS): the first of a kind (chain, action, reason, client
// address) is written at once; its repeats within the window are only counted in memory, and written as
// one event with their count when the window closes (a sweep) or the process shuts down (dispose). At most
// `maxTracked` kinds are tracked at once; past that, failures are counted per chain, action and reason
// only (one summary event per window), so memory stays bounded whatever addresses a client uses.
import type { Logger } from 'pino'
import { inTenantTransaction, type Sql } from '../../db/client.js'
import type { AuthFailure } from '../auth/authenticate.js'
import { appendApiAuditEvent, type ApiAuditAction, type ApiAuditEventInput } from './audit.repo.js'

export interface AuthFailureAudit {
  /** Writes the failure now (first of its kind in the window) or counts it; resolves once written. */
  record(failure: AuthFailure): Promise<void>
  /** Writes the counts of every window still open, and waits for writes under way. */
  flush(): Promise<void>
  /** Stops the sweep and flushes (shutdown). */
  close(): Promise<void>
}

export interface AuthFailureAuditOptions {
  windowSeconds: number
  logger: Pick<Logger, 'warn' | 'error'>
  /** Kinds of failure tracked at once (memory bound). */
  maxTracked?: number
  now?: () => number
}

interface Window {
  chainTenantId: string | undefined
  action: ApiAuditAction
  reason: AuthFailure['reason']
  /** undefined for the overflow summary of many addresses. */
  clientAddress: string | undefined
  target: string | null
  firstRequestId: string | undefined
  startedAt: number
  /** Failures counted and not yet written. */
  repeats: number
}

const actionOf = (reason: AuthFailure['reason']): ApiAuditAction =>
  reason === 'tenant_suspended'
    ? 'auth.suspended_tenant'
    : reason === 'invalid_admin_token'
      ? 'admin.auth_failure'
      : 'auth.failure'

/** What the log says about one failure: never the key or token presented. */
export function failureEvent(failure: AuthFailure): ApiAuditEventInput {
  return {
    action: actionOf(failure.reason),
    target: failure.path,
    details: {
      reason: failure.reason,
      client_address: failure.clientAddress,
      count: 1,
      ...(failure.clientRequestId === undefined ? {} : { client_request_id: failure.clientRequestId }),
    },
    requestId: failure.requestId,
  }
}

export function makeAuthFailureAudit(sql: Sql, options: AuthFailureAuditOptions): AuthFailureAudit {
  const windowMs = options.windowSeconds * 1000
  const maxTracked = options.maxTracked ?? 10_000
  const now = options.now ?? Date.now
  const tracked = new Map<string, Window>()
  // Past maxTracked: one window per chain, action and reason. Its keys exist only for tenants whose key
  // authenticated (suspended ones) plus the tenant-less chain; still bounded, as a last resort, by dropping.
  const overflow = new Map<string, Window>()
  const writing = new Set<Promise<void>>()
  let dropped = 0

  const write = async (tenantId: string | undefined, event: ApiAuditEventInput): Promise<void> => {
    if (tenantId) await inTenantTransaction(sql, tenantId, (tx) => appendApiAuditEvent(tx, event))
    // No tenant: a plain statement; pooled connections never carry a tenant outside a transaction.
    else await appendApiAuditEvent(sql, event)
  }

  /** Writes a closed window's count in the background; shutdown waits for it. */
  const writeSummary = (window: Window, endedAt: number): void => {
    if (window.repeats === 0) return
    const event: ApiAuditEventInput = {
      action: window.action,
      target: window.target,
      details: {
        reason: window.reason,
        client_address: window.clientAddress ?? null,
        count: window.repeats,
        coalesced: true,
        ...(window.firstRequestId ? { first_request_id: window.firstRequestId } : {}),
        window_started_at: new Date(window.startedAt).toISOString(),
        window_ended_at: new Date(endedAt).toISOString(),
      },
      requestId: null,
    }
    const pending = write(window.chainTenantId, event)
      .catch((error: unknown) =>
        options.logger.error(
          { err: error, action: window.action },
          'audit: a coalesced failure count was not written',
        ),
      )
      .finally(() => writing.delete(pending))
    writing.add(pending)
  }

  const closeWindows = (windows: Map<string, Window>, all: boolean): void => {
    const at = now()
    for (const [key, window] of windows) {
      if (!all && at - window.startedAt < windowMs) continue
      windows.delete(key)
      writeSummary(window, Math.min(at, window.startedAt + windowMs))
    }
  }

  const sweep = () => {
    closeWindows(tracked, false)
    closeWindows(overflow, false)
    if (dropped > 0) {
      options.logger.warn({ dropped }, 'audit: authentication failures not counted (tracking full)')
      dropped = 0
    }
  }
  const timer = setInterval(sweep, Math.min(windowMs, 1000))
  timer.unref()

  const countInOverflow = (failure: AuthFailure, chainTenantId: string | undefined): void => {
    const key = `${chainTenantId ?? '-'}|${actionOf(failure.reason)}|${failure.reason}`
    const window = overflow.get(key)
    if (window && now() - window.startedAt < windowMs) {
      window.repeats++
      return
    }
    if (window) {
      overflow.delete(key)
      writeSummary(window, now())
    } else if (overflow.size >= maxTracked) {
      dropped++
      return
    }
    overflow.set(key, {
      chainTenantId,
      action: actionOf(failure.reason),
      reason: failure.reason,
      clientAddress: undefined,
      target: null,
      firstRequestId: undefined,
      startedAt: now(),
      repeats: 1,
    })
  }

  return {
    async record(failure) {
      const chainTenantId = failure.tenantId
      const key = `${chainTenantId ?? '-'}|${actionOf(failure.reason)}|${failure.reason}|${failure.clientAddress}`
      const window = tracked.get(key)
      if (window && now() - window.startedAt < windowMs) {
        window.repeats++
        return
      }
      if (window) {
        tracked.delete(key)
        writeSummary(window, window.startedAt + windowMs)
      } else if (tracked.size >= maxTracked) {
        return countInOverflow(failure, chainTenantId)
      }
      tracked.set(key, {
        chainTenantId,
        action: actionOf(failure.reason),
        reason: failure.reason,
        clientAddress: failure.clientAddress,
        target: failure.path,
        firstRequestId: failure.requestId,
        startedAt: now(),
        repeats: 0,
      })
      await write(chainTenantId, failureEvent(failure))
    },

    async flush() {
      closeWindows(tracked, true)
      closeWindows(overflow, true)
      await Promise.all([...writing])
    },

    async close() {
      clearInterval(timer)
      await this.flush()
    },
  }
}
