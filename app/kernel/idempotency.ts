// Idempotency-Key on the operations whose spec declares it: the first request with a key runs and its
// answer is stored (per tenant, 24 hours); a retry with the same key and request gets the stored answer
// back without running again; the same key with another request, or while the first still runs, is 409.
// The first request's claim lasts as long as it runs: it renews a short lease while alive (a streamed run
// may last ten minutes), so only a request whose process died loses the key to a retry.
import { createHash, randomUUID } from 'node:crypto'
import type { Request } from 'express'
import {
  inTenantTransaction,
  newRequestWork,
  type RequestWork,
  type Sql,
  type TransactionSql,
} from '../../db/client.js'
import { appError, DomainError } from '../errors/domain-errors.js'
import { makeIdempotencyRepo } from '../idempotency/idempotency.repo.js'
import type { Reply } from './plugin.js'

export const idempotencyHeader = 'idempotency-key'
export const replayedHeader = 'Idempotent-Replayed'

export interface IdempotentRequest {
  key: string
  operationId: string
  fingerprint: Buffer
}

/** Stores the answer inside the operation's own transaction, so answer and effects commit together. */
export type CompleteInTransaction = (tx: TransactionSql, reply: Reply) => Promise<void>

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    )
  }
  return value
}

export function idempotentRequest(req: Request, operationId: string): IdempotentRequest | undefined {
  const key = req.headers[idempotencyHeader]
  if (typeof key !== 'string') return undefined
  const material = JSON.stringify(canonical([operationId, req.path, req.query, req.body ?? null]))
  return { key, operationId, fingerprint: createHash('sha256').update(material).digest() }
}

/**
 * Errors of ours (a fault, an outage) and answers nobody received (the client went away and the operation
 * stopped) free the key: the retry should run, not replay them.
 */
const releasesKey = (error: unknown): boolean =>
  !(error instanceof DomainError) || ['internal', 'unavailable', 'cancelled'].includes(error.kind)

/** How long a claim lasts unless renewed, and how often the request holding it renews it. */
export interface ClaimLease {
  ttlMs: number
  renewEveryMs: number
}

/**
 * A minute: a retry waits at most that long after the process running the first request died. Renewed
 * four times a minute, so a renewal or two may fail (a busy pool) before the claim lapses.
 */
export const defaultClaimLease: ClaimLease = { ttlMs: 60_000, renewEveryMs: 15_000 }

export interface IdempotencyOptions {
  sql: Sql
  tenantId: string
  /**
   * The request's work, shared with the transactions of execute: the claim is its first transaction, the
   * rest finish it (RequestWork). Unset: work of its own.
   */
  work?: RequestWork
  request: IdempotentRequest
  /** The problem the client gets for an error, so a replay of it is identical. */
  problemReply: (error: unknown) => Reply
  /** Runs the operation; a transactional one calls complete inside its transaction. */
  execute: (complete: CompleteInTransaction) => Promise<Reply>
  /** defaultClaimLease unless given (tests pass short ones). */
  lease?: ClaimLease
}

const lostClaim = (key: string) =>
  appError(
    'IDEMPOTENCY_KEY_IN_PROGRESS',
    'Another request with this key took it over while this one ran; retry later.',
    { key },
  )

/** Renews the claim every renewEveryMs until stopped; a failed renewal is tried again at the next tick. */
function keepClaim(renew: () => Promise<unknown>, lease: ClaimLease): () => void {
  let renewing = false
  const timer = setInterval(() => {
    if (renewing) return
    renewing = true
    renew()
      .catch(() => undefined)
      .finally(() => (renewing = false))
  }, lease.renewEveryMs)
  timer.unref()
  return () => clearInterval(timer)
}

export async function runIdempotently(options: IdempotencyOptions): Promise<Reply> {
  const { sql, tenantId, request } = options
  const work = options.work ?? newRequestWork()
  const lease = options.lease ?? defaultClaimLease
  const owner = randomUUID()
  const inTenant = <T>(fn: (repo: ReturnType<typeof makeIdempotencyRepo>) => Promise<T>) =>
    inTenantTransaction(sql, tenantId, (tx) => fn(makeIdempotencyRepo(tx, tenantId)), work)

  const claimed = await inTenant(async (repo) => {
    if (await repo.claim(request.key, request.operationId, request.fingerprint, owner, lease.ttlMs))
      return undefined
    return (await repo.find(request.key)) ?? null
  })
  if (claimed !== undefined) return replay(claimed, request)

  const stopRenewing = keepClaim(() => inTenant((repo) => repo.renew(request.key, owner, lease.ttlMs)), lease)
  let completed = false
  const complete: CompleteInTransaction = async (tx, reply) => {
    // A request that lost its claim must not commit effects the request now holding the key also makes.
    if (!(await makeIdempotencyRepo(tx, tenantId).complete(request.key, owner, reply)))
      throw lostClaim(request.key)
    completed = true
  }
  try {
    const reply = await options.execute(complete)
    // A request that lost its claim still answers its own client, but does not store over the new one's.
    if (!completed) await inTenant((repo) => repo.complete(request.key, owner, reply))
    return reply
  } catch (error) {
    await inTenant(async (repo) => {
      if (releasesKey(error)) await repo.release(request.key, owner)
      else await repo.complete(request.key, owner, options.problemReply(error))
    })
    throw error
  } finally {
    stopRenewing()
  }
}

function replay(
  stored: Awaited<ReturnType<ReturnType<typeof makeIdempotencyRepo>['find']>> | null,
  request: IdempotentRequest,
): Reply {
  // Lost between claim and find (expired and purged): tell the client to retry rather than guess.
  if (!stored) {
    throw appError(
      'IDEMPOTENCY_KEY_IN_PROGRESS',
      'The request with this key is still running; retry later.',
      {
        key: request.key,
      },
    )
  }
  if (stored.operation_id !== request.operationId || !stored.request_hash.equals(request.fingerprint)) {
    throw appError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for a different request; use a new key for a new request.',
      { key: request.key },
    )
  }
  if (stored.status === 'in_progress' || stored.response_status === null) {
    throw appError(
      'IDEMPOTENCY_KEY_IN_PROGRESS',
      'The request with this key is still running; retry later.',
      {
        key: request.key,
      },
    )
  }
  return {
    status: stored.response_status,
    body: stored.response_body ?? undefined,
    headers: { ...stored.response_headers, [replayedHeader]: 'true' },
  }
}
