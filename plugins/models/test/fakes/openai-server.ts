// A fake OpenAI chat-completions server that speaks the real wire protocol, for tests only.
//
//   const fake = await startFakeOpenAI()          // listens on 127.0.0.1, a free port
//   new OpenAI({ baseURL: fake.baseUrl, ... })     // fake.baseUrl is http://127.0.0.1:<port>/v1
//   fake.next({ kind: 'text', text: 'Hello', usage: { inputTokens: 12, outputTokens: 3 } })
//   ... call the client ...
//   fake.requests[0].body.model, fake.requests[0].headers.authorization
//   await fake.close()                             // also drops connections left hanging
//
// Only POST /v1/chat/completions is served (anything else answers 404). Each request takes the next
// scripted reply, or `fake.defaultReply` when none is queued. Replies:
//
//   { kind: 'text', text, usage?, stall?, delayMs? }   text is a string or the list of streamed chunks
//                                            (one delta each; joined for a JSON answer). stall: send the
//                                            headers (and, streaming, the chunks), then go silent for good.
//                                            delayMs: a slow model. Streaming, each text chunk is sent
//                                            delayMs after the one before; a JSON answer is sent after
//                                            delayMs per chunk, so both take as long.
//   { kind: 'toolCalls', calls: [{ id?, name, arguments }], text?, usage?, argumentChunks?, interleave? }
//                                            arguments is JSON text (sent as written, valid or not); id
//                                            defaults to call_<i>. Streaming, each call's arguments arrive
//                                            in argumentChunks deltas (default 2) after a first fragment
//                                            with its id and name; interleave: the calls' fragments go
//                                            round-robin by index (as parallel calls may) instead of one
//                                            call after the other.
//   { kind: 'status', status, body? }        an error answer, body defaulting to OpenAI's error shape.
//   { kind: 'malformed', body? }             200 with a body that is not a completion (default: not JSON;
//                                            when streaming, the body is sent as the one `data:` event).
//   { kind: 'hang' }                         never answers at all (the client's timeout must fire).
//
// Every request is recorded (fake.requests) with its parsed body, so tests can assert the mapping: the
// tools sent, the assistant tool_calls and the `tool` messages answering them by tool_call_id.
//
// A request with stream: true gets `text/event-stream` chat.completion.chunk events, a last chunk with
// empty choices and the usage when stream_options.include_usage, then `data: [DONE]`.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeUsage {
  inputTokens: number
  outputTokens: number
}

export type FakeReply =
  | { kind: 'text'; text: string | string[]; usage?: FakeUsage; stall?: boolean; delayMs?: number }
  | {
      kind: 'toolCalls'
      calls: FakeToolCall[]
      text?: string
      usage?: FakeUsage
      argumentChunks?: number
      interleave?: boolean
    }
  | { kind: 'status'; status: number; body?: unknown }
  | { kind: 'malformed'; body?: string }
  | { kind: 'hang' }

export interface FakeToolCall {
  id?: string
  name: string
  arguments: string
}

/** A message as a client sends it: system, user, assistant (maybe with tool_calls) or tool. */
export interface FakeOpenAIMessage {
  role: string
  /** Null on an assistant message that only calls tools. */
  content: string | null
  tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[]
  tool_call_id?: string
}

/** The parts of a chat-completions request body the tests look at; the rest is kept as sent. */
export interface FakeOpenAIRequestBody {
  model: string
  messages: FakeOpenAIMessage[]
  max_tokens?: number
  max_completion_tokens?: number
  stream?: boolean
  stream_options?: { include_usage?: boolean }
  tools?: { type: string; function: { name: string; description?: string; parameters?: unknown } }[]
  [key: string]: unknown
}

export interface FakeRequest<Body> {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: Body
}

export interface FakeOpenAI {
  /** http://127.0.0.1:<port>/v1, the baseURL for the OpenAI client. */
  baseUrl: string
  /** Queues the reply to the next request (replies are used in order). */
  next(reply: FakeReply): void
  /** Used when no reply is queued; by default a short text answer. */
  defaultReply: FakeReply
  /** Every request received, in order, with its parsed JSON body. */
  requests: FakeRequest<FakeOpenAIRequestBody>[]
  close(): Promise<void>
}

export const defaultUsage: FakeUsage = { inputTokens: 10, outputTokens: 5 }

