// The real services the tests run against, started once per mocha run: an embedded PostgreSQL on a
// free port in a temporary folder, migrated with every plugin the tests load.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createPool, type Sql } from '../../db/client.js'
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded.js'
import type { PostgresSettings } from '../../db/embedded-settings.js'
import { migrate } from '../../db/migrate.js'
import type { PluginDefinition } from '../../app/plugin-kit.js'
import { testPlugins } from './plugins.js'
import { startRedisServer, type RedisServer } from './redis-server.js'
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
 * An embedded PostgreSQL in a temporary folder, migrated with `plugins`, and a redis-server, on free ports.
 * `settings`: the server's (the bench passes the machine's, as `npm start` does; tests keep the defaults).
 */
export async function startServices(
  plugins: readonly PluginDefinition[],
  settings?: PostgresSettings,
): Promise<Services> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'map-services-'))
  // As root, PostgreSQL runs as the 'postgres' user, which must be able to reach its data folder.
  chmodSync(folder, 0o755)
  const database = await startEmbeddedPostgres({
    dataDir: path.join(folder, 'pg'),
    port: await freePort(),
    ephemeral: true,
    ...(settings ? { settings } : {}),
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
    superSql: connect(database.superuserUrl.replace(/\/postgres$/, '/map'), 2),
    redis,
    // Generous: the suite loads two cores fully; the outage tests use clients with short timeouts.
    redisClient: createRedisClient({ url: redis.url, commandTimeoutMs: 5000 }),
  }
  stack.redisClient.on('error', () => undefined)
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
