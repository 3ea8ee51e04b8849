// GET /executions/{id}/events: a run's event log, as a JSON page (after, limit), or with Accept:
// text/event-stream as a resumable stream: every stored event after Last-Event-ID (or `after`) once, in
// order, each with its seq as the SSE id, then the live ones as they commit, until the run has finished.
// A stream holds no connection while it waits: it sleeps until the listener says the run's log grew (or a
// fallback poll fires), then reads the new events in a short tenant transaction.
import { appError, unitOfWork, type EventSink, type Reply, type StreamReply } from '../../app/plugin-kit.js'
import { isFinal } from './execution-state.js'
import { endingEvents } from './run.events.js'
import type { EventRow } from './events.repo.js'
import type { ExecutionStatus } from './execution.js'

interface Batch {
  status: ExecutionStatus
  events: EventRow[]
}

/** Events read per transaction while a stream catches up. */
const streamBatch = 500
/** A missed notification delays a stream at most this long. */
const fallbackPollMs = 1000
/** An idle stream (a run waiting for tool outputs) sends a comment this often, so proxies keep it open. */
const heartbeatMs = 15_000

const wantsStream = (accept: string | undefined) => /\btext\/event-stream\b/.test(accept ?? '')

/** Where a stream starts: Last-Event-ID when the client sends one (a reconnection), else `after`. */
function startOf(lastEventId: string | string[] | undefined, after: number): number {
  const header = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId
  if (header === undefined || header === '') return after
  if (!/^[0-9]{1,9}$/.test(header)) {
    throw appError('VALIDATION_ERROR', 'Last-Event-ID must be the seq of an event (an integer >= 0).', {
      errors: [{ path: '/headers/last-event-id', message: 'must be an integer >= 0' }],
    })
  }
  return Number(header)
}

export const listExecutionEvents = unitOfWork(async (ctx): Promise<Reply | StreamReply> => {
  const id = ctx.params.id!
  const after = typeof ctx.query.after === 'number' ? ctx.query.after : 0
  if (!wantsStream(ctx.headers.accept)) {
    const limit = typeof ctx.query.limit === 'number' ? ctx.query.limit : 100
    const page = await ctx.inTransaction((services) => services.runsEventsService.page(id, after, limit))
    return { status: 200, body: page }
  }
  const start = startOf(ctx.headers['last-event-id'], after)
  const read = (from: number) =>
    ctx.inTransaction((services) => services.runsEventsService.read(id, from, streamBatch))
  // Read before the stream opens: an unknown (or another tenant's) execution is a 404, not an empty stream.
  const first = await read(start)
  const listener = ctx.services.runsEventsListener
  return {
    stream: async (sink) => {
      const news = wakeUps(sink.signal)
      const unsubscribe = listener.subscribe(ctx.tenantId, id, news.wake)
      try {
        await tail(sink, first, start, read, news.next)
      } finally {
        unsubscribe()
      }
      return { status: 200 }
    },
  }
})

/** Sends the batches until the run has finished (or the client left). */
async function tail(
  sink: EventSink,
  first: Batch,
  start: number,
  read: (after: number) => Promise<Batch>,
  next: (ms: number) => Promise<void>,
): Promise<void> {
  let batch: Batch = first
  let after = start
  let lastWrite = Date.now()
  for (;;) {
    for (const event of batch.events) {
      sink.send(event.type, event.data, event.seq)
      after = event.seq
    }
    if (batch.events.length > 0) lastWrite = Date.now()
    const full = batch.events.length === streamBatch
    const ended = isFinal(batch.status) || batch.events.some((event) => endingEvents.has(event.type))
    if (!full) {
      if (ended) return
      await next(fallbackPollMs)
      if (sink.signal.aborted) return
      if (Date.now() - lastWrite >= heartbeatMs) {
        sink.comment('heartbeat')
        lastWrite = Date.now()
      }
    }
    batch = await read(after)
  }
}

/** Wake-ups from the listener, remembered when none is awaited (a notification during a read is not lost). */
function wakeUps(signal: AbortSignal) {
  let pending = false
  let resolveWait: (() => void) | undefined
  return {
    wake: () => {
      pending = true
      resolveWait?.()
    },
    next: (ms: number) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          signal.removeEventListener('abort', done)
          resolveWait = undefined
          pending = false
          resolve()
        }
        const timer = setTimeout(done, ms)
        signal.addEventListener('abort', done, { once: true })
        resolveWait = done
        if (pending || signal.aborted) done()
      }),
  }
}