export async function startFakeOpenAI(options: { defaultReply?: FakeReply } = {}): Promise<FakeOpenAI> {
  const queue: FakeReply[] = []
  const fake: FakeOpenAI = {
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
      let body: FakeOpenAIRequestBody
      try {
        body = JSON.parse(raw) as FakeOpenAIRequestBody
      } catch {
        body = { model: '', messages: [], raw }
      }
      fake.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body })
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        sendJson(res, 404, errorBody(404))
        return
      }
      void answer(res, body, queue.shift() ?? fake.defaultReply)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
  return fake
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function answer(
  res: http.ServerResponse,
  body: FakeOpenAIRequestBody,
  reply: FakeReply,
): Promise<void> {
  if (reply.kind === 'hang') return
  const delayMs = reply.kind === 'text' ? (reply.delayMs ?? 0) : 0
  if (reply.kind === 'status') return sendJson(res, reply.status, reply.body ?? errorBody(reply.status))
  const model = body.model
  if (body.stream) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    if (reply.kind === 'malformed') {
      res.end(`data: ${reply.body ?? 'this is not json'}\n\n`)
      return
    }
    const send = (chunk: unknown) => res.write(`data: ${JSON.stringify(chunk)}\n\n`)
    for (const chunk of streamChunks(model, reply)) {
      // The role chunk goes at once; each text chunk waits its turn. A client gone stops the answer.
      const delta = chunk.choices[0]?.delta as { content?: string } | undefined
      if (delayMs > 0 && delta?.content) await pause(delayMs)
      if (res.destroyed) return
      send(chunk)
    }
    if (reply.kind === 'text' && reply.stall) return
    const finish = reply.kind === 'toolCalls' ? 'tool_calls' : 'stop'
    send(chunkOf(model, { delta: {}, finish_reason: finish }))
    if (body.stream_options?.include_usage)
      send({ ...chunkOf(model), choices: [], usage: usageOf(reply.usage) })
    res.end('data: [DONE]\n\n')
    return
  }
  if (reply.kind === 'malformed') {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(reply.body ?? 'this is not json')
    return
  }
  if (delayMs > 0 && reply.kind === 'text') {
    await pause(delayMs * [reply.text].flat().length)
    if (res.destroyed) return
  }
  if (reply.kind === 'text' && reply.stall) {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.flushHeaders()
    return
  }
  const text = reply.kind === 'text' ? [reply.text].flat().join('') : (reply.text ?? null)
  const toolCalls = reply.kind === 'toolCalls' ? reply.calls : []
  sendJson(res, 200, {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text,
          refusal: null,
          ...(toolCalls.length > 0 && {
            tool_calls: toolCalls.map((call, i) => ({
              id: call.id ?? `call_${i}`,
              type: 'function',
              function: { name: call.name, arguments: call.arguments },
            })),
          }),
        },
        logprobs: null,
        finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
      },
    ],
    usage: usageOf(reply.usage),
  })
}

function* streamChunks(model: string, reply: Extract<FakeReply, { kind: 'text' | 'toolCalls' }>) {
  yield chunkOf(model, { delta: { role: 'assistant', content: '' } })
  const texts = reply.kind === 'text' ? [reply.text].flat() : reply.text ? [reply.text] : []
  for (const content of texts) yield chunkOf(model, { delta: { content } })
  if (reply.kind !== 'toolCalls') return
  // Each call's fragments: the first names it, the rest carry pieces of its arguments.
  const fragments = reply.calls.map((call, index) => [
    { index, id: call.id ?? `call_${index}`, type: 'function', function: { name: call.name, arguments: '' } },
    ...pieces(call.arguments, reply.argumentChunks ?? 2).map((part) => ({
      index,
      function: { arguments: part },
    })),
  ])
  const order = reply.interleave ? roundRobin(fragments) : fragments.flat()
  for (const fragment of order) yield chunkOf(model, { delta: { tool_calls: [fragment] } })
}

/** The text cut in `count` pieces of about equal length (the last may be shorter, none is lost). */
export function pieces(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, count)))
  const parts: string[] = []
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size))
  return parts.length > 0 ? parts : ['']
}

function roundRobin<T>(lists: T[][]): T[] {
  const out: T[] = []
  for (let i = 0; lists.some((list) => i < list.length); i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]!)
  }
  return out
}

function chunkOf(model: string, choice?: { delta: object; finish_reason?: string }) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: choice ? [{ index: 0, logprobs: null, finish_reason: null, ...choice }] : [],
    usage: null,
  }
}

const usageOf = ({ inputTokens, outputTokens }: FakeUsage = defaultUsage) => ({
  prompt_tokens: inputTokens,
  completion_tokens: outputTokens,
  total_tokens: inputTokens + outputTokens,
})

const errorBody = (status: number) => ({
  error: {
    message: `fake upstream answered ${status}`,
    type: status === 429 ? 'rate_limit_exceeded' : status === 404 ? 'not_found' : 'server_error',
    param: null,
    code: null,
  },
})

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
