// The Awilix container: singletons at the root, one scope per request holding that request's tenant and
// transaction. Strict mode makes a singleton that depends on a scoped value fail at resolution instead of
// leaking one tenant's transaction into another request.
import { asValue, createContainer, InjectionMode, type AwilixContainer } from 'awilix'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { Sql, TransactionSql } from '../../db/client.js'
import type { RateLimits } from '../limits/rate-limits.js'
import type { TenantSettingsCache } from '../limits/tenant-settings.js'
import type { Quotas } from '../limits/quotas.js'
import type { Metrics } from '../observability/metrics.js'
import type { AuthFailureAudit } from '../audit/auth-failures.js'
import type { Extensions } from './extensions.js'
import type { KeyCache } from '../auth/key-cache.js'
import type { TenantWork } from './tenant-work.js'

/** What every scope can resolve. Plugins add their services by augmenting this interface. */
export interface Cradle {
  config: Config
  logger: Logger
  /** The pool; only the kernel and background work use it directly. */
  sql: Sql
  /** The quotas' store (Redis, or this process's memory). */
  rateLimits: RateLimits
  /** Each tenant's quota overrides and budgets, cached briefly. */
  tenantSettingsCache: TenantSettingsCache
  /** The tenant's rate quotas as they stand. */
  quotas: Quotas
  /** This app's Prometheus registry and recorders (GET /metrics). */
  metrics: Metrics
  /** The contributions of every loaded plugin to each extension point (contributes), in plugin order. */
  extensions: Extensions
  /** Authentication failures into the audit log, coalesced per window; flushed when the container is disposed. */
  authFailureAudit: AuthFailureAudit
  /** API key -> tenant, remembered briefly; its listener is closed when the container is disposed. */
  keyCache: KeyCache
  /** Scopes and transactions pinned to a tenant for work outside a request (a background job). */
  tenantWork: TenantWork
  /** Request scope only: the tenant the request authenticated as. */
  tenantId: string
  /** Request scope only: the request's transaction, with app.current_tenant_id already set. */
  tx: TransactionSql
  requestId: string
}

export type AppContainer = AwilixContainer<Cradle>

export function createRootContainer(
  deps: Pick<
    Cradle,
    'config' | 'logger' | 'sql' | 'rateLimits' | 'tenantSettingsCache' | 'quotas' | 'metrics' | 'extensions'
  >,
): AppContainer {
  const container = createContainer<Cradle>({ injectionMode: InjectionMode.PROXY, strict: true })
  container.register({
    config: asValue(deps.config),
    logger: asValue(deps.logger),
    sql: asValue(deps.sql),
    rateLimits: asValue(deps.rateLimits),
    tenantSettingsCache: asValue(deps.tenantSettingsCache),
    quotas: asValue(deps.quotas),
    metrics: asValue(deps.metrics),
    extensions: asValue(deps.extensions),
  })
  return container
}
