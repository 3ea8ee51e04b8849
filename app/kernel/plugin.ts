// The plugin contract: everything a feature may declare. The kernel reads these declarations;
// a plugin never touches Express, the pool or another plugin's tables directly.
import type { IncomingHttpHeaders } from 'node:http'
import type { Resolver } from 'awilix'
import type { Cradle } from './container.js'
import type { Contributions } from './extensions.js'
import type { PluginConfig } from './plugin-config.js'
import { registerErrors, type ErrorDefinition } from '../errors/catalog.js'

/** A JSON reply. The kernel sends it only after the request's transaction has committed. */
export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** A body that is not JSON (GET /metrics), sent as is with its content type; `body` is then ignored. */
  text?: { contentType: string; content: string }
}

export interface OperationContext {
  /** Aborted when the client disconnects before the reply is complete. */
  signal: AbortSignal
  /** Path parameters, already validated against the spec. */
  params: Record<string, string>
  /** Query parameters, validated and coerced to the spec's types. */
  query: Record<string, unknown>
  /** The validated JSON body (undefined when the operation has none). */
  body: unknown
  headers: IncomingHttpHeaders
  requestId: string
  tenantId: string
  /** The request scope: services resolved here share the request's transaction. */
  services: Cradle
}

/** Runs inside the request's tenant transaction; the default, for everything short. */
export type Operation = (ctx: OperationContext) => Promise<Reply>

/** Receives server-sent events; `signal` is aborted when the client goes away. */
export interface EventSink {
  /** One event; with `id`, its `id:` line (what a reconnecting client sends back as Last-Event-ID). */
  send(event: string, data: unknown, id?: number | string): void
  /** A comment line (`: text`): keeps an idle stream's connection open through proxies; clients ignore it. */
  comment(text: string): void
  readonly signal: AbortSignal
}

/**
 * A server-sent event stream. `stream` sends the events and returns the reply a JSON client would have
 * got (it is what an idempotent retry replays).
 */
export interface StreamReply {
  stream: (sink: EventSink) => Promise<Reply>
}

/** Runs fn in its own short transaction for the tenant; the services fn receives share it. */
export type TenantTransaction = <T>(fn: (services: Cradle) => Promise<T>) => Promise<T>

export interface UnitOfWorkContext extends OperationContext {
  inTransaction: TenantTransaction
}

/**
 * For long operations (a model call): no transaction is held while it runs. Database work goes through
 * ctx.inTransaction, one short transaction per unit; ctx.services resolves only what needs no transaction.
 */
export interface UnitOfWorkOperation {
  transaction: 'per-unit'
  handle: (ctx: UnitOfWorkContext) => Promise<Reply | StreamReply>
}

export type OperationDefinition = Operation | UnitOfWorkOperation

export const unitOfWork = (handle: UnitOfWorkOperation['handle']): UnitOfWorkOperation => ({
  transaction: 'per-unit',
  handle,
})

export type ServiceRegistrations = Partial<{ [K in keyof Cradle]: Resolver<Cradle[K]> }>

/** What a fixture may do (in tests only): call the API as the tenant under test. */
export interface FixtureApi {
  /**
   * POSTs the JSON body to path and resolves to the `id` of the 2xx answer (its `name` when it has no id, as
   * a secret; the field `options.key` names when the resource is named by another, as a marketplace
   * listing by its `slug`); rejects on any other answer.
   */
  create: (path: string, body: unknown, options?: { key?: string }) => Promise<string>
  /** The id of another declared fixture (by its key), made once per tenant: an agent a note links to. */
  fixture: (key: string) => Promise<string>
}

/** Creates one resource the tests can name in a path, and returns its id. */
export type FixtureFactory = (api: FixtureApi) => Promise<string>

export interface PluginDefinition {
  /** kebab-case; also the container-name prefix (camelCase) of everything it registers. */
  id: string
  /** Plugins this one builds on; boot fails when one is missing or the graph has a cycle. */
  dependsOn?: readonly string[]
  /** Absolute path of the plugin folder; migrations and the spec fragment are found relative to it. */
  dir: string
  /** Awilix registrations. Scoped ones share the request's transaction. */
  services?: ServiceRegistrations
  /** Handlers keyed by the operationId in openapi.yaml. */
  operations?: Record<string, OperationDefinition>
  /** Tables with a tenant_id this plugin owns; the RLS checks cover each of them. */
  tenantTables?: readonly string[]
  /**
   * Tables of this plugin whose rows other tenants read on purpose (published marketplace listings), each
   * with the reason. The RLS audit then accepts a SELECT policy that does not pin rows to the current tenant
   * (`published_at is not null or tenant_id = ...`), still requires every write policy to, and lists the
   * tables with their reasons in docs/rls-report.md. Any other unpinned policy is a finding.
   */
  sharedTables?: Readonly<Record<string, string>>
  /** Folder (relative to dir) of node-pg-migrate SQL migrations touching only this plugin's tables. */
  migrations?: string
  /** File(s) (relative to dir) with this plugin's paths and components, merged into openapi.yaml. */
  spec?: string | readonly string[]
  /** Error codes this plugin throws, with their status; also declared on the ErrorCodes type. */
  errors?: Record<string, ErrorDefinition>
  /**
   * How the tests create what a path parameter names, keyed by the path up to that parameter
   * (`'/api/v1/example-notes/{id}'`). The key also serves longer paths (`.../{id}/render`), other plugins'
   * included. The schema fuzzer, the isolation tests and the pool-of-one test call these.
   */
  fixtures?: Record<string, FixtureFactory>
  /** operationIds of non-GET operations that change nothing (`POST .../render`); the fuzzer treats them as reads. */
  readOnlyOperations?: readonly string[]
  /**
   * An example to copy: discovery never loads it into the service, the tests load it with the others so it
   * stays honest. Allowed only for ids starting with `example-` (a copy that keeps it fails the boot).
   */
  example?: boolean
  /** `false`: discovery skips this plugin (not ready to ship); its own tests may still load it explicitly. */
  enabled?: boolean
  /** Contributions to extension points other plugins offer (e.g. toolKinds), read through `extensions`. */
  contributes?: Contributions
  /**
   * The environment variables this plugin reads (definePluginConfig): validated with the kernel's in
   * app/config.ts, its settings registered in the container as `<camelCaseId>Config`.
   */
  config?: PluginConfig
}

/** Marks what definePlugin returned, so discovery can tell a plugin definition from other exports. */
const pluginBrand = Symbol.for('mini-agent-platform.plugin')

export const isPluginDefinition = (value: unknown): value is PluginDefinition =>
  typeof value === 'object' && value !== null && pluginBrand in value

/** Declares a plugin. Its error codes are registered at once, so appError() knows them. */
export function definePlugin<const T extends PluginDefinition>(definition: T): T {
  registerErrors(definition.id, definition.errors ?? {})
  Object.defineProperty(definition, pluginBrand, { value: true })
  return definition
}
