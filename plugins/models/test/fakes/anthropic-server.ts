// A fake Anthropic Messages API server that speaks the real wire protocol, for tests only.
//
//   const fake = await startFakeAnthropic()        // listens on 127.0.0.1, a free port
//   new Anthropic({ baseURL: fake.baseUrl, ... })  // fake.baseUrl is http://127.0.0.1:<port>
//   fake.next({ kind: 'text', text: 'Hello', usage: { inputTokens: 12, outputTokens: 3 } })
//   ... call the client ...
//   fake.requests[0].body.model, fake.requests[0].headers.authorization  // SDK v1: 'Bearer <key>'
//   await fake.close()                             // also drops connections left hanging
//
// Only POST /v1/messages is served (anything else answers 404). Each request takes the next scripted
// reply, or `fake.defaultReply` when none is queued. Replies (the same shapes as the OpenAI fake's):
//
//   { kind: 'text', text, usage?, stall? }   text is a string or the list of streamed chunks (one
//                                            text_delta each; joined for a JSON answer). stall: send the
//                                            headers (and, streaming, the chunks), then go silent.
//   { kind: 'toolCalls', calls: [{ id?, name, arguments }], text?, usage?, argumentChunks? }   arguments
//                                            is JSON text (an object); as tool_use input, or when streaming
//                                            as argumentChunks input_json_delta parts (default 2). id
//                                            defaults to toolu_<i>.
//   { kind: 'status', status, body? }        an error answer, body defaulting to Anthropic's error shape.
//   { kind: 'malformed', body? }             200 with a body that is not a message (default: not JSON;
//                                            when streaming, the body is the data of message_start).
//   { kind: 'hang' }                         never answers at all (the client's timeout must fire).
//
// Every request is recorded (fake.requests) with its parsed body, so tests can assert the mapping: the
// tools sent, the assistant tool_use blocks and the tool_result blocks answering them by tool_use_id.
//
// A request with stream: true gets `text/event-stream` with the real event sequence: message_start
// (usage.input_tokens), then per block content_block_start / content_block_delta / content_block_stop
// (with a ping after the first start), then message_delta (stop_reason, usage.output_tokens) and
// message_stop.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { pieces, type FakeToolCall } from './openai-server.js'

export interface FakeUsage {
  inputTokens: number
  outputTokens: number
}

export type FakeReply =
  | { kind: 'text'; text: string | string[]; usage?: FakeUsage; stall?: boolean }
  | {
      kind: 'toolCalls'
      calls: FakeToolCall[]
      text?: string
      usage?: FakeUsage
      argumentChunks?: number
    }
  | { kind: 'status'; status: number; body?: unknown }
  | { kind: 'malformed'; body?: string }
  | { kind: 'hang' }

/** A content block as a client sends it. */
export type FakeAnthropicBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: unknown; is_error?: boolean }

/** The parts of a Messages request body the tests look at; the rest is kept as sent. */
export interface FakeAnthropicRequestBody {
  model: string
  system?: string
  max_tokens: number
  messages: { role: string; content: string | FakeAnthropicBlock[] }[]
  stream?: boolean
  tools?: { name: string; description?: string; input_schema: unknown }[]
  [key: string]: unknown
}

export interface FakeRequest<Body> {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: Body
}

export interface FakeAnthropic {
  /** http://127.0.0.1:<port>, the baseURL for the Anthropic client (it adds /v1/messages). */
  baseUrl: string
  /** Queues the reply to the next request (replies are used in order). */
  next(reply: FakeReply): void
  /** Used when no reply is queued; by default a short text answer. */
  defaultReply: FakeReply
  /** Every request received, in order, with its parsed JSON body. */
  requests: FakeRequest<FakeAnthropicRequestBody>[]
  close(): Promise<void>
}

export const defaultUsage: FakeUsage = { inputTokens: 10, outputTokens: 5 }

