// Builds the Express app from the plugin list and the spec. Everything that can be wrong with the plugin
// list or the spec fails here, before the server listens.
import express, { type ErrorRequestHandler, type Express, type Response } from 'express'
import { asFunction, Lifetime } from 'awilix'
import cors from 'cors'
import helmet from 'helmet'
import { makeWorkInFlight, type WorkInFlight } from './work-in-flight.js'
import swaggerUi from 'swagger-ui-express'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { Sql } from '../../db/client.js'
import { shippedMigrations } from '../../db/migrate.js'
import { authenticate } from '../auth/authenticate.js'
import { findKeyOwner } from '../auth/api-keys.repo.js'
import { makeKeyCache, type KeyCache } from '../auth/key-cache.js'
import { makeAuthFailureAudit } from '../audit/auth-failures.js'
import { listOwnAuditEvents } from '../audit/audit.operations.js'
import { adminAuthentication } from '../admin/admin-auth.js'
import { adminOperations } from '../admin/admin.operations.js'
import { makeAdminService } from '../admin/admin.service.js'
import { problemHandler, toProblem } from '../http/problem.js'
import { acceptableFor, successMediaTypes } from '../http/content-negotiation.js'
import { answerOptions, headAsGet, restoreHead, restoreHeadOnError } from '../http/head-and-options.js'
import { jsonBodies } from '../http/json-bodies.js'
import { normaliseQueryEncoding } from '../http/query-encoding.js'
import { requestIdMiddleware, requestIdOf } from '../http/request-id.js'
import {
  authFailureGuard,
  authFailureLockout,
  countDeferredRequests,
  deferRequestsCount,
  limitTenant,
} from '../limits/http.js'
import { httpMetrics, requestLogger, routeLabeler } from '../observability/http.js'
import { metricsGate } from '../observability/metrics-access.js'
import type { MetricsSource } from '../observability/metrics-server.js'
import type { Registry } from 'prom-client'
import { buildRoutes, contractGuard, routesOnPath, type ContractViolation } from './contract-guard.js'
import type { AppContainer } from './container.js'
import { buildContainer } from './build-container.js'
import type { OperationDefinition, PluginDefinition } from './plugin.js'
import { bindOperations, checkServiceNames, orderPlugins } from './plugin-graph.js'
import { contractValidator } from './openapi-validator.js'
import { readinessOperation } from './readiness.js'
import {
  mountOperations,
  publicOperationHandler,
  tenantOperationHandler,
  type RouteHandlers,
} from './routes.js'
import { compileSerializers, jsonWriter, type Serializers } from './serializers.js'
import { listOperations, perDocument, renderSpec, type OpenApiDocument, type SpecOperation } from './spec.js'

export interface AppOptions {
  config: Config
  logger: Logger
  sql: Sql
  plugins: readonly PluginDefinition[]
  spec: OpenApiDocument
  /** Where rate limits are kept; without it, in this process's memory. */
  redis?: Redis
  /** The operators' pool (map_admin); with config.adminToken it turns the admin API on. */
  adminSql?: Sql
  /**
   * What GET /metrics on the API port serves, given this app's registry; by default that registry. A cluster
   * worker hands its registry to the primary and serves every worker's metrics aggregated instead.
   */
  metricsSource?: (registry: Registry) => MetricsSource
}

export interface BuiltApp {
  app: Express
  container: AppContainer
  plugins: PluginDefinition[]
  /** Responses that broke the contract; recorded only when config.validateResponses is on. */
  contractViolations: ContractViolation[]
  /** Makes GET /ready answer 503 from now on (shutdown). */
  drain: () => void
  /** Operation handlers still running, which may outlive their connections: shutdown waits for them. */
  work: WorkInFlight
}

// Rendering the YAML ~0.3 s, compiling the serialisers ~0.3 s: once per document (perDocument).
const specTextOf = perDocument(renderSpec)
const serializersOf = perDocument<Serializers>(compileSerializers)

