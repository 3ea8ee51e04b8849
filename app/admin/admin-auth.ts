// Authorization: Bearer <ADMIN_TOKEN>, compared in constant time (digests of equal length), audited on
// failure and limited per client address. Unlike tenant keys (256 random bits), the admin token is chosen
// by an operator and may be guessable, so the limit is a lockout: once an address is past its failure
// limit, every admin request from it is refused (429), the right token too, until the window frees it.
// Otherwise a guesser would learn the token from the one answer that is not a 429.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import {
  authFailure,
  authenticationUnavailable,
  clientAddressOf,
  type AuthFailure,
  type FailureGuard,
} from '../auth/authenticate.js'
import { appError, DomainError } from '../errors/domain-errors.js'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

export interface AdminAuthenticationDeps {
  /** 429 when the address is past its failure limit, without counting anything; undefined otherwise. */
  lockedOut: (clientAddress: string) => Promise<DomainError | undefined>
  guard: FailureGuard
  audit: (failure: AuthFailure) => Promise<void>
}

export function adminAuthentication(
  token: string,
  { lockedOut, guard, audit }: AdminAuthenticationDeps,
): RequestHandler {
  const expected = digest(token)
  const invalid = () =>
    appError('INVALID_ADMIN_TOKEN', 'Provide the admin token as Authorization: Bearer <token>.')
  return (req, res, next) => {
    const decide = async (): Promise<DomainError | undefined> => {
      const address = clientAddressOf(req)
      // Consulted before the token is: past the limit, the answer cannot tell a right token from a wrong one.
      const locked = await lockedOut(address)
      if (locked) return locked
      const header = req.headers.authorization ?? ''
      const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : ''
      if (timingSafeEqual(digest(presented), expected)) return undefined
      const answer = await guard(address, invalid())
      if (answer.code === 'INVALID_ADMIN_TOKEN') await audit(authFailure(req, res, 'invalid_admin_token'))
      return answer
    }
    decide().then(
      (error) => next(error),
      (error: unknown) =>
        next(
          error instanceof DomainError && (error.status < 500 || error.code === 'SERVICE_UNAVAILABLE')
            ? error
            : authenticationUnavailable(error),
        ),
    )
  }
}
