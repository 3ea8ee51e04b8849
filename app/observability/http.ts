// What every request leaves behind: its duration in http_request_duration_seconds and one JSON log line.
// Both name the route by the spec's path template (/api/v1/tools/{id}), never by the raw path, so the
// metric's series stay bounded and log lines group by operation.
import type { Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
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
 *
 * Written here rather than by pino-http, which made two child loggers per request, one of them bound to the
 * whole request object (serialised with its headers and run through the redaction paths), even though the
 * line never carries it and even at a level that writes no line at all.
 */
export function requestLogger(logger: Logger, routeOf: RouteOf): RequestHandler {
  const line = (req: Request, res: Response, responseTime: number) => {
    const { errorCode, clientRequestId, serverRequestId, tenantId } = res.locals as {
      tenantId?: string
      errorCode?: string
      clientRequestId?: string
      serverRequestId?: string
    }
    return {
      // The id request-id.ts chose (kept from X-Request-Id or generated).
      requestId: requestIdOf(res),
      // requestId is the client's X-Request-Id when it sent one; the server's own id (the audit log's) then too.
      ...(clientRequestId ? { serverRequestId } : {}),
      ...(tenantId ? { tenantId } : {}),
      route: routeOf(req),
      method: req.method,
      path: req.originalUrl.split('?')[0],
      status: res.statusCode,
      ...(errorCode ? { errorCode } : {}),
      responseTime,
      ...(res.writableFinished ? {} : { aborted: true }),
    }
  }
  return (req, res, next) => {
    const startedAt = Date.now()
    const complete = (error?: unknown) => {
      res.off('close', complete)
      res.off('finish', complete)
      res.off('error', complete)
      const failed = error !== undefined || res.statusCode >= 500
      const level = failed ? 'error' : 'info'
      if (!logger.isLevelEnabled(level)) return
      logger[level](line(req, res, Date.now() - startedAt), 'request completed')
    }
    res.on('close', complete)
    res.on('finish', complete)
    res.on('error', complete)
    next()
  }
}
