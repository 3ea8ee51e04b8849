// Test-time check that every response is one the spec documents: its status for the operation, its
// error_code among the x-error-codes of that response, and a problem body valid against the schema that
// response declares. express-openapi-validator checks success bodies; this covers what it cannot see
// (bodiless replies, error bodies, errors raised before an operation was matched).
import type { RequestHandler } from 'express'
import { listOperations, type OpenApiDocument } from './spec.js'
import { makeSpecSchemas, pointerOf, type SpecSchemas } from './spec-schemas.js'

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
  /** JSON pointer of the operation in the spec. */
  pointer: string
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

/** Where the documented response's problem+json schema is: in components when the response is a $ref. */
const problemSchemaPointer = (route: Route, statusKey: string, response: Record<string, unknown>): string =>
  (typeof response.$ref === 'string'
    ? response.$ref.slice(1)
    : `${route.pointer}${pointerOf('responses', statusKey)}`) +
  pointerOf('content', 'application/problem+json', 'schema')

/** Headers the API itself sends: each one a response carries must be declared on it. */
export const apiHeaders = [
  'x-request-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'ratelimit-policy',
  'ratelimit',
  'retry-after',
  'location',
  'idempotent-replayed',
  'www-authenticate',
]

/**
 * Headers of a response against those its documented response declares: an API header present but not
 * declared, or a header declared required but absent. [] for a status the operation does not document.
 */
export function checkHeaders(
  spec: OpenApiDocument,
  routes: Route[],
  request: { method: string; path: string },
  status: number,
  present: readonly string[],
): string[] {
  const { route } = matchRoute(routes, request.method, request.path)
  const documented = route?.responses[String(status)]
  if (!documented) return []
  const declared = (resolveResponse(spec, documented).headers ?? {}) as Record<
    string,
    Record<string, unknown>
  >
  const required = (header: Record<string, unknown>): boolean => {
    const ref = header.$ref
    const resolved =
      typeof ref === 'string'
        ? (spec.components.headers?.[ref.replace('#/components/headers/', '')] as Record<string, unknown>)
        : header
    return resolved?.required === true
  }
  const declaredNames = new Set(Object.keys(declared).map((name) => name.toLowerCase()))
  const has = new Set(present.map((name) => name.toLowerCase()))
  return [
    ...[...has]
      .filter((name) => apiHeaders.includes(name) && !declaredNames.has(name))
      .map((name) => `header ${name} is sent but not declared`),
    ...Object.entries(declared)
      .filter(([name, header]) => required(header) && !has.has(name.toLowerCase()))
      .map(([name]) => `header ${name} is declared required but not sent`),
  ]
}

/** Problems of a problem body against the schema its response declares (the code's own when unrouted). */
export function checkProblemBody(
  spec: OpenApiDocument,
  routes: Route[],
  schemas: SpecSchemas,
  request: { method: string; path: string },
  status: number,
  body: unknown,
): string[] {
  const { route } = matchRoute(routes, request.method, request.path)
  if (!route) {
    const code = (body as { error_code?: unknown } | undefined)?.error_code
    return typeof code === 'string' && spec.components.schemas?.[`Problem_${code}`]
      ? schemas.validate(pointerOf('components', 'schemas', `Problem_${code}`), body)
      : [`no schema for the problem ${String(code)}`]
  }
  const statusKey = String(status)
  const documented = route.responses[statusKey]
  if (!documented) return []
  return schemas.validate(problemSchemaPointer(route, statusKey, documented), body)
}

export function buildRoutes(spec: OpenApiDocument): Route[] {
  return listOperations(spec).map(({ method, path, operation }) => ({
    method: method.toUpperCase(),
    path,
    pattern: new RegExp('^' + path.replace(/\{[^}]+\}/g, '[^/]+') + '/?$'),
    responses: operation.responses as Record<string, Record<string, unknown>>,
    pointer: pointerOf('paths', path, method),
  }))
}

/**
 * The routes of a path as OpenAPI matches them: a path without parameters wins over a templated one that
 * also matches (/api/v1/tools/import is not /api/v1/tools/{id}).
 */
export function routesOnPath(routes: Route[], path: string): Route[] {
  const matching = routes.filter((route) => route.pattern.test(path))
  const plain = path.length > 1 ? path.replace(/\/$/, '') : path
  const exact = matching.filter((route) => route.path === plain)
  return exact.length > 0 ? exact : matching
}

/** The routes whose template matches the path, and among them the one for the method (HEAD runs GET). */
export function matchRoute(
  routes: Route[],
  method: string,
  path: string,
): { onPath: Route[]; route?: Route } {
  const onPath = routesOnPath(routes, path)
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
  // OPTIONS is answered by the kernel on every path the API has (app/http/head-and-options.ts).
  if (method === 'OPTIONS' && onPath.length > 0 && status === 204) return undefined
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
  const schemas = makeSpecSchemas(spec)
  return (req, res, next) => {
    // Keeps the body of a problem, which the response validator never looks at.
    let problemBody: unknown
    const json = res.json.bind(res)
    res.json = (body: unknown) => {
      if (res.statusCode >= 400) problemBody = body
      return json(body)
    }
    res.on('finish', () => {
      // A CORS preflight is answered by the CORS layer, before any operation: not part of the contract.
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) return
      const errorCode = res.locals.errorCode as string | undefined
      const path = new URL(req.originalUrl, 'http://localhost').pathname
      const status = res.statusCode
      const flag = (reason: string) =>
        violations.push({ method: req.method, path, status, errorCode, reason })
      const reason = checkResponse(spec, routes, req.method, path, status, errorCode)
      if (reason) return flag(reason)
      const request = { method: req.method, path }
      const headerProblems = checkHeaders(spec, routes, request, status, res.getHeaderNames())
      if (headerProblems.length > 0) flag(headerProblems.join('; '))
      if (problemBody !== undefined && /problem\+json/.test(String(res.get('content-type')))) {
        const problems = checkProblemBody(spec, routes, schemas, request, status, problemBody)
        if (problems.length > 0) flag(`problem body does not match its schema: ${problems.join('; ')}`)
      }
    })
    next()
  }
}
