// Typed domain errors. Services and repositories throw these; only app/http/problem.ts turns them into HTTP.
import { errorDefinition, type ErrorCode, type ErrorKind } from './catalog.js'

export type ErrorDetails = Record<string, unknown>

export class DomainError extends Error {
  readonly status: number
  readonly kind: ErrorKind
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(detail, options)
    const definition = errorDefinition(code)
    this.status = definition.status
    this.kind = definition.kind
  }
}

export class InputError extends DomainError {
  override name = 'InputError'
}
export class AuthenticationError extends DomainError {
  override name = 'AuthenticationError'
}
export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError'
}
export class NotFoundError extends DomainError {
  override name = 'NotFoundError'
}
export class ConflictError extends DomainError {
  override name = 'ConflictError'
}
export class RateLimitedError extends DomainError {
  override name = 'RateLimitedError'
}
export class UnavailableError extends DomainError {
  override name = 'UnavailableError'
}
export class UpstreamError extends DomainError {
  override name = 'UpstreamError'
}
export class InternalError extends DomainError {
  override name = 'InternalError'
}
export class CancelledError extends DomainError {
  override name = 'CancelledError'
}

const classByKind = {
  input: InputError,
  authentication: AuthenticationError,
  forbidden: ForbiddenError,
  not_found: NotFoundError,
  conflict: ConflictError,
  rate_limited: RateLimitedError,
  unavailable: UnavailableError,
  upstream: UpstreamError,
  internal: InternalError,
  cancelled: CancelledError,
} satisfies Record<ErrorKind, typeof DomainError>

/** The one way to build a domain error: the registered definition decides its class and status. */
export function appError(
  code: ErrorCode,
  detail: string,
  details: ErrorDetails = {},
  options?: { cause?: unknown },
): DomainError {
  const ErrorClass = classByKind[errorDefinition(code).kind]
  return new ErrorClass(code, detail, details, options)
}
