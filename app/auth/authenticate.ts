// X-API-Key -> tenant. Every failure reads the same (401 INVALID_API_KEY, one message) so a near-miss
// cannot be told from a miss; the lookup is one indexed equality on a hash, so its time does not depend
// on how close the key was. Failures are counted per client address (past the limit the answer is 429)
// and written to the audit log; a suspended tenant's keys get 403, counted and audited the same way.
// A valid, active key is never refused for its address's failures: keys are 256-bit random values, so
// the per-address limit only bounds cost and log growth, and clients sharing an address (a NAT) with a
// guesser keep working. (The admin token, chosen by an operator, is locked out instead: admin-auth.ts.)
import type { Request, RequestHandler, Response } from 'express'
import { appError, DomainError } from '../errors/domain-errors.js'
import { domainErrorFromPostgres } from '../errors/postgres-errors.js'
import { clientRequestIdOf, serverRequestIdOf } from '../http/request-id.js'
import type { KeyOwner } from './api-keys.repo.js'
import { hashApiKey, maxApiKeyLength } from './api-keys.js'

export type KeyLookup = (keyHash: Buffer) => Promise<KeyOwner | undefined>

/** Decides what a failed authentication from this address answers: the failure, or 429 past the limit. */
export type FailureGuard = (clientAddress: string, failure: DomainError) => Promise<DomainError>

export interface AuthFailure {
  reason: 'missing_key' | 'invalid_key' | 'tenant_suspended' | 'invalid_admin_token'
  clientAddress: string
  path: string
  /** The server's own id of the request. */
  requestId: string
  /** The X-Request-Id the client sent, if any: its word, kept apart from the server's id. */
  clientRequestId?: string
  tenantId?: string
}

export interface AuthenticateDeps {
  lookup: KeyLookup
  guard: FailureGuard
  /** Records a failure answered 401 or 403 (not those refused as too many). */
  audit: (failure: AuthFailure) => Promise<void>
}

const invalidKey = () => appError('INVALID_API_KEY', 'Provide a valid API key in the X-API-Key header.')
const suspended = () =>
  appError('TENANT_SUSPENDED', 'The tenant of this key is suspended; contact the operator.')

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A lookup's answer as the code relies on it; anything else means the database reply was not the lookup's. */
export const isKeyOwner = (owner: unknown): owner is KeyOwner =>
  typeof owner === 'object' &&
  owner !== null &&
  typeof (owner as KeyOwner).tenantId === 'string' &&
  uuid.test((owner as KeyOwner).tenantId) &&
  typeof (owner as KeyOwner).suspended === 'boolean'

/**
 * Authentication could not be decided (the database failed or answered something that is not a key's
 * owner): 503, never a request that carries on without a tenant. Also for a rejection with no error at
 * all, which `.catch(next)` would have turned into next() and a request without a tenant.
 */
export function authenticationUnavailable(cause?: unknown): DomainError {
  const mapped = domainErrorFromPostgres(cause)
  if (mapped && mapped.code === 'SERVICE_UNAVAILABLE') return mapped
  return appError(
    'SERVICE_UNAVAILABLE',
    'Authentication cannot be checked right now; retry shortly.',
    { reason: 'authentication_unavailable' },
    cause === undefined ? undefined : { cause },
  )
}

/** What a failure of the authentication step answers: its own domain error (429, 503), else 503. */
const asAnswer = (error: unknown): DomainError =>
  error instanceof DomainError && (error.status < 500 || error.code === 'SERVICE_UNAVAILABLE')
    ? error
    : authenticationUnavailable(error)

export const clientAddressOf = (req: Request): string => req.ip ?? 'unknown'

/** The failure as the audit log records it, with the server's request id and the client's beside it. */
export function authFailure(
  req: Request,
  res: Response,
  reason: AuthFailure['reason'],
  tenantId?: string,
): AuthFailure {
  const clientRequestId = clientRequestIdOf(res)
  return {
    reason,
    clientAddress: clientAddressOf(req),
    path: req.originalUrl.split('?')[0] ?? '',
    requestId: serverRequestIdOf(res),
    ...(clientRequestId === undefined ? {} : { clientRequestId }),
    ...(tenantId ? { tenantId } : {}),
  }
}

export function authenticate({ lookup, guard, audit }: AuthenticateDeps): RequestHandler {
  /** Counts the failure for the address; audits it unless it was refused as one too many. */
  const refuse = async (
    req: Request,
    res: Response,
    reason: AuthFailure['reason'],
    failure: DomainError,
    tenantId?: string,
  ): Promise<DomainError> => {
    const answer = await guard(clientAddressOf(req), failure)
    if (answer.code === failure.code) await audit(authFailure(req, res, reason, tenantId))
    return answer
  }

  /** The error to answer, or undefined with res.locals.tenantId set. */
  const decide = async (req: Request, res: Response): Promise<DomainError | undefined> => {
    // Node lower-cases header names, so X-API-Key, x-api-key and X-Api-Key are one header.
    const key = req.headers['x-api-key']
    if (typeof key !== 'string' || key.length === 0 || key.length > maxApiKeyLength) {
      return refuse(req, res, key ? 'invalid_key' : 'missing_key', invalidKey())
    }
    const owner = await lookup(hashApiKey(key))
    if (owner === undefined) return refuse(req, res, 'invalid_key', invalidKey())
    if (!isKeyOwner(owner)) {
      throw authenticationUnavailable(new Error('the API key lookup answered a row that is not a key owner'))
    }
    // Limited and audited like a failure: a suspended tenant's key must not grow the log at request rate.
    if (owner.suspended) return refuse(req, res, 'tenant_suspended', suspended(), owner.tenantId)
    res.locals.tenantId = owner.tenantId
    return undefined
  }

  return (req, res, next) => {
    // next is called exactly once: with the decision, or with a 503 when it could not be made.
    decide(req, res).then(
      (error) => next(error),
      (error: unknown) => next(asAnswer(error)),
    )
  }
}

/** The authenticated tenant; without one (which authenticate never lets through) the request is a 503. */
export const tenantIdOf = (res: Response): string => {
  const tenantId = res.locals.tenantId as string | undefined
  if (!tenantId) throw authenticationUnavailable(new Error('tenantIdOf called on an unauthenticated request'))
  return tenantId
}
