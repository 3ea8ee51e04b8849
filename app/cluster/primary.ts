// The cluster's primary (WEB_CONCURRENCY > 1): it serves no request itself. It finds the database (starting
// the embedded PostgreSQL when there is no DATABASE_URL), migrates and seeds once, then forks the workers,
// which all listen on PORT (node:cluster hands connections to them in turn). It serves METRICS_PORT with
// every worker's metrics aggregated (prom-client's AggregatorRegistry), answers the workers' requests for
// the same aggregation (GET /metrics on the API port), replaces a worker that dies, and on a signal has
// every worker drain, then closes what it opened.
//
// Quotas stay exact across workers because the config refuses WEB_CONCURRENCY > 1 without REDIS_URL: the
// sliding windows are then one Lua script in Redis, whichever worker asks.
import cluster, { type Worker } from 'node:cluster'
import type { Logger } from 'pino'
import { AggregatorRegistry, type PrometheusContentType } from 'prom-client'
import type { Config } from '../config.js'
import { locateDatabase, type DatabaseLocation } from '../database.js'
import { startMetricsServer, type MetricsServer } from '../observability/metrics-server.js'
import { metricsOnApiPort } from '../observability/metrics-access.js'
import { prepareDatabase } from '../server.js'
import { isClusterMessage, type ClusterMessage } from './messages.js'

/** Restart-storm guard: more unexpected exits than this within the window stop the whole cluster. */
export const restartLimit = { exits: 5, windowMs: 60_000 }

/** A replacement waits longer after each recent death: none after the first, then 0.5 s, 1 s, 2 s... (10 s). */
export const restartDelayMs = (recentExits: number): number =>
  recentExits <= 1 ? 0 : Math.min(10_000, 500 * 2 ** (recentExits - 2))

export interface RunningCluster {
  url: string
  /** Every worker drains (SHUTDOWN_TIMEOUT_SECONDS), then the metrics listener and the database close. */
  stop: () => Promise<ClusterShutdownReport>
  /** Has every worker cut its requests still running now (a second signal). */
  cutNow: () => void
}

export interface ClusterShutdownReport {
  workers: number
  /** Workers that exited with a code other than 0 (their own shutdown failed or hung). */
  failed: number
  durationMs: number
}

/**
 * What each worker's configuration adds to the primary's environment: the database the primary found (so
 * an embedded one is shared, not started per worker), and nothing to migrate or seed (done once, here).
 * HOST is passed on because its default depends on whether the database is embedded.
 */
function workerEnv(config: Config, database: DatabaseLocation): Record<string, string> {
  return {
    DATABASE_URL: database.appUrl,
    DATABASE_OWNER_URL: '',
    DATABASE_ADMIN_URL: database.adminUrl ?? '',
    MIGRATE_ON_START: 'false',
    SEED_DEMO_TENANTS: 'false',
    HOST: config.host,
  }
}

interface Supervisor {
  fork: () => Worker
  workers: () => Worker[]
}

/** Forks workers and keeps count of them; replaces one that dies unless stopping, within the storm guard. */
interface SupervisorHooks {
  /** While true (booting, stopping), an exit is not replaced. */
  stopping: () => boolean
  giveUp: () => void
  onMessage: (worker: Worker, message: ClusterMessage) => void
}

function supervise(env: Record<string, string>, logger: Logger, hooks: SupervisorHooks): Supervisor {
  const live = new Set<Worker>()
  const recentExits: number[] = []
  const fork = (): Worker => {
    const worker = cluster.fork(env)
    live.add(worker)
    worker.on('message', (message: unknown) => {
      if (isClusterMessage(message)) hooks.onMessage(worker, message)
    })
    worker.once('exit', (code, signal) => {
      live.delete(worker)
      if (hooks.stopping()) return
      const now = Date.now()
      recentExits.push(now)
      while (recentExits.length > 0 && recentExits[0]! < now - restartLimit.windowMs) recentExits.shift()
      const details = { worker: worker.id, pid: worker.process.pid, code, signal }
      if (recentExits.length > restartLimit.exits) {
        logger.fatal(
          { ...details, exits: recentExits.length, windowSeconds: restartLimit.windowMs / 1000 },
          'workers keep dying: giving up',
        )
        hooks.giveUp()
        return
      }
      const delayMs = restartDelayMs(recentExits.length)
      logger.error({ ...details, restartInMs: delayMs }, 'worker died; starting a replacement')
      setTimeout(() => {
        if (!hooks.stopping()) fork()
      }, delayMs)
    })
    return worker
  }
  return { fork, workers: () => [...live] }
}

