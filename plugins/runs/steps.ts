// The steps of a run (execution_steps), stored and served, and the conversation they add up to: a run that
// waited for client tool outputs continues from its steps alone, so they hold everything the model saw.
import type { Message, ToolCall as ModelToolCall } from '../models/provider.js'

export type StepType = 'model' | 'tool'
/** waiting: a client tool call whose output the caller has not sent yet. */
export type StepStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled'

/** A tool's own failure, or the loop's refusal of a call (UNKNOWN_TOOL, INVALID_ARGUMENTS): the model sees it. */
export interface StepError {
  code: string
  message: string
  /** INVALID_ARGUMENTS: a JSON pointer into the arguments and a message per problem. */
  errors?: { pointer: string; message: string }[]
}

export interface StepRow {
  index: number
  type: StepType
  status: StepStatus
  tool_id: string | null
  tool_name: string | null
  tool_call_id: string | null
  arguments: string | null
  output: unknown
  error: Record<string, unknown> | null
  text: string | null
  tool_calls: ModelToolCall[] | null
  input_tokens: number
  output_tokens: number
  usage_estimated: boolean
  cost_usd: string | number
  latency_ms: number
  started_at: Date
  completed_at: Date | null
}

export const stepColumnNames = [
  'index',
  'type',
  'status',
  'tool_id',
  'tool_name',
  'tool_call_id',
  'arguments',
  'output',
  'error',
  'text',
  'tool_calls',
  'input_tokens',
  'output_tokens',
  'usage_estimated',
  'cost_usd',
  'latency_ms',
  'started_at',
  'completed_at',
] as const

/** A step as the API shows it: the model's fields on model steps, the call's fields on tool steps. */
export function toStep(row: StepRow): Record<string, unknown> {
  const common = {
    index: row.index,
    type: row.type,
    status: row.status,
    latency_ms: row.latency_ms,
    started_at: row.started_at,
    // Text already: the contract's nullable date-time is checked as a string.
    completed_at: row.completed_at?.toISOString() ?? null,
    ...(row.error ? { error: row.error } : {}),
  }
  if (row.type === 'model') {
    return {
      ...common,
      text: row.text,
      tool_calls: row.tool_calls ?? [],
      usage: {
        input_tokens: row.input_tokens,
        output_tokens: row.output_tokens,
        total_tokens: row.input_tokens + row.output_tokens,
        estimated: row.usage_estimated,
      },
      cost_usd: Number(row.cost_usd),
    }
  }
  return {
    ...common,
    tool_id: row.tool_id,
    tool_name: row.tool_name,
    tool_call_id: row.tool_call_id,
    arguments: row.arguments,
    ...(row.status === 'completed' ? { output: row.output ?? null } : {}),
  }
}

/** What the model is told a call came to: the JSON text of {output} or {error}. */
export const toolMessageContent = (result: { output: unknown } | { error: StepError }): string =>
  JSON.stringify('error' in result ? { error: result.error } : { output: result.output ?? null })

/**
 * The conversation so far, rebuilt from the prompt and the steps (in index order): each completed model
 * step is the model's answer, each finished tool step the result answering its call.
 */
export function conversationOf(prompt: string, steps: readonly StepRow[]): Message[] {
  const messages: Message[] = [{ role: 'user', content: prompt }]
  for (const step of steps) {
    if (step.type === 'model') {
      messages.push({ role: 'assistant', content: step.text ?? '', toolCalls: step.tool_calls ?? [] })
    } else if (step.status === 'completed' || step.status === 'failed') {
      const failed = step.status === 'failed'
      messages.push({
        role: 'tool',
        toolCallId: step.tool_call_id!,
        name: step.tool_name!,
        content: toolMessageContent(
          failed ? { error: step.error as unknown as StepError } : { output: step.output },
        ),
        isError: failed,
      })
    }
  }
  return messages
}
