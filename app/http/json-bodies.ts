// JSON request bodies, read after authentication (an anonymous caller never makes the API read one).
// Every operation takes at most BODY_LIMIT_BYTES, unless its spec operation declares a larger limit with
// `x-body-limit-bytes` (POST /api/v1/tools/import: an OpenAPI document of up to 1 MiB inside the body).
// A body over its limit is 413 PAYLOAD_TOO_LARGE with that operation's limit in details.limit_bytes.
import express, { type RequestHandler } from 'express'
import { listOperations, type OpenApiDocument } from '../kernel/spec.js'

const jsonTypes = ['application/json', 'application/*+json']
const MAX_DECLARED = 16 * 1024 * 1024

/** The limit an operation declares (x-body-limit-bytes); a bad value stops the boot. */
export function declaredBodyLimit(
  operation: Record<string, unknown>,
  operationId: string,
): number | undefined {
  const limit = operation['x-body-limit-bytes']
  if (limit === undefined) return undefined
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1024 || limit > MAX_DECLARED)
    throw new Error(`${operationId}: x-body-limit-bytes must be an integer from 1024 to ${MAX_DECLARED}`)
  return limit
}

export function jsonBodies(spec: OpenApiDocument, defaultLimit: number): RequestHandler {
  const parser = (limit: number) => express.json({ limit, type: jsonTypes })
  const standard = parser(defaultLimit)
  const operations = listOperations(spec)
  const larger = operations.flatMap((op) => {
    const limit = declaredBodyLimit(op.operation, op.operationId)
    if (limit === undefined || limit <= defaultLimit) return []
    const pattern = new RegExp('^' + op.path.replace(/\{[^}]+\}/g, '[^/]+') + '/?$')
    return [{ method: op.method.toUpperCase(), path: op.path, pattern, parse: parser(limit) }]
  })
  if (larger.length === 0) return standard
  // OpenAPI matches a path without parameters before a templated one: /api/v1/tools/import is not
  // /api/v1/tools/{id}, so a limit declared on either never applies to the other.
  const staticPaths = new Set(operations.map((op) => op.path).filter((path) => !path.includes('{')))
  return (req, res, next) => {
    const path = req.path.length > 1 ? req.path.replace(/\/$/, '') : req.path
    const exact = staticPaths.has(path)
    const route = larger.find(
      (r) => r.method === req.method && (exact ? r.path === path : r.pattern.test(req.path)),
    )
    ;(route?.parse ?? standard)(req, res, next)
  }
}
