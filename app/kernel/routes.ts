// Mounts each operation at the path the spec gives it and runs it inside the request's tenant transaction.
import { asValue } from 'awilix'
import type { Request, Response, Router } from 'express'
import { inTenantTransaction } from '../../db/client.js'
import { tenantIdOf } from '../auth/authenticate.js'
import { requestIdOf } from '../http/request-id.js'
import type { AppContainer, Cradle } from './container.js'
import type { Operation, OperationContext, Reply } from './plugin.js'
import type { SpecOperation } from './spec.js'

export function sendReply(res: Response, reply: Reply): void {
  res.status(reply.status)
  if (reply.headers) res.set(reply.headers)
  if (reply.body === undefined) res.end()
  else res.json(reply.body)
}

/**
 * One request: a fresh container scope, one transaction that first sets app.current_tenant_id, the
 * operation, COMMIT, and only then the reply, so a client never sees a 2xx for a write that rolled back.
 */
export function tenantOperationHandler(container: AppContainer, operation: Operation) {
  return async (req: Request, res: Response): Promise<void> => {
    const tenantId = tenantIdOf(res)
    const requestId = requestIdOf(res)
    const scope = container.createScope()
    scope.register({ tenantId: asValue(tenantId), requestId: asValue(requestId) })
    try {
      const reply = await inTenantTransaction(container.cradle.sql, tenantId, async (tx) => {
        scope.register({ tx: asValue(tx) })
        return operation(contextOf(req, requestId, tenantId, scope.cradle))
      })
      sendReply(res, reply)
    } finally {
      await scope.dispose()
    }
  }
}

/** Operations outside /api/v1 (health): no tenant, no transaction; their scope cannot resolve tx. */
export function publicOperationHandler(container: AppContainer, operation: Operation) {
  return async (req: Request, res: Response): Promise<void> => {
    const requestId = requestIdOf(res)
    const scope = container.createScope()
    scope.register({ requestId: asValue(requestId) })
    try {
      sendReply(res, await operation(contextOf(req, requestId, '', scope.cradle)))
    } finally {
      await scope.dispose()
    }
  }
}

const contextOf = (
  req: Request,
  requestId: string,
  tenantId: string,
  services: Cradle,
): OperationContext => ({
  params: req.params as Record<string, string>,
  query: req.query,
  body: req.body as unknown,
  headers: req.headers,
  requestId,
  tenantId,
  services,
})

export function mountOperations(
  router: Router,
  specOperations: readonly SpecOperation[],
  handlers: Map<string, (req: Request, res: Response) => Promise<void>>,
): void {
  for (const { method, routePath, operationId } of specOperations) {
    const handler = handlers.get(operationId)
    if (handler) router[method](routePath, handler)
  }
}
