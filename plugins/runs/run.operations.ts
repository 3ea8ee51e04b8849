// POST /agents/{id}/run: JSON by default, server-sent events with stream: true, or without a stream field
// when Accept asks for text/event-stream. An explicit stream field wins over Accept.
// A unit-of-work operation: no transaction is held while the model works.
import {
  problemReply,
  unitOfWork,
  type Reply,
  type StreamReply,
  type UnitOfWorkContext,
} from '../../app/plugin-kit.js'
import type { RunOutcome } from './run.service.js'

interface RunBody {
  prompt: string
  model: string
  stream?: boolean
}

// The spec gives stream no default, so the validator leaves an absent field absent.
const wantsStream = (ctx: UnitOfWorkContext, body: RunBody): boolean =>
  body.stream ?? /\btext\/event-stream\b/.test(ctx.headers.accept ?? '')

/** The answer a JSON client gets: the execution, or the problem saying why it did not complete. */
function finalReply(ctx: UnitOfWorkContext, outcome: RunOutcome): Reply {
  return outcome.failure
    ? problemReply(outcome.failure, ctx.requestId)
    : { status: 200, body: outcome.execution }
}

export const runAgent = unitOfWork(async (ctx): Promise<Reply | StreamReply> => {
  const body = ctx.body as RunBody
  const service = ctx.services.runsRunService
  const run = await service.prepare(ctx, ctx.params.id!, body.model, body.prompt)
  if (!wantsStream(ctx, body)) {
    const outcome = await service.execute(ctx, run, body.prompt)
    if (outcome.failure) throw outcome.failure
    return { status: 200, body: outcome.execution }
  }
  return {
    stream: async (sink) => {
      sink.send('execution.created', {
        id: run.id,
        agent_id: run.agent.id,
        agent_name: run.agent.name,
        model: run.model.id,
        provider: run.model.provider,
        status: 'running',
      })
      const outcome = await service.execute(ctx, run, body.prompt, (delta) =>
        sink.send('response.delta', { delta }),
      )
      // A cancelled run has nobody to tell; throwing frees its Idempotency-Key for the retry.
      if (outcome.failure?.code === 'RUN_CANCELLED') throw outcome.failure
      sink.send(outcome.failure ? 'execution.failed' : 'execution.completed', outcome.execution)
      return finalReply(ctx, outcome)
    },
  }
})
