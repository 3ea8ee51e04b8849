// A run's events on their way to execution_events. They are buffered in memory and written as one
// multi-row statement riding in a transaction the loop sends anyway (the run's first, each step's, the
// last), so logging costs a JSON run no round trip. While a streamed run waits for its model (or its tools),
// what is buffered (the response.delta events) is also flushed every EVENT_FLUSH_MS in a short transaction
// of its own, so a reader tailing the log sees a long answer grow. Writes never overlap: a step's
// transaction takes the buffer only once the last flush has ended, so the log keeps the emission order.
// A batch holding an event some plugin subscribes to also enqueues its deliveries (run.subscribers.ts).
import {
  commitWith,
  type Cradle,
  type PendingStatement,
  type TenantTransaction,
} from '../../app/plugin-kit.js'
import type { EventsRepo, NewEvent } from './events.repo.js'
import type { RunEventSink, RunEventType, RunEvents } from './run.events.js'
import type { SubscriberInterest } from './run.subscribers.js'

/** What writing the log needs of a transaction's services. */
export type LogServices = Pick<Cradle, 'tx' | 'tenantId' | 'jobs' | 'runsEventsRepo' | 'runsEventSubscribers'>

export class RunEventLog {
  private pending: NewEvent[] = []
  private flushing: Promise<void> | undefined

  /**
   * Whether appends wake the streams that follow the run (NOTIFY): true once a client may be following it,
   * which a streamed run's client can (it has the id from the first event). A JSON run's client learns the
   * id with the answer; a stream that follows it anyway is served by its fallback poll.
   */
  live = false

  /**
   * What the run's tenant wants of the subscribers that ask (run.subscribers.ts), learnt in the run's first
   * transaction (or, interestUnasked, its next); undefined: not asked (every subscriber gets what it names,
   * and asks nothing more).
   */
  interest: SubscriberInterest | undefined

  /**
   * The interest is still to be asked, in the run's next transaction (askInterestIn): a JSON run's first
   * transaction is one round trip, with no answer to wait for before its COMMIT (run.service.ts).
   */
  interestUnasked = false

  constructor(readonly executionId: string) {}

  /**
   * Asks the interest in services' transaction when it is still unasked (undefined otherwise): pass it with
   * the transaction's first statements, so it costs no round trip; the log is written after it answers.
   */
  askInterestIn(services: Cradle): Promise<void> | undefined {
    if (!this.interestUnasked) return undefined
    return services.runsEventSubscribers.interestOf(services).then((interest) => {
      this.interest = interest
      this.interestUnasked = false
    })
  }

  /** Buffers the event for the log (a sink that only logs). */
  readonly record: RunEventSink = <T extends RunEventType>(type: T, data: RunEvents[T]) => {
    this.pending.push({ type, data })
  }

  /** A sink that logs each event and forwards it (to the run's stream, or nowhere). */
  teeTo(forward: RunEventSink): RunEventSink {
    return (type, data) => {
      this.record(type, data)
      forward(type, data)
    }
  }

  get buffered(): number {
    return this.pending.length
  }

  /**
   * The append of what is buffered, in services' transaction; undefined when nothing is. When no subscriber
   * wants any event of the batch (run.subscribers.ts): one statement not sent yet (await it, or pass it to
   * commitWith), as always. When one does: a promise that sends the append, then enqueues the deliveries in
   * the same transaction (they need the seqs it answers), so a run with subscribers pays those round trips.
   */
  appendIn(services: LogServices): ReturnType<EventsRepo['append']> | Promise<void> | undefined {
    if (this.pending.length === 0) return undefined
    const batch = this.pending
    this.pending = []
    return this.write(services, batch)
  }

  /**
   * Ends services' transaction with `others` and the append: both sent with its COMMIT, in one round trip,
   * when no subscriber wants the batch; otherwise `others`, then the append and its deliveries, are sent
   * before it.
   */
  async commitIn(services: LogServices, ...others: PendingStatement[]): Promise<void> {
    if (this.pending.length === 0) {
      if (others.length > 0) await commitWith(services.tx, ...others)
    } else if (
      !services.runsEventSubscribers.wantAny(
        this.pending.map((event) => event.type),
        this.interest,
      )
    ) {
      await commitWith(services.tx, ...others, this.appendIn(services) as PendingStatement)
    } else {
      // The append after the statements it may follow (the run's row, the first time).
      await Promise.all(others)
      await this.appendIn(services)
    }
  }

  private write(services: LogServices, batch: NewEvent[]) {
    const { runsEventsRepo: repo, runsEventSubscribers: subscribers } = services
    // Unasked, it would read as "not asked": every subscriber would get every event it names.
    if (this.interestUnasked)
      throw new Error(`run ${this.executionId}: its log was written before its interest was asked`)
    if (
      !subscribers.wantAny(
        batch.map((event) => event.type),
        this.interest,
      )
    ) {
      return repo.append(this.executionId, batch, { notify: this.live })
    }
    return (async () => {
      const [row] = (await repo.append(this.executionId, batch, { notify: this.live, last: true })) as {
        last?: number
      }[]
      const first = row!.last! - batch.length + 1
      const events = batch.map((event, i) => ({ seq: first + i, type: event.type }))
      await subscribers.enqueue(services, this.executionId, events, this.interest)
    })()
  }

  /**
   * Runs fn, flushing what is buffered every `everyMs` (only when something is) in a transaction of its
   * own; resolves once fn has and the last flush has ended. A failed flush puts its events back in front.
   */
  async flushingWhile<T>(
    inTransaction: TenantTransaction,
    everyMs: number,
    fn: () => Promise<T>,
  ): Promise<T> {
    const timer = setInterval(() => {
      if (this.flushing || this.pending.length === 0) return
      const batch = this.pending
      this.pending = []
      this.flushing = inTransaction(async (services) => {
        await this.write(services, batch)
      })
        .catch(() => {
          // Written with the step's transaction instead (the database may be back by then).
          this.pending = [...batch, ...this.pending]
        })
        .finally(() => (this.flushing = undefined))
    }, everyMs)
    try {
      return await fn()
    } finally {
      clearInterval(timer)
      await this.flushing
    }
  }
}