export function createApp(options: AppOptions): BuiltApp {
  const { config, logger, sql, spec } = options
  const plugins = orderPlugins(options.plugins)
  checkServiceNames(plugins)
  let draining = false
  const specOperations = listOperations(spec)
  // Resolved last, once nothing else can fail, since it opens its listener connection. The admin API's
  // own changes make it forget a tenant's keys at once.
  const keyCache: { current?: KeyCache } = {}
  const adminService =
    config.adminToken && options.adminSql
      ? makeAdminService(options.adminSql, { onTenantChanged: (id) => keyCache.current?.forgetTenant(id) })
      : undefined
  const kernelOperations: Record<string, OperationDefinition> = {
    ...adminOperations(adminService),
    listOwnAuditEvents,
    getHealth: () => Promise.resolve({ status: 200, body: { status: 'ok' } }),
    getReady: readinessOperation(sql, options.redis, () => draining, shippedMigrations(plugins)),
    // metricsSource is set below, once the container holds the registry; requests come later still.
    getMetrics: async () => ({
      status: 200,
      text: { contentType: metricsSource.contentType, content: await metricsSource.metrics() },
    }),
  }
  const handlers = bindOperations(specOperations, [
    { owner: 'kernel', operations: kernelOperations },
    ...plugins.map((plugin) => ({ owner: plugin.id, operations: plugin.operations ?? {} })),
  ])
  const container = buildContainer({ config, logger, sql, redis: options.redis, plugins })
  const { rateLimits, tenantSettingsCache: settings, metrics } = container.cradle
  const metricsSource = options.metricsSource?.(metrics.registry) ?? metrics.registry
  const limits = { config, rateLimits, settings, metrics }
  // Disposed with the container (shutdown), which writes the failure counts of windows still open.
  container.register({
    authFailureAudit: asFunction(
      () => makeAuthFailureAudit(sql, { windowSeconds: config.rateLimits.windowSeconds, logger }),
      { lifetime: Lifetime.SINGLETON, dispose: (audit) => audit.close() },
    ),
    // Its listener connection is closed with the container.
    keyCache: asFunction(
      () =>
        makeKeyCache((hash) => findKeyOwner(sql, hash), sql, {
          ...config.authCache,
          logger,
          onInvalidate: (tenantId) => settings.forget(tenantId),
          onLookup: (result) => metrics.recordKeyCacheLookup(result),
        }),
      { lifetime: Lifetime.SINGLETON, dispose: (cache) => cache.close() },
    ),
  })
  const { authFailureAudit } = container.cradle
  const audit = (failure: Parameters<typeof authFailureAudit.record>[0]) => authFailureAudit.record(failure)

  const app = express()
  app.disable('x-powered-by')
  app.set('query parser', 'extended')
  app.set('trust proxy', config.trustProxy)
  // No generated ETags: the resources that have versions (tools, agents) send their own, strong ones,
  // and answer If-Match and If-None-Match themselves; a hash of the body elsewhere would promise a 304
  // the contract does not document.
  app.set('etag', false)
  app.use(requestIdMiddleware)
  const routeOf = routeLabeler(spec)
  app.use(requestLogger(logger, routeOf), httpMetrics(metrics, routeOf))
  const contractViolations: ContractViolation[] = []
  if (config.validateResponses) app.use(contractGuard(spec, contractViolations))
  app.use(helmet())
  if (config.corsOrigins.length > 0) app.use(corsFor(config.corsOrigins))
  app.use(answerOptions(allowedMethods(spec)))

  // Rendered on its first request, not at every start (~0.3 s).
  app.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').send(specTextOf(spec))
  })
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(spec as swaggerUi.JsonObject))

  if (adminService && config.adminToken && options.adminSql) {
    app.use(
      '/admin/v1',
      adminAuthentication(config.adminToken, {
        lockedOut: authFailureLockout(limits),
        guard: authFailureGuard(limits),
        audit,
      }),
    )
  }
  // Every tenant's activity per model: never to an anonymous caller or a tenant's key (metrics-access.ts).
  app.get('/metrics', metricsGate(config, authFailureGuard(limits)))
  app.use(
    '/api/v1',
    authenticate({
      lookup: (hash) => keyCache.current!.lookup(hash),
      guard: authFailureGuard(limits),
      audit,
    }),
    deferringRequestsCount(specOperations),
    limitTenant('requests', limits),
  )
  app.use(jsonBodies(spec, config.bodyLimitBytes))
  app.use(normaliseQueryEncoding)
  app.use(headAsGet, contractValidator(spec, config.validateResponses), restoreHead)
  app.use(restoreHeadOnError)

  const problemReply = (error: unknown, res: Response) => {
    const { status, body, headers } = toProblem(error, requestIdOf(res), config.bodyLimitBytes)
    return { status, body, headers }
  }
  const serializers = serializersOf(spec)
  // Tests: each compiled body is compared with JSON.stringify's, a difference is a contract violation.
  const verify = config.validateResponses
    ? (res: Response, mismatch: string) => {
        const { method, originalUrl } = res.req
        const path = originalUrl.split('?')[0] ?? ''
        contractViolations.push({
          method,
          path,
          status: res.statusCode,
          errorCode: undefined,
          reason: mismatch,
        })
      }
    : undefined
  const routeHandlers = new Map<string, RouteHandlers>()
  const work = makeWorkInFlight()
  for (const specOperation of specOperations) {
    const operation = handlers.get(specOperation.operationId)
    if (!operation) continue
    const acceptable = acceptableFor(successMediaTypes(specOperation.operation))
    const writeJson = jsonWriter(serializers.get(specOperation.operationId), verify)
    if (!specOperation.path.startsWith('/api/v1/')) {
      routeHandlers.set(specOperation.operationId, [
        acceptable,
        publicOperationHandler(container, operation, work, writeJson),
      ])
      continue
    }
    const quota = extraQuota(specOperation)
    routeHandlers.set(specOperation.operationId, [
      acceptable,
      ...(quota ? [limitTenant(quota, limits)] : []),
      tenantOperationHandler(container, operation, {
        operationId: specOperation.operationId,
        idempotent: declaresIdempotencyKey(specOperation.operation),
        problemReply,
        writeJson,
        work,
      }),
    ])
  }
  const router = express.Router()
  mountOperations(router, specOperations, routeHandlers)
  app.use(router)
  app.use(countDeferredRequests(limits))
  app.use(problemHandler(logger, config.bodyLimitBytes))
  keyCache.current = container.cradle.keyCache
  return { app, container, plugins, contractViolations, work, drain: () => (draining = true) }
}

