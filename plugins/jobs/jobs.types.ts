// The seam other plugins build on: a job handler (contributed to the `jobHandlers` extension point) and the
// `jobs` service that enqueues jobs in the caller's transaction. See plugins/README.md, "Background jobs".
import type { Cradle, PendingStatement, TenantTransaction, TransactionSql } from '../../app/plugin-kit.js'

/** What a failed earlier attempt of this job left behind (undefined on a first attempt). */
export interface PreviousFailure {
  /**
   * expired: the attempt ran past expireInSeconds without finishing, most likely because its worker died
   * (SIGKILL, a lost machine); error: the handler threw; shutdown: the worker stopped and let it go (that
   * attempt is not counted).
   */
  reason: 'expired' | 'error' | 'shutdown'
  message: string
}

/** One attempt at one job, as its handler sees it. */
export interface Job<Data = unknown> {
  id: string
  /** The handler's name. */
  name: string
  /** The tenant the job belongs to: every transaction of `services.inTransaction` is pinned to it. */
  tenantId: string
  data: Data
  /** 1 on the first attempt. */
  attempt: number
  /** retryLimit + 1. */
  maxAttempts: number
  /**
   * No attempt follows this one: if it throws, or its worker dies, the job ends failed. A handler that must
   * leave a trace of that (a run ending `failed` with WORKER_LOST) does it now, before its risky part, or when
   * `previousFailure.reason` is `expired` on this last attempt.
   */
  isLastAttempt: boolean
  previousFailure: PreviousFailure | undefined
  /**
   * Aborted when the worker shuts down and the job has not finished within SHUTDOWN_TIMEOUT_SECONDS (the job
   * is then run again later, by any worker), or when the attempt runs past its expireInSeconds (another
   * worker may already be running the next attempt). Pass it to anything long.
   */
  signal: AbortSignal
  /**
   * Aborted when the worker starts to shut down (before `signal`, which waits for the drain's deadline): a
   * handler that works in checkpointed steps stops at its next checkpoint and throws; the job is then put
   * back, the attempt not counted, for another worker to go on from that checkpoint.
   */
  stopping: AbortSignal
  /**
   * The job's completion, not sent: for the attempt's last transaction to send with its COMMIT (commitWith),
   * so the handler's final writes and the job's end commit together, and the worker sends nothing more (one
   * round trip and one transaction less per job). `output` is stored as the job's output, as the object the
   * handler returns would be. Once it is made, the worker takes the job as completed when the handler
   * returns: make it only for the transaction whose commit ends the work (a handler that returns after that
   * transaction failed leaves the job to expire and run again, as after a crash).
   */
  completeAtCommit(tx: TransactionSql, output: object): PendingStatement
}

export interface JobServices {
  /**
   * One short transaction of the job's tenant (app.current_tenant_id set first); `work` gets its scoped
   * services (`services.tx`, repositories). Never nest one in another; hold none across a long wait.
   */
  inTransaction: TenantTransaction
  /** Root singletons (config, logger, metrics, other plugins' singleton services). */
  cradle: Cradle
}

export interface JobHandler<Data = unknown> {
  /** Unique across plugins; start it with your plugin's id (`runs.execute`). */
  name: string
  /**
   * Runs one attempt. Resolving completes the job (the value, JSON, is kept as its output); throwing fails
   * the attempt, which is retried after a backoff while attempts remain. Jobs run at least once: an attempt
   * may be repeated after a crash, so make the work idempotent.
   */
  // A method, not a property: its parameter is then bivariant, so a JobHandler<{ noteId: string }> is a
  // contribution to `jobHandlers` (JobHandler<unknown>) as it is, with no cast and no helper to import.
  handle(job: Job<Data>, services: JobServices): Promise<unknown>
  /** Attempts after the first; default 2. */
  retryLimit?: number
  /** Seconds before the first retry; doubled each retry, with jitter (pg-boss's backoff); default 5. */
  retryDelaySeconds?: number
  /**
   * How long one attempt may run, in seconds; default 900. Past it the attempt's signal is aborted and the
   * queue's maintenance (JOBS_MAINTENANCE_INTERVAL_SECONDS) counts it failed: that is how the job of a worker
   * killed with SIGKILL is retried.
   */
  expireInSeconds?: number
}

export interface EnqueueOptions {
  /** The job's id (a uuid): a second enqueue with the same id adds nothing and answers that id. */
  id?: string
  /** Run it no sooner than this many seconds from now. */
  startAfterSeconds?: number
  /** Higher runs first, among the jobs of tenants not at their limit; default 0. */
  priority?: number
  /** This job's retries, instead of its handler's retryLimit (runs.deliver-event: each subscriber's). */
  retryLimit?: number
  /** This job's first retry delay, instead of its handler's retryDelaySeconds. */
  retryDelaySeconds?: number
  /** How long one attempt of this job may run, instead of its handler's expireInSeconds (runs.execute: RUN_LEASE_SECONDS). */
  expireInSeconds?: number
}

export interface Jobs {
  /**
   * Adds a job for handler `name`, of `tenantId`, in the caller's transaction `tx` (which must be pinned to
   * that tenant): it exists only if that transaction commits. Resolves to the job's id. `data` must be JSON.
   */
  enqueue(
    tx: TransactionSql,
    name: string,
    tenantId: string,
    data: object,
    options?: EnqueueOptions,
  ): Promise<string>
  /**
   * The same job, its INSERT made in `tx` but not sent: resolves to `{ statement }`, for the caller to pass to
   * commitWith with the transaction's last statements, so the job leaves with the COMMIT (no round trip of its
   * own). Its id is the caller's (`options.id`, required): that is the answer, known before the statement's.
   */
  enqueueAtCommit(
    tx: TransactionSql,
    name: string,
    tenantId: string,
    data: object,
    options: EnqueueOptions & { id: string },
  ): Promise<{ statement: PendingStatement }>
  /** The handlers this process knows, by name. */
  readonly handlers: ReadonlyMap<string, JobHandler>
}
