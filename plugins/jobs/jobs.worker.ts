// The workers of one process: up to WORKER_CONCURRENCY jobs at once, fetched fairly (jobs.repo.ts: a tenant
// at JOBS_TENANT_CONCURRENCY running jobs, in any process, gets no more until one ends), each run in its
// tenant's transactions, then completed or failed through pg-boss (which retries with backoff).
//
// Stopping: no new fetch; the running jobs get timeoutMs to finish; then their signal is aborted and, once
// they return (or after a short grace), those not finished are released to the queue for any worker to run
// again. A worker that dies without stopping (SIGKILL) leaves its jobs active: pg-boss's maintenance fails
// them once their expireInSeconds has passed, and they are retried like any failure.
import type { Cradle, Sql } from '../../app/plugin-kit.js'
import { completeStatement, fetchNextJob, queueName, releaseJob, type FetchedJob } from './jobs.repo.js'
import type { JobsMetrics } from './jobs.metrics.js'
import type { JobsService } from './jobs.queue.js'
import type { Job, PreviousFailure } from './jobs.types.js'

/** After the deadline aborts them, how long the jobs get to return before the worker lets go of them. */
const ABORT_GRACE_MS = 1000
/** After a failed fetch (the database away), how long before the next try. */
const FETCH_RETRY_MS = 2000

export interface JobWorker {
  /** Jobs running now. */
  readonly running: number
  stop(timeoutMs: number): Promise<void>
}

export interface JobWorkerOptions {
  concurrency: number
  tenantConcurrency: number
  pollIntervalMs: number
}

class ShutdownAbort extends Error {
  override name = 'ShutdownAbort'
}
class ExpiredAbort extends Error {
  override name = 'ExpiredAbort'
}

export function startJobWorker(
  deps: {
    sql: Sql
    jobs: JobsService
    metrics: JobsMetrics
    cradle: Cradle
  },
  options: JobWorkerOptions,
): JobWorker {
  const { sql, jobs, metrics, cradle } = deps
  const logger = cradle.logger.child({ component: 'jobs' })
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>()
  let stopping = false
  // Aborted as the stop begins: handlers that checkpoint stop at their next checkpoint (Job.stopping).
  const draining = new AbortController()
  let wake: (() => void) | undefined
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), ms)
      const done = () => {
        clearTimeout(timer)
        wake = undefined
        resolve()
      }
      wake = done
    })

  const launch = (fetched: FetchedJob) => {
    const controller = new AbortController()
    const expiry = setTimeout(
      () => controller.abort(new ExpiredAbort(`the attempt ran past ${fetched.expireInSeconds} s`)),
      fetched.expireInSeconds * 1000,
    )
    const done = runOne(fetched, controller.signal).finally(() => {
      clearTimeout(expiry)
      running.delete(fetched.id)
      wake?.()
    })
    running.set(fetched.id, { controller, done })
  }

  const runOne = async (fetched: FetchedJob, signal: AbortSignal): Promise<void> => {
    const { handler: name, tenant_id: tenantId, data } = fetched.data
    const handler = jobs.handlers.get(name)
    // Set once the handler made the completion its last transaction sends: the worker then sends none.
    let completedAtCommit = false
    const job: Job = {
      id: fetched.id,
      name,
      tenantId,
      data,
      attempt: fetched.retryCount + 1,
      maxAttempts: fetched.retryLimit + 1,
      isLastAttempt: fetched.retryCount >= fetched.retryLimit,
      previousFailure: previousFailureOf(fetched.output),
      signal,
      stopping: draining.signal,
      completeAtCommit: (tx, output) => {
        completedAtCommit = true
        return completeStatement(tx, fetched.id, output)
      },
    }
    const log = logger.child({ jobId: job.id, job: name, tenantId, attempt: job.attempt })
    try {
      if (!handler) throw new Error(`no job handler is named "${name}" in this process`)
      log.debug('job started')
      const output = await cradle.tenantWork.run(tenantId, `job:${job.id}`, (inTransaction) =>
        handler.handle(job, { inTransaction, cradle }),
      )
      if (!completedAtCommit) await jobs.boss.complete(queueName, job.id, output ?? undefined)
      metrics.recordJob(name, 'completed')
      log.debug('job completed')
    } catch (error) {
      // Aborted at the deadline, or stopped at a checkpoint while the worker drains: put back, not counted.
      if (signal.reason instanceof ShutdownAbort || draining.signal.aborted) {
        await releaseJob(sql, job.id, 'the worker shut down before the job finished').catch((err: unknown) =>
          log.warn({ err }, 'a job could not be released; it runs again once it expires'),
        )
        metrics.recordJob(name, 'released')
        log.info('job released at shutdown')
        return
      }
      if (signal.reason instanceof ExpiredAbort) {
        // Maintenance fails (and retries) an expired attempt itself; failing it here too could fail the next.
        log.warn({ err: error }, 'job attempt expired')
        return
      }
      const message = error instanceof Error ? error.message : String(error)
      await jobs.boss
        .fail(queueName, job.id, { reason: 'error', message })
        .catch((err: unknown) =>
          log.warn({ err }, 'a failed job could not be recorded; it runs again once it expires'),
        )
      // A name no handler has (a job of another version) counts under one label: labels stay bounded.
      metrics.recordJob(handler ? name : '(unknown)', job.isLastAttempt ? 'failed' : 'retried')
      log.warn({ err: error, lastAttempt: job.isLastAttempt }, 'job attempt failed')
    }
  }

  const loop = (async () => {
    while (!stopping) {
      let failed = false
      while (!stopping && running.size < options.concurrency) {
        let fetched: FetchedJob | undefined
        try {
          fetched = await fetchNextJob(sql, options.tenantConcurrency)
        } catch (err) {
          if (!stopping) logger.warn({ err }, 'fetching jobs failed')
          failed = true
          break
        }
        if (!fetched) break
        launch(fetched)
      }
      if (!stopping) await nap(failed ? FETCH_RETRY_MS : options.pollIntervalMs)
    }
  })()

  return {
    get running() {
      return running.size
    },
    stop: async (timeoutMs) => {
      stopping = true
      draining.abort()
      wake?.()
      await loop
      const settled = () => Promise.allSettled([...running.values()].map((r) => r.done))
      if (running.size > 0 && !(await within(settled(), timeoutMs))) {
        logger.warn({ jobs: running.size }, 'shutdown: jobs still running at the deadline are aborted')
        for (const { controller } of running.values()) controller.abort(new ShutdownAbort('shutdown'))
        if (!(await within(settled(), ABORT_GRACE_MS))) {
          logger.warn(
            { jobs: running.size },
            'shutdown: jobs ignored their abort; they run again once they expire',
          )
        }
      }
    },
  }
}

const within = (promise: Promise<unknown>, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    void promise.then(() => {
      clearTimeout(timer)
      resolve(true)
    })
  })

/** Reads what the last attempt left: our fail/release output, or pg-boss's expiry message. */
function previousFailureOf(output: unknown): PreviousFailure | undefined {
  if (typeof output !== 'object' || output === null) return undefined
  const record = output as { reason?: unknown; message?: unknown; value?: { message?: unknown } }
  if (record.reason === 'error' || record.reason === 'shutdown') {
    return { reason: record.reason, message: typeof record.message === 'string' ? record.message : '' }
  }
  const expired = record.value?.message
  if (typeof expired === 'string') return { reason: 'expired', message: expired }
  return undefined
}
