// HEAD and OPTIONS, which the spec does not list per path.
// - HEAD runs the GET of its path (Express routes it there; Node sends no body). The validator knows only
//   the spec's methods, so it sees the request as the GET it is, and HEAD is restored after it.
// - OPTIONS is answered here, before authentication: 204 with Allow for a path the API has, 404 otherwise.
//   A CORS preflight is never an authentication failure, so it never counts against the failed-login limit
//   (with CORS_ORIGINS, the CORS layer answers preflights before this).
import type { ErrorRequestHandler, RequestHandler } from 'express'
import { appError } from '../errors/domain-errors.js'

export const headAsGet: RequestHandler = (req, res, next) => {
  if (req.method === 'HEAD') {
    req.method = 'GET'
    res.locals.head = true
  }
  next()
}

const restore = (req: { method: string }, locals: Record<string, unknown>) => {
  if (locals.head === true) req.method = 'HEAD'
}

/** After the validator: HEAD again, on success and on error. */
export const restoreHead: RequestHandler = (req, res, next) => {
  restore(req, res.locals)
  next()
}
export const restoreHeadOnError: ErrorRequestHandler = (error: unknown, req, res, next) => {
  restore(req, res.locals)
  next(error)
}

/** The methods a path allows, or undefined when the API has no such path. */
export type AllowedMethods = (path: string) => string[] | undefined

export function answerOptions(allowedMethods: AllowedMethods): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'OPTIONS') return next()
    const methods = allowedMethods(req.path)
    if (!methods) return next(appError('NOT_FOUND', 'The API has no resource at this path.'))
    res.set('Allow', methods.join(', ')).status(204).end()
  }
}