/** CORS only for the listed origins; without CORS_ORIGINS no CORS header is ever sent. */
const corsFor = (origins: string[]) =>
  cors({
    origin: origins,
    allowedHeaders: [
      'X-API-Key',
      'Content-Type',
      'Idempotency-Key',
      'X-Request-Id',
      'Accept',
      'If-Match',
      'If-None-Match',
    ],
    exposedHeaders: [
      'X-Request-Id',
      'Location',
      'Retry-After',
      'Idempotent-Replayed',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'RateLimit-Policy',
      'RateLimit',
      'ETag',
    ],
    maxAge: 600,
  })

const methodOrder = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']

/** The methods of a path: the spec's, HEAD where GET is, and OPTIONS; undefined for a path the API lacks. */
function allowedMethods(spec: OpenApiDocument): (path: string) => string[] | undefined {
  const routes = buildRoutes(spec)
  return (path) => {
    const methods = new Set(routesOnPath(routes, path).map((route) => route.method))
    if (path === '/openapi.yaml' || path === '/docs' || path.startsWith('/docs/')) methods.add('GET')
    if (methods.size === 0) return undefined
    if (methods.has('GET')) methods.add('HEAD')
    methods.add('OPTIONS')
    return methodOrder.filter((method) => methods.has(method))
  }
}

/** Operations opt in to Idempotency-Key by declaring the shared parameter in the spec. */
const declaresIdempotencyKey = (operation: Record<string, unknown>): boolean =>
  ((operation.parameters as { $ref?: string }[] | undefined) ?? []).some(
    (parameter) => parameter.$ref === '#/components/parameters/IdempotencyKey',
  )

/** A second quota an operation draws on, declared in the spec as x-rate-limit-quota (runs). */
/**
 * Under /api/v1: the operations that draw on a second quota, whose `requests` count is made with it at the
 * route (one Redis call for both, app/limits/http.ts). Matched as their routes are, by the same router rules.
 */
function deferringRequestsCount(specOperations: readonly SpecOperation[]): express.Router {
  const router = express.Router()
  for (const specOperation of specOperations) {
    if (!extraQuota(specOperation) || !specOperation.routePath.startsWith('/api/v1/')) continue
    router[specOperation.method](specOperation.routePath.slice('/api/v1'.length), deferRequestsCount)
  }
  // A path parameter that does not decode (`%zz`) fails the match here as it will at the route: not deferred,
  // counted at /api/v1 as any request, and answered by the route's own handling of it.
  router.use(((_error, _req, _res, next) => next()) satisfies ErrorRequestHandler)
  return router
}

function extraQuota({ operation, operationId }: SpecOperation): 'runs' | undefined {
  const quota = operation['x-rate-limit-quota']
  if (quota === undefined) return undefined
  if (quota !== 'runs')
    throw new Error(`${operationId}: x-rate-limit-quota must be "runs", not ${JSON.stringify(quota)}`)
  return quota
}
