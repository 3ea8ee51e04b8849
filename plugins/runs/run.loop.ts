// The run loop: call the model; if it asks for tools, check the calls, run the server-side ones in
// parallel, feed the results back and call it again; stop when it answers without tool calls (completed),
// at max_steps (incomplete), when a client tool must be run by the caller (requires_action), or on a
// failure (failed) or a disconnect (cancelled). No transaction is held while a model or a tool works: one
// short transaction per step boundary writes the steps (the checkpoint), settles the model call and reserves
// the next one. Each of those transactions also appends the events emitted since the last (run.event-log.ts);
// the final event goes in the transaction that records the final status.
import type { RunsConfig } from './runs.config.js'
import type { RunsMetrics } from './runs.metrics.js'
import {
  appError,
  problemReply,
  type Cradle,
  type DomainError,
  type PendingStatement,
  type TenantTransaction,
} from '../../app/plugin-kit.js'
import type { CallResult, ModelsGateway, PlannedCall } from '../models/models.gateway.js'
import type { Message, ModelEntry } from '../models/provider.js'
import type { ToolKindsRegistry } from '../tool-kinds/tool-kinds.registry.js'
import { holdCall, type Reservation } from './budget.js'
import type { Budgets } from './budget.repo.js'
import { transition, invalidState } from './execution-state.js'
import { toExecution, type AgentSnapshot, type Execution, type ExecutionRow } from './execution.js'
import type { RunEventLog } from './run.event-log.js'
import { finalEventOf, type RunEventSink } from './run.events.js'
import type { ExecutionChange, StepUsage } from './run.repo.js'
import { systemPrompt } from './run.prompt.js'
import {
  planToolCalls,
  runToolCalls,
  toolSpecsOf,
  type PlannedToolCall,
  type RunTool,
  type ToolCallResult,
} from './run.tools.js'
import type { RunCancelSignals, RunCancelWatch } from './run.cancel-signals.js'
import { toolMessageContent } from './steps.js'
import type { NewModelStep, ToolStepResult } from './steps.repo.js'

export interface RunScope {
  tenantId: string
  requestId: string
  /**
   * Aborted when the client disconnects: the current model or tool call stops and the run is cancelled. A
   * worker's scope (interruptible) aborts it when its attempt must end: the run is then left as it was at its
   * last step boundary, for the next attempt (RunInterrupted).
   */
  signal: AbortSignal
  inTransaction: TenantTransaction
  /** A background run's attempt: an abort of `signal` interrupts the run instead of cancelling it. */
  interruptible?: boolean
  /**
   * A background run's attempt: aborted when its worker starts to shut down; the run stops at its next
   * step boundary (RunInterrupted), everything before it committed, for another worker to go on.
   */
  stopping?: AbortSignal
  /**
   * A background run's attempt: statements for the transaction in which the run stops (finished, or waiting
   * for tool outputs) to send with its COMMIT: the job's completion (Job.completeAtCommit).
   */
  atLastCommit?: (services: Cradle, row: ExecutionRow) => PendingStatement[]
}

/** A worker's attempt stopped (shutdown, lost lease): nothing more is written; the next attempt resumes. */
export class RunInterrupted extends Error {
  constructor(readonly executionId: string) {
    super(`run ${executionId} was interrupted; it resumes from its last step boundary`)
  }
}

/** Why a run's signal was aborted. */
export type StopReason = 'requested' | 'disconnected' | 'interrupted'

/** A run ready for its next model step: that call is planned and its worst case reserved. */
export interface LoopRun {
  id: string
  agent: AgentSnapshot
  model: ModelEntry
  /** The agent's own tools, as offered to the model. */
  tools: RunTool[]
  maxSteps: number
  /** Model steps taken so far. */
  modelSteps: number
  /** The index the next step gets. */
  nextIndex: number
  messages: Message[]
  call: PlannedCall
  reservation: Reservation
  budgets: Budgets
  /** The run's events on their way to execution_events. */
  log: RunEventLog
}

export interface RunOutcome {
  execution: Execution
  /** Set when the run failed or was cancelled: what a JSON client is answered (502, 504, 429, or cancelled). */
  failure?: DomainError
}

