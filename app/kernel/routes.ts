// Mounts each operation at the path the spec gives it and runs it for the request's tenant: in one
// transaction (the default), or, for long operations, in short transactions of their own.
import { asValue, type AwilixContainer } from 'awilix'
import type { Request, RequestHandler, Response, Router } from 'express'
import { inTenantTransaction, newRequestWork } from '../../db/client.js'
import { tenantIdOf } from '../auth/authenticate.js'
import { requestIdOf } from '../http/request-id.js'
import type { AppContainer, Cradle } from './container.js'
import { idempotentRequest, runIdempotently, type CompleteInTransaction } from './idempotency.js'
import type { OperationContext, OperationDefinition, Reply, StreamReply } from './plugin.js'
import type { SpecOperation } from './spec.js'
import type { WorkInFlight } from './work-in-flight.js'
import { sendEventStream } from './event-stream.js'
import type { JsonWriter } from './serializers.js'

export type RouteHandler = (req: Request, res: Response) => Promise<void>
export type RouteHandlers = (RouteHandler | RequestHandler)[]

/** res.json: the writer of operations without compiled serialisers (and of tests that build none). */
const genericJson: JsonWriter = (res, _status, body) => {
  res.json(body)
}

export function sendReply(res: Response, reply: Reply, writeJson: JsonWriter = genericJson): void {
  res.status(reply.status)
  if (reply.headers) res.set(reply.headers)
  const errorCode = (reply.body as { error_code?: unknown } | undefined)?.error_code
  if (reply.status >= 400 && typeof errorCode === 'string') {
    // A stored problem replayed for an idempotent retry.
    res.locals.errorCode = errorCode
    res.type('application/problem+json')
  }
  if (reply.text) res.type(reply.text.contentType).send(reply.text.content)
  else if (reply.body === undefined) res.end()
  // A problem replayed for an idempotent retry is not a 2xx body: generic JSON.
  else if (reply.status >= 300) res.json(reply.body)
  else writeJson(res, reply.status, reply.body)
}

/** Aborted when the client disconnects before the response is complete. */
function clientGone(res: Response): AbortSignal {
  const controller = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) controller.abort(new Error('client disconnected'))
  })
  return controller.signal
}

const contextOf = (req: Request, res: Response, tenantId: string, services: Cradle): OperationContext => ({
  params: req.params as Record<string, string>,
  query: req.query,
  body: req.body as unknown,
  headers: req.headers,
  requestId: requestIdOf(res),
  tenantId,
  services,
  signal: clientGone(res),
})

const isStream = (reply: Reply | StreamReply): reply is StreamReply => 'stream' in reply

interface TenantRouteOptions {
  operationId: string
  /** The spec declares Idempotency-Key on this operation. */
  idempotent: boolean
  problemReply: (error: unknown, res: Response) => Reply
  /** Writes its 2xx JSON bodies (compiled from the spec); res.json without. */
  writeJson?: JsonWriter
  /** Counts the handler while it runs, so shutdown keeps the container until it ends. */
  work: WorkInFlight
}

/**
 * One request: a container scope holding the tenant; then either one transaction that first sets
 * app.current_tenant_id, runs the operation and commits before the reply is sent (so a client never
 * sees a 2xx for a write that rolled back), or, for unit-of-work operations, short transactions on demand.
 */
export function tenantOperationHandler(
  container: AppContainer,
  definition: OperationDefinition,
  options: TenantRouteOptions,
): RouteHandler {
  return async (req, res) => {
    const tenantId = tenantIdOf(res)
    const ended = options.work.begin()
    const scope = container.createScope()
    scope.register({ tenantId: asValue(tenantId), requestId: asValue(requestIdOf(res)) })
    const { sql } = container.cradle
    const ctx = contextOf(req, res, tenantId, scope.cradle)
    let streamed = false
    // One request's work: only its first transaction may be refused by the tenant's fair share.
    const work = newRequestWork()
    const execute = async (complete?: CompleteInTransaction): Promise<Reply> => {
      if (typeof definition === 'function') {
        return inTenantTransaction(
          sql,
          tenantId,
          async (tx) => {
            scope.register({ tx: asValue(tx) })
            const reply = await definition(ctx)
            await complete?.(tx, reply)
            return reply
          },
          work,
        )
      }
      const inTransaction = <T>(fn: (services: Cradle) => Promise<T>) =>
        inTenantTransaction(sql, tenantId, (tx) => withUnitScope(scope, tx, fn), work)
      const reply = await definition.handle({ ...ctx, inTransaction })
      if (!isStream(reply)) return reply
      streamed = true
      return sendEventStream(res, reply, ctx.signal, (error) => options.problemReply(error, res))
    }
    try {
      const request = options.idempotent ? idempotentRequest(req, options.operationId) : undefined
      const reply = request
        ? await runIdempotently({
            sql,
            tenantId,
            work,
            request,
            execute,
            problemReply: (error) => options.problemReply(error, res),
          })
        : await execute()
      if (!streamed) sendReply(res, reply, options.writeJson)
    } finally {
      await scope.dispose()
      ended()
    }
  }
}

/** Runs fn with services resolved in a child of scope that holds tx (one unit of work's transaction). */
export async function withUnitScope<T>(
  scope: AwilixContainer<Cradle>,
  tx: Cradle['tx'],
  fn: (services: Cradle) => Promise<T>,
): Promise<T> {
  const unit = scope.createScope()
  unit.register({ tx: asValue(tx) })
  try {
    return await fn(unit.cradle)
  } finally {
    await unit.dispose()
  }
}

/** Operations outside /api/v1 (health): no tenant, no transaction; their scope cannot resolve tx. */
export function publicOperationHandler(
  container: AppContainer,
  definition: OperationDefinition,
  work: WorkInFlight,
  writeJson?: JsonWriter,
): RouteHandler {
  return async (req, res) => {
    if (typeof definition !== 'function')
      throw new Error('public operations run without a tenant transaction')
    const ended = work.begin()
    const scope = container.createScope()
    scope.register({ requestId: asValue(requestIdOf(res)) })
    try {
      sendReply(res, await definition(contextOf(req, res, '', scope.cradle)), writeJson)
    } finally {
      await scope.dispose()
      ended()
    }
  }
}

export function mountOperations(
  router: Router,
  specOperations: readonly SpecOperation[],
  handlers: Map<string, RouteHandlers>,
): void {
  for (const { method, routePath, operationId } of specOperations) {
    const chain = handlers.get(operationId)
    if (chain) router[method](routePath, ...(chain as RequestHandler[]))
  }
}