/** The primary: database, migrations, metrics listener, N workers; resolves once every worker listens. */
export async function startCluster(config: Config, logger: Logger): Promise<RunningCluster> {
  const database = await locateDatabase(config, logger)
  let metricsServer: MetricsServer | undefined
  try {
    await prepareDatabase(config, database.ownerUrl, logger)
    const aggregator = new AggregatorRegistry<PrometheusContentType>()
    if (config.metricsPort !== undefined) {
      metricsServer = await startMetricsServer(
        { contentType: aggregator.contentType, metrics: () => aggregator.clusterMetrics() },
        { port: config.metricsPort, host: config.host, token: config.metricsToken },
      )
      logger.info({ url: `${metricsServer.url}/metrics` }, 'metrics listening (every worker, aggregated)')
    } else if (!metricsOnApiPort(config)) logger.info('metrics not served: set METRICS_PORT or METRICS_TOKEN')
    return await forkWorkers(config, logger, database, aggregator, metricsServer)
  } catch (error) {
    await metricsServer?.close().catch(() => undefined)
    await database.close()
    throw error
  }
}

async function forkWorkers(
  config: Config,
  logger: Logger,
  database: DatabaseLocation,
  aggregator: AggregatorRegistry<PrometheusContentType>,
  metricsServer: MetricsServer | undefined,
): Promise<RunningCluster> {
  const count = config.webConcurrency
  let stopping = false
  let booted = false
  let url = ''
  let stopped: Promise<ClusterShutdownReport> | undefined
  const exitCodes: (number | null)[] = []
  let bootFailed: ((error: Error) => void) | undefined
  let bootReady: (() => void) | undefined
  const ready = new Set<number>()

  const onMessage = (worker: Worker, message: ClusterMessage) => {
    if (message.type === 'map:ready') {
      url = message.url
      ready.add(worker.id)
      // A worker still loading when the stop was sent may have missed it (no listener yet): tell it again.
      if (stopping) worker.send({ type: 'map:stop' })
      if (booted) logger.info({ worker: worker.id, pid: worker.process.pid }, 'replacement worker listening')
      else if (ready.size === count) bootReady?.()
    } else if (message.type === 'map:metrics-request') {
      aggregator.clusterMetrics().then(
        (content) =>
          worker.isConnected() && worker.send({ type: 'map:metrics-reply', id: message.id, content }),
        (error: Error) =>
          worker.isConnected() &&
          worker.send({ type: 'map:metrics-reply', id: message.id, error: error.message }),
      )
    }
  }
  const supervisor = supervise(workerEnv(config, database), logger, {
    stopping: () => stopping || !booted,
    // A crash loop is for the operator (or the orchestrator's restart policy) to see: stop, exit 1.
    giveUp: () =>
      void stop()
        .catch(() => undefined)
        .finally(() => process.exit(1)),
    onMessage,
  })
  cluster.on('exit', (worker, code) => {
    if (stopping) exitCodes.push(code)
    else if (!booted) bootFailed?.(new Error(`worker ${worker.id} exited (${code}) before it was listening`))
  })

  const allExited = () =>
    new Promise<void>((resolve) => {
      const check = () => (supervisor.workers().length === 0 ? resolve() : setTimeout(check, 50))
      check()
    })

  const stop = (): Promise<ClusterShutdownReport> => {
    stopped ??= (async () => {
      const startedAt = Date.now()
      stopping = true
      const workers = supervisor.workers()
      logger.info({ workers: workers.length }, 'shutting down: every worker drains its requests')
      for (const worker of workers) if (worker.isConnected()) worker.send({ type: 'map:stop' })
      await allExited()
      await metricsServer?.close().catch((error: unknown) => logger.error({ err: error }, 'metrics listener'))
      await database.close()
      const report = {
        workers: exitCodes.length,
        failed: exitCodes.filter((code) => code !== 0).length,
        durationMs: Date.now() - startedAt,
      }
      logger.info(report, 'stopped')
      if (report.failed > 0) throw new Error(`${report.failed} worker(s) did not stop cleanly`)
      return report
    })()
    return stopped
  }
  const cutNow = () => {
    for (const worker of supervisor.workers()) if (worker.isConnected()) worker.send({ type: 'map:cut' })
  }

  try {
    await new Promise<void>((resolve, reject) => {
      bootReady = resolve
      bootFailed = reject
      for (let i = 0; i < count; i++) supervisor.fork()
    })
  } catch (error) {
    stopping = true
    for (const worker of supervisor.workers()) worker.process.kill('SIGKILL')
    await allExited()
    throw error
  }
  booted = true
  logger.info({ url, docs: `${url}/docs`, workers: count }, 'listening')
  return { url, stop, cutNow }
}