export const defaultMaxSteps = 8

interface Deps {
  modelsGateway: ModelsGateway
  toolKindsRegistry: ToolKindsRegistry
  runsMetrics: RunsMetrics
  runsCancelSignals: RunCancelSignals
  runsConfig: RunsConfig
}

/** Plans the model call that follows `messages`, with the agent's tools. */
export const planModelCall = (
  gateway: ModelsGateway,
  run: Pick<LoopRun, 'agent' | 'model' | 'tools'>,
  messages: Message[],
): PlannedCall =>
  gateway.plan({
    model: run.model,
    agent: { name: run.agent.name, role: run.agent.role },
    system: systemPrompt(run.agent),
    messages,
    tools: toolSpecsOf(run.tools),
  })

export function modelFailure(
  run: { id: string; model: ModelEntry },
  failure: NonNullable<CallResult['failure']>,
): DomainError {
  const details = {
    execution_id: run.id,
    provider: run.model.provider,
    ...(failure.upstreamStatus ? { upstream_status: failure.upstreamStatus } : {}),
  }
  if (failure.reason === 'cancelled')
    return appError('RUN_CANCELLED', 'The client disconnected; the run was stopped.', details)
  if (failure.reason === 'timeout') {
    return appError('PROVIDER_TIMEOUT', `The ${run.model.provider} provider did not answer in time.`, details)
  }
  const what = failure.reason.replace('_', ' ')
  return appError('PROVIDER_ERROR', `The ${run.model.provider} provider failed (${what}).`, details)
}

export const cancelledError = (run: { id: string; model: ModelEntry }, reason: StopReason = 'disconnected') =>
  appError(
    'RUN_CANCELLED',
    reason === 'requested'
      ? 'The run was cancelled (POST /api/v1/executions/{id}/cancel).'
      : 'The client disconnected; the run was stopped.',
    { execution_id: run.id, provider: run.model.provider },
  )

/** A run that ended, in the metrics. */
export const recordRun = (runsMetrics: RunsMetrics, row: ExecutionRow): void =>
  runsMetrics.recordExecution({
    model: row.model,
    provider: row.provider,
    status: row.status,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: Number(row.cost_usd),
  })

/** What the row records of a reservation: only one that holds something (under a budget). */
export const heldOf = (reservation: Reservation): Reservation | null =>
  reservation.periodStart ? reservation : null

/** A budget refusal of a later step: the run fails, and the client is told which run. */
export const budgetFailure = (refused: DomainError, executionId: string): DomainError =>
  appError('BUDGET_EXCEEDED', refused.message, { ...refused.details, execution_id: executionId })

