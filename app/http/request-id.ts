import { randomUUID } from 'node:crypto'
import type { RequestHandler, Response } from 'express'

// Visible ASCII only, so a client-supplied id can be echoed in headers and logs without escaping.
const acceptableId = /^[\x21-\x7e]{1,128}$/

/**
 * Every request gets an id of the server's own (a UUID). A client's X-Request-Id, when acceptable, is what
 * the response echoes and the logs and problems use (so a client can trace its own calls), but it is the
 * client's word: records that must be trusted (the audit log) carry the server's id, and the client's
 * beside it, marked as such.
 */
export const requestIdMiddleware: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id')
  const serverRequestId = randomUUID()
  const clientRequestId = incoming && acceptableId.test(incoming) ? incoming : undefined
  const requestId = clientRequestId ?? serverRequestId
  res.locals.requestId = requestId
  res.locals.serverRequestId = serverRequestId
  if (clientRequestId !== undefined) res.locals.clientRequestId = clientRequestId
  res.setHeader('X-Request-Id', requestId)
  next()
}

export const requestIdOf = (res: Response): string =>
  (res.locals.requestId as string | undefined) ?? 'unknown'

/** The id the server chose for this request, whatever the client sent. */
export const serverRequestIdOf = (res: Response): string =>
  (res.locals.serverRequestId as string | undefined) ?? 'unknown'

/** The X-Request-Id the client sent, when it sent an acceptable one. */
export const clientRequestIdOf = (res: Response): string | undefined =>
  res.locals.clientRequestId as string | undefined
