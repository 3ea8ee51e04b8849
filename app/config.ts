// The one place that reads process.env. Everything else receives a validated Config.
import { readFileSync } from 'node:fs'
import { isIP } from 'node:net'
import os from 'node:os'
import { z } from 'zod'
import {
  defaultTenantConcurrency,
  defaultTenantQueueLength,
  defaultTenantQueueTimeoutMs,
} from '../db/tenant-share.js'
import { defaultSharedDir } from '../db/embedded-as-root.js'
import { base64Key, booleanFlag } from './config-values.js'
import type { PluginDefinition } from './kernel/plugin.js'
import type { PluginConfig } from './kernel/plugin-config.js'

/** Express's names for address ranges, accepted in a TRUST_PROXY list. */
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal'])

/** An address, or an address/prefix whose prefix fits the address family. */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

/**
 * false, a hop count, or the proxies' addresses/CIDRs (and Express's range names). `true` is refused: it
 * trusts every X-Forwarded-For, so a client picks the address the per-address limits and the audit log see.
 */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): false | number | string[] {
  if (value === 'false') return false
  if (value === 'true') {
    ctx.addIssue({
      code: 'custom',
      message:
        'true trusts any X-Forwarded-For, so a client could choose its own address (defeating the per-address ' +
        'limits and writing any address into the audit log); give the number of proxy hops (e.g. 1) or the ' +
        "proxies' addresses/CIDRs",
    })
    return z.NEVER
  }
  if (/^\d+$/.test(value)) return Number(value)
  const entries = value.split(',').map((entry) => entry.trim())
  const bad = entries.filter((entry) => !proxyRangeNames.has(entry) && !isAddressOrCidr(entry))
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `false, a hop count, or a comma-separated list of addresses, CIDRs, loopback, linklocal or uniquelocal; not ${bad.join(', ')}`,
    })
    return z.NEVER
  }
  return entries
}

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional())

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Unset: 127.0.0.1 in embedded mode (demo tenants with well-known keys), 0.0.0.0 otherwise.
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Serve GET /metrics on this port (on HOST) instead of the API port; unset or empty: no metrics listener.
  METRICS_PORT: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(0).max(65535).optional(),
  ),
  // Bearer token /metrics requires (on METRICS_PORT, or on the API port when METRICS_PORT is unset).
  METRICS_TOKEN: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.string().min(32, 'at least 32 characters').optional(),
  ),
  DATABASE_URL: optionalUrl.optional(),
  DATABASE_OWNER_URL: optionalUrl.optional(),
  // Only for `npm run db -- bootstrap` (first-time setup of roles and database by a superuser).
  DATABASE_SUPERUSER_URL: optionalUrl.optional(),
  DB_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier')
    .default('map'),
  DB_OWNER_PASSWORD: z.string().min(12).optional(),
  DB_APP_PASSWORD: z.string().min(12).optional(),
  DB_ADMIN_PASSWORD: z.string().min(12).optional(),
  DATABASE_ADMIN_URL: optionalUrl.optional(),
  // The admin API (/admin/v1) is on only when this is set: a bearer token of at least 32 characters.
  ADMIN_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  DB_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(5),
  // Each tenant's fair share of the pool (db/tenant-share.ts); unset: half of DB_POOL_MAX, at least 1.
  TENANT_DB_CONCURRENCY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(1).max(500).optional(),
  ),
  TENANT_DB_QUEUE_LENGTH: z.coerce.number().int().min(0).max(100_000).default(defaultTenantQueueLength),
  TENANT_DB_QUEUE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(600_000)
    .default(defaultTenantQueueTimeoutMs),
  // statement_timeout of the heavy reads (history pages, usage); the role's own backstop is 30 s.
  HEAVY_READ_TIMEOUT_MS: z.coerce.number().int().min(10).max(30_000).default(5_000),
  MIGRATE_ON_START: booleanFlag.optional(),
  // Whether a tenant transaction opened inside another on the same pool throws (db/client.ts checkNesting).
  TX_NESTING_CHECK: booleanFlag.optional(),
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // As root: where the embedded PostgreSQL's binaries and data go when the postgres user cannot reach them.
  EMBEDDED_PG_SHARED_DIR: z.string().startsWith('/', 'an absolute path').default(defaultSharedDir),
  SEED_DEMO_TENANTS: booleanFlag.optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .default(64 * 1024),
  VALIDATE_RESPONSES: booleanFlag.default(false),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
  // The nice value `npm run worker` gives itself: background work yields the CPU to requests (0: as the API).
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  // Worker processes (node:cluster) on one port; unset: the CPU count in production with REDIS_URL, else 1.
  WEB_CONCURRENCY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(1).max(256).optional(),
  ),
  REDIS_URL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.url({ protocol: /^rediss?$/ }).optional())
    .optional(),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(500),
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(1).max(1_000_000_000).default(100),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RUN_RATE_LIMIT_REQUESTS: z.coerce.number().int().min(1).max(1_000_000_000).default(30),
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(1_000_000_000).default(20),
  TENANT_SETTINGS_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  AUTH_CACHE_MAX_KEYS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  TRUST_PROXY: z.string().trim().default('false').transform(parseTrustProxy),
  CORS_ORIGINS: z.string().trim().default(''),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  MODELS_FILE: z.string().min(1).optional(),
  // The HMAC key of audit chain anchors (`npm run admin -- audit anchor | verify --anchors FILE`).
  AUDIT_ANCHOR_KEY: z.string().min(32, 'at least 32 characters').optional(),
  // Tenant secrets' master key (plugins/secrets); unset: a generated key file beside the embedded database
  // outside production, none otherwise. _PREVIOUS: the key being rotated away from (decrypt only).
  SECRETS_MASTER_KEY: base64Key,
  SECRETS_MASTER_KEY_PREVIOUS: base64Key,
})