export function makeRunLoop({
  modelsGateway,
  toolKindsRegistry: kinds,
  runsMetrics,
  runsCancelSignals,
  runsConfig,
}: Deps) {
  const record = (row: ExecutionRow) => recordRun(runsMetrics, row)

  return {
    /**
     * Drives the run from its next model step until it stops; streams to forward (noEvents for JSON). A
     * cancel asked for elsewhere (run.cancel-signals.ts) stops it like a disconnect, and is answered as the
     * cancelled execution, not a failure.
     */
    async drive(scope: RunScope, run: LoopRun, forward: RunEventSink, stream: boolean): Promise<RunOutcome> {
      const watch = runsCancelSignals.watch(scope.tenantId, run.id)
      try {
        const outcome = await driveWatched(
          { ...scope, signal: AbortSignal.any([scope.signal, watch.signal]) },
          run,
          forward,
          stream,
          watch,
        )
        return watch.signal.aborted && outcome.failure?.code === 'RUN_CANCELLED'
          ? { execution: outcome.execution }
          : outcome
      } finally {
        watch.close()
      }
    },
  }

  async function driveWatched(
    scope: RunScope,
    run: LoopRun,
    forward: RunEventSink,
    stream: boolean,
    watch: RunCancelWatch,
  ): Promise<RunOutcome> {
    {
      const stopReason = (): StopReason =>
        watch.signal.aborted ? 'requested' : scope.interruptible ? 'interrupted' : 'disconnected'
      /** The run stops here as cancelled, unless its worker's attempt was what ended (nothing is written). */
      const cancelledNow = (): DomainError => {
        const reason = stopReason()
        if (reason === 'interrupted') throw new RunInterrupted(run.id)
        return cancelledError(run, reason)
      }
      /** Writes the change; a status move that finds the run elsewhere is 409 (nothing else moves a running run). */
      const apply = async (services: Cradle, run: LoopRun, change: ExecutionChange) => {
        if (change.move) transition({ id: run.id, status: change.move.from }, change.move.to)
        const row = await services.runsRunRepo.update(run.id, change)
        if (!row) throw invalidState({ id: run.id, status: change.move?.from ?? 'running' }, change.move!.to)
        // A cancel whose notification this process missed: found at the step boundary.
        if (row.cancel_requested_at && row.status === 'running') watch.cancel()
        return row
      }
      const { log } = run
      if (stream) log.live = true
      const emit = log.teeTo(forward)
      // A streamed run's events reach the log while it waits, too; a JSON run's ride in its transactions.
      const flushing = <T>(fn: () => Promise<T>): Promise<T> =>
        stream ? log.flushingWhile(scope.inTransaction, runsConfig.eventFlushMs, fn) : fn()
      // The final event, written with the final status: a finished run's log is complete. `others` leave
      // with it and the COMMIT.
      const endIn = async (services: Cradle, row: ExecutionRow, ...others: PendingStatement[]) => {
        log.record(finalEventOf(row.status), toExecution(row))
        await log.commitIn(services, ...others, ...(scope.atLastCommit?.(services, row) ?? []))
        return row
      }
      for (;;) {
        // A step boundary: every step before it is committed.
        if (scope.stopping?.aborted) throw new RunInterrupted(run.id)
        const index = run.nextIndex++
        // The first model step is announced by execution.created: a plain run streams as it always did.
        if (index > 0) emit('step.created', { execution_id: run.id, index, type: 'model' })
        const startedAt = new Date()
        const result = await flushing(() =>
          modelsGateway.call(run.call, {
            signal: scope.signal,
            ...(stream ? { onDelta: (delta: string) => emit('response.delta', { delta }) } : {}),
          }),
        )
        run.modelSteps++
        const failure = !result.failure
          ? undefined
          : result.failure.reason === 'cancelled'
            ? cancelledNow()
            : modelFailure(run, result.failure)
        const calls = result.completion?.toolCalls ?? []
        const usage: StepUsage = {
          inputTokens: result.billed.inputTokens,
          outputTokens: result.billed.outputTokens,
          usageEstimated: result.billed.estimated,
          costUsd: result.billed.costUsd,
          latencyMs: result.latencyMs,
        }
        const text = result.completion?.text ?? (result.partialText || null)
        const step: NewModelStep = {
          index,
          status: !failure ? 'completed' : failure.code === 'RUN_CANCELLED' ? 'cancelled' : 'failed',
          text,
          toolCalls: calls,
          error: failure ? { code: failure.code, message: failure.message } : null,
          ...usage,
        }
        // The model call's settlement: the last statements of the step's transaction, sent with its COMMIT
        // (budget.repo.ts: the month's row it writes stays locked no longer than the server's own work).
        const settlement = (services: Cradle) =>
          services.runsBudgetRepo.settlement(run.reservation, {
            tokens: usage.inputTokens + usage.outputTokens,
            costUsd: usage.costUsd,
          })
        const asked = calls.map(({ name, arguments: args }) => ({ name, arguments: args }))

        // The run ends with this step: failed or cancelled, answered, or out of steps.
        const ending: ExecutionChange | undefined = failure
          ? {
              move: { from: 'running', to: step.status === 'cancelled' ? 'cancelled' : 'failed' },
              error: { ...problemReply(failure, scope.requestId).body },
            }
          : calls.length === 0
            ? { move: { from: 'running', to: 'completed' } }
            : run.modelSteps >= run.maxSteps
              ? { move: { from: 'running', to: 'incomplete' }, incompleteReason: 'max_steps' }
              : undefined
        if (ending) {
          const row = await scope.inTransaction(async (services) => {
            // The step's row with the execution's update (and the interest in its events, when the run's
            // first transaction left it unasked), in one round trip; then the final event and the
            // settlement with the COMMIT.
            const [, ended] = await Promise.all([
              services.runsStepsRepo.addModelStep(run.id, step, startedAt),
              apply(services, run, {
                ...ending,
                usage,
                toolCalls: asked,
                stepsAdded: 1,
                response: text,
                reservation: null,
              }),
              log.askInterestIn(services),
            ])
            return endIn(services, ended, ...settlement(services))
          })
          record(row)
          return { execution: toExecution(row), ...(failure ? { failure } : {}) }
        }

        // The model asked for tools: its step, and one step per call, before any call runs.
        const planned = planToolCalls(kinds, run.tools, calls, run.nextIndex)
        run.nextIndex += planned.length
        await scope.inTransaction(async (services) => {
          // One round trip for the steps, the execution's update and the interest in its events when
          // still unasked; the events and the settlement leave with the COMMIT.
          await Promise.all([
            services.runsStepsRepo.addModelStep(run.id, step, startedAt),
            log.askInterestIn(services),
            services.runsStepsRepo.addToolSteps(
              run.id,
              planned.map((p) => ({
                index: p.index,
                status: p.status,
                toolId: p.tool?.id ?? null,
                toolName: p.call.name,
                toolCallId: p.call.id,
                arguments: p.call.arguments,
                error: p.error ?? null,
              })),
            ),
            apply(services, run, {
              usage,
              toolCalls: asked,
              stepsAdded: 1 + planned.length,
              response: text,
              reservation: null,
            }),
          ])
          await log.commitIn(services, ...settlement(services))
        })
        announceCalls(run, planned, emit)

        const ran = await flushing(() =>
          runToolCalls(
            kinds,
            planned,
            {
              signal: scope.signal,
              tenantId: scope.tenantId,
              executionId: run.id,
              inTransaction: scope.inTransaction,
            },
            (done) => emit('tool_call.completed', completedEvent(run, planned, done)),
          ),
        )
        const toolLatencyMs = ran.reduce((slowest, r) => Math.max(slowest, r.latencyMs), 0)
        const results: ToolStepResult[] = ran.map(({ index: i, status, output, error, latencyMs }) => ({
          index: i,
          status,
          latencyMs,
          ...(status === 'completed' ? { output } : { error: error! }),
        }))

        if (scope.signal.aborted) {
          if (stopReason() === 'interrupted') {
            // What finished is kept (a completed tool step is never run again); the rest is the next attempt's.
            const finished = results.filter((r) => r.status !== 'cancelled')
            if (finished.length > 0) {
              await scope.inTransaction(({ runsStepsRepo }) =>
                runsStepsRepo.finishToolSteps(run.id, finished),
              )
            }
            throw new RunInterrupted(run.id)
          }
          const stopped = cancelledNow()
          // Whatever still runs or waits is cancelled with the run.
          const open = planned
            .filter((p) => p.status !== 'failed' && !results.some((r) => r.index === p.index))
            .map((p): ToolStepResult => ({
              index: p.index,
              status: 'cancelled',
              error: { code: 'CANCELLED', message: 'the run was cancelled' },
              latencyMs: 0,
            }))
          const row = await scope.inTransaction(async (services) => {
            // The steps' results and the execution's update in one round trip; the final event with the COMMIT.
            const [, cancelled] = await Promise.all([
              services.runsStepsRepo.finishToolSteps(run.id, [...results, ...open]),
              apply(services, run, {
                move: { from: 'running', to: 'cancelled' },
                error: { ...problemReply(stopped, scope.requestId).body },
                addLatencyMs: toolLatencyMs,
              }),
            ])
            return endIn(services, cancelled)
          })
          record(row)
          return { execution: toExecution(row), failure: stopped }
        }

        const waiting = planned.filter((p) => p.status === 'waiting')
        if (waiting.length > 0) {
          const row = await scope.inTransaction(async (services) => {
            // As for a cancel: one round trip, then the event with the COMMIT.
            const [, paused] = await Promise.all([
              services.runsStepsRepo.finishToolSteps(run.id, results),
              apply(services, run, {
                move: { from: 'running', to: 'requires_action' },
                requiredAction: {
                  type: 'submit_tool_outputs',
                  tool_calls: waiting.map((p) => ({
                    id: p.call.id,
                    tool_id: p.tool!.id,
                    name: p.call.name,
                    arguments: p.call.arguments,
                  })),
                },
                expiresInSeconds: runsConfig.toolOutputTimeoutSeconds,
                addLatencyMs: toolLatencyMs,
              }),
            ])
            return endIn(services, paused)
          })
          return { execution: toExecution(row) }
        }

        // Every call has its result: the next model step sees them, once its worst case is reserved.
        run.messages.push(...turnOf(result, planned, ran))
        run.call = planModelCall(modelsGateway, run, run.messages)
        const next = await scope.inTransaction(async (services) => {
          // The steps' results leave with what follows: the reservation under a budget, else the
          // execution's update (one round trip less). Awaited below; a failure before then is the
          // transaction's, so this one's is not reported twice.
          const finishing = services.runsStepsRepo.finishToolSteps(run.id, results)
          finishing.catch(() => undefined)
          const held = await holdCall(services.runsBudgetRepo, run.budgets, run.call.worstCase)
          if ('reservation' in held) {
            await Promise.all([
              finishing,
              apply(services, run, { addLatencyMs: toolLatencyMs, reservation: heldOf(held.reservation) }),
            ])
            await log.commitIn(services)
            return held
          }
          const failed = budgetFailure(held.refused, run.id)
          const [, row] = await Promise.all([
            finishing,
            apply(services, run, {
              move: { from: 'running', to: 'failed' },
              error: { ...problemReply(failed, scope.requestId).body },
              addLatencyMs: toolLatencyMs,
            }),
          ])
          return { row: await endIn(services, row), failed }
        })
        if ('row' in next) {
          record(next.row)
          return { execution: toExecution(next.row), failure: next.failed }
        }
        run.reservation = next.reservation
      }
    }
  }
}

