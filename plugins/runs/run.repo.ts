// Writes one execution to execution_logs. Executions are immutable: there is no update.
import type { TransactionSql } from '../../app/plugin-kit.js'
import type { AgentSnapshot, ExecutionError, ExecutionRow, ExecutionStatus, ToolCall } from './execution.js'

export interface NewExecution {
  id: string
  agentSnapshot: AgentSnapshot
  model: string
  provider: string
  prompt: string
  response: string | null
  status: ExecutionStatus
  error: ExecutionError | null
  toolCalls: ToolCall[]
  inputTokens: number
  outputTokens: number
  /** The provider did not report the usage (the call did not complete): the tokens are an estimate. */
  usageEstimated: boolean
  costUsd: number
  latencyMs: number
}

export function makeRunRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  return {
    async record(e: NewExecution): Promise<ExecutionRow> {
      const [row] = await tx<ExecutionRow[]>`
        insert into execution_logs (id, tenant_id, agent_id, agent_snapshot, model, provider, prompt, response,
                                    status, error, tool_calls, input_tokens, output_tokens, usage_estimated,
                                    cost_usd, latency_ms)
        values (${e.id}, ${tenantId}, ${e.agentSnapshot.id}, ${tx.json(e.agentSnapshot as never)}, ${e.model},
                ${e.provider}, ${e.prompt}, ${e.response}, ${e.status}, ${e.error ? tx.json(e.error as never) : null},
                ${tx.json(e.toolCalls as never)}, ${e.inputTokens}, ${e.outputTokens}, ${e.usageEstimated}, ${e.costUsd},
                ${e.latencyMs})
        returning id, agent_id, agent_snapshot, model, provider, prompt, response, status, error, tool_calls,
                  input_tokens, output_tokens, usage_estimated, cost_usd, latency_ms, created_at`
      return row!
    },
  }
}

export type RunRepo = ReturnType<typeof makeRunRepo>
