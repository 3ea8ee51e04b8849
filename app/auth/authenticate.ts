// X-API-Key -> tenant. Every failure reads the same (401 INVALID_API_KEY, one message) so a near-miss
// cannot be told from a miss; the lookup is one indexed equality on a hash, so its time does not depend
// on how close the key was. Failures are counted per client address (past the limit the answer is 429)
// and written to the audit log; a suspended tenant's keys get 403.
import type { Request, RequestHandler, Response } from 'express'
import { appError, type DomainError } from '../errors/domain-errors.js'
import type { KeyOwner } from './api-keys.repo.js'
import { hashApiKey, maxApiKeyLength } from './api-keys.js'

export type KeyLookup = (keyHash: Buffer) => Promise<KeyOwner | undefined>

/** Decides what a failed authentication from this address answers: 401, or 429 past the limit. */
export type FailureGuard = (clientAddress: string, invalid: DomainError) => Promise<DomainError>

export interface AuthFailure {
  reason: 'missing_key' | 'invalid_key' | 'tenant_suspended'
  clientAddress: string
  path: string
  requestId: string
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

export function authenticate({ lookup, guard, audit }: AuthenticateDeps): RequestHandler {
  const failure = (
    req: Request,
    res: Response,
    reason: AuthFailure['reason'],
    tenantId?: string,
  ): AuthFailure => ({
    reason,
    clientAddress: req.ip ?? 'unknown',
    path: req.originalUrl.split('?')[0] ?? '',
    requestId: String(res.locals.requestId),
    ...(tenantId ? { tenantId } : {}),
  })
  const refuse = async (
    req: Request,
    res: Response,
    reason: 'missing_key' | 'invalid_key',
  ): Promise<DomainError> => {
    const answer = await guard(req.ip ?? 'unknown', invalidKey())
    if (answer.code === 'INVALID_API_KEY') await audit(failure(req, res, reason))
    return answer
  }
  return (req, res, next) => {
    // Node lower-cases header names, so X-API-Key, x-api-key and X-Api-Key are one header.
    const key = req.headers['x-api-key']
    if (typeof key !== 'string' || key.length === 0 || key.length > maxApiKeyLength) {
      return void refuse(req, res, key ? 'invalid_key' : 'missing_key').then(next, next)
    }
    lookup(hashApiKey(key))
      .then(async (owner) => {
        if (!owner) return next(await refuse(req, res, 'invalid_key'))
        if (owner.suspended) {
          await audit(failure(req, res, 'tenant_suspended', owner.tenantId))
          return next(suspended())
        }
        res.locals.tenantId = owner.tenantId
        next()
      })
      .catch(next)
  }
}

export const tenantIdOf = (res: Response): string => {
  const tenantId = res.locals.tenantId as string | undefined
  if (!tenantId) throw new Error('tenantIdOf called on an unauthenticated request')
  return tenantId
}
