// The one place errors become HTTP: RFC 9457 problem+json with a stable error_code and details.
import type { ErrorRequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import { errorDefinition, problemTypeUri, type ErrorCode } from '../errors/catalog.js'
import { appError, DomainError } from '../errors/domain-errors.js'
import { domainErrorFromPostgres } from '../errors/postgres-errors.js'
import { spentQuotaHeaders } from '../limits/http.js'
import { requestIdOf } from './request-id.js'

export interface ProblemDocument {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  error_code: ErrorCode
  details: Record<string, unknown>
}

export interface Problem {
  status: number
  body: ProblemDocument
  headers: Record<string, string>
  /** The error was not the client's doing and should be logged with its stack. */
  fault: boolean
}

interface ValidatorError {
  status: number
  message: string
  errors?: { path?: string; message?: string }[]
  headers?: Record<string, string>
}

interface BodyParserError {
  /** Absent when a body did not inflate per its Content-Encoding (a zlib error). */
  type?: string
  status?: number
  limit?: number
}

const isValidatorError = (error: unknown): error is ValidatorError =>
  error instanceof Error && typeof (error as Partial<ValidatorError>).status === 'number' && 'errors' in error

/** body-parser's own errors carry a type; a zlib error from inflating the body is one it gave status 400. */
const isInflateError = (error: Error): boolean =>
  (error as { status?: unknown }).status === 400 && typeof (error as { errno?: unknown }).errno === 'number'

const isBodyParserError = (error: unknown): error is BodyParserError =>
  error instanceof Error &&
  'expose' in error &&
  (typeof (error as Partial<BodyParserError>).type === 'string' || isInflateError(error))

/** express-openapi-validator reports paths as /body/name or .body.name; clients get /body/name. */
const normalisePath = (raw: string | undefined): string =>
  '/' + (raw ?? '').replace(/^[./]+/, '').replace(/\./g, '/')

function fromValidator(
  error: ValidatorError,
  bodyLimitBytes: number,
): { domain: DomainError; headers: Record<string, string> } {
  const headers: Record<string, string> = { ...error.headers }
  switch (error.status) {
    case 400: {
      const errors = (error.errors ?? []).map((e) => ({
        path: normalisePath(e.path),
        message: e.message ?? 'is invalid',
      }))
      return {
        domain: appError('VALIDATION_ERROR', 'The request does not match the API contract.', { errors }),
        headers,
      }
    }
    case 404:
      return { domain: appError('NOT_FOUND', 'The API has no resource at this path.'), headers }
    case 405:
      return { domain: appError('METHOD_NOT_ALLOWED', 'This method is not supported on this path.'), headers }
    case 406:
      return {
        domain: appError('NOT_ACCEPTABLE', 'The API cannot produce a representation you accept.'),
        headers,
      }
    case 413:
      return {
        domain: appError('PAYLOAD_TOO_LARGE', 'The request body is too large.', {
          limit_bytes: bodyLimitBytes,
        }),
        headers,
      }
    case 415:
      return { domain: appError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'), headers }
    default:
      // A 500 from the validator is a response that broke the contract: our fault, not the client's.
      return {
        domain: appError('INTERNAL_ERROR', 'An unexpected error occurred.', {}, { cause: error }),
        headers,
      }
  }
}

function fromBodyParser(error: BodyParserError, bodyLimitBytes: number): DomainError {
  switch (error.type) {
    case 'entity.parse.failed':
      return appError('MALFORMED_JSON', 'The request body is not valid JSON.', { errors: [] })
    case 'entity.too.large': {
      // The operation's own limit when it declares a larger one (app/http/json-bodies.ts).
      const limit = typeof error.limit === 'number' ? error.limit : bodyLimitBytes
      return appError('PAYLOAD_TOO_LARGE', `The request body exceeds ${limit} bytes.`, { limit_bytes: limit })
    }
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return appError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 application/json.')
    default:
      return appError('VALIDATION_ERROR', 'The request body could not be read.', { errors: [] })
  }
}

/** Turns any thrown value into a problem. Logs and metrics use this too, so they agree with the client. */
export function toProblem(error: unknown, requestId: string, bodyLimitBytes: number): Problem {
  let headers: Record<string, string> = {}
  let domain: DomainError
  if (error instanceof DomainError) domain = error
  else if (isBodyParserError(error)) domain = fromBodyParser(error, bodyLimitBytes)
  else if (isValidatorError(error)) ({ domain, headers } = fromValidator(error, bodyLimitBytes))
  else domain = domainErrorFromPostgres(error) ?? appError('INTERNAL_ERROR', 'An unexpected error occurred.')

  const fault = domain.status >= 500
  if (domain.code === 'INVALID_API_KEY') headers['WWW-Authenticate'] = 'ApiKey header="X-API-Key"'
  if (domain.code === 'INVALID_METRICS_TOKEN') headers['WWW-Authenticate'] = 'Bearer'
  const retryAfter = domain.details.retry_after_seconds
  if (typeof retryAfter === 'number') headers['Retry-After'] = String(retryAfter)
  else if (domain.code === 'SERVICE_UNAVAILABLE') headers['Retry-After'] ??= '1'
  return {
    status: domain.status,
    fault,
    headers,
    body: {
      type: problemTypeUri(domain.code),
      title: errorDefinition(domain.code).title,
      status: domain.status,
      // Faults never describe internals to the client; the instance leads an operator to the log entry.
      detail: domain.code === 'INTERNAL_ERROR' ? 'An unexpected error occurred.' : domain.message,
      instance: `urn:request:${requestId}`,
      error_code: domain.code,
      details: domain.code === 'INTERNAL_ERROR' ? {} : domain.details,
    },
  }
}

/** A problem as an operation reply: for operations that answer an error without throwing (streams). */
export function problemReply(
  error: unknown,
  requestId: string,
): { status: number; body: ProblemDocument; headers: Record<string, string> } {
  const { status, body, headers } = toProblem(error, requestId, 0)
  return { status, body, headers }
}

export function sendProblem(res: Response, problem: Problem): void {
  res.locals.errorCode = problem.body.error_code
  // Every 429 carries the rate-limit fields: a tenant quota set them already, failed authentications did not.
  if (problem.body.error_code === 'RATE_LIMIT_EXCEEDED' && !res.get('RateLimit-Policy'))
    res.set(spentQuotaHeaders(problem.body.details))
  // res.json keeps the content type set first, and lets response validation see the body in tests.
  res.status(problem.status).set(problem.headers).type('application/problem+json').json(problem.body)
}

export function problemHandler(logger: Logger, bodyLimitBytes: number): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const requestId = requestIdOf(res)
    const problem = toProblem(error, requestId, bodyLimitBytes)
    if (problem.fault) {
      logger.error({ err: error, requestId, errorCode: problem.body.error_code }, 'request failed')
    }
    // A stream already told its client (an error event), or the client is gone (a run whose client went
    // away ends RUN_CANCELLED, never an HTTP answer): close what is left.
    if (res.headersSent || res.destroyed) {
      if (!res.writableEnded) res.destroy()
      return
    }
    sendProblem(res, problem)
  }
}
