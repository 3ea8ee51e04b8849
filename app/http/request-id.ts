import { randomUUID } from 'node:crypto'
import type { RequestHandler, Response } from 'express'

// Visible ASCII only, so a client-supplied id can be echoed in headers and logs without escaping.
const acceptableId = /^[\x21-\x7e]{1,128}$/

export const requestIdMiddleware: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id')
  const requestId = incoming && acceptableId.test(incoming) ? incoming : randomUUID()
  res.locals.requestId = requestId
  res.setHeader('X-Request-Id', requestId)
  next()
}

export const requestIdOf = (res: Response): string =>
  (res.locals.requestId as string | undefined) ?? 'unknown'
