// The tool calls of one model step: each is matched to one of the agent's own tools and its arguments
// checked; a call the loop refuses (a tool the agent does not have, arguments that are not JSON or not valid
// for the schema) becomes an error result the model sees, not a failed run. Server-side calls then run in
// parallel; client calls wait for the caller.
import { DomainError } from '../../app/plugin-kit.js'
import type { RunnableToolRow } from '../catalog/tools.repo.js'
import type { ToolCall as ModelToolCall, ToolSpec } from '../models/provider.js'
import type { RunContext, ToolKindsRegistry } from '../tool-kinds/tool-kinds.registry.js'
import type { StepError } from './steps.js'

export type RunTool = RunnableToolRow

export interface PlannedToolCall {
  index: number
  call: ModelToolCall
  tool: RunTool | undefined
  /** running: the platform runs it; waiting: the caller does; failed: refused with `error`. */
  status: 'running' | 'waiting' | 'failed'
  input?: unknown
  error?: StepError
}

export interface ToolCallResult {
  index: number
  status: 'completed' | 'failed' | 'cancelled'
  output?: unknown
  error?: StepError
  latencyMs: number
}

/** What the model is told about the agent's tools. */
export const toolSpecsOf = (tools: readonly RunTool[]): ToolSpec[] =>
  tools.map(({ name, description, input_schema }) => ({ name, description, inputSchema: input_schema }))

export function planToolCalls(
  kinds: ToolKindsRegistry,
  tools: readonly RunTool[],
  calls: readonly ModelToolCall[],
  firstIndex: number,
): PlannedToolCall[] {
  const byName = new Map(tools.map((tool) => [tool.name, tool]))
  return calls.map((call, i) => {
    const index = firstIndex + i
    const tool = byName.get(call.name)
    if (!tool) {
      return {
        index,
        call,
        tool,
        status: 'failed',
        error: { code: 'UNKNOWN_TOOL', message: `There is no tool named "${call.name}".` },
      }
    }
    let input: unknown
    try {
      input = JSON.parse(call.arguments)
    } catch {
      return {
        index,
        call,
        tool,
        status: 'failed',
        error: { code: 'INVALID_ARGUMENTS', message: 'The arguments are not JSON.', errors: [] },
      }
    }
    const errors = kinds.validateInput(tool.input_schema, input)
    if (errors.length > 0) {
      const message = errors.map((e) => `${e.pointer || '/'}: ${e.message}`).join('; ')
      return {
        index,
        call,
        tool,
        status: 'failed',
        error: {
          code: 'INVALID_ARGUMENTS',
          message: `The arguments do not match the schema: ${message}`,
          errors,
        },
      }
    }
    const executable = kinds.get(tool.kind)?.executable ?? false
    return { index, call, tool, status: executable ? 'running' : 'waiting', input }
  })
}

/** Runs the server-side calls of a step together, each with the run's signal; never throws for a tool's failure. */
export async function runToolCalls(
  kinds: ToolKindsRegistry,
  planned: readonly PlannedToolCall[],
  ctx: RunContext & { executionId: string },
  onDone: (result: ToolCallResult) => void,
): Promise<ToolCallResult[]> {
  return Promise.all(
    planned
      .filter((p) => p.status === 'running')
      .map(async (p): Promise<ToolCallResult> => {
        const result = await runOne(kinds, p, ctx)
        onDone(result)
        return result
      }),
  )
}

async function runOne(
  kinds: ToolKindsRegistry,
  p: PlannedToolCall,
  ctx: RunContext & { executionId: string },
): Promise<ToolCallResult> {
  const started = performance.now()
  try {
    const result = await kinds.run(p.tool!, p.input, ctx)
    if ('output' in result) {
      return { index: p.index, status: 'completed', output: result.output, latencyMs: result.latencyMs }
    }
    const cancelled = result.error.code === 'CANCELLED' && ctx.signal.aborted
    return {
      index: p.index,
      status: cancelled ? 'cancelled' : 'failed',
      error: result.error,
      latencyMs: result.latencyMs,
    }
  } catch (error) {
    // Checked above already (input, kind); only a refusal of ours is shown to the model as it is.
    const known = error instanceof DomainError
    return {
      index: p.index,
      status: 'failed',
      error: known
        ? { code: error.code, message: error.message }
        : { code: 'TOOL_FAILED', message: 'the tool failed unexpectedly' },
      latencyMs: Math.round(performance.now() - started),
    }
  }
}
