// Starting a run and continuing one that waited for client tool outputs. Each prepares the next model step
// in one short transaction (what the run is, its tools, the reservation of that step's worst case, the row)
// and hands it to the loop (run.loop.ts). A plain run costs two transactions: this one, and the loop's last;
// three round trips to PostgreSQL for a JSON run under no budget (this one is then one), four otherwise.
import type { RunsMetrics } from './runs.metrics.js'
import { randomUUID } from 'node:crypto'
import { appError, commitWith, DomainError, problemReply, type Cradle } from '../../app/plugin-kit.js'
import type { ModelsGateway } from '../models/models.gateway.js'
import type { ModelsRegistry } from '../models/models.registry.js'
import type { ModelEntry } from '../models/provider.js'
import { budgetsOf, hasBudget, holdCall, nothingHeld } from './budget.js'
import type { Budgets } from './budget.repo.js'
import { invalidState, transition } from './execution-state.js'
import { toExecution, type AgentSnapshot, type Execution, type ExecutionRow } from './execution.js'
import { enqueueRun, firstRunJob } from './run.background.js'
import { RunEventLog } from './run.event-log.js'
import { noEvents, type RunEventSink } from './run.events.js'
import {
  budgetFailure,
  cancelledError,
  defaultMaxSteps,
  heldOf,
  recordRun,
  makeRunLoop,
  planModelCall,
  type LoopRun,
  type RunOutcome,
  type RunScope,
} from './run.loop.js'
import { snapshotOf } from './run.prompt.js'
import type { RunTool } from './run.tools.js'
import { conversationOf, type StepRow } from './steps.js'

export type { LoopRun, RunOutcome, RunScope } from './run.loop.js'
export type PreparedRun = LoopRun

export interface RunRequest {
  prompt: string
  model: string
  max_steps?: number
  background?: boolean
}

export interface ToolOutput {
  tool_call_id: string
  output: unknown
}

/**
 * What answering a run led to: the loop goes on here, or in a worker (a background run: `queued` is the
 * execution as it is now), or it ended right there (a later step over budget).
 */
export type Continuation = { run: LoopRun } | { ended: RunOutcome } | { queued: Execution }

const executionNotFound = (id: string) =>
  appError('EXECUTION_NOT_FOUND', `No execution with id ${id}.`, { id })

interface Deps {
  modelsRegistry: ModelsRegistry
  modelsGateway: ModelsGateway
  tenantSettingsCache: Cradle['tenantSettingsCache']
  toolKindsRegistry: Cradle['toolKindsRegistry']
  runsMetrics: RunsMetrics
  runsCancelSignals: Cradle['runsCancelSignals']
  runsConfig: Cradle['runsConfig']
}

