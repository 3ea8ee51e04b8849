// The queue's Prometheus counters, in the app's registry. Labels are bounded: the handler names plugins
// declare in code and a fixed set of outcomes; never a tenant id or a job id.
import { Counter } from 'prom-client'
import type { Cradle } from '../../app/plugin-kit.js'

/** completed; retried (failed, attempts remain); failed (no attempt remains); released (the worker stopped). */
export type JobOutcome = 'completed' | 'retried' | 'failed' | 'released'

export interface JobsMetrics {
  recordJob(handler: string, outcome: JobOutcome): void
}

export function makeJobsMetrics({ metrics }: Pick<Cradle, 'metrics'>): JobsMetrics {
  const processed = new Counter({
    name: 'jobs_processed_total',
    help: 'Job attempts this process ran, by handler and outcome (completed, retried, failed, released).',
    labelNames: ['job', 'outcome'] as const,
    registers: [metrics.registry],
  })
  return { recordJob: (handler, outcome) => processed.inc({ job: handler, outcome }) }
}
