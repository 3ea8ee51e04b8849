// The events a run produces, and the one sink the loop sends them to. A streamed run forwards them as
// server-sent events; a JSON run drops them. Every run also logs them, numbered, in execution_events
// (run.event-log.ts); GET /executions/{id}/events replays that log.
// Each event's data has a schema in openapi.yaml (loop.openapi.yaml, x-sse-events); a test checks every
// event a stream carries against it.
import type { Execution } from './execution.js'
import type { StepError, StepType } from './steps.js'

export interface RunEvents {
  'execution.created': {
    id: string
    agent_id: string
    agent_name: string
    model: string
    provider: string
    /** queued: a background run, which a worker takes up (its first model step then has a step.created). */
    status: 'running' | 'queued'
  }
  'step.created': { execution_id: string; index: number; type: StepType }
  'response.delta': { delta: string }
  'tool_call.created': {
    execution_id: string
    step_index: number
    id: string
    tool_id: string | null
    name: string
    arguments: string
    /** running: the platform runs it; waiting: the caller does; failed: refused (unknown tool, bad arguments). */
    status: 'running' | 'waiting' | 'failed'
  }
  'tool_call.completed': {
    execution_id: string
    step_index: number
    id: string
    name: string
    status: 'completed' | 'failed' | 'cancelled'
    output?: unknown
    error?: StepError
    latency_ms: number
  }
  'execution.requires_action': Execution
  'execution.completed': Execution
  'execution.failed': Execution
  'execution.incomplete': Execution
  /** Only in the log: a cancelled run's stream has nobody left to tell. */
  'execution.cancelled': Execution
}

export type RunEventType = keyof RunEvents

/** Every event type, for checks at run time (a subscriber naming an unknown one stops the boot). */
export const runEventTypes = [
  'execution.created',
  'step.created',
  'response.delta',
  'tool_call.created',
  'tool_call.completed',
  'execution.requires_action',
  'execution.completed',
  'execution.failed',
  'execution.incomplete',
  'execution.cancelled',
] as const satisfies readonly RunEventType[]
// Fails to compile when a type is added to RunEvents and not to the list.
const everyTypeListed: Exclude<RunEventType, (typeof runEventTypes)[number]> extends never ? true : never =
  true
void everyTypeListed

/** Where the loop sends its events: `emit(type, data)`, nothing else. */
export type RunEventSink = <T extends RunEventType>(type: T, data: RunEvents[T]) => void

/** A JSON client is told nothing along the way. */
export const noEvents: RunEventSink = () => undefined

/** The final event of a run that stopped in this status. */
export const finalEventOf = (
  status: Execution['status'],
):
  | 'execution.requires_action'
  | 'execution.completed'
  | 'execution.failed'
  | 'execution.incomplete'
  | 'execution.cancelled' =>
  status === 'requires_action'
    ? 'execution.requires_action'
    : status === 'completed'
      ? 'execution.completed'
      : status === 'incomplete'
        ? 'execution.incomplete'
        : status === 'cancelled'
          ? 'execution.cancelled'
          : 'execution.failed'

/** The events after which a run's log has nothing more (requires_action is a pause, not an end). */
export const endingEvents: ReadonlySet<string> = new Set([
  'execution.completed',
  'execution.failed',
  'execution.incomplete',
  'execution.cancelled',
])
