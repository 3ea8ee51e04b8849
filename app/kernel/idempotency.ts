// Idempotency-Key on the operations whose spec declares it: the first request with a key runs and its
// answer is stored (per tenant, 24 hours); a retry with the same key and request gets the stored answer
// back without running again; the same key with another request, or while the first still runs, is 409.
import { createHash } from 'node:crypto'
import type { Request } from 'express'
import { inTenantTransaction, type Sql, type TransactionSql } from '../../db/client.js'
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

export interface IdempotencyOptions {
  sql: Sql
  tenantId: string
  request: IdempotentRequest
  /** The problem the client gets for an error, so a replay of it is identical. */
  problemReply: (error: unknown) => Reply
  /** Runs the operation; a transactional one calls complete inside its transaction. */
  execute: (complete: CompleteInTransaction) => Promise<Reply>
}

export async function runIdempotently(options: IdempotencyOptions): Promise<Reply> {
  const { sql, tenantId, request } = options
  const inTenant = <T>(fn: (repo: ReturnType<typeof makeIdempotencyRepo>) => Promise<T>) =>
    inTenantTransaction(sql, tenantId, (tx) => fn(makeIdempotencyRepo(tx, tenantId)))

  const claimed = await inTenant(async (repo) => {
    if (await repo.claim(request.key, request.operationId, request.fingerprint)) return undefined
    return (await repo.find(request.key)) ?? null
  })
  if (claimed !== undefined) return replay(claimed, request)

  let completed = false
  const complete: CompleteInTransaction = async (tx, reply) => {
    await makeIdempotencyRepo(tx, tenantId).complete(request.key, reply)
    completed = true
  }
  try {
    const reply = await options.execute(complete)
    if (!completed) await inTenant((repo) => repo.complete(request.key, reply))
    return reply
  } catch (error) {
    await inTenant((repo) =>
      releasesKey(error)
        ? repo.release(request.key)
        : repo.complete(request.key, options.problemReply(error)),
    )
    throw error
  }
}

function replay(
  stored: Awaited<ReturnType<ReturnType<typeof makeIdempotencyRepo>['find']>> | null,
  request: IdempotentRequest,
): Reply {
  // Lost between claim and find (expired and purged): tell the client to retry rather than guess.
  if (!stored)
    throw appError('IDEMPOTENCY_KEY_IN_PROGRESS', 'The request with this key is still running; retry later.')
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
