// Test-time check that every response is one the spec documents: its status for the operation, and its
// error_code among the x-error-codes of that response. express-openapi-validator checks bodies; this
// covers what it cannot see (bodiless replies, errors raised before an operation was matched).
import type { RequestHandler } from 'express'
import { listOperations, type OpenApiDocument } from './spec.js'

export interface ContractViolation {
  method: string
  path: string
  status: number
  errorCode: string | undefined
  reason: string
}

export interface Route {
  method: string
  /** The spec's path template, e.g. /api/v1/tools/{id}. */
  path: string
  pattern: RegExp
  responses: Record<string, Record<string, unknown>>
}

const globalCodes = (spec: OpenApiDocument): Set<string> => {
  const section = spec['x-global-error-codes'] as { codes?: Record<string, string> } | undefined
  return new Set(Object.keys(section?.codes ?? {}))
}

function resolveResponse(spec: OpenApiDocument, response: Record<string, unknown>): Record<string, unknown> {
  const ref = response.$ref
  if (typeof ref !== 'string') return response
  const name = ref.replace('#/components/responses/', '')
  return (spec.components.responses?.[name] as Record<string, unknown> | undefined) ?? {}
}

export function buildRoutes(spec: OpenApiDocument): Route[] {
  return listOperations(spec).map(({ method, path, operation }) => ({
    method: method.toUpperCase(),
    path,
    pattern: new RegExp('^' + path.replace(/\{[^}]+\}/g, '[^/]+') + '/?$'),
    responses: operation.responses as Record<string, Record<string, unknown>>,
  }))
}

/** The routes whose template matches the path, and among them the one for the method (HEAD runs GET). */
export function matchRoute(
  routes: Route[],
  method: string,
  path: string,
): { onPath: Route[]; route?: Route } {
  const onPath = routes.filter((route) => route.pattern.test(path))
  const route = onPath.find((r) => r.method === method || (method === 'HEAD' && r.method === 'GET'))
  return route ? { onPath, route } : { onPath }
}

export function checkResponse(
  spec: OpenApiDocument,
  routes: Route[],
  method: string,
  path: string,
  status: number,
  errorCode: string | undefined,
): string | undefined {
  const { onPath, route } = matchRoute(routes, method, path)
  if (!route) {
    if (path === '/openapi.yaml' || path.startsWith('/docs')) return undefined
    const expected = onPath.length > 0 ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND'
    return errorCode === expected && globalCodes(spec).has(expected)
      ? undefined
      : `no operation matches; expected ${expected}, got ${status} ${errorCode ?? ''}`
  }
  const statusKey = String(status)
  const documented =
    route.responses[statusKey] ?? route.responses[`${statusKey[0]}XX`] ?? route.responses.default
  if (!documented) return `status ${status} is not documented for this operation`
  if (errorCode === undefined) return status >= 400 ? 'an error response without error_code' : undefined
  const codes = resolveResponse(spec, documented)['x-error-codes']
  return Array.isArray(codes) && codes.includes(errorCode)
    ? undefined
    : `error_code ${errorCode} is not in x-error-codes of response ${status}`
}

export function contractGuard(spec: OpenApiDocument, violations: ContractViolation[]): RequestHandler {
  const routes = buildRoutes(spec)
  return (req, res, next) => {
    res.on('finish', () => {
      // A CORS preflight is answered by the CORS layer, before any operation: not part of the contract.
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) return
      const errorCode = res.locals.errorCode as string | undefined
      const path = new URL(req.originalUrl, 'http://localhost').pathname
      const reason = checkResponse(spec, routes, req.method, path, res.statusCode, errorCode)
      if (reason) violations.push({ method: req.method, path, status: res.statusCode, errorCode, reason })
    })
    next()
  }
}
