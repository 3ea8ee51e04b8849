// What an execution is, stored and served: the row in execution_logs and the Execution of the contract.
// The history and run operations both answer with toExecution(), so the two can never disagree.

export type ExecutionStatus = 'completed' | 'failed' | 'cancelled'

/** The agent as it ran: history shows this even after the agent is edited. */
export interface AgentSnapshot {
  id: string
  name: string
  role: string
  description: string
  tools: { id: string; name: string; description: string }[]
}

export interface ToolCall {
  name: string
  /** The arguments exactly as the model produced them (JSON text). */
  arguments: string
}

/** A problem document (RFC 9457) describing why a run failed or was cancelled. */
export type ExecutionError = Record<string, unknown>

export interface ExecutionRow {
  id: string
  agent_id: string
  agent_snapshot: AgentSnapshot
  model: string
  provider: string
  prompt: string
  response: string | null
  status: ExecutionStatus
  error: ExecutionError | null
  tool_calls: ToolCall[] | null
  input_tokens: number
  output_tokens: number
  usage_estimated: boolean
  /** numeric(14,8) arrives as a string, so no precision is lost on the way. */
  cost_usd: string | number
  latency_ms: number
  created_at: Date
}

export interface Execution {
  id: string
  agent_id: string
  agent_name: string
  agent: AgentSnapshot
  model: string
  provider: string
  prompt: string
  response: string | null
  tools_available: string[]
  tool_calls: ToolCall[]
  warning?: string
  status: ExecutionStatus
  error?: ExecutionError
  /** What the run was billed; estimated when the provider did not report it (the run did not complete). */
  usage: { input_tokens: number; output_tokens: number; total_tokens: number; estimated: boolean }
  cost_usd: number
  latency_ms: number
  created_at: Date
}

export const noToolsWarning = 'The agent has no tools; it ran without tool access.'

export function toExecution(row: ExecutionRow): Execution {
  const snapshot = row.agent_snapshot
  return {
    id: row.id,
    agent_id: row.agent_id,
    agent_name: snapshot.name,
    agent: snapshot,
    model: row.model,
    provider: row.provider,
    prompt: row.prompt,
    response: row.response,
    tools_available: snapshot.tools.map((tool) => tool.name),
    tool_calls: row.tool_calls ?? [],
    ...(snapshot.tools.length === 0 ? { warning: noToolsWarning } : {}),
    status: row.status,
    ...(row.error ? { error: row.error } : {}),
    usage: {
      input_tokens: row.input_tokens,
      output_tokens: row.output_tokens,
      total_tokens: row.input_tokens + row.output_tokens,
      estimated: row.usage_estimated,
    },
    cost_usd: Number(row.cost_usd),
    latency_ms: row.latency_ms,
    created_at: row.created_at,
  }
}
