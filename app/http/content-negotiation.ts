// Accept, checked before an operation runs: a client that accepts none of the media types the operation
// answers with gets 406 NOT_ACCEPTABLE (as problem+json, whatever it accepts: an error must be readable).
// Problems are always acceptable alongside the success types, so `Accept: application/problem+json` is too.
import type { RequestHandler } from 'express'
import { appError } from '../errors/domain-errors.js'

const problemType = 'application/problem+json'

/** The media types an operation's successful responses have (none for an operation answering 204 only). */
export function successMediaTypes(operation: Record<string, unknown>): string[] {
  const responses = (operation.responses ?? {}) as Record<string, { content?: Record<string, unknown> }>
  const types = Object.entries(responses)
    .filter(([status]) => status.startsWith('2'))
    .flatMap(([, response]) => Object.keys(response.content ?? {}))
  return [...new Set(types)]
}

/** 406 unless Accept (absent: anything) admits one of the types; an operation without a body is never refused. */
export function acceptableFor(types: readonly string[]): RequestHandler {
  const offered = [...types, problemType]
  return (req, _res, next) => {
    if (types.length === 0 || req.accepts(offered)) return next()
    next(
      appError(
        'NOT_ACCEPTABLE',
        `This operation answers with ${types.join(' or ')}; the Accept header admits none.`,
        {
          acceptable: offered,
        },
      ),
    )
  }
}
