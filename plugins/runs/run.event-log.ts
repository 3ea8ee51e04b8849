// A run's events on their way to execution_events. They are buffered in memory and written as one
// multi-row statement riding in a transaction the loop sends anyway (the run's first, each step's, the
// last), so logging costs a JSON run no round trip. While a streamed run waits for its model (or its tools),
// what is buffered (the response.delta events) is also flushed every EVENT_FLUSH_MS in a short transaction
// of its own, so a reader tailing the log sees a long answer grow. Writes never overlap: a step's
// transaction takes the buffer only once the last flush has ended, so the log keeps the emission order.
import type { Cradle, TenantTransaction } from '../../app/plugin-kit.js'
import type { NewEvent } from './events.repo.js'
import type { RunEventSink, RunEventType, RunEvents } from './run.events.js'

export class RunEventLog {
  private pending: NewEvent[] = []
  private flushing: Promise<void> | undefined

  /**
   * Whether appends wake the streams that follow the run (NOTIFY): true once a client may be following it,
   * which a streamed run's client can (it has the id from the first event). A JSON run's client learns the
   * id with the answer; a stream that follows it anyway is served by its fallback poll.
   */
  live = false

  constructor(readonly executionId: string) {}

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

  /** The append of what is buffered, as one statement not sent yet; undefined when nothing is. */
  appendIn(services: Pick<Cradle, 'runsEventsRepo'>) {
    if (this.pending.length === 0) return undefined
    const batch = this.pending
    this.pending = []
    return services.runsEventsRepo.append(this.executionId, batch, { notify: this.live })
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
        await services.runsEventsRepo.append(this.executionId, batch, { notify: this.live })
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