export async function startFakeAnthropic(options: { defaultReply?: FakeReply } = {}): Promise<FakeAnthropic> {
  const queue: FakeReply[] = []
  const fake: FakeAnthropic = {
    baseUrl: '',
    next: (reply) => void queue.push(reply),
    defaultReply: options.defaultReply ?? { kind: 'text', text: 'Hello from the fake model.' },
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      let body: FakeAnthropicRequestBody
      try {
        body = JSON.parse(raw) as FakeAnthropicRequestBody
      } catch {
        body = { model: '', max_tokens: 0, messages: [], raw }
      }
      fake.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body })
      if (req.method !== 'POST' || req.url !== '/v1/messages') {
        sendJson(res, 404, errorBody(404))
        return
      }
      answer(res, body, queue.shift() ?? fake.defaultReply)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return fake
}

type ContentReply = Extract<FakeReply, { kind: 'text' | 'toolCalls' }>
type StreamEvent = { type: string; [field: string]: unknown }

function answer(res: http.ServerResponse, body: FakeAnthropicRequestBody, reply: FakeReply): void {
  if (reply.kind === 'hang') return
  if (reply.kind === 'status') return sendJson(res, reply.status, reply.body ?? errorBody(reply.status))
  if (body.stream) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    if (reply.kind === 'malformed') {
      res.end(`event: message_start\ndata: ${reply.body ?? 'this is not json'}\n\n`)
      return
    }
    const send = (event: StreamEvent) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
    const usage = reply.usage ?? defaultUsage
    send({
      type: 'message_start',
      message: {
        ...messageOf(body.model, reply, []),
        usage: { input_tokens: usage.inputTokens, output_tokens: 1 },
      },
    })
    streamBlocks(reply, send)
    if (reply.kind === 'text' && reply.stall) return
    send({
      type: 'message_delta',
      delta: { stop_reason: stopReason(reply), stop_sequence: null },
      usage: { output_tokens: usage.outputTokens },
    })
    send({ type: 'message_stop' })
    res.end()
    return
  }
  if (reply.kind === 'malformed') {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(reply.body ?? 'this is not json')
    return
  }
  if (reply.kind === 'text' && reply.stall) {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.flushHeaders()
    return
  }
  const content: object[] = []
  const text = reply.kind === 'text' ? [reply.text].flat().join('') : reply.text
  if (text) content.push({ type: 'text', text, citations: null })
  if (reply.kind === 'toolCalls') {
    for (const [i, call] of reply.calls.entries()) {
      const id = call.id ?? `toolu_${i}`
      content.push({ type: 'tool_use', id, name: call.name, input: JSON.parse(call.arguments) as unknown })
    }
  }
  sendJson(res, 200, messageOf(body.model, reply, content))
}

function streamBlocks(reply: ContentReply, send: (event: StreamEvent) => void): void {
  let index = 0
  const texts = reply.kind === 'text' ? [reply.text].flat() : reply.text ? [reply.text] : []
  if (texts.length > 0) {
    send({ type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: null } })
    send({ type: 'ping' })
    for (const text of texts)
      send({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } })
    if (reply.kind === 'text' && reply.stall) return
    send({ type: 'content_block_stop', index })
    index++
  }
  if (reply.kind !== 'toolCalls') return
  for (const [i, call] of reply.calls.entries()) {
    const block = { type: 'tool_use', id: call.id ?? `toolu_${i}`, name: call.name, input: {} }
    send({ type: 'content_block_start', index, content_block: block })
    for (const partial_json of pieces(call.arguments, reply.argumentChunks ?? 2)) {
      send({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } })
    }
    send({ type: 'content_block_stop', index })
    index++
  }
}

function messageOf(model: string, reply: ContentReply, content: object[]) {
  const usage = reply.usage ?? defaultUsage
  return {
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: content.length > 0 ? stopReason(reply) : null,
    stop_sequence: null,
    usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  }
}

const stopReason = (reply: ContentReply) => (reply.kind === 'toolCalls' ? 'tool_use' : 'end_turn')

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  529: 'overloaded_error',
}

const errorBody = (status: number) => ({
  type: 'error',
  error: { type: errorTypes[status] ?? 'api_error', message: `fake upstream answered ${status}` },
})

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
