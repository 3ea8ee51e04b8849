// `npm start`: run the API until SIGTERM or SIGINT, then shut down gracefully (see RunningServer.stop).
//
// WEB_CONCURRENCY=1 (the default outside production): this process is the server. More: this process is the
// cluster's primary (app/cluster/primary.ts) and the same file, run again by node:cluster, each worker
// (app/cluster/worker.ts, which handles its own signals); the primary's stop drains every worker.
//
// Exit codes: 0 once the shutdown finished, also when the deadline cut requests (those are logged as a
// warning with their count: the operator asked for the stop and the deadline is theirs to choose);
// 1 when the boot failed, a shutdown step failed (a worker's included), or the shutdown itself hung well past
// its deadline. A second signal cuts the requests still running at once instead of waiting for the deadline.
import cluster from 'node:cluster'
import { startCluster } from './cluster/primary.js'
import { runWorker } from './cluster/worker.js'
import { ConfigError, loadServiceConfig, type Config } from './config.js'
import { plugins } from '../plugins/index.js'
import { EmbeddedPlacementError } from '../db/embedded-as-root.js'
import { createLogger } from './logger.js'
import { handleShutdownSignals } from './process-signals.js'
import { startServer } from './server.js'

/** Beyond the drain deadline: time for the pool, Redis and the embedded PostgreSQL to close. */
const CLEANUP_ALLOWANCE_SECONDS = 15
/** A primary waits a little longer than its workers' own deadlines, so they exit before it does. */
const PRIMARY_EXTRA_SECONDS = 5

let config: Config
try {
  // With every plugin's own variables: one validation, every problem listed before anything starts.
  config = loadServiceConfig(plugins)
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}
const logger = createLogger(config)
const clustered = config.webConcurrency > 1

interface Running {
  stop: () => Promise<unknown>
  cutNow: () => void
}

async function serve(): Promise<void> {
  const hardDeadlineMs =
    (config.shutdownTimeoutSeconds + CLEANUP_ALLOWANCE_SECONDS + (clustered ? PRIMARY_EXTRA_SECONDS : 0)) *
    1000
  let running: Running | undefined
  // Installed before the boot, so a signal then does not leave an embedded PostgreSQL running.
  const signals = handleShutdownSignals({
    logger,
    name: 'shutdown',
    hardDeadlineMs,
    onSecondSignal: (signal) => {
      logger.warn({ signal }, 'second signal: cutting the requests still running')
      running?.cutNow()
    },
  })

  try {
    running = clustered ? await startCluster(config, logger) : await startServer(config, logger)
  } catch (error) {
    // A start that cannot work where it is says why and what to do, in one line.
    if (error instanceof EmbeddedPlacementError) process.stderr.write(`${error.message}\n`)
    else logger.fatal({ err: error }, 'failed to start')
    process.exit(1)
  }
  signals.started(running)
}

if (clustered && cluster.isWorker) await runWorker(config, logger)
else await serve()
