// Boot and shutdown: config -> database (embedded or configured) -> migrations -> app -> listen.
// Anything wrong stops the process before it listens.
import { once } from 'node:events'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import type { Config } from './config.js'
import type { Redis } from 'ioredis'
import type { Registry } from 'prom-client'
import { createPool, type Sql } from '../db/client.js'
import { createRedisClient } from './limits/stores.js'
import { migrate } from '../db/migrate.js'
import { plugins } from '../plugins/index.js'
import { seedDemoTenants } from './admin/demo-seed.js'
import { locateDatabase } from './database.js'
import { appPoolOptionsOf, poolOptionsOf } from './pool-options.js'
import { createApp } from './kernel/create-app.js'
import { runBootChecks, startLifecycle } from './kernel/extensions.js'
import { loadSpec } from './kernel/spec.js'
import { metricsOnApiPort } from './observability/metrics-access.js'
import { startMetricsServer, type MetricsSource } from './observability/metrics-server.js'

export interface RunningServer {
  server: Server
  url: string
  /**
   * Graceful shutdown: readiness answers 503, the listener closes, in-flight requests (server-sent event
   * streams included) get SHUTDOWN_TIMEOUT_SECONDS to finish, then what remains is cut; then the
   * container, the pool, Redis and the embedded PostgreSQL are closed. Resolves once all of it is done.
   */
  stop: () => Promise<ShutdownReport>
  /** Cuts the requests still running at once instead of at the deadline (a second signal). */
  cutNow: () => void
}

export interface ShutdownReport {
  /** Requests still running at the deadline, whose connections were destroyed. */
  cutRequests: number
  durationMs: number
}

export interface ServerOptions {
  /**
   * Set when this server is one worker of a cluster (app/cluster/worker.ts): the primary migrated, seeded and
   * serves METRICS_PORT; the worker hands its registry over for aggregation and serves, on the API port,
   * the source it gets back (every worker's metrics).
   */
  clusterWorker?: { shareMetrics: (registry: Registry) => MetricsSource }
}

/** After a cut, how long the cut requests get to record their outcome (a cancelled run) before the pool ends. */
const CUT_GRACE_MS = 500

/**
 * Tracks the responses in flight. While draining, every response not yet begun says `Connection: close`
 * (a request that arrives on a kept-alive connection is still served, then its connection closes), and a
 * connection whose response ends is closed as soon as it is idle rather than after keepAliveTimeout.
 */
function trackRequests(server: Server) {
  const inFlight = new Set<ServerResponse>()
  let draining = false
  // Prepended so the header is set before the app can start answering.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res)
    if (draining) res.setHeader('Connection', 'close')
    res.once('close', () => {
      inFlight.delete(res)
      if (draining) setImmediate(() => server.closeIdleConnections())
    })
  })
  return {
    inFlight,
    startDraining: () => {
      draining = true
      // Answers not yet begun will say so too; a stream already under way ends its connection when done.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close')
    },
  }
}

/** Runs every step even when one fails; logs each failure, then throws naming them. */
async function runAll(logger: Logger, steps: [string, () => Promise<void> | void][]): Promise<void> {
  const failed: string[] = []
  for (const [name, step] of steps) {
    try {
      await step()
    } catch (error) {
      logger.error({ err: error, step: name }, 'shutdown step failed')
      failed.push(name)
    }
  }
  if (failed.length > 0) throw new Error(`shutdown steps failed: ${failed.join(', ')}`)
}

/** Migrations and demo tenants, when configured; once per start (a cluster's primary does it for its workers). */
export async function prepareDatabase(
  config: Config,
  ownerUrl: string | undefined,
  logger: Logger,
): Promise<void> {
  if (!config.migrateOnStart && !config.seedDemoTenants) return
  if (!ownerUrl) throw new Error('DATABASE_OWNER_URL is required to migrate or seed at start')
  if (config.migrateOnStart) {
    const applied = await migrate({ ownerUrl, plugins, log: (message) => logger.debug(message) })
    logger.info({ applied: applied.map((m) => m.name) }, 'migrations are current')
  }
  if (config.seedDemoTenants) {
    const owner = createPool(ownerUrl, poolOptionsOf(config, 1))
    try {
      await seedDemoTenants(owner)
      logger.info('demo tenants ready: X-API-Key tenant-a-api-key and tenant-b-api-key')
    } finally {
      await owner.end({ timeout: 5 })
    }
  }
}

/** The operators' pool, when the admin API is on; a token without a way to reach map_admin stops the boot. */
function adminPool(config: Config, adminUrl: string | undefined): Sql | undefined {
  if (!config.adminToken) return undefined
  if (!adminUrl)
    throw new Error('ADMIN_TOKEN is set but DATABASE_ADMIN_URL is not: the admin API runs as map_admin')
  return createPool(adminUrl, poolOptionsOf(config, 2))
}

