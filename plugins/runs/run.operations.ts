// POST /agents/{id}/run and POST /executions/{id}/tool-outputs: JSON by default, server-sent events with
// stream: true, or without a stream field when Accept asks for text/event-stream (an explicit stream field
// wins over Accept). Unit-of-work operations: no transaction is held while a model or a tool works.
import {
  problemReply,
  unitOfWork,
  type EventSink,
  type Reply,
  type StreamReply,
  type UnitOfWorkContext,
} from '../../app/plugin-kit.js'
import { finalEventOf, type RunEventSink } from './run.events.js'
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
      // A cancelled run has nobody to tell; throwing frees its Idempotency-Key for the retry.
      if (outcome.failure?.code === 'RUN_CANCELLED') throw outcome.failure
      emit(finalEventOf(outcome.execution.status), outcome.execution)
      return finalReply(ctx, outcome)
    },
  }
}

export const runAgent = unitOfWork(async (ctx): Promise<Reply | StreamReply> => {
  const body = ctx.body as RunRequest & Streamable
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
