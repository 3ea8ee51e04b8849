// SQL for execution_steps. A step is inserted once (a model step when its call is over, a tool step when
// the model asked for it) and then only finishes: status, output or error, latency, completion time.
import { sendStatements, type StatementPlace, type TransactionSql } from '../../app/plugin-kit.js'
import type { ToolCall as ModelToolCall } from '../models/provider.js'
import { stepColumnNames, type StepError, type StepRow, type StepStatus } from './steps.js'

export interface NewModelStep {
  index: number
  status: 'completed' | 'failed' | 'cancelled'
  text: string | null
  toolCalls: ModelToolCall[]
  error: Record<string, unknown> | null
  inputTokens: number
  outputTokens: number
  usageEstimated: boolean
  costUsd: number
  latencyMs: number
}

export interface NewToolStep {
  index: number
  /** running (the platform runs it), waiting (the caller does), failed (refused: unknown tool, bad arguments). */
  status: 'running' | 'waiting' | 'failed'
  toolId: string | null
  toolName: string
  toolCallId: string
  arguments: string
  error: StepError | null
}

export interface ToolStepResult {
  index: number
  status: Extract<StepStatus, 'completed' | 'failed' | 'cancelled'>
  output?: unknown
  error?: StepError
  latencyMs: number
}

export function makeStepsRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  const columns = tx(stepColumnNames as unknown as string[])
  const json = (value: unknown) => (value === undefined || value === null ? null : tx.json(value as never))

  return {
    async addModelStep(executionId: string, step: NewModelStep, startedAt: Date): Promise<void> {
      await tx`
        insert into execution_steps (tenant_id, execution_id, index, type, status, text, tool_calls, error,
                                     input_tokens, output_tokens, usage_estimated, cost_usd, latency_ms,
                                     started_at, completed_at)
        values (${tenantId}, ${executionId}, ${step.index}, 'model', ${step.status}, ${step.text},
                ${json(step.toolCalls)}, ${json(step.error)}, ${step.inputTokens}, ${step.outputTokens},
                ${step.usageEstimated}, ${step.costUsd}, ${step.latencyMs}, ${startedAt}, now())`
    },

    async addToolSteps(executionId: string, steps: readonly NewToolStep[]): Promise<void> {
      if (steps.length === 0) return
      // One statement for the step's calls; a refused call is finished at once.
      const finishedAt = new Date()
      const rows = steps.map((step) => ({
        tenant_id: tenantId,
        execution_id: executionId,
        index: step.index,
        type: 'tool',
        status: step.status,
        tool_id: step.toolId,
        tool_name: step.toolName,
        tool_call_id: step.toolCallId,
        arguments: step.arguments,
        error: json(step.error),
        completed_at: step.status === 'failed' ? finishedAt : null,
      }))
      await tx`insert into execution_steps ${tx(rows as never)}`
    },

    /** Finishes tool steps that are still running or waiting (a step finished already stays as it is). */
    async finishToolSteps(executionId: string, results: readonly ToolStepResult[]): Promise<void> {
      await Promise.all(
        results.map(
          (result) => tx`
            update execution_steps
               set status = ${result.status}, output = ${json(result.output)}, error = ${json(result.error)},
                   latency_ms = ${result.latencyMs}, completed_at = now()
             where tenant_id = ${tenantId} and execution_id = ${executionId} and index = ${result.index}
               and status in ('running', 'waiting')`,
        ),
      )
    },

    /** Every step of the execution, in order (the loop's checkpoint; at most max_steps model steps and their calls). */
    async all(executionId: string): Promise<StepRow[]> {
      return tx<StepRow[]>`
        select ${columns} from execution_steps
         where tenant_id = ${tenantId} and execution_id = ${executionId}
         order by index`
    },

    async page(
      executionId: string,
      { limit, offset }: { limit: number; offset: number },
      place?: StatementPlace,
    ): Promise<{ rows: StepRow[]; total: number }> {
      const [rows, [count]] = await sendStatements(
        tx,
        place,
        tx<StepRow[]>`
          select ${columns} from execution_steps
           where tenant_id = ${tenantId} and execution_id = ${executionId}
           order by index
           limit ${limit} offset ${offset}`,
        tx<{ total: number }[]>`
          select count(*)::int as total from execution_steps
           where tenant_id = ${tenantId} and execution_id = ${executionId}`,
      )
      return { rows, total: count?.total ?? 0 }
    },
  }
}

export type StepsRepo = ReturnType<typeof makeStepsRepo>
