// Builds the Express app from the plugin list and the spec. Everything that can be wrong with the plugin
// list or the spec fails here, before the server listens.
import express, { type Express, type Response } from 'express'
import { Lifetime } from 'awilix'
import helmet from 'helmet'
import * as OpenApiValidator from 'express-openapi-validator'
import swaggerUi from 'swagger-ui-express'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { Sql } from '../../db/client.js'
import { authenticate } from '../auth/authenticate.js'
import { findTenantIdByKeyHash } from '../auth/api-keys.repo.js'
import { problemHandler, toProblem } from '../http/problem.js'
import { requestIdMiddleware, requestIdOf } from '../http/request-id.js'
import { contractGuard, type ContractViolation } from './contract-guard.js'
import { createRootContainer, type AppContainer } from './container.js'
import type { OperationDefinition, PluginDefinition } from './plugin.js'
import { bindOperations, checkServiceNames, orderPlugins } from './plugin-graph.js'
import {
  mountOperations,
  publicOperationHandler,
  tenantOperationHandler,
  type RouteHandler,
} from './routes.js'
import { listOperations, renderSpec, type OpenApiDocument } from './spec.js'

export interface AppOptions {
  config: Config
  logger: Logger
  sql: Sql
  plugins: readonly PluginDefinition[]
  spec: OpenApiDocument
}

export interface BuiltApp {
  app: Express
  container: AppContainer
  plugins: PluginDefinition[]
  /** Responses that broke the contract; recorded only when config.validateResponses is on. */
  contractViolations: ContractViolation[]
}

/** Operations the kernel itself answers; they need no tenant. */
const kernelOperations: Record<string, OperationDefinition> = {
  getHealth: () => Promise.resolve({ status: 200, body: { status: 'ok' } }),
}

export function createApp({ config, logger, sql, plugins, spec }: AppOptions): BuiltApp {
  const ordered = orderPlugins(plugins)
  checkServiceNames(ordered)
  const specOperations = listOperations(spec)
  const handlers = bindOperations(specOperations, [
    { owner: 'kernel', operations: kernelOperations },
    ...ordered.map((plugin) => ({ owner: plugin.id, operations: plugin.operations ?? {} })),
  ])

  const container = createRootContainer({ config, logger, sql })
  for (const plugin of ordered) container.register(plugin.services ?? {})
  resolveSingletons(container, ordered)

  const app = express()
  app.disable('x-powered-by')
  app.set('query parser', 'extended')
  // No ETags: a 304 is not in the contract, and clients of this API do not send conditional requests.
  app.set('etag', false)
  app.use(requestIdMiddleware)
  const contractViolations: ContractViolation[] = []
  if (config.validateResponses) app.use(contractGuard(spec, contractViolations))
  app.use(helmet())

  const specText = renderSpec(spec)
  app.get('/openapi.yaml', (_req, res) => {
    res.type('application/yaml').send(specText)
  })
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(spec as swaggerUi.JsonObject))

  app.use(
    '/api/v1',
    authenticate((hash) => findTenantIdByKeyHash(sql, hash)),
  )
  app.use(express.json({ limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] }))
  app.use(
    OpenApiValidator.middleware({
      apiSpec: spec as never,
      validateRequests: {
        allowUnknownQueryParameters: false,
        coerceTypes: true,
        removeAdditional: false,
        allErrors: true,
      },
      validateResponses: config.validateResponses ? { removeAdditional: false } : false,
      validateSecurity: false,
      validateFormats: true,
      ajvFormats: { mode: 'full' },
      ignorePaths: /^\/(docs|openapi\.yaml)(\/|$)/,
    }),
  )

  const problemReply = (error: unknown, res: Response) => {
    const { status, body, headers } = toProblem(error, requestIdOf(res), config.bodyLimitBytes)
    return { status, body, headers }
  }
  const routeHandlers = new Map<string, RouteHandler>()
  for (const { operationId, path, operation: specOperation } of specOperations) {
    const operation = handlers.get(operationId)
    if (!operation) continue
    routeHandlers.set(
      operationId,
      path.startsWith('/api/v1/')
        ? tenantOperationHandler(container, operation, {
            operationId,
            idempotent: declaresIdempotencyKey(specOperation),
            problemReply,
          })
        : publicOperationHandler(container, operation),
    )
  }
  const router = express.Router()
  mountOperations(router, specOperations, routeHandlers)
  app.use(router)
  app.use(problemHandler(logger, config.bodyLimitBytes))
  return { app, container, plugins: ordered, contractViolations }
}

/** Operations opt in to Idempotency-Key by declaring the shared parameter in the spec. */
const declaresIdempotencyKey = (operation: Record<string, unknown>): boolean =>
  ((operation.parameters as { $ref?: string }[] | undefined) ?? []).some(
    (parameter) => parameter.$ref === '#/components/parameters/IdempotencyKey',
  )

/** Builds every singleton now, so a misconfiguration (a model file naming a missing provider) stops the boot. */
function resolveSingletons(container: AppContainer, plugins: readonly PluginDefinition[]): void {
  for (const plugin of plugins) {
    for (const [name, resolver] of Object.entries(plugin.services ?? {})) {
      if ((resolver as { lifetime?: string }).lifetime === Lifetime.SINGLETON) container.resolve(name)
    }
  }
}
