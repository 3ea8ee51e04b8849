// The real services the tests run against, started once per mocha run: an embedded PostgreSQL on a
// free port in a temporary folder, migrated with every plugin the tests load.
import { once } from 'node:events'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createPool, type Sql } from '../../db/client.js'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded.js'
import type { PostgresSettings } from '../../db/embedded-settings.js'
import { migrate } from '../../db/migrate.js'
import { bootstrapDatabase } from '../../db/roles.js'
import type { PluginDefinition } from '../../app/plugin-kit.js'
import { testPlugins } from './plugins.js'
import { assertRedisInstalled, startRedisServer, type RedisServer } from './redis-server.js'
import type { Redis } from 'ioredis'
import { createRedisClient } from '../../app/limits/stores.js'

export interface TestStack {
  database: EmbeddedDatabase
  /** The API's role: not the owner, no BYPASSRLS. */
  appSql: Sql
  /** The owner role, for arranging data the way the CLI does. */
  ownerSql: Sql
  /** The operators' role (map_admin), as the admin API and CLI connect. */
  adminSql: Sql
  /** A superuser, for catalog inspection only. */
  superSql: Sql
  /** A real redis-server for the rate limits, shared by the tests (they use fresh tenants). */
  redis: RedisServer
  /** A client of it, shared by the apps the tests build. */
  redisClient: Redis
}

let stack: TestStack | undefined
let stopServices: (() => Promise<void>) | undefined

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })

export interface Services {
  database: EmbeddedDatabase
  redis: RedisServer
  /** Stops both and removes their folder. */
  stop: () => Promise<void>
}

/**
 * TEST_SHARED_SERVICES (JSON: the role URLs of a running cluster whose roles exist, and a Redis URL), set by
 * a test that runs another mocha process (the plugin scaffold test): that run gets a fresh database in the
 * cluster, dropped at the end, and the same Redis, instead of starting both again.
 */
interface SharedServices {
  database: Pick<EmbeddedDatabase, 'superuserUrl' | 'ownerUrl' | 'appUrl' | 'adminUrl'>
  redisUrl: string
}

/** The variable that hands this run's services to a mocha process it starts (see startServices). */
export const sharedServicesVariable = (): Record<string, string> => {
  const { database, redis } = testStack()
  const shared: SharedServices = { database, redisUrl: redis.url }
  return { TEST_SHARED_SERVICES: JSON.stringify(shared) }
}

async function useSharedServices(
  shared: SharedServices,
  plugins: readonly PluginDefinition[],
): Promise<Services> {
  const name = `map_shared_${randomBytes(5).toString('hex')}`
  const password = (url: string) => decodeURIComponent(new URL(url).password)
  const inDatabase = (url: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString()
  await bootstrapDatabase({
    superuserUrl: shared.database.superuserUrl,
    database: name,
    ownerPassword: password(shared.database.ownerUrl),
    appPassword: password(shared.database.appUrl),
    adminPassword: password(shared.database.adminUrl),
  })
  const superuser = createPool(shared.database.superuserUrl, { max: 1, connectTimeoutSeconds: 10 })
  const database: EmbeddedDatabase = {
    superuserUrl: shared.database.superuserUrl,
    ownerUrl: inDatabase(shared.database.ownerUrl),
    appUrl: inDatabase(shared.database.appUrl),
    adminUrl: inDatabase(shared.database.adminUrl),
    stop: async () => {
      await superuser.unsafe(`drop database if exists ${name} with (force)`)
      await superuser.end({ timeout: 5 })
    },
  }
  await migrate({ ownerUrl: database.ownerUrl, plugins })
  const notOurs = () => Promise.reject(new Error('TEST_SHARED_SERVICES: this Redis belongs to another run'))
  const redis: RedisServer = {
    url: shared.redisUrl,
    port: Number(new URL(shared.redisUrl).port),
    stop: notOurs,
    start: notOurs,
  }
  return { database, redis, stop: () => database.stop() }
}

/**
 * An embedded PostgreSQL in a temporary folder, migrated with `plugins`, and a redis-server, on free ports.
 * `settings`: the server's (the bench passes the machine's, as `npm start` does; tests keep the defaults).
 * `serverLog`: PostgreSQL's own log lines (bench/ab.ts --pg-log; dropped otherwise).
 */
export async function startServices(
  plugins: readonly PluginDefinition[],
  settings?: PostgresSettings,
  serverLog?: (message: string) => void,
): Promise<Services> {
  const shared = process.env.TEST_SHARED_SERVICES
  if (shared) return useSharedServices(JSON.parse(shared) as SharedServices, plugins)
  // Before PostgreSQL starts, so a missing Redis stops the run with its one line and leaves nothing behind.
  assertRedisInstalled()
  const folder = mkdtempSync(path.join(os.tmpdir(), 'map-services-'))
  // As root, PostgreSQL runs as the 'postgres' user, which must be able to reach its data folder.
  chmodSync(folder, 0o755)
  const database = await startEmbeddedPostgres({
    dataDir: path.join(folder, 'pg'),
    port: await freePort(),
    ephemeral: true,
    // The app's variable (app/config.ts), for a run whose default folder should not be used.
    sharedDir: process.env.EMBEDDED_PG_SHARED_DIR,
    // As root in a folder the postgres user cannot enter, what is done for it (once), in one line.
    notice: (message) => process.stderr.write(`${message}\n`),
    ...(settings ? { settings } : {}),
    ...(serverLog ? { log: serverLog } : {}),
  })
  const [redis] = await Promise.all([
    startRedisServer(await freePort()),
    migrate({ ownerUrl: database.ownerUrl, plugins }),
  ])
  return {
    database,
    redis,
    stop: async () => {
      await Promise.allSettled([database.stop(), redis.stop()])
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

export async function startTestStack(): Promise<TestStack> {
  const { database, redis, stop } = await startServices(testPlugins)
  stopServices = stop
  const connect = (url: string, max: number) => createPool(url, { max, connectTimeoutSeconds: 10 })
  stack = {
    database,
    appSql: connect(database.appUrl, 10),
    ownerSql: connect(database.ownerUrl, 4),
    adminSql: connect(database.adminUrl, 4),
    // The superuser, in the app's database (its URL names the maintenance database).
    superSql: connect(
      Object.assign(new URL(database.superuserUrl), {
        pathname: new URL(database.appUrl).pathname,
      }).toString(),
      2,
    ),
    redis,
    // Generous: the suite loads two cores fully; the outage tests use clients with short timeouts.
    redisClient: createRedisClient({ url: redis.url, commandTimeoutMs: 5000 }),
  }
  stack.redisClient.on('error', () => undefined)
  // Connected before any test runs: the client has no offline queue, so a command sent while it connects
  // fails, and the limiter answers 503 rate_limiter_unavailable (a short test file met it on its first
  // requests).
  if (stack.redisClient.status !== 'ready') {
    await once(stack.redisClient, 'ready', { signal: AbortSignal.timeout(20_000) })
  }
  return stack
}

export async function stopTestStack(): Promise<void> {
  if (stack) {
    await Promise.all(
      [stack.appSql, stack.ownerSql, stack.adminSql, stack.superSql].map((sql) => sql.end({ timeout: 5 })),
    )
    stack.redisClient.disconnect()
    stack = undefined
  }
  await stopServices?.()
  stopServices = undefined
}

export function testStack(): TestStack {
  if (!stack) throw new Error('The test stack is not running (test/harness/global.ts starts it)')
  return stack
}
