// Maps errors raised by PostgreSQL or the driver to domain errors. Repositories map the constraint
// violations they expect to specific codes first; this is the fallback for everything else.
import { appError, DomainError } from './domain-errors.js'

interface PgLikeError {
  code?: unknown
  constraint_name?: unknown
}

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
])

export const postgresCode = (error: unknown): string | undefined => {
  const code = (error as PgLikeError | null)?.code
  return typeof code === 'string' ? code : undefined
}

export const isUniqueViolation = (error: unknown, constraint?: string): boolean =>
  postgresCode(error) === '23505' &&
  (constraint === undefined || (error as PgLikeError).constraint_name === constraint)

export const isForeignKeyViolation = (error: unknown, constraint?: string): boolean =>
  postgresCode(error) === '23503' &&
  (constraint === undefined || (error as PgLikeError).constraint_name === constraint)

export const isConnectionFailure = (error: unknown): boolean => {
  const code = postgresCode(error)
  return code !== undefined && (connectionCodes.has(code) || code.startsWith('08'))
}

/** Returns a domain error for a database failure the client can act on, or undefined for a real fault. */
export function domainErrorFromPostgres(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error
  const code = postgresCode(error)
  if (code === undefined) return undefined
  if (isConnectionFailure(error))
    return appError(
      'SERVICE_UNAVAILABLE',
      'The database is unavailable; retry later.',
      { reason: 'database_unavailable' },
      { cause: error },
    )
  if (code === '57014') {
    // query_canceled: a statement_timeout (the heavy reads set a tight one), or an operator's cancel.
    const timedOut = /statement timeout/i.test(String((error as { message?: unknown }).message))
    return appError(
      'SERVICE_UNAVAILABLE',
      timedOut
        ? 'The query took longer than its time limit and was stopped; narrow the request (a shorter range, a filter, a cursor rather than a deep offset) or retry later.'
        : 'The query was cancelled; retry later.',
      { reason: timedOut ? 'statement_timeout' : 'query_cancelled' },
      { cause: error },
    )
  }
  switch (code) {
    case '23505':
    case '23503':
      return appError('CONFLICT', 'The change conflicts with existing data.', {}, { cause: error })
    case '22P02':
    case '22001':
    case '22007': // invalid_datetime_format: a date-time the validator passes that PostgreSQL cannot read
    case '22008': // datetime_field_overflow: year 0000
    case '22009': // invalid_time_zone_displacement_value: an offset beyond PostgreSQL's range
    case '22021':
    case '23514':
    case '54000':
      return appError('VALIDATION_ERROR', 'A value is not acceptable.', { errors: [] }, { cause: error })
    case '42501':
      // A row-level-security refusal on write: never confirm that another tenant's row exists.
      return appError('NOT_FOUND', 'No such resource.', {}, { cause: error })
    case '40001':
    case '40P01':
    case '55P03':
      return appError(
        'SERVICE_UNAVAILABLE',
        'The database is busy; retry later.',
        { reason: 'database_busy' },
        { cause: error },
      )
    default:
      return undefined
  }
}
