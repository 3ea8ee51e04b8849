// A process that runs the plugins' background work (the job workers) and serves no HTTP: `npm run worker`.
// It boots like the API (config, pool, container with every plugin, boot checks), starts the lifecycle hooks,
// and on SIGTERM or SIGINT stops them within SHUTDOWN_TIMEOUT_SECONDS (a second signal exits at once), then
// closes the container, the pool and Redis. Exit codes as app/main.ts: 0 after a clean stop, 1 otherwise.
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { createPool, type Sql } from '../db/client.js'
import { ConfigError, loadServiceConfig, type Config } from './config.js'
import { buildContainer } from './kernel/build-container.js'
import { runBootChecks, startLifecycle } from './kernel/extensions.js'
import type { PluginDefinition } from './kernel/plugin.js'
import { orderPlugins } from './kernel/plugin-graph.js'
import { createRedisClient } from './limits/stores.js'
import { createLogger } from './logger.js'
import { lowerPriority } from './process-priority.js'
import { appPoolOptionsOf } from './pool-options.js'
import { handleShutdownSignals } from './process-signals.js'

/** Beyond the deadline: time for the pool and Redis to close (as app/main.ts allows). */
const CLEANUP_ALLOWANCE_SECONDS = 15

export interface RunningWorker {
  /** Stops the background work within timeoutMs (0: abort at once), then closes everything. */
  stop: (timeoutMs: number) => Promise<void>
}

export async function startWorkerProcess(
  config: Config,
  logger: Logger,
  plugins: readonly PluginDefinition[],
): Promise<RunningWorker> {
  if (!config.database) {
    throw new Error(
      'npm run worker needs DATABASE_URL: the embedded database belongs to the API process (npm start), ' +
        'which runs its own workers (WORKER_CONCURRENCY)',
    )
  }
  let sql: Sql | undefined
  let redis: Redis | undefined
  try {
    sql = createPool(config.database.appUrl, {
      ...appPoolOptionsOf(config),
      applicationName: 'mini-agent-platform-worker',
    })
    redis = config.redisUrl
      ? createRedisClient({ url: config.redisUrl, commandTimeoutMs: config.redisCommandTimeoutMs })
      : undefined
    redis?.on('error', (error: Error) => logger.warn({ err: error }, 'redis unavailable'))
    const container = buildContainer({ config, logger, sql, redis, plugins: orderPlugins(plugins) })
    const started = await runBootChecks(container.cradle)
      .then(() => startLifecycle(container.cradle))
      .catch(async (error: unknown) => {
        await container.dispose()
        throw error
      })
    logger.info('worker running')
    const pool = sql
    const limiterStore = redis
    return {
      stop: async (timeoutMs) => {
        const failures: unknown[] = []
        const step = (work: () => Promise<unknown> | void) =>
          Promise.resolve()
            .then(work)
            .catch((error: unknown) => void failures.push(error))
        await step(() => started.stop(timeoutMs))
        await step(() => container.dispose())
        await step(() => pool.end({ timeout: 5 }))
        await step(() => limiterStore?.disconnect())
        if (failures.length > 0) throw new AggregateError(failures, 'worker shutdown steps failed')
        logger.info('worker stopped')
      },
    }
  } catch (error) {
    await sql?.end({ timeout: 1 })
    redis?.disconnect()
    throw error
  }
}

/** The `npm run worker` process: boots, runs until SIGTERM or SIGINT, stops gracefully, exits. */
export async function runWorkerMain(plugins: readonly PluginDefinition[]): Promise<void> {
  let config: Config
  try {
    config = loadServiceConfig(plugins)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  }
  const logger = createLogger(config)
  lowerPriority(config.workerNice, logger)
  const timeoutMs = config.shutdownTimeoutSeconds * 1000
  const signals = handleShutdownSignals({
    logger,
    name: 'worker shutdown',
    hardDeadlineMs: timeoutMs + CLEANUP_ALLOWANCE_SECONDS * 1000,
    onSecondSignal: (signal) => {
      // Its running jobs stay active in the queue and run again, elsewhere, once they expire.
      logger.warn({ signal }, 'second signal: exiting at once')
      process.exit(1)
    },
  })
  let running: RunningWorker
  try {
    running = await startWorkerProcess(config, logger, plugins)
  } catch (error) {
    logger.fatal({ err: error }, 'worker failed to start')
    process.exit(1)
  }
  signals.started({ stop: () => running.stop(timeoutMs) })
}