export function makeRunService(deps: Deps) {
  const { modelsRegistry, modelsGateway, tenantSettingsCache } = deps
  const loop = makeRunLoop(deps)

  const findModel = (modelId: string): ModelEntry => {
    const model = modelsRegistry.find(modelId)
    if (model) return model
    const allowed = modelsRegistry.list().map((m) => m.id)
    throw appError('INVALID_MODEL', `Unknown model "${modelId}". Allowed: ${allowed.join(', ')}.`, {
      provided_model: modelId,
      allowed_models: allowed,
    })
  }
  // A cache in front of the tenants row (the rate limiter has read it for this request already). A miss is
  // read through the transaction the run is in: a transaction of its own would be new work for the tenant's
  // fair share (db/client.ts RequestWork), refusable after the request's Idempotency-Key claim.
  const budgetsFor = async (services: Cradle) =>
    budgetsOf(await tenantSettingsCache.get(services.tenantId, services.tx))

  const maxStepsOf = (request: RunRequest) => request.max_steps ?? defaultMaxSteps

  /**
   * A run about to take its first model step, bar the reservation: that call planned, and the run's first
   * event recorded (its stream sends the same one, run.operations.ts).
   */
  const firstStep = (start: {
    id: string
    agent: AgentSnapshot
    model: ModelEntry
    tools: RunTool[]
    request: RunRequest
    budgets: Budgets
    log: RunEventLog
    status?: 'running' | 'queued'
  }): Omit<LoopRun, 'reservation'> => {
    const { id, agent, model, tools, request, log } = start
    const messages = [{ role: 'user' as const, content: request.prompt }]
    log.record('execution.created', {
      id,
      agent_id: agent.id,
      agent_name: agent.name,
      model: model.id,
      provider: model.provider,
      status: start.status ?? 'running',
    })
    return {
      id,
      agent,
      model,
      tools,
      maxSteps: maxStepsOf(request),
      modelSteps: 0,
      nextIndex: 0,
      messages,
      call: planModelCall(modelsGateway, { agent, model, tools }, messages),
      budgets: start.budgets,
      log,
    }
  }

  /**
   * begin() for a JSON run under no budget, where nothing is held, so the row waits for no answer: the
   * agent's tools read and the row inserted, its snapshot the catalog's card of the agent read in that same
   * statement, both sent with the BEGIN and the COMMIT, in one round trip. What the tenant wants of the
   * subscribers is asked in the run's next transaction (run.event-log.ts askInterestIn). An unknown agent:
   * the insert found no card, nothing was written, AGENT_NOT_FOUND.
   */
  const beginInOneRoundTrip = async (
    services: Cradle,
    id: string,
    agentId: string,
    model: ModelEntry,
    request: RunRequest,
    budgets: Budgets,
  ): Promise<LoopRun> => {
    const row = {
      id,
      model: model.id,
      provider: model.provider,
      prompt: request.prompt,
      maxSteps: maxStepsOf(request),
    }
    const [tools, [started]] = await commitWith(
      services.tx,
      services.catalogToolsRepo.runnableOfAgent(agentId),
      services.runsRunRepo.startWithCard(row, agentId, services.catalogAgentsService.card(agentId)),
    )
    if (!started) throw services.catalogAgentsService.notFound(agentId)
    const log = Object.assign(new RunEventLog(id), { interestUnasked: true })
    const run = firstStep({ id, agent: started.agent_snapshot, model, tools, request, budgets, log })
    return { ...run, reservation: nothingHeld(run.call.worstCase) }
  }

  /**
   * The run's first transaction: the agent and its tools read, the first model call planned and its worst
   * case held, the row recorded (running, or queued with its job for a background run).
   */
  const begin = async (
    scope: RunScope,
    agentId: string,
    request: RunRequest,
    options: { live: boolean; background: boolean },
  ): Promise<LoopRun | Execution> => {
    const model = findModel(request.model)
    const id = randomUUID()
    return scope.inTransaction(async (services) => {
      const budgets = await budgetsFor(services)
      if (!options.live && !options.background && !hasBudget(budgets)) {
        return beginInOneRoundTrip(services, id, agentId, model, request, budgets)
      }
      // The agent's own tools only: its links are keyed by tenant, and the lookup names the tenant too.
      // Both reads go out together (one round trip); an unknown agent rejects with AGENT_NOT_FOUND.
      // With them, what the tenant wants of the subscribers that ask (webhooks): nothing more to send.
      const [found, tools, interest] = await Promise.all([
        services.catalogAgentsService.get(agentId),
        services.catalogToolsRepo.runnableOfAgent(agentId),
        services.runsEventSubscribers.interestOf(services),
      ])
      const agent = snapshotOf(found)
      const log = Object.assign(new RunEventLog(id), { live: options.live, interest })
      const status = options.background ? 'queued' : 'running'
      const run = firstStep({ id, agent, model, tools, request, budgets, log, status })
      // A refusal rolls back: nothing is recorded, the event recorded goes nowhere. (Without a budget
      // nothing is held, no round trip.)
      const held = await holdCall(services.runsBudgetRepo, budgets, run.call.worstCase)
      if ('refused' in held) throw held.refused
      const row = {
        id,
        agentSnapshot: agent,
        model: model.id,
        provider: model.provider,
        prompt: request.prompt,
        maxSteps: run.maxSteps,
        // Held until a worker takes the run up (it then holds its own); a foreground run's is settled with
        // its first model step (run.loop.ts).
        ...(options.background
          ? { background: true, reservation: heldOf(held.reservation) ?? undefined }
          : {}),
      }
      if (options.background) {
        // The row, its job and the first event all go out with the COMMIT: one round trip.
        const { statement: job } = await firstRunJob(services, id)
        const queued = services.runsRunRepo.startReturning(row)
        await log.commitIn(services, queued, job)
        // Answered by then (commitIn has awaited it): reading it sends nothing.
        const [inserted] = await queued
        return toExecution(inserted!)
      }
      // The row (and, for a run someone may follow already, its first event) are the transaction's last
      // statements: sent with its COMMIT, in one round trip. A JSON run's first event waits for the
      // loop's next transaction: a statement less per run (a reader who finds the run in the history before
      // then sees an empty log, which fills at that transaction). Were execution.created subscribed to
      // (run.subscribers.ts), log.commitIn would send the row, then the event and its deliveries, first.
      const started = services.runsRunRepo.start(row)
      if (options.live) await log.commitIn(services, started)
      else await commitWith(services.tx, started)
      return { ...run, reservation: held.reservation }
    })
  }

  return {
    /**
     * Checks what can fail before a model is called (model, agent, budget) and records the run as running,
     * in one transaction. A budget refusal here is the 429 and leaves nothing behind.
     */
    async prepare(
      scope: RunScope,
      agentId: string,
      request: RunRequest,
      /** live: a client may follow the run from its first event (a streamed run), so appends NOTIFY. */
      options: { live: boolean } = { live: false },
    ): Promise<LoopRun> {
      const started = await begin(scope, agentId, request, { live: options.live, background: false })
      return started as LoopRun
    },

    /**
     * A background run: the same checks, then the run recorded queued and its job enqueued, in one
     * transaction (run.background.ts). Resolves to the execution as it is now.
     */
    async enqueue(scope: RunScope, agentId: string, request: RunRequest): Promise<Execution> {
      // Not live: nobody can follow the run before this answer gives its id (a stream opened after reads
      // execution.created from the log), so its commit need not NOTIFY (which serialises commits). The
      // worker's transactions do.
      return (await begin(scope, agentId, request, { live: false, background: true })) as Execution
    },

    /**
     * Stops a run (POST /executions/{id}/cancel). Queued or waiting for tool outputs: cancelled at once.
     * Running: marked, and the process driving it told; it is cancelled once its current model or tool call
     * has stopped. Cancelled already: as it is (idempotent). Otherwise 409.
     */
    async cancel(scope: RunScope, executionId: string): Promise<Execution> {
      const row = await scope.inTransaction(async (services) => {
        // A run past its deadline for tool outputs is expired first (and then cannot be cancelled).
        await services.runsRunRepo.expireIfDue(executionId)
        const found = await services.runsRunRepo.lockForWorker(executionId)
        if (!found) throw executionNotFound(executionId)
        if (found.status === 'cancelled') return found
        if (found.status === 'running') return (await services.runsRunRepo.requestCancel(executionId))!
        const move = transition(found, 'cancelled')
        const steps = await services.runsStepsRepo.all(executionId)
        const failure = cancelledError({ id: executionId, model: findModel(found.model) }, 'requested')
        const [, cancelled] = await Promise.all([
          services.runsStepsRepo.finishToolSteps(
            executionId,
            steps
              .filter((step) => step.status === 'running' || step.status === 'waiting')
              .map((step) => ({
                index: step.index,
                status: 'cancelled' as const,
                error: { code: 'CANCELLED', message: 'the run was cancelled' },
                latencyMs: 0,
              })),
          ),
          services.runsRunRepo.update(executionId, {
            move,
            error: { ...problemReply(failure, scope.requestId).body },
            requiredAction: null,
            reservation: null,
          }),
        ])
        const log = Object.assign(new RunEventLog(executionId), { live: true })
        log.record('execution.cancelled', toExecution(cancelled!))
        // A queued run's first model call was reserved when it was enqueued: released with the COMMIT.
        const release = found.reservation?.periodStart
          ? services.runsBudgetRepo.settlement(found.reservation, { tokens: 0, costUsd: 0 })
          : []
        await log.commitIn(services, ...release)
        recordRun(deps.runsMetrics, cancelled!)
        return cancelled!
      })
      return toExecution(row)
    },

    /**
     * Takes the caller's outputs for a run that waits for them: 404 for an execution this tenant does not
     * have, 409 when it does not wait (running, finished, answered already, expired: the expiry found here
     * is recorded), 422 when the outputs do not answer exactly the calls it waits for. Then records them,
     * rebuilds the conversation from the steps and reserves the next model step.
     */
    async prepareAnswer(scope: RunScope, executionId: string, outputs: ToolOutput[]): Promise<Continuation> {
      const prepared = await scope.inTransaction(async (services): Promise<Continuation | DomainError> => {
        const budgets = await budgetsFor(services)
        const row = await services.runsRunRepo.lockForAnswer(executionId)
        if (!row) throw executionNotFound(executionId)
        // Returned, not thrown: an expiry just recorded must commit.
        if (row.status !== 'requires_action') return invalidState(row, 'running')
        const steps = await services.runsStepsRepo.all(executionId)
        const answered = matchOutputs(steps, outputs)
        const model = findModel(row.model)
        const tools = await services.catalogToolsRepo.runnable(
          row.agent_snapshot.tools.map((tool) => tool.id),
        )
        await services.runsStepsRepo.finishToolSteps(
          executionId,
          answered.map(({ step, output }) => ({
            index: step.index,
            status: 'completed',
            output,
            latencyMs: 0,
          })),
        )
        const filled = steps.map((step) => {
          const answer = answered.find((a) => a.step.index === step.index)
          return answer ? { ...step, status: 'completed' as const, output: answer.output } : step
        })
        const messages = conversationOf(row.prompt, filled)
        const agent = row.agent_snapshot
        const call = planModelCall(modelsGateway, { agent, model, tools }, messages)
        const claim = transition(row, 'running')
        const claimed = await services.runsRunRepo.update(executionId, {
          move: claim,
          requiredAction: null,
          expiresInSeconds: null,
        })
        if (!claimed) return invalidState(row, 'running')
        // A background run goes on in a worker, which plans and reserves the next model step itself.
        if (row.background) {
          await enqueueRun(services, executionId, steps.length)
          return { queued: toExecution(claimed) }
        }
        const held = await holdCall(services.runsBudgetRepo, budgets, call.worstCase)
        if ('refused' in held) {
          const failure = budgetFailure(held.refused, executionId)
          const failed = await services.runsRunRepo.update(executionId, {
            move: transition(claimed, 'failed'),
            error: { ...problemReply(failure, scope.requestId).body },
          })
          const execution = toExecution(failed!)
          // The log's final event, with the final status (the stream sends it too, run.operations.ts).
          const log = new RunEventLog(executionId)
          log.record('execution.failed', execution)
          await log.commitIn(services)
          return { ended: { execution, failure } }
        }
        return {
          run: {
            id: executionId,
            agent,
            model,
            tools,
            maxSteps: row.max_steps ?? defaultMaxSteps,
            modelSteps: steps.filter((step) => step.type === 'model').length,
            nextIndex: steps.length,
            messages,
            call,
            reservation: held.reservation,
            budgets,
            // Its client has had the id since the pause: anyone may be following it.
            log: Object.assign(new RunEventLog(executionId), {
              live: true,
              interest: await services.runsEventSubscribers.interestOf(services),
            }),
          },
        }
      })
      if (prepared instanceof DomainError) throw prepared
      return prepared
    },

    /** Runs the loop from the prepared model step (see run.loop.ts). */
    execute(
      scope: RunScope,
      run: LoopRun,
      emit: RunEventSink = noEvents,
      stream = false,
    ): Promise<RunOutcome> {
      return loop.drive(scope, run, emit, stream)
    },
  }
}

