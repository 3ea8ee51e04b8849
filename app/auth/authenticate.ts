// X-API-Key -> tenant. Every failure reads the same (401 INVALID_API_KEY, one message) so a near-miss
// cannot be told from a miss; the lookup is one indexed equality on a hash, so its time does not depend
// on how close the key was. Failures are counted per client address: past the limit the answer is 429,
// so keys cannot be guessed at speed.
import type { RequestHandler, Response } from 'express'
import { appError, type DomainError } from '../errors/domain-errors.js'
import { hashApiKey, maxApiKeyLength } from './api-keys.js'

export type TenantLookup = (keyHash: Buffer) => Promise<string | undefined>

/** Decides what a failed authentication from this address answers: 401, or 429 past the limit. */
export type FailureGuard = (clientAddress: string, invalid: DomainError) => Promise<DomainError>

const invalidKey = () => appError('INVALID_API_KEY', 'Provide a valid API key in the X-API-Key header.')

export function authenticate(lookup: TenantLookup, onFailure: FailureGuard): RequestHandler {
  return (req, res, next) => {
    const fail = () => onFailure(req.ip ?? 'unknown', invalidKey()).then(next, next)
    // Node lower-cases header names, so X-API-Key, x-api-key and X-Api-Key are one header.
    const key = req.headers['x-api-key']
    if (typeof key !== 'string' || key.length === 0 || key.length > maxApiKeyLength) return void fail()
    lookup(hashApiKey(key)).then((tenantId) => {
      if (!tenantId) return void fail()
      res.locals.tenantId = tenantId
      next()
    }, next)
  }
}

export const tenantIdOf = (res: Response): string => {
  const tenantId = res.locals.tenantId as string | undefined
  if (!tenantId) throw new Error('tenantIdOf called on an unauthenticated request')
  return tenantId
}