export async function startServer(
  config: Config,
  logger: Logger,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const worker = options.clusterWorker
  const database = await locateDatabase(config, logger)
  let sql: Sql | undefined
  let redis: Redis | undefined
  let adminSql: Sql | undefined
  try {
    await prepareDatabase(config, database.ownerUrl, logger)
    sql = createPool(database.appUrl, appPoolOptionsOf(config))
    redis = config.redisUrl
      ? createRedisClient({ url: config.redisUrl, commandTimeoutMs: config.redisCommandTimeoutMs })
      : undefined
    // Without this listener ioredis reports every failed reconnect as an unhandled error event.
    redis?.on('error', (error: Error) => logger.warn({ err: error }, 'redis unavailable'))
    adminSql = adminPool(config, database.adminUrl)
    const { app, container, drain, work } = createApp({
      config,
      logger,
      sql,
      plugins,
      spec: loadSpec(),
      ...(redis ? { redis } : {}),
      ...(adminSql ? { adminSql } : {}),
      ...(worker ? { metricsSource: worker.shareMetrics } : {}),
    })
    // What plugins need settled before serving (plugins/secrets: a master key while secrets exist).
    await runBootChecks(container.cradle).catch(async (error: unknown) => {
      await container.dispose()
      throw error
    })
    if (adminSql && !worker) logger.info('admin API on at /admin/v1')
    const server = app.listen(config.port, config.host)
    const requests = trackRequests(server)
    // A client gets this long to send its whole request (headers included); answers may stream for longer.
    server.requestTimeout = config.requestTimeoutMs
    server.headersTimeout = Math.min(config.requestTimeoutMs, 20_000)
    await once(server, 'listening')
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
    // A worker's line is its own; the primary logs "listening" once every worker is.
    logger.info({ url, docs: `${url}/docs` }, worker ? 'worker listening' : 'listening')
    const { registry } = container.cradle.metrics
    const metricsServer =
      config.metricsPort === undefined || worker
        ? undefined
        : await startMetricsServer(registry, {
            port: config.metricsPort,
            host: config.host,
            token: config.metricsToken,
          }).catch((error: unknown) => {
            server.close()
            throw error
          })
    // Plugins' background work (plugins/jobs: the job workers), now that the process serves.
    const lifecycle = await startLifecycle(container.cradle).catch(async (error: unknown) => {
      server.close()
      await metricsServer?.close()
      await container.dispose()
      throw error
    })
    if (metricsServer) logger.info({ url: `${metricsServer.url}/metrics` }, 'metrics listening')
    else if (!metricsOnApiPort(config) && !worker)
      logger.info('metrics not served: set METRICS_PORT or METRICS_TOKEN')
    const pool = sql
    const limiterStore = redis
    const operatorsPool = adminSql
    let cutRequests = 0
    let cut: (() => void) | undefined
    const stop = async (): Promise<ShutdownReport> => {
      const startedAt = Date.now()
      const timeoutMs = config.shutdownTimeoutSeconds * 1000
      drain()
      requests.startDraining()
      // Background work stops beside the drain, within the same deadline; the container waits for it.
      const backgroundStopped = lifecycle.stop(timeoutMs)
      backgroundStopped.catch(() => undefined) // awaited (and reported) below, with the other steps
      // Resolves once every connection has ended; server.close() also closes the idle ones right away.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      logger.info(
        { inFlight: requests.inFlight.size, timeoutSeconds: config.shutdownTimeoutSeconds },
        'shutting down: not ready, no new connections, waiting for requests in flight',
      )
      cut = () => {
        cut = undefined
        cutRequests = requests.inFlight.size
        server.closeAllConnections()
      }
      const deadline = setTimeout(() => cut?.(), timeoutMs)
      await closed
      clearTimeout(deadline)
      cut = undefined
      if (cutRequests > 0) {
        logger.warn(
          { cutRequests, timeoutSeconds: config.shutdownTimeoutSeconds },
          'shutdown: requests still running at the deadline (or a second signal) were cut',
        )
      }
      // A handler outlives its connection when the client went away or was cut (its run records itself as
      // cancelled): the container and the pool stay until it ends, within what is left of the timeout.
      const leftMs = Math.max(CUT_GRACE_MS, timeoutMs - (Date.now() - startedAt))
      if (!(await work.settled(cutRequests > 0 ? CUT_GRACE_MS : leftMs))) {
        logger.warn({ handlers: work.count }, 'shutdown: handlers still running were left behind')
      }
      await runAll(logger, [
        ['background work', () => backgroundStopped],
        ['metrics listener', () => metricsServer?.close()],
        ['container', () => container.dispose()],
        ['database pool', () => pool.end({ timeout: 5 })],
        ['admin pool', () => operatorsPool?.end({ timeout: 5 })],
        ['redis', () => limiterStore?.disconnect()],
        ['embedded PostgreSQL', () => database.close()],
      ])
      const report = { cutRequests, durationMs: Date.now() - startedAt }
      logger.info(report, 'stopped')
      return report
    }
    const cutNow = () => cut?.()
    return { server, url, stop, cutNow }
  } catch (error) {
    await sql?.end({ timeout: 1 })
    await adminSql?.end({ timeout: 1 })
    redis?.disconnect()
    await database.close()
    throw error
  }
}
