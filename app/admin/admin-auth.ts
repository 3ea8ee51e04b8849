// Authorization: Bearer <ADMIN_TOKEN>, compared in constant time (digests of equal length), audited on
// failure and limited per client address like failed API keys.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import type { Sql } from '../../db/client.js'
import { appendAuditEvent } from '../audit/audit.repo.js'
import { appError, type DomainError } from '../errors/domain-errors.js'

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest()

export function adminAuthentication(
  token: string,
  sql: Sql,
  guard: (clientAddress: string, invalid: DomainError) => Promise<DomainError>,
): RequestHandler {
  const expected = digest(token)
  return (req, res, next) => {
    const header = req.headers.authorization ?? ''
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : ''
    if (timingSafeEqual(digest(presented), expected)) return next()
    const invalid = appError(
      'INVALID_ADMIN_TOKEN',
      'Provide the admin token as Authorization: Bearer <token>.',
    )
    guard(req.ip ?? 'unknown', invalid)
      .then(async (answer) => {
        if (answer === invalid) {
          await appendAuditEvent(sql, {
            actor: 'anonymous',
            action: 'admin.auth_failure',
            target: req.originalUrl.split('?')[0] ?? '',
            details: { client_address: req.ip ?? 'unknown' },
            requestId: String(res.locals.requestId),
          })
        }
        next(answer)
      })
      .catch(next)
  }
}