/** The model's answer and the result of each of its calls, in the order it made them. */
function turnOf(result: CallResult, planned: PlannedToolCall[], ran: ToolCallResult[]): Message[] {
  const byIndex = new Map(ran.map((r) => [r.index, r]))
  return [
    {
      role: 'assistant',
      content: result.completion?.text ?? '',
      toolCalls: result.completion?.toolCalls ?? [],
    },
    ...planned.map((p): Message => {
      const r = byIndex.get(p.index)
      const error = p.error ?? r?.error
      return {
        role: 'tool',
        toolCallId: p.call.id,
        name: p.call.name,
        content: toolMessageContent(error ? { error } : { output: r?.output }),
        isError: error !== undefined,
      }
    }),
  ]
}

function announceCalls(run: LoopRun, planned: PlannedToolCall[], emit: RunEventSink): void {
  for (const p of planned) {
    emit('step.created', { execution_id: run.id, index: p.index, type: 'tool' })
    emit('tool_call.created', {
      execution_id: run.id,
      step_index: p.index,
      id: p.call.id,
      tool_id: p.tool?.id ?? null,
      name: p.call.name,
      arguments: p.call.arguments,
      status: p.status,
    })
    if (p.status === 'failed') {
      emit(
        'tool_call.completed',
        completedEvent(run, planned, { index: p.index, status: 'failed', error: p.error!, latencyMs: 0 }),
      )
    }
  }
}

function completedEvent(run: LoopRun, planned: PlannedToolCall[], done: ToolCallResult) {
  const p = planned.find((candidate) => candidate.index === done.index)!
  return {
    execution_id: run.id,
    step_index: done.index,
    id: p.call.id,
    name: p.call.name,
    status: done.status,
    ...(done.status === 'completed' ? { output: done.output ?? null } : { error: done.error! }),
    latency_ms: done.latencyMs,
  }
}