/** A plugin as loadConfig reads it: its id and the variables it declares. */
type ConfiguredPlugin = Pick<PluginDefinition, 'id' | 'config'>

const variableName = /^[A-Z][A-Z0-9_]*$/

/**
 * Every variable the kernel and the given plugins read, by name, with its validator: `.safeParse(undefined)`
 * gives its default (test/kernel/env-example.test.ts checks .env.example against it; provider variables are
 * matched by pattern). A plugin's variable that is not UPPER_SNAKE, that reads as a model provider's, or that
 * the kernel or another plugin declares too, throws ConfigError: no plugin takes over a variable another reads.
 */
export function configSchemaShape(
  plugins: readonly ConfiguredPlugin[] = [],
): Readonly<Record<string, z.ZodType>> {
  const owners = new Map(Object.keys(schema.shape).map((name) => [name, 'the kernel (app/config.ts)']))
  const shape: Record<string, z.ZodType> = { ...schema.shape }
  const problems: string[] = []
  for (const plugin of plugins) {
    const owner = `plugin "${plugin.id}"`
    for (const [name, validator] of Object.entries<z.ZodType>(plugin.config?.schema.shape ?? {})) {
      const previous = owners.get(name)
      if (previous) problems.push(`${name}: declared by ${previous} and by ${owner}`)
      else if (!variableName.test(name))
        problems.push(`${name}: declared by ${owner}; name it in UPPER_SNAKE`)
      else if (providerVariable.test(name))
        problems.push(
          `${name}: declared by ${owner}, but <ID>_API_KEY / <ID>_BASE_URL configure model providers`,
        )
      owners.set(name, owner)
      shape[name] = validator
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`)
  return shape
}

/** The service's configuration (app/main.ts, npm run worker): the environment, with every plugin's variables. */
export const loadServiceConfig = (plugins: readonly ConfiguredPlugin[]): Config =>
  loadConfig(process.env, plugins)

/**
 * A plugin's settings in a loaded configuration, typed by its declaration: what the container registers as
 * `<camelCaseId>Config` (tests read them here). Throws when the configuration was loaded without the plugin.
 */
export function pluginSettingsOf<Settings>(
  config: Pick<Config, 'pluginSettings'>,
  plugin: { id: string; config?: PluginConfig<z.ZodObject, Settings> },
): Settings {
  if (!config.pluginSettings.has(plugin.id)) {
    throw new ConfigError(
      `Plugin "${plugin.id}" declares configuration, but the configuration was loaded without it: ` +
        'pass the plugins to loadConfig(env, plugins)',
    )
  }
  // loadConfig stored what this plugin's own settings() returned.
  return config.pluginSettings.get(plugin.id) as Settings
}

/** An issue's variable: its path inside the kernel's schema or inside a plugin's (a plugin-wide rule: the plugin). */
function variableOf([group, ...rest]: readonly PropertyKey[]): string {
  if (group === 'kernel') return rest.map(String).join('.')
  const [pluginId, ...inside] = rest
  return inside.length > 0 ? inside.map(String).join('.') : `plugin "${String(pluginId)}"`
}

/** One model in MODELS_FILE: adds a model or overrides a built-in one. */
const modelFileEntry = z
  .object({
    id: z.string().min(1).max(200),
    provider: z.string().regex(/^[a-z][a-z0-9-]*$/),
    provider_model: z.string().min(1).max(200).optional(),
    context_window: z.number().int().positive().optional(),
    max_output_tokens: z.number().int().positive().optional(),
    input_price_per_million: z.number().min(0).optional(),
    output_price_per_million: z.number().min(0).optional(),
  })
  .strict()
const modelsFile = z.object({ models: z.array(modelFileEntry) }).strict()
export type ModelFileEntry = z.infer<typeof modelFileEntry>

// Any <ID>_API_KEY / <ID>_BASE_URL pair configures the model provider <id>, so a new provider needs no
// change here.
const providerVariable = /^([A-Z][A-Z0-9]*)_(API_KEY|BASE_URL)$/
const ignoredProviderIds = new Set(['database', 'redis'])

function readProviders(env: Record<string, string | undefined>): Record<string, ProviderEnv> {
  const providers: Record<string, ProviderEnv> = {}
  for (const [name, value] of Object.entries(env)) {
    const match = providerVariable.exec(name)
    if (!match || !value) continue
    const id = match[1]!.toLowerCase()
    if (ignoredProviderIds.has(id)) continue
    const entry = (providers[id] ??= {})
    if (match[2] === 'API_KEY') entry.apiKey = value
    else entry.baseUrl = value
  }
  return providers
}

export interface ProviderEnv {
  apiKey?: string
  baseUrl?: string
}

function readModelsFile(file: string | undefined): ModelFileEntry[] {
  if (!file) return []
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration:\n  MODELS_FILE: cannot read ${file}: ${(error as Error).message}`,
    )
  }
  const parsed = modelsFile.safeParse(raw)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `MODELS_FILE ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  return parsed.data.models
}

// docker-compose.yml's local defaults end in -change-me; production refuses them wherever a secret goes.
const placeholder = /change-?me$/i
const secretVariables = [
  'DB_OWNER_PASSWORD',
  'DB_APP_PASSWORD',
  'DB_ADMIN_PASSWORD',
  'ADMIN_TOKEN',
  'METRICS_TOKEN',
]
const urlVariables = [
  'DATABASE_URL',
  'DATABASE_OWNER_URL',
  'DATABASE_SUPERUSER_URL',
  'DATABASE_ADMIN_URL',
  'REDIS_URL',
]

/** The variables whose secret (a URL's password) is a placeholder. */
function placeholderSecrets(e: Record<string, unknown>): string[] {
  const passwordOf = (url: unknown) => {
    if (typeof url !== 'string') return undefined
    const { password } = new URL(url)
    try {
      return decodeURIComponent(password)
    } catch {
      return password
    }
  }
  return [
    ...secretVariables.filter((name) => {
      const value = e[name]
      return typeof value === 'string' && placeholder.test(value)
    }),
    ...urlVariables.filter((name) => placeholder.test(passwordOf(e[name]) ?? '')),
  ]
}

export type Env = z.input<typeof schema>

export interface Config {
  env: 'development' | 'production' | 'test'
  logLevel: string
  host: string
  port: number
  /**
   * A listener of its own serving only GET /metrics; when set, the API port never serves /metrics. When
   * unset, the API port serves it only with metricsToken; with neither, /metrics is not served at all.
   */
  metricsPort: number | undefined
  /** Authorization: Bearer token /metrics requires wherever it is served; unset: see metricsPort. */
  metricsToken: string | undefined
  /** undefined means: start the embedded PostgreSQL and derive both URLs from it. */
  database: { appUrl: string; ownerUrl: string | undefined } | undefined
  bootstrap: {
    superuserUrl: string | undefined
    database: string
    ownerPassword: string | undefined
    appPassword: string | undefined
    adminPassword: string | undefined
  }
  /** The operators' role (map_admin) for the admin API and CLI; derived in embedded mode. */
  adminDatabaseUrl: string | undefined
  /** Unset: the admin API is off (its paths answer 404). */
  adminToken: string | undefined
  dbPoolMax: number
  dbConnectTimeoutSeconds: number
  /** Each tenant's fair share of the pool: transactions at once, and the queue past them. */
  tenantShare: { concurrency: number; queueLength: number; queueTimeoutMs: number }
  /** statement_timeout of the heavy reads (history pages, usage), in milliseconds. */
  heavyReadTimeoutMs: number
  migrateOnStart: boolean
  /** Nested tenant transactions throw (a programming error); off in production unless asked for. */
  checkTransactionNesting: boolean
  /** sharedDir: see db/embedded-as-root.ts (as root only). */
  embedded: { dataDir: string; port: number; sharedDir: string }
  seedDemoTenants: boolean
  bodyLimitBytes: number
  validateResponses: boolean
  shutdownTimeoutSeconds: number
  /** The nice value of an `npm run worker` process (app/process-priority.ts); 0 leaves it as started. */
  workerNice: number
  /**
   * API processes: 1 runs the server in this process; more fork that many workers (node:cluster) sharing the
   * port, this process supervising them. More than one needs Redis: the in-memory limiter is per process.
   */
  webConcurrency: number
  /** Unset: limits are kept in process memory (one process only). */
  redisUrl: string | undefined
  redisCommandTimeoutMs: number
  rateLimits: {
    requests: number
    windowSeconds: number
    runs: number
    /** Failed authentications per client address per window. */
    authFailures: number
    /** How long a tenant's quota overrides are cached in each process. */
    settingsCacheMs: number
  }
  /** API key -> tenant answers kept in each process (0: off), invalidated through LISTEN/NOTIFY. */
  authCache: { ttlMs: number; maxKeys: number }
  /** Origins allowed to call the API from a browser; empty: no CORS headers at all. */
  corsOrigins: string[]
  /** Longest a client may take to send a whole request (slow-loris protection); responses may take longer. */
  requestTimeoutMs: number
  /** Express's `trust proxy`: false, a hop count, or the proxies' addresses; decides the client address. */
  trustProxy: false | number | string[]
  /** Model providers configured through <ID>_API_KEY / <ID>_BASE_URL, keyed by lower-case id. */
  providers: Record<string, ProviderEnv>
  providerTimeoutMs: number
  /** Models added or overridden by MODELS_FILE. */
  models: ModelFileEntry[]
  /** The HMAC key of audit chain anchors; kept outside the database. */
  auditAnchorKey: string | undefined
  /** Master keys of tenant secrets (32 bytes each); previous only while rotating (see SECURITY.md, Secrets). */
  secretsMasterKey: { current: Buffer | undefined; previous: Buffer | undefined }
  /**
   * Each plugin's settings, by plugin id, from the variables it declares (PluginDefinition.config). The
   * kernel registers them in the container as `<camelCaseId>Config`, typed: read them there, not here.
   */
  pluginSettings: ReadonlyMap<string, unknown>
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Validates the environment once: the kernel's variables and those of every given plugin (the service's,
 * from plugins/index.ts), in one pass; throws ConfigError naming every bad variable. Without plugins, the
 * kernel's settings only (the CLI's commands), and pluginSettings is empty.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  plugins: readonly ConfiguredPlugin[] = [],
): Config {
  configSchemaShape(plugins) // refuses a variable declared twice before reading any
  const configured = plugins.flatMap(({ id, config }) => (config ? [{ id, config }] : []))
  // Each plugin's schema sees the whole environment under its id, keeping its own refinements.
  const parsed = z
    .object({
      kernel: schema,
      plugins: z.object(Object.fromEntries(configured.map(({ id, config }) => [id, config.schema]))),
    })
    .safeParse({ kernel: env, plugins: Object.fromEntries(configured.map(({ id }) => [id, env])) })
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${variableOf(issue.path)}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  const e = parsed.data.kernel
  if (e.DATABASE_OWNER_URL && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: required when DATABASE_OWNER_URL is set')
  }
  if (e.TENANT_DB_CONCURRENCY !== undefined && e.TENANT_DB_CONCURRENCY > e.DB_POOL_MAX) {
    throw new ConfigError(
      `Invalid configuration:\n  TENANT_DB_CONCURRENCY: at most DB_POOL_MAX (${e.DB_POOL_MAX})`,
    )
  }
  const embedded = !e.DATABASE_URL
  const placeholders = e.NODE_ENV === 'production' ? placeholderSecrets(e) : []
  if (placeholders.length > 0) {
    const lines = placeholders.map(
      (name) => `${name}: holds a placeholder secret (ending in change-me); set a real one in production`,
    )
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  if (e.WEB_CONCURRENCY !== undefined && e.WEB_CONCURRENCY > 1 && !e.REDIS_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  WEB_CONCURRENCY: more than one process needs REDIS_URL (without Redis each ' +
        'process would count the rate limits on its own, letting a tenant through N times its quota)',
    )
  }
  if (e.SECRETS_MASTER_KEY_PREVIOUS && !e.SECRETS_MASTER_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  SECRETS_MASTER_KEY_PREVIOUS: set only with SECRETS_MASTER_KEY (the key it rotates to)',
    )
  }
  if (e.SEED_DEMO_TENANTS === true && e.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  SEED_DEMO_TENANTS: demo tenants have well-known keys; not in production',
    )
  }
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    host: e.HOST ?? (embedded ? '127.0.0.1' : '0.0.0.0'),
    port: e.PORT,
    metricsPort: e.METRICS_PORT,
    metricsToken: e.METRICS_TOKEN,
    database: e.DATABASE_URL ? { appUrl: e.DATABASE_URL, ownerUrl: e.DATABASE_OWNER_URL } : undefined,
    bootstrap: {
      superuserUrl: e.DATABASE_SUPERUSER_URL,
      database: e.DB_NAME,
      ownerPassword: e.DB_OWNER_PASSWORD,
      appPassword: e.DB_APP_PASSWORD,
      adminPassword: e.DB_ADMIN_PASSWORD,
    },
    adminDatabaseUrl: e.DATABASE_ADMIN_URL,
    adminToken: e.ADMIN_TOKEN,
    dbPoolMax: e.DB_POOL_MAX,
    dbConnectTimeoutSeconds: e.DB_CONNECT_TIMEOUT_SECONDS,
    tenantShare: {
      concurrency: e.TENANT_DB_CONCURRENCY ?? defaultTenantConcurrency(e.DB_POOL_MAX),
      queueLength: e.TENANT_DB_QUEUE_LENGTH,
      queueTimeoutMs: e.TENANT_DB_QUEUE_TIMEOUT_MS,
    },
    heavyReadTimeoutMs: e.HEAVY_READ_TIMEOUT_MS,
    migrateOnStart: e.MIGRATE_ON_START ?? (embedded || e.DATABASE_OWNER_URL !== undefined),
    checkTransactionNesting: e.TX_NESTING_CHECK ?? e.NODE_ENV !== 'production',
    embedded: { dataDir: e.EMBEDDED_PG_DIR, port: e.EMBEDDED_PG_PORT, sharedDir: e.EMBEDDED_PG_SHARED_DIR },
    seedDemoTenants: e.SEED_DEMO_TENANTS ?? (embedded && e.NODE_ENV !== 'production'),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    validateResponses: e.VALIDATE_RESPONSES,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    workerNice: e.WORKER_NICE,
    webConcurrency:
      e.WEB_CONCURRENCY ?? (e.NODE_ENV === 'production' && e.REDIS_URL ? os.availableParallelism() : 1),
    redisUrl: e.REDIS_URL,
    redisCommandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
    rateLimits: {
      requests: e.RATE_LIMIT_REQUESTS,
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      runs: e.RUN_RATE_LIMIT_REQUESTS,
      authFailures: e.AUTH_FAILURE_LIMIT,
      settingsCacheMs: e.TENANT_SETTINGS_CACHE_MS,
    },
    authCache: { ttlMs: e.AUTH_CACHE_TTL_MS, maxKeys: e.AUTH_CACHE_MAX_KEYS },
    trustProxy: e.TRUST_PROXY,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    providers: readProviders(env),
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
    models: readModelsFile(e.MODELS_FILE),
    auditAnchorKey: e.AUDIT_ANCHOR_KEY,
    secretsMasterKey: { current: e.SECRETS_MASTER_KEY, previous: e.SECRETS_MASTER_KEY_PREVIOUS },
    pluginSettings: new Map(
      configured.map(({ id, config }) => [id, config.settings(parsed.data.plugins[id]!)]),
    ),
  }
}
