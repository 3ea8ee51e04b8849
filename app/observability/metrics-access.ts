// Who may read /metrics. The exposition shows every tenant's activity per model (runs, tokens, cost), so:
//   METRICS_PORT set        served only on that port (with METRICS_TOKEN too when set); the API port: 404
//   only METRICS_TOKEN set  served on the API port to `Authorization: Bearer <METRICS_TOKEN>` only; else 401
//   neither                 not served anywhere (404 on the API port)
import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import type { Config } from '../config.js'
import { appError, type DomainError } from '../errors/domain-errors.js'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

/** Whether an Authorization header is `Bearer <token>`: digests of equal length, compared in constant time. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const header = authorization ?? ''
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : ''
  return timingSafeEqual(digest(presented), digest(token))
}

/** The API port serves /metrics only with a token, and never when the metrics have a port of their own. */
export const metricsOnApiPort = (config: Pick<Config, 'metricsPort' | 'metricsToken'>): boolean =>
  config.metricsPort === undefined && config.metricsToken !== undefined

/**
 * Stands before GET /metrics on the API port: 404 when it is not served there, 401 without the bearer token.
 * Failures count against the client address's authentication-failure quota (429 past it), as API keys do.
 */
export function metricsGate(
  config: Pick<Config, 'metricsPort' | 'metricsToken'>,
  guard: (clientAddress: string, invalid: DomainError) => Promise<DomainError>,
): RequestHandler {
  const token = metricsOnApiPort(config) ? config.metricsToken : undefined
  return (req, _res, next) => {
    if (token === undefined) return next(appError('NOT_FOUND', 'The API has no resource at this path.'))
    if (bearerMatches(req.headers.authorization, token)) return next()
    const invalid = appError(
      'INVALID_METRICS_TOKEN',
      'Provide the metrics token as Authorization: Bearer <token>.',
    )
    guard(req.ip ?? 'unknown', invalid).then(next, next)
  }
}
