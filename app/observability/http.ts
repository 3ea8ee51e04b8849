// What every request leaves behind: its duration in http_request_duration_seconds and one JSON log line.
// Both name the route by the spec's path template (/api/v1/tools/{id}), never by the raw path, so the
// metric's series stay bounded and log lines group by operation.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'
import { requestIdOf } from '../http/request-id.js'
import { buildRoutes, matchRoute } from '../kernel/contract-guard.js'
import type { OpenApiDocument } from '../kernel/spec.js'
import type { Metrics } from './metrics.js'

/** The route label of a path the spec does not have (404s, /docs, /openapi.yaml). */
export const unmatchedRoute = 'unmatched'

export type RouteOf = (req: Request) => string

/**
 * The spec's template for a request: the operation express-openapi-validator matched, or, for requests
 * answered before validation (401, 429, 404, 405), the template the path matches in the spec.
 */
export function routeLabeler(spec: OpenApiDocument): RouteOf {
  const routes = buildRoutes(spec)
  return (req) => {
    const validated = (req as { openapi?: { openApiRoute?: unknown } }).openapi?.openApiRoute
    if (typeof validated === 'string') return validated
    const path = req.originalUrl.split('?')[0] ?? ''
    const { onPath, route } = matchRoute(routes, req.method, path)
    return (route ?? onPath[0])?.path ?? unmatchedRoute
  }
}

/** Observes every response's duration, from arrival to the last byte handed to the socket. */
export function httpMetrics(metrics: Metrics, routeOf: RouteOf): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint()
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      metrics.observeRequest({ route: routeOf(req), method: req.method, status: res.statusCode }, seconds)
    })
    next()
  }
}

/**
 * One line per request, written when the response is finished (or the client went away): requestId (the
 * X-Request-Id), tenantId once authenticated, route template, method, path, status, error_code, and
 * responseTime in ms. Nothing else of the request: no headers (the API key), no query, no body (prompts).
 */
export function requestLogger(logger: Logger, routeOf: RouteOf): RequestHandler {
  const line = (req: IncomingMessage, res: ServerResponse, responseTime: unknown) => {
    const request = req as Request
    const { tenantId, errorCode, clientRequestId, serverRequestId } = (res as Response).locals as {
      tenantId?: string
      errorCode?: string
      clientRequestId?: string
      serverRequestId?: string
    }
    return {
      // requestId is the client's X-Request-Id when it sent one; the server's own id (the audit log's) then too.
      ...(clientRequestId ? { serverRequestId } : {}),
      ...(tenantId ? { tenantId } : {}),
      route: routeOf(request),
      method: request.method,
      path: request.originalUrl.split('?')[0],
      status: res.statusCode,
      ...(errorCode ? { errorCode } : {}),
      responseTime,
      ...(res.writableFinished ? {} : { aborted: true }),
    }
  }
  const middleware = pinoHttp({
    logger,
    // The id request-id.ts chose (kept from X-Request-Id or generated), under the key requestId.
    genReqId: (_req, res) => requestIdOf(res as Response),
    customAttributeKeys: { reqId: 'requestId' },
    // The line carries only what `line` builds: not pino-http's req and res objects (headers).
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request completed',
    customSuccessObject: (req, res, value: { responseTime?: unknown }) => line(req, res, value.responseTime),
    customErrorObject: (req, res, _error, value: { responseTime?: unknown }) =>
      line(req, res, value.responseTime),
  })
  return (req, res, next) => middleware(req, res, next)
}
