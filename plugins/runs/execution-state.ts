// The one place that says how an execution's status may change. Every write of a status goes through
// transition(): the repositories then update `where status = <from>`, so two requests racing for the same
// move (a run answered twice) cannot both make it.
import { appError } from '../../app/plugin-kit.js'
import type { ExecutionStatus } from './execution.js'

const moves: Record<ExecutionStatus, readonly ExecutionStatus[]> = {
  // A worker takes the background run, it is cancelled before one does, or it cannot start (its first model
  // step over budget, every attempt's worker lost).
  queued: ['running', 'cancelled', 'failed'],
  // The loop ends, or waits for the caller's tool outputs.
  running: ['requires_action', 'completed', 'failed', 'incomplete', 'cancelled'],
  // The outputs arrived (the loop goes on), nobody answered in time, or the run was cancelled.
  requires_action: ['running', 'expired', 'cancelled'],
  completed: [],
  failed: [],
  incomplete: [],
  cancelled: [],
  expired: [],
}

export const isFinal = (status: ExecutionStatus): boolean => moves[status].length === 0

export const canMove = (from: ExecutionStatus, to: ExecutionStatus): boolean => moves[from].includes(to)

/** Refuses a move the machine does not have: 409 INVALID_EXECUTION_STATE, naming both statuses. */
export function transition(
  execution: { id: string; status: ExecutionStatus },
  to: ExecutionStatus,
): { from: ExecutionStatus; to: ExecutionStatus } {
  if (!canMove(execution.status, to)) throw invalidState(execution, to)
  return { from: execution.status, to }
}

export const invalidState = (execution: { id: string; status: ExecutionStatus }, to: ExecutionStatus) =>
  appError(
    'INVALID_EXECUTION_STATE',
    to === 'running' && execution.status !== 'requires_action'
      ? `Execution ${execution.id} is ${execution.status}: it does not wait for tool outputs.`
      : `Execution ${execution.id} cannot go from ${execution.status} to ${to}.`,
    { execution_id: execution.id, status: execution.status },
  )
