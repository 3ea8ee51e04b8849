// POST /agents/{id}/run and POST /executions/{id}/tool-outputs: JSON by default, server-sent events with
// stream: true, or without a stream field when Accept asks for text/event-stream (an explicit stream field
// wins over Accept). Unit-of-work operations: no transaction is held while a model or a tool works.
import {
  appError,
  problemReply,
  unitOfWork,
  type EventSink,
  type Reply,
  type StreamReply,
  type UnitOfWorkContext,
} from '../../app/plugin-kit.js'
import { finalEventOf, type RunEventSink } from './run.events.js'
import type { Execution } from './execution.js'
import type { LoopRun, RunOutcome, RunRequest, ToolOutput } from './run.service.js'

interface Streamable {
  stream?: boolean
}

// The spec gives stream no default, so the validator leaves an absent field absent.
const wantsStream = (ctx: UnitOfWorkContext, body: Streamable): boolean =>
  body.stream ?? /\btext\/event-stream\b/.test(ctx.headers.accept ?? '')

/** The answer a JSON client gets: the execution (completed, incomplete, waiting), or the problem saying why it failed. */
function finalReply(ctx: UnitOfWorkContext, outcome: RunOutcome): Reply {
  return outcome.failure
    ? problemReply(outcome.failure, ctx.requestId)
    : { status: 200, body: outcome.execution }
}

/** The loop's events, as server-sent events. */
const toSink =
  (sink: EventSink): RunEventSink =>
  (type, data) =>
    sink.send(type, data)

/** Runs the loop and answers: as JSON, or as a stream that ends with the execution in its final event. */
function answer(
  ctx: UnitOfWorkContext,
  run: LoopRun,
  body: Streamable,
  opening?: (emit: RunEventSink) => void,
): Promise<Reply> | StreamReply {
  const service = ctx.services.runsRunService
  if (!wantsStream(ctx, body)) {
    return service.execute(ctx, run).then((outcome) => {
      if (outcome.failure) throw outcome.failure
      return { status: 200, body: outcome.execution }
    })
  }
  return {
    stream: async (sink) => {
      const emit = toSink(sink)
      opening?.(emit)
      const outcome = await service.execute(ctx, run, emit, true)
      // A run cancelled by its client's disconnect has nobody to tell; throwing frees its Idempotency-Key for
      // the retry. (One cancelled by a request ends with execution.cancelled and no failure.)
      if (outcome.failure?.code === 'RUN_CANCELLED') throw outcome.failure
      emit(finalEventOf(outcome.execution.status), outcome.execution)
      return finalReply(ctx, outcome)
    },
  }
}

/** A background run's answer: the execution as it is now, and where to follow it. */
const accepted = (execution: Execution): Reply => ({
  status: 202,
  body: execution,
  headers: { Location: `/api/v1/executions/${execution.id}` },
})

export const runAgent = unitOfWork(async (ctx): Promise<Reply | StreamReply> => {
  const body = ctx.body as RunRequest & Streamable
  if (body.background) {
    // Its events are followed at GET /executions/{id}/events; an Accept header asking for a stream is ignored.
    if (body.stream === true) {
      throw appError('VALIDATION_ERROR', 'A background run is not streamed.', {
        errors: [
          {
            path: '/body/stream',
            message: 'must not be true with background: follow GET /api/v1/executions/{id}/events',
          },
        ],
      })
    }
    return accepted(await ctx.services.runsRunService.enqueue(ctx, ctx.params.id!, body))
  }
  const run = await ctx.services.runsRunService.prepare(ctx, ctx.params.id!, body, {
    live: wantsStream(ctx, body),
  })
  return answer(ctx, run, body, (emit) =>
    emit('execution.created', {
      id: run.id,
      agent_id: run.agent.id,
      agent_name: run.agent.name,
      model: run.model.id,
      provider: run.model.provider,
      status: 'running',
    }),
  )
})

export const submitToolOutputs = unitOfWork(async (ctx): Promise<Reply | StreamReply> => {
  const body = ctx.body as { tool_outputs: ToolOutput[] } & Streamable
  const next = await ctx.services.runsRunService.prepareAnswer(ctx, ctx.params.id!, body.tool_outputs)
  // A background run goes on in a worker.
  if ('queued' in next) return accepted(next.queued)
  if ('ended' in next) {
    // A later step over budget: the run failed before the loop went on.
    if (!wantsStream(ctx, body)) throw next.ended.failure!
    return {
      stream: (sink) => {
        sink.send('execution.failed', next.ended.execution)
        return Promise.resolve(finalReply(ctx, next.ended))
      },
    }
  }
  return answer(ctx, next.run, body)
})

/** POST /executions/{id}/cancel: 202 with the execution (cancelled, or running with cancel_requested_at). */
export const cancelExecution = unitOfWork(async (ctx): Promise<Reply> => {
  const execution = await ctx.services.runsRunService.cancel(ctx, ctx.params.id!)
  return { status: 202, body: execution }
})
