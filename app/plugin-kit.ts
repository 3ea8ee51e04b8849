// The plugin contract: the only module under app/ that plugins import. What is not exported here is
// the kernel's business (Express, the pool, the request pipeline) and may change without notice.
export { definePlugin, unitOfWork } from './kernel/plugin.js'
export type {
  EventSink,
  FixtureApi,
  FixtureFactory,
  Operation,
  OperationDefinition,
  StreamReply,
  UnitOfWorkContext,
  TenantTransaction,
  UnitOfWorkOperation,
  OperationContext,
  PluginDefinition,
  Reply,
  ServiceRegistrations,
} from './kernel/plugin.js'
export type { Cradle } from './kernel/container.js'
// A plugin's own environment variables (PluginDefinition.config), with zod to declare them and the kernel's
// validators of flags and keys.
export { definePluginConfig } from './kernel/plugin-config.js'
export type { PluginConfig, SettingsOf } from './kernel/plugin-config.js'
export { base64Key, booleanFlag } from './config-values.js'
export { z } from 'zod'
export type {
  BootCheck,
  Contribution,
  Contributions,
  ExtensionPoints,
  Extensions,
  LifecycleHook,
  Started,
} from './kernel/extensions.js'
export type { TenantWork } from './kernel/tenant-work.js'
export type { Config } from './config.js'
export type { PendingRows, PendingStatement, StatementPlace, TransactionSql, Sql } from '../db/client.js'
export { commitWith, lastInTransaction, sendStatements, tenantOfTransaction } from '../db/client.js'
export { appError, DomainError } from './errors/domain-errors.js'
export type { ErrorDetails } from './errors/domain-errors.js'
export type { DetailsSchema, ErrorCodes, ErrorDefinition } from './errors/catalog.js'
export { detailsObject, noDetails } from './errors/details-schemas.js'
export { isForeignKeyViolation, isUniqueViolation } from './errors/postgres-errors.js'
export { problemReply } from './http/problem.js'
// Operator commands only (map_admin): the API role writes audit events through its own SQL functions.
export { appendAuditEvent } from './audit/audit.repo.js'
export { entityTag, ifMatchVersions, noneMatchFails, preconditionFailed } from './http/conditional.js'
export type { Tagged } from './http/conditional.js'
export type { ProblemDocument } from './http/problem.js'
export { asFunction, asValue } from 'awilix'

/**
 * What a plugin loads on first need instead of at start (an SDK, a client library): the first call starts
 * `load`, later calls share its promise; a failed load is forgotten, so the next call tries again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    }))
}

export interface PageRequest {
  limit: number
  offset: number
}

export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
  has_more: boolean
}

export const toPage = <T>(items: T[], total: number, { limit, offset }: PageRequest): Page<T> => ({
  items,
  total,
  limit,
  offset,
  has_more: offset + items.length < total,
})

/** limit and offset as the spec's Limit and Offset parameters deliver them (validated, with defaults). */
export const pageRequest = (query: Record<string, unknown>): PageRequest => ({
  limit: typeof query.limit === 'number' ? query.limit : 20,
  offset: typeof query.offset === 'number' ? query.offset : 0,
})
