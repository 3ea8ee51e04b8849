// Background runs (issue 19): `"background": true` records the run queued and, in the same transaction,
// enqueues a `runs.execute` job (plugins/jobs). A worker takes it up from its last step boundary, whatever
// happened before: nothing done yet (queued), a worker lost mid-run (its job's lease expired), or tool
// outputs that arrived for a background run that waited. Steps are the checkpoints: a model step that was
// not recorded is run again; a tool step that completed is not (one that was running is). Each attempt
// first releases the budget a lost attempt's model call still held. After RUN_MAX_ATTEMPTS attempts, one
// more (the job's last, kept for this) ends the run failed with WORKER_LOST, so no run stays running.
import { appError, problemReply, type Cradle, type TransactionSql } from '../../app/plugin-kit.js'
import type { JobHandler } from '../jobs/jobs.types.js'
import type { ModelEntry } from '../models/provider.js'
import { budgetsOf, holdCall } from './budget.js'
import type { Budgets } from './budget.repo.js'
import { transition } from './execution-state.js'
import { toExecution, type ExecutionRow } from './execution.js'
import { RunEventLog } from './run.event-log.js'
import {
  budgetFailure,
  cancelledError,
  defaultMaxSteps,
  heldOf,
  planModelCall,
  recordRun,
  RunInterrupted,
  type LoopRun,
  type RunScope,
} from './run.loop.js'
import { deliveryJobId, type SubscriberInterest } from './run.subscribers.js'
import { planToolCalls, runToolCalls, type RunTool, type ToolCallResult } from './run.tools.js'
import { conversationOf, type StepRow } from './steps.js'

export const executeJobName = 'runs.execute'

interface ExecuteJob {
  execution_id: string
  /** A foreground run whose process was lost (run.orphans.ts): it ends WORKER_LOST, it is not run here. */
  abandon?: boolean
}

type JobServices = Pick<Cradle, 'jobs' | 'tenantId' | 'runsConfig'> & { tx: TransactionSql }

/** The job's settings: one attempt more than RUN_MAX_ATTEMPTS (the last records WORKER_LOST). */
const runJobOptions = (services: JobServices, id: string) => {
  const { maxAttempts, leaseSeconds } = services.runsConfig.background
  return { id, retryLimit: maxAttempts, retryDelaySeconds: 1, expireInSeconds: leaseSeconds }
}

/**
 * Enqueues the run's next stretch in services' transaction. The job's id is fixed by the run and the step it
 * starts from, so a repeated enqueue adds nothing.
 */
export function enqueueRun(
  services: JobServices,
  executionId: string,
  fromStep: number,
  /** The orphan sweep's: the job's own id (one per adoption), and whether the run is only to be ended. */
  adoption?: { jobId: string; abandon: boolean },
): Promise<string> {
  return services.jobs.enqueue(
    services.tx,
    executeJobName,
    services.tenantId,
    { execution_id: executionId, ...(adoption?.abandon ? { abandon: true } : {}) } satisfies ExecuteJob,
    runJobOptions(
      services,
      adoption?.jobId ??
        (fromStep === 0 ? executionId : deliveryJobId(executeJobName, executionId, fromStep)),
    ),
  )
}

/**
 * A new background run's first job (enqueueRun from step 0), its INSERT not sent: a statement for the
 * transaction's COMMIT (commitWith).
 */
export const firstRunJob = (services: JobServices, executionId: string) =>
  services.jobs.enqueueAtCommit(
    services.tx,
    executeJobName,
    services.tenantId,
    { execution_id: executionId } satisfies ExecuteJob,
    runJobOptions(services, executionId),
  )

type Locked = ExecutionRow & { reservation: LoopRun['reservation'] | null }

/** What an attempt reads first: the run, locked, its steps, and its tenant's interest in its events. */
interface Found {
  row: Locked
  steps: StepRow[]
  interest: SubscriberInterest | undefined
}

/** Where an attempt starts: nothing to do, tool calls to run again first, or the next model step. */
type Start = { done: true } | { rerun: RerunPlan } | { run: LoopRun }
interface RerunPlan {
  row: Locked
  tools: RunTool[]
  steps: StepRow[]
}

