// What an execution is, stored and served: the row in execution_logs and the Execution of the contract.
// The history, run and executions operations all answer with toExecution(), so they can never disagree.

/**
 * queued: a background run no worker has taken yet; running: the loop is working; requires_action: it waits
 * for the caller's tool outputs; the rest are final. execution-state.ts holds the moves between them.
 */
export type ExecutionStatus =
  'queued' | 'running' | 'requires_action' | 'completed' | 'failed' | 'incomplete' | 'cancelled' | 'expired'

export const executionStatuses: readonly ExecutionStatus[] = [
  'queued',
  'running',
  'requires_action',
  'completed',
  'failed',
  'incomplete',
  'cancelled',
  'expired',
]

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

/** The client tool calls a requires_action run waits for. */
export interface RequiredAction {
  type: 'submit_tool_outputs'
  tool_calls: { id: string; tool_id: string; name: string; arguments: string }[]
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
  required_action: RequiredAction | null
  max_steps: number | null
  steps_count: number
  incomplete_reason: 'max_steps' | null
  expires_at: Date | null
  updated_at: Date | null
  background: boolean
  cancel_requested_at: Date | null
}

/** The execution_logs columns every read returns, for `select ${...}` in the repositories. */
export const executionColumnNames = [
  'id',
  'agent_id',
  'agent_snapshot',
  'model',
  'provider',
  'prompt',
  'response',
  'status',
  'error',
  'tool_calls',
  'input_tokens',
  'output_tokens',
  'usage_estimated',
  'cost_usd',
  'latency_ms',
  'created_at',
  'required_action',
  'max_steps',
  'steps_count',
  'incomplete_reason',
  'expires_at',
  'updated_at',
  'background',
  'cancel_requested_at',
] as const

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
  /** What the run was billed, summed over its model steps; estimated when a provider did not report it. */
  usage: { input_tokens: number; output_tokens: number; total_tokens: number; estimated: boolean }
  cost_usd: number
  latency_ms: number
  created_at: Date
  steps_count: number
  max_steps?: number
  required_action?: RequiredAction
  incomplete_reason?: 'max_steps'
  expires_at?: Date
  updated_at?: Date
  /** Present (true) on a run a worker runs (`background: true`). */
  background?: true
  /** When a cancel was asked for; the run is cancelled once its current call has stopped. */
  cancel_requested_at?: Date
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
    steps_count: row.steps_count,
    ...(row.max_steps !== null ? { max_steps: row.max_steps } : {}),
    ...(row.required_action ? { required_action: row.required_action } : {}),
    ...(row.incomplete_reason ? { incomplete_reason: row.incomplete_reason } : {}),
    ...(row.expires_at ? { expires_at: row.expires_at } : {}),
    ...(row.updated_at ? { updated_at: row.updated_at } : {}),
    ...(row.background ? { background: true as const } : {}),
    ...(row.cancel_requested_at ? { cancel_requested_at: row.cancel_requested_at } : {}),
  }
}
