// SQL for execution_events, a run's event log. Events are appended in batches, one statement each: the
// sequence numbers continue from the run's last one (computed by the statement, so a continuation needs no
// read first), and the same statement NOTIFYs the live readers (delivered when the transaction commits).
import type { TransactionSql } from '../../app/plugin-kit.js'
import type { ExecutionStatus } from './execution.js'

/** The channel of appends; the payload is `<tenant id>:<execution id>:<last seq>`. */
export const eventsChannel = 'map_execution_events'

export interface NewEvent {
  type: string
  data: unknown
}

export interface EventRow {
  seq: number
  type: string
  data: unknown
  created_at: Date
}

export function makeEventsRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  return {
    /**
     * Appends the events after the run's last one; a statement not sent yet (await it, or pass it to
     * commitWith). One writer per run at a time: the loop's units of work, one after the other. With
     * `notify`, the streams following the run are woken when it commits. With `last`, it answers the
     * batch's last seq (its events are numbered last - n + 1 .. last).
     */
    append(executionId: string, events: readonly NewEvent[], options: { notify: boolean; last?: boolean }) {
      const appended = tx`
          insert into execution_events (tenant_id, execution_id, seq, type, data)
          select ${tenantId}, ${executionId},
                 (select coalesce(max(seq), 0) from execution_events
                   where tenant_id = ${tenantId} and execution_id = ${executionId}) + e.n::int,
                 e.event ->> 'type', e.event -> 'data'
            from jsonb_array_elements(${tx.json(events as never)}::jsonb) with ordinality as e(event, n)
          returning seq`
      // A run nobody can be following yet (a JSON run, whose id its client learns at the end) skips the
      // NOTIFY: PostgreSQL serialises the commits of notifying transactions, and every listening process
      // would read each one. A stream that follows such a run finds its events by its fallback poll.
      if (!options.notify && !options.last) return appended
      if (!options.notify)
        return tx<
          { last: number }[]
        >`with appended as (${appended}) select max(seq)::int as last from appended`
      if (!options.last) {
        return tx`
          with appended as (${appended})
          select pg_notify(${eventsChannel}, ${`${tenantId}:${executionId}:`} || max(seq)) from appended`
      }
      return tx<{ last: number }[]>`
        with appended as (${appended})
        select pg_notify(${eventsChannel}, ${`${tenantId}:${executionId}:`} || max(seq)), max(seq)::int as last
          from appended`
    },

    /** The events after seq `after`, in order, at most limit. */
    after(executionId: string, after: number, limit: number): Promise<EventRow[]> {
      return tx<EventRow[]>`
        select seq, type, data, created_at from execution_events
         where tenant_id = ${tenantId} and execution_id = ${executionId} and seq > ${after}
         order by seq
         limit ${limit}`
    },

    /** The run's status (undefined: no such execution for this tenant). */
    async status(executionId: string): Promise<ExecutionStatus | undefined> {
      const [row] = await tx<{ status: ExecutionStatus }[]>`
        select status from execution_logs where tenant_id = ${tenantId} and id = ${executionId}`
      return row?.status
    },
  }
}

export type EventsRepo = ReturnType<typeof makeEventsRepo>