export function makeBackgroundRuns(
  deps: Pick<
    Cradle,
    | 'modelsGateway'
    | 'modelsRegistry'
    | 'tenantSettingsCache'
    | 'toolKindsRegistry'
    | 'runsMetrics'
    | 'runsConfig'
  >,
) {
  const {
    modelsGateway,
    modelsRegistry,
    tenantSettingsCache,
    toolKindsRegistry: kinds,
    runsMetrics,
    runsConfig,
  } = deps
  const findModel = (id: string): ModelEntry => {
    const model = modelsRegistry.find(id)
    if (!model) throw new Error(`the model ${id} of a queued run is no longer configured`)
    return model
  }

  /** Ends the locked run in services' transaction with its final event; tool steps still open end too. */
  async function end(
    services: Cradle,
    row: Locked,
    to: 'failed' | 'cancelled',
    error: ReturnType<typeof appError>,
    requestId: string,
  ): Promise<void> {
    const steps = await services.runsStepsRepo.all(row.id)
    const open = steps.filter((s) => s.status === 'running' || s.status === 'waiting')
    await services.runsStepsRepo.finishToolSteps(
      row.id,
      open.map((s) => ({
        index: s.index,
        status: 'cancelled' as const,
        error: { code: error.code, message: error.message },
        latencyMs: 0,
      })),
    )
    const ended = await services.runsRunRepo.update(row.id, {
      move: transition(row, to),
      error: { ...problemReply(error, requestId).body },
      requiredAction: null,
      reservation: null,
    })
    const log = Object.assign(new RunEventLog(row.id), { live: true })
    log.record(to === 'failed' ? 'execution.failed' : 'execution.cancelled', toExecution(ended!))
    await log.commitIn(services)
    recordRun(runsMetrics, ended!)
  }

  /** Releases what a lost attempt's model call held: it was never settled. */
  const release = (services: Cradle, row: Locked) =>
    row.reservation?.periodStart
      ? services.runsBudgetRepo.settle(row.reservation, { tokens: 0, costUsd: 0 })
      : undefined

  /** The run from its steps: the next model step planned and reserved, or the pause its waiting calls need. */
  async function plan(
    services: Cradle,
    scope: RunScope,
    found: Found,
    tools: RunTool[],
    budgets: Budgets,
  ): Promise<Start> {
    const { row, steps, interest } = found
    const log = Object.assign(new RunEventLog(row.id), { live: true, interest })
    const waiting = steps.filter((s) => s.type === 'tool' && s.status === 'waiting')
    if (waiting.length > 0) {
      // Its server-side calls are done (again); the caller runs the rest.
      const paused = await services.runsRunRepo.update(row.id, {
        move: transition(row, 'requires_action'),
        requiredAction: {
          type: 'submit_tool_outputs',
          tool_calls: waiting.map((s) => ({
            id: s.tool_call_id!,
            tool_id: s.tool_id!,
            name: s.tool_name!,
            arguments: s.arguments!,
          })),
        },
        expiresInSeconds: runsConfig.toolOutputTimeoutSeconds,
        reservation: null,
      })
      log.record('execution.requires_action', toExecution(paused!))
      await log.commitIn(services)
      return { done: true }
    }
    const model = findModel(row.model)
    const messages = conversationOf(row.prompt, steps)
    const agent = row.agent_snapshot
    const call = planModelCall(modelsGateway, { agent, model, tools }, messages)
    const held = await holdCall(services.runsBudgetRepo, budgets, call.worstCase)
    if ('refused' in held) {
      await end(services, row, 'failed', budgetFailure(held.refused, row.id), scope.requestId)
      return { done: true }
    }
    const nextIndex = steps.reduce((next, s) => Math.max(next, s.index + 1), 0)
    // A queued run's first model step is announced here (a foreground run's by execution.created).
    if (nextIndex === 0) log.record('step.created', { execution_id: row.id, index: 0, type: 'model' })
    // The row is this transaction's (locked): its update cannot miss, so it leaves with the COMMIT.
    await log.commitIn(
      services,
      services.runsRunRepo.updateStatement(row.id, {
        ...(row.status === 'queued' ? { move: transition(row, 'running') } : {}),
        reservation: heldOf(held.reservation),
      }),
    )
    return {
      run: {
        id: row.id,
        agent,
        model,
        tools,
        maxSteps: row.max_steps ?? defaultMaxSteps,
        modelSteps: steps.filter((s) => s.type === 'model').length,
        nextIndex,
        messages,
        call,
        reservation: held.reservation,
        budgets,
        log: Object.assign(new RunEventLog(row.id), { live: true, interest }),
      },
    }
  }

  /** The run as this attempt finds it, locked: released, cancelled, or ready to go on. */
  async function start(
    services: Cradle,
    scope: RunScope,
    executionId: string,
    budgets: Budgets,
  ): Promise<Start> {
    // In one round trip: the row, locked, then (in that order) its steps, and what the tenant's subscribers
    // want of its events.
    const [row, steps, interest] = await Promise.all([
      services.runsRunRepo.lockForWorker(executionId),
      services.runsStepsRepo.all(executionId),
      services.runsEventSubscribers.interestOf(services),
    ])
    // Final, or waiting for the caller: an earlier attempt got there (a job may run twice).
    if (!row || (row.status !== 'queued' && row.status !== 'running')) return { done: true }
    await release(services, row)
    if (row.cancel_requested_at) {
      await end(
        services,
        row,
        'cancelled',
        cancelledError({ id: row.id, model: findModel(row.model) }, 'requested'),
        scope.requestId,
      )
      return { done: true }
    }
    const tools = await services.catalogToolsRepo.runnable(row.agent_snapshot.tools.map((t) => t.id))
    if (steps.some((s) => s.type === 'tool' && s.status === 'running')) {
      await services.runsRunRepo.update(row.id, { reservation: null })
      return { rerun: { row, tools, steps } }
    }
    return plan(services, scope, { row, steps, interest }, tools, budgets)
  }

  /** Runs again the tool calls a lost attempt left running; records what finished. */
  async function rerun(scope: RunScope, { row, tools, steps }: RerunPlan): Promise<void> {
    const log = Object.assign(new RunEventLog(row.id), { live: true })
    const planned = steps
      .filter((s) => s.type === 'tool' && s.status === 'running')
      .flatMap((s) =>
        planToolCalls(
          kinds,
          tools,
          [{ id: s.tool_call_id!, name: s.tool_name!, arguments: s.arguments! }],
          s.index,
        ),
      )
    const ran = await runToolCalls(
      kinds,
      planned,
      {
        signal: scope.signal,
        tenantId: scope.tenantId,
        executionId: row.id,
        inTransaction: scope.inTransaction,
      },
      (done) => log.record('tool_call.completed', completedEvent(row.id, planned, done)),
    )
    // A call refused on the way (its tool since deleted, or changed) is finished as refused.
    const refused: ToolCallResult[] = planned
      .filter((p) => p.status === 'failed')
      .map((p) => ({ index: p.index, status: 'failed', error: p.error!, latencyMs: 0 }))
    const finished = [...ran.filter((r) => r.status !== 'cancelled'), ...refused]
    await scope.inTransaction(async (services) => {
      await services.runsStepsRepo.finishToolSteps(
        row.id,
        finished.map(({ index, status, output, error, latencyMs }) => ({
          index,
          status,
          latencyMs,
          ...(status === 'completed' ? { output } : { error: error! }),
        })),
      )
      await log.commitIn(services)
    })
    if (scope.signal.aborted) throw new RunInterrupted(row.id)
  }

  return {
    /** The run ready for its next model step, or undefined when this attempt has nothing to drive. */
    async resume(scope: RunScope, executionId: string): Promise<LoopRun | undefined> {
      // Read outside any transaction, as a request does (a cache in front of the tenants row).
      const budgets = budgetsOf(await tenantSettingsCache.get(scope.tenantId))
      let started = await scope.inTransaction((services) => start(services, scope, executionId, budgets))
      if ('rerun' in started) {
        await rerun(scope, started.rerun)
        started = await scope.inTransaction((services) => start(services, scope, executionId, budgets))
      }
      return 'run' in started ? started.run : undefined
    },

    /**
     * Ends the run failed with WORKER_LOST: every attempt's worker was lost (the job's attempt kept for last),
     * or the process serving a foreground run stopped before it (attempts: 1, the orphan sweep's job).
     */
    async abandon(scope: RunScope, executionId: string, attempts: number, foreground = false): Promise<void> {
      await scope.inTransaction(async (services) => {
        const row = await services.runsRunRepo.lockForWorker(executionId)
        if (!row || (row.status !== 'queued' && row.status !== 'running')) return
        await release(services, row)
        const lost = appError(
          'WORKER_LOST',
          foreground
            ? 'The process serving the run stopped before it finished; the run was stopped.'
            : `The run was taken up ${attempts} times and none of its workers finished it; it was stopped.`,
          { execution_id: executionId, attempts },
        )
        await end(services, row, 'failed', lost, scope.requestId)
      })
    },
  }
}