/** Pairs each waiting call with its output; 422 INVALID_TOOL_OUTPUTS unless they match one to one. */
function matchOutputs(
  steps: readonly StepRow[],
  outputs: readonly { tool_call_id: string; output: unknown }[],
): { step: StepRow; output: unknown }[] {
  const waiting = steps.filter((step) => step.status === 'waiting')
  const byCallId = new Map(waiting.map((step) => [step.tool_call_id!, step]))
  const seen = new Set<string>()
  const unknown: string[] = []
  const answered: { step: StepRow; output: unknown }[] = []
  for (const { tool_call_id: id, output } of outputs) {
    const step = byCallId.get(id)
    // A second answer to one call is as unknown as a call the run never made.
    if (!step || seen.has(id)) unknown.push(id)
    else answered.push({ step, output })
    seen.add(id)
  }
  const missing = waiting.map((step) => step.tool_call_id!).filter((id) => !seen.has(id))
  if (missing.length > 0 || unknown.length > 0) {
    throw appError(
      'INVALID_TOOL_OUTPUTS',
      'The tool outputs must answer each call the execution waits for, once.',
      { missing_tool_call_ids: missing, unknown_tool_call_ids: unknown },
    )
  }
  return answered
}

export type RunService = ReturnType<typeof makeRunService>
export type { ExecutionRow }
