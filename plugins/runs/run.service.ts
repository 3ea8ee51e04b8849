// Running an agent: check the model, snapshot the agent, plan the model call and reserve its worst case,
// call the model through the models plugin, and record the execution whatever happened, settled to what
// the call was billed. No transaction is held while the model works.
import { randomUUID } from 'node:crypto'
import { appError, problemReply, type Cradle, type DomainError } from '../../app/plugin-kit.js'
import type { CallResult, ModelsGateway, PlannedCall } from '../models/models.gateway.js'
import type { ModelsRegistry } from '../models/models.registry.js'
import type { ModelEntry } from '../models/provider.js'
import { toExecution, type AgentSnapshot, type Execution, type ExecutionStatus } from './execution.js'
import { snapshotOf, systemPrompt } from './run.prompt.js'
import { budgetsOf, reserveCall, type Reservation } from './budget.js'

export interface RunScope {
  tenantId: string
  requestId: string
  /** Aborted when the client disconnects: the model call stops and the run is recorded as cancelled. */
  signal: AbortSignal
  inTransaction<T>(fn: (services: Cradle) => Promise<T>): Promise<T>
}

export interface PreparedRun {
  id: string
  agent: AgentSnapshot
  model: ModelEntry
  /** The model call: what it sends (max_tokens included) and its worst case. */
  call: PlannedCall
  /** The call's worst case, held under the tenant's budgets when it has any; settled when it is recorded. */
  reservation: Reservation
}

export interface RunOutcome {
  execution: Execution
  /** Set when the run did not complete: what the client is told (502, 504, or cancelled). */
  failure?: DomainError
}

function failureError(run: PreparedRun, failure: NonNullable<CallResult['failure']>): DomainError {
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

const statusOf = (failure: DomainError | undefined): ExecutionStatus =>
  !failure ? 'completed' : failure.code === 'RUN_CANCELLED' ? 'cancelled' : 'failed'

interface Deps {
  modelsRegistry: ModelsRegistry
  modelsGateway: ModelsGateway
  tenantSettingsCache: Cradle['tenantSettingsCache']
  metrics: Cradle['metrics']
}

export function makeRunService({ modelsRegistry, modelsGateway, tenantSettingsCache, metrics }: Deps) {
  return {
    /** Checks what can fail before a model is called: the model id, the agent, the budget. */
    async prepare(scope: RunScope, agentId: string, modelId: string, prompt: string): Promise<PreparedRun> {
      const model = modelsRegistry.find(modelId)
      if (!model) {
        const allowed = modelsRegistry.list().map((m) => m.id)
        throw appError('INVALID_MODEL', `Unknown model "${modelId}". Allowed: ${allowed.join(', ')}.`, {
          provided_model: modelId,
          allowed_models: allowed,
        })
      }
      const agent = snapshotOf(
        await scope.inTransaction((services) => services.catalogAgentsService.get(agentId)),
      )
      const call = modelsGateway.plan({
        model,
        agent: { name: agent.name, role: agent.role },
        system: systemPrompt(agent),
        messages: [{ role: 'user', content: prompt }],
        // Tools have no input schema yet: any object (issue 15 gives each tool its own).
        tools: agent.tools.map(({ name, description }) => ({
          name,
          description,
          inputSchema: { type: 'object' },
        })),
      })
      // Read outside any transaction, as every request does (a cache in front of the tenants row).
      const budgets = budgetsOf(await tenantSettingsCache.get(scope.tenantId))
      const reservation = await reserveCall(scope, budgets, call.worstCase)
      return { id: randomUUID(), agent, model, call, reservation }
    },

    /** Calls the model (streaming text to onDelta when given) and records the execution. */
    async execute(
      scope: RunScope,
      run: PreparedRun,
      prompt: string,
      onDelta?: (text: string) => void,
    ): Promise<RunOutcome> {
      const result = await modelsGateway.call(run.call, {
        signal: scope.signal,
        ...(onDelta ? { onDelta } : {}),
      })
      const failure = result.failure ? failureError(run, result.failure) : undefined
      // What the call is billed: the provider's usage, or an estimate when it did not complete.
      const { inputTokens, outputTokens, costUsd, estimated } = result.billed
      const row = await scope.inTransaction(async (services) => {
        // Recorded and settled together: the month's use counts exactly the executions there are.
        await services.runsBudgetRepo.settle(run.reservation, { tokens: inputTokens + outputTokens, costUsd })
        return services.runsRunRepo.record({
          id: run.id,
          agentSnapshot: run.agent,
          model: run.model.id,
          provider: run.model.provider,
          prompt,
          response: result.completion?.text ?? (result.partialText || null),
          status: statusOf(failure),
          error: failure ? { ...problemReply(failure, scope.requestId).body } : null,
          // Recorded as the history has them (name and arguments); the run loop will keep the call ids.
          toolCalls: (result.completion?.toolCalls ?? []).map(({ name, arguments: args }) => ({
            name,
            arguments: args,
          })),
          inputTokens,
          outputTokens,
          usageEstimated: estimated,
          costUsd,
          latencyMs: result.latencyMs,
        })
      })
      // Counted once the execution is committed, so the metrics agree with the history.
      metrics.recordExecution({
        model: run.model.id,
        provider: run.model.provider,
        status: statusOf(failure),
        inputTokens,
        outputTokens,
        costUsd,
      })
      return { execution: toExecution(row), ...(failure ? { failure } : {}) }
    },
  }
}

export type RunService = ReturnType<typeof makeRunService>
