// Background jobs (issue 19, first part): a durable queue on PostgreSQL (pg-boss 10.4.2, in the pgboss schema),
// the `jobHandlers` extension point plugins contribute handlers to, the `jobs` service that enqueues in the
// caller's transaction, and the workers, started with the process (lifecycle) and stopped at its shutdown.
// See plugins/jobs/README.md and plugins/README.md, "Background jobs".
import { asFunction, definePlugin, type LifecycleHook } from '../../app/plugin-kit.js'
import { jobsEnv, type JobsConfig } from './jobs.config.js'
import { makeJobsMetrics, type JobsMetrics } from './jobs.metrics.js'
import { makeJobs, type JobsService } from './jobs.queue.js'
import type { JobHandler } from './jobs.types.js'
import { startJobWorker } from './jobs.worker.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    /** WORKER_CONCURRENCY, JOBS_* (jobs.config.ts). */
    jobsConfig: JobsConfig
    /** Enqueue jobs in your transaction (`jobs.enqueue(tx, name, tenantId, data)`); the known handlers. */
    jobs: JobsService
    jobsMetrics: JobsMetrics
  }
  interface ExtensionPoints {
    /** A job handler: `{ name, handle(job, services), retryLimit?, retryDelaySeconds?, expireInSeconds? }`. */
    jobHandlers: JobHandler
  }
}

/**
 * Starts pg-boss's maintenance (expiry, retries, archive: any process may do it, one per interval) and, when
 * WORKER_CONCURRENCY > 0, this process's workers. Stops the workers first, then the maintenance.
 */
export const jobsLifecycle: LifecycleHook = {
  name: 'jobs',
  start: async (cradle) => {
    const { jobs, jobsMetrics, sql, jobsConfig, logger } = cradle
    await jobs.boss.start()
    const { workerConcurrency, tenantConcurrency, pollIntervalMs } = jobsConfig
    const worker =
      workerConcurrency > 0
        ? startJobWorker(
            { sql, jobs, metrics: jobsMetrics, cradle },
            { concurrency: workerConcurrency, tenantConcurrency, pollIntervalMs },
          )
        : undefined
    logger.info(
      { concurrency: workerConcurrency, tenantConcurrency, handlers: [...jobs.handlers.keys()] },
      worker ? 'job workers running' : 'job workers off (WORKER_CONCURRENCY=0): this process only enqueues',
    )
    return {
      stop: async (timeoutMs) => {
        await worker?.stop(timeoutMs)
        await jobs.boss.stop({ graceful: false, close: false })
      },
    }
  },
}

export const jobsPlugin = definePlugin({
  id: 'jobs',
  dir: import.meta.dirname,
  config: jobsEnv,
  services: {
    // Built at boot: a handler named twice, or badly, stops it.
    jobs: asFunction(makeJobs).singleton(),
    jobsMetrics: asFunction(makeJobsMetrics).singleton(),
  },
  migrations: 'migrations',
  contributes: { lifecycle: [jobsLifecycle] },
})