function completedEvent(
  executionId: string,
  planned: ReturnType<typeof planToolCalls>,
  done: ToolCallResult,
) {
  const p = planned.find((candidate) => candidate.index === done.index)!
  return {
    execution_id: executionId,
    step_index: done.index,
    id: p.call.id,
    name: p.call.name,
    status: done.status,
    ...(done.status === 'completed' ? { output: done.output ?? null } : { error: done.error! }),
    latency_ms: done.latencyMs,
  }
}

export type BackgroundRuns = ReturnType<typeof makeBackgroundRuns>

/** The worker's side: one attempt at a background run (plugins/jobs runs it in the run's tenant). */
export const executeRun: JobHandler<ExecuteJob> = {
  name: executeJobName,
  async handle(job, { inTransaction, cradle }) {
    const id = job.data.execution_id
    const scope: RunScope = {
      tenantId: job.tenantId,
      requestId: `job-${job.id}-${job.attempt}`,
      signal: job.signal,
      inTransaction,
      interruptible: true,
      stopping: job.stopping,
      // The job ends with the run's last transaction (its output: what this handler returns below).
      atLastCommit: (services, row) => [job.completeAtCommit(services.tx, { status: row.status })],
    }
    const { maxAttempts } = cradle.runsConfig.background
    if (job.data.abandon) {
      await cradle.runsBackground.abandon(scope, id, 1, true)
      return { status: 'failed' }
    }
    if (job.attempt > maxAttempts) {
      await cradle.runsBackground.abandon(scope, id, maxAttempts)
      return { status: 'failed' }
    }
    const run = await cradle.runsBackground.resume(scope, id)
    if (!run) return { status: 'unchanged' }
    const outcome = await cradle.runsRunService.execute(scope, run)
    return { status: outcome.execution.status }
  },
}
