// A run's event log as GET /executions/{id}/events reads it: a page after a sequence number, or, for a
// stream, the next batch together with the run's status. The status is read first, in the same transaction:
// the final event is committed with the final status, so a final status means the batch read after it holds
// every event that is left. Reading a run that waited past its deadline records it as expired (lazy expiry).
import { appError } from '../../app/plugin-kit.js'
import type { ExecutionStatus } from './execution.js'
import type { EventRow, EventsRepo } from './events.repo.js'
import type { RunRepo } from './run.repo.js'

interface Deps {
  runsEventsRepo: EventsRepo
  runsRunRepo: RunRepo
}

export interface ExecutionEvent {
  seq: number
  type: string
  data: unknown
  created_at: string
}

export interface EventPage {
  items: ExecutionEvent[]
  has_more: boolean
  /** The `after` of the next page: the last seq of this one (the request's `after` when it is empty). */
  next_after: number
}

const notFound = (id: string) => appError('EXECUTION_NOT_FOUND', `No execution with id ${id}.`, { id })

export const toEvent = (row: EventRow): ExecutionEvent => ({
  seq: row.seq,
  type: row.type,
  data: row.data,
  created_at: row.created_at.toISOString(),
})

export function makeEventsService({ runsEventsRepo, runsRunRepo }: Deps) {
  /** The run's status and its events after `after` (at most limit); 404 for an execution this tenant lacks. */
  const read = async (
    id: string,
    after: number,
    limit: number,
  ): Promise<{ status: ExecutionStatus; events: EventRow[] }> => {
    // Sent together, run in this order: expiry, status, then the events.
    const [, status, events] = await Promise.all([
      runsRunRepo.expireIfDue(id),
      runsEventsRepo.status(id),
      runsEventsRepo.after(id, after, limit),
    ])
    if (!status) throw notFound(id)
    return { status, events }
  }

  return {
    read,

    async page(id: string, after: number, limit: number): Promise<EventPage> {
      const { events } = await read(id, after, limit + 1)
      const items = events.slice(0, limit).map(toEvent)
      return { items, has_more: events.length > limit, next_after: items.at(-1)?.seq ?? after }
    },
  }
}

export type EventsService = ReturnType<typeof makeEventsService>
