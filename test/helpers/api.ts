// The app in-process for supertest, with response validation on, and tenants to call it as.
import { randomUUID } from 'node:crypto'
import supertest from 'supertest'
import type { Test } from 'supertest'
import { pino, type Logger } from 'pino'
import { loadConfig, type Config } from '../../app/config.js'
import { createTenant } from '../../app/admin/tenants.repo.js'
import { createApp, type BuiltApp } from '../../app/kernel/create-app.js'
import { loadSpec, type OpenApiDocument } from '../../app/kernel/spec.js'
import { asValue, type PluginDefinition } from '../../app/plugin-kit.js'
import type { Egress } from '../../plugins/egress/egress.js'
import { egressPlugin } from '../../plugins/egress/egress.plugin.js'
import type { Sql } from '../../db/client.js'
import type { Redis } from 'ioredis'
import { examples, plugins as servicePlugins } from '../../plugins/index.js'
import { testStack } from '../harness/stack.js'
import type { ContractViolation } from '../../app/kernel/contract-guard.js'

const builtApps: BuiltApp[] = []
let sharedApp: BuiltApp | undefined
let sharedSpec: OpenApiDocument | undefined
/**
 * openapi.yaml read once for the apps the tests build: their contract validator is kept per document
 * (app/kernel/openapi-validator.ts), so each operation's schemas compile once per process, not per app.
 * Never changed: a test that needs another document reads its own.
 */
export const testSpec = (): OpenApiDocument => (sharedSpec ??= Object.freeze(loadSpec()))

/** Tests only: base64 of 32 bytes (0x00..0x1f). */
export const testSecretsMasterKey = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64')
/** Tests only: the marketplace's Ed25519 seed, base64 of 32 bytes (0x20..0x3f). */
export const testMarketplaceSigningKey = Buffer.from(Array.from({ length: 32 }, (_, i) => 32 + i)).toString(
  'base64',
)

/** The test configuration, with the variables of every plugin (the examples' too: the tests load them). */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const { database } = testStack()
  return loadConfig(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      VALIDATE_RESPONSES: 'true',
      DATABASE_URL: database.appUrl,
      DATABASE_OWNER_URL: database.ownerUrl,
      MIGRATE_ON_START: 'false',
      // Quotas out of the way of tests about something else; the rate-limit tests set their own.
      RATE_LIMIT_REQUESTS: '1000000',
      RUN_RATE_LIMIT_REQUESTS: '1000000',
      AUTH_FAILURE_LIMIT: '1000000',
      TENANT_SETTINGS_CACHE_MS: '0',
      // Off: tests that change keys or tenants behind the app's back expect the next request to see it;
      // test/security/auth-key-cache.test.ts turns it on.
      AUTH_CACHE_TTL_MS: '0',
      // The http tool tests reach their local servers on 127.0.0.1 over plain http; nothing else is allowed.
      EGRESS_ALLOW: '127.0.0.1/32',
      EGRESS_ALLOW_HTTP: 'true',
      // The master key of tenant secrets (plugins/secrets): fixed, so every test app decrypts what another wrote.
      SECRETS_MASTER_KEY: testSecretsMasterKey,
      // The marketplace's package signing key: fixed, so every test app signs with the one key.
      MARKETPLACE_SIGNING_KEY: testMarketplaceSigningKey,
      // The expiry sweep expires every tenant's overdue runs: each test app's timer would reach into other
      // tests' runs (a run a test expects to find waiting). The longest period; expiry tests call sweepOnce
      // or build an app with a short one.
      EXECUTION_EXPIRY_SWEEP_SECONDS: '86400',
      ...overrides,
    },
    [...servicePlugins, ...examples],
  )
}

export interface BuildOptions {
  sql?: Sql
  /** The limits' store: the shared test Redis by default, 'memory' for the in-process one. */
  redis?: Redis | 'memory'
  plugins?: readonly PluginDefinition[]
  spec?: OpenApiDocument
  config?: Config
  /** Silent by default; the logging tests pass one writing to memory. */
  logger?: Logger
  /** The operators' pool for the admin API: the shared test one by default. */
  adminSql?: Sql
  /**
   * The `egress` every plugin uses (one with a scripted resolver), registered in place of the egress
   * plugin's; by default the one it builds from the configuration's EGRESS_* settings.
   */
  egress?: Egress
}

/**
 * The plugins with the egress plugin's `egress` replaced by the given one: a test registers a service of its
 * own by handing the app the plugin with that registration changed; the kernel knows nothing of it.
 */
export function withEgress(plugins: readonly PluginDefinition[], egress: Egress): PluginDefinition[] {
  if (!plugins.some((plugin) => plugin.id === egressPlugin.id)) throw new Error('no egress plugin to replace')
  return plugins.map((plugin) =>
    plugin.id === egressPlugin.id
      ? { ...plugin, services: { ...plugin.services, egress: asValue(egress) } }
      : plugin,
  )
}

/** A new app instance (by default the service's plugins and openapi.yaml); its contract violations are checked after each test like the shared one's. */
export function buildTestApp(options: BuildOptions = {}): BuiltApp {
  const built = createApp({
    config: options.config ?? testConfig(),
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    sql: options.sql ?? testStack().appSql,
    plugins: options.egress
      ? withEgress(options.plugins ?? servicePlugins, options.egress)
      : (options.plugins ?? servicePlugins),
    spec: options.spec ?? testSpec(),
    ...(options.redis === 'memory' ? {} : { redis: options.redis ?? testStack().redisClient }),
    // The admin API is on only when the config has ADMIN_TOKEN; it then runs as map_admin.
    adminSql: options.adminSql ?? testStack().adminSql,
  })
  builtApps.push(built)
  return built
}

export const sharedTestApp = (): BuiltApp => (sharedApp ??= buildTestApp())

export function drainContractViolations(): ContractViolation[] {
  return builtApps.flatMap((built) => built.contractViolations.splice(0))
}

export interface TestTenant {
  tenantId: string
  name: string
  apiKey: string
}

export const createTestTenant = (label = 'tenant'): Promise<TestTenant> =>
  createTenant(testStack().ownerSql, `${label}-${randomUUID().slice(0, 8)}`)

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** supertest calls with the tenant's key already set. */
export function asTenant(
  tenant: TestTenant,
  app: BuiltApp = sharedTestApp(),
): Record<Method, (url: string) => Test> {
  const agent = supertest(app.app)
  const call = (method: Method) => (url: string) => agent[method](url).set('X-API-Key', tenant.apiKey)
  return {
    get: call('get'),
    post: call('post'),
    put: call('put'),
    patch: call('patch'),
    delete: call('delete'),
  }
}

export const anonymous = (app: BuiltApp = sharedTestApp()) => supertest(app.app)
