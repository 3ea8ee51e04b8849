// Boot and shutdown: config -> database (embedded or configured) -> migrations -> app -> listen.
// Anything wrong stops the process before it listens.
import { once } from 'node:events'
import type { Server } from 'node:http'
import type { Logger } from 'pino'
import type { Config } from './config.js'
import type { Redis } from 'ioredis'
import { createPool, type Sql } from '../db/client.js'
import { createRedisClient } from './limits/stores.js'
import { migrate } from '../db/migrate.js'
import { plugins } from '../plugins/index.js'
import { seedDemoTenants } from './admin/demo-seed.js'
import { locateDatabase } from './database.js'
import { createApp } from './kernel/create-app.js'
import { loadSpec } from './kernel/spec.js'

export interface RunningServer {
  server: Server
  url: string
  stop: () => Promise<void>
}

async function prepareDatabase(config: Config, ownerUrl: string | undefined, logger: Logger): Promise<void> {
  if (!config.migrateOnStart && !config.seedDemoTenants) return
  if (!ownerUrl) throw new Error('DATABASE_OWNER_URL is required to migrate or seed at start')
  if (config.migrateOnStart) {
    const applied = await migrate({ ownerUrl, plugins, log: (message) => logger.debug(message) })
    logger.info({ applied: applied.map((m) => m.name) }, 'migrations are current')
  }
  if (config.seedDemoTenants) {
    const owner = createPool(ownerUrl, { max: 1, connectTimeoutSeconds: config.dbConnectTimeoutSeconds })
    try {
      await seedDemoTenants(owner)
      logger.info('demo tenants ready: X-API-Key tenant-a-api-key and tenant-b-api-key')
    } finally {
      await owner.end({ timeout: 5 })
    }
  }
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const database = await locateDatabase(config, logger)
  let sql: Sql | undefined
  let redis: Redis | undefined
  try {
    await prepareDatabase(config, database.ownerUrl, logger)
    sql = createPool(database.appUrl, {
      max: config.dbPoolMax,
      connectTimeoutSeconds: config.dbConnectTimeoutSeconds,
    })
    redis = config.redisUrl
      ? createRedisClient({ url: config.redisUrl, commandTimeoutMs: config.redisCommandTimeoutMs })
      : undefined
    // Without this listener ioredis reports every failed reconnect as an unhandled error event.
    redis?.on('error', (error: Error) => logger.warn({ err: error }, 'redis unavailable'))
    const { app, container, drain } = createApp({
      config,
      logger,
      sql,
      plugins,
      spec: loadSpec(),
      ...(redis ? { redis } : {}),
    })
    const server = app.listen(config.port, config.host)
    // A client gets this long to send its whole request (headers included); answers may stream for longer.
    server.requestTimeout = config.requestTimeoutMs
    server.headersTimeout = Math.min(config.requestTimeoutMs, 20_000)
    await once(server, 'listening')
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
    logger.info({ url, docs: `${url}/docs` }, 'listening')
    const pool = sql
    const limiterStore = redis
    const stop = async () => {
      logger.info('shutting down')
      drain()
      const closed = new Promise((resolve) => server.close(resolve))
      server.closeIdleConnections()
      const deadline = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutSeconds * 1000)
      await closed
      clearTimeout(deadline)
      await container.dispose()
      await pool.end({ timeout: 5 })
      limiterStore?.disconnect()
      await database.close()
    }
    return { server, url, stop }
  } catch (error) {
    await sql?.end({ timeout: 1 })
    redis?.disconnect()
    await database.close()
    throw error
  }
}
