// Reading a run's event log in the tests: its JSON pages, and its SSE stream over a real socket (fetch on a
// listening server), read incrementally so a test can cut the connection after k events and resume.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import type { BuiltApp } from '../../../app/kernel/create-app.js'
import type { Api } from './loop.helpers.js'
import type { ServerSentEvent } from './sse.js'
import { expectEventsMatchSpec } from './sse-schemas.js'

export interface LoggedEvent {
  seq: number
  type: string
  data: unknown
  created_at: string
}

export interface StreamedEvent extends ServerSentEvent {
  id: string | undefined
}

/** Every stored event of the execution, page by page (limit 1000). */
export async function storedEvents(api: Api, executionId: string): Promise<LoggedEvent[]> {
  const all: LoggedEvent[] = []
  for (let after = 0; ;) {
    const res = await api.get(`/api/v1/executions/${executionId}/events?after=${after}&limit=1000`)
    expect(res.status, JSON.stringify(res.body)).to.equal(200)
    all.push(...(res.body.items as LoggedEvent[]))
    if (!res.body.has_more) return all
    after = res.body.next_after as number
  }
}

/** Fails unless the seqs are 1..n and every event's data matches its schema in openapi.yaml. */
export function expectWellFormedLog(events: readonly LoggedEvent[]): void {
  expect(events.map((e) => e.seq)).to.deep.equal(events.map((_, i) => i + 1))
  expectEventsMatchSpec(
    'listExecutionEvents',
    events.map(({ type, data }) => ({ event: type, data })),
  )
}

/** The stored events as a stream shows them: name and data. */
export const asStreamed = (events: readonly LoggedEvent[]): ServerSentEvent[] =>
  events.map(({ type, data }) => ({ event: type, data }))

/** The app listening on a free port of 127.0.0.1, for clients that read a stream as it comes. */
export async function listen(built: BuiltApp): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(built.app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface StreamRead {
  status: number
  events: StreamedEvent[]
  /** The server ended the stream (false: the reader cut it after `maxEvents`). */
  ended: boolean
  /** Comment lines received (heartbeats). */
  comments: number
}

/**
 * Reads a text/event-stream body as it arrives, calling onEvent for each event; stops (and aborts the
 * request) when onEvent returns false.
 */
async function readSse(
  res: Response,
  controller: AbortController,
  read: StreamRead,
  onEvent: (event: StreamedEvent) => boolean,
): Promise<StreamRead> {
  const decoder = new TextDecoder()
  let buffer = ''
  const reader = res.body!.getReader()
  for (;;) {
    const { value, done } = await reader.read()
    if (done) {
      read.ended = true
      return read
    }
    buffer += decoder.decode(value, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const lines = block.split('\n')
      if (lines.every((line) => line.startsWith(':'))) {
        read.comments++
        continue
      }
      const field = (name: string) =>
        lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2)
      const event: StreamedEvent = {
        id: field('id'),
        event: field('event') ?? 'message',
        data: JSON.parse(field('data') ?? 'null') as unknown,
      }
      read.events.push(event)
      if (!onEvent(event)) {
        controller.abort()
        await reader.cancel().catch(() => undefined)
        return read
      }
    }
  }
}

/**
 * Reads GET /executions/{id}/events as text/event-stream, parsing events as they arrive; with maxEvents,
 * cuts the connection once that many were received.
 */
export async function readEventStream(
  url: string,
  apiKey: string,
  executionId: string,
  options: {
    lastEventId?: string
    after?: number
    maxEvents?: number
    /** Called with each event as it arrives (the stream goes on meanwhile). */
    onEvent?: (event: StreamedEvent) => void
  } = {},
): Promise<StreamRead> {
  const controller = new AbortController()
  const query = options.after === undefined ? '' : `?after=${options.after}`
  const res = await fetch(`${url}/api/v1/executions/${executionId}/events${query}`, {
    headers: {
      'X-API-Key': apiKey,
      Accept: 'text/event-stream',
      ...(options.lastEventId === undefined ? {} : { 'Last-Event-ID': options.lastEventId }),
    },
    signal: controller.signal,
  })
  const read: StreamRead = { status: res.status, events: [], ended: false, comments: 0 }
  if (res.status !== 200) {
    await res.text()
    return read
  }
  return readSse(res, controller, read, (event) => {
    options.onEvent?.(event)
    return read.events.length < (options.maxEvents ?? Infinity)
  })
}

/**
 * Starts a streamed run (POST /agents/{id}/run, stream: true) and resolves once its first event names the
 * execution; `done` resolves to every event of its stream.
 */
export async function startStreamedRun(
  url: string,
  apiKey: string,
  agentId: string,
  body: Record<string, unknown>,
): Promise<{ id: string; done: Promise<StreamedEvent[]>; disconnect: () => void }> {
  const controller = new AbortController()
  const res = await fetch(`${url}/api/v1/agents/${agentId}/run`, {
    method: 'POST',
    headers: { 'X-API-Key': apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...body, stream: true }),
    signal: controller.signal,
  })
  expect(res.status).to.equal(200)
  const read: StreamRead = { status: res.status, events: [], ended: false, comments: 0 }
  let named: (id: string) => void = () => undefined
  const id = new Promise<string>((resolve) => (named = resolve))
  const done = readSse(res, controller, read, (event) => {
    if (event.event === 'execution.created') named((event.data as { id: string }).id)
    return true
  }).then((r) => r.events)
  // A stream that ends before naming its execution fails the test through done.
  return {
    id: await Promise.race([id, done.then(() => 'no execution.created')]),
    // A cut stream rejects done (the read is aborted): the events read so far are in neither.
    done,
    disconnect: () => controller.abort(),
  }
}
