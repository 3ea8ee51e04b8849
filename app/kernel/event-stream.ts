// Server-sent events for StreamReply operations.
import type { Response } from 'express'
import type { EventSink, Reply, StreamReply } from './plugin.js'

/**
 * Sends the stream and returns the operation's final reply. If the operation fails after the headers
 * went out, the client gets an `error` event carrying the problem document before the stream ends.
 */
export async function sendEventStream(
  res: Response,
  reply: StreamReply,
  signal: AbortSignal,
  problemOf: (error: unknown) => Reply,
): Promise<Reply> {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
  })
  res.flushHeaders()
  const open = () => !res.writableEnded && !res.destroyed
  const sink: EventSink = {
    send(event, data, id) {
      // An id is a number or a string without line breaks (the caller's own sequence); never user text.
      const idLine = id === undefined ? '' : `id: ${String(id).replace(/[\r\n]/g, '')}\n`
      if (open()) res.write(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    },
    comment(text) {
      if (open()) res.write(`: ${text.replace(/[\r\n]/g, ' ')}\n\n`)
    },
    signal,
  }
  try {
    return await reply.stream(sink)
  } catch (error) {
    sink.send('error', problemOf(error).body)
    throw error
  } finally {
    res.end()
  }
}
