// One short-lived MCP session per use (registration, refresh, each tool call): the official SDK's client
// over streamable HTTP, whose every request goes through egress.fetch (the platform's policy, a connection
// pinned to the checked address, caps on time and bytes). No session outlives its use or is shared, so
// nothing of one tenant's (headers, session ids) can reach another's call. Failures become McpFailure.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { loadOnce } from '../../app/plugin-kit.js'
import { EgressError, type Egress } from '../egress/egress.js'

/** One HTTP exchange with the server (an SSE answer included). */
export const REQUEST_TIMEOUT_MS = 30_000
/** Silence allowed between two chunks of an answer. */
export const IDLE_TIMEOUT_MS = 15_000
/** Bytes of one HTTP answer (a tool list, a tool result). */
export const MAX_RESPONSE_BYTES = 1024 * 1024
/** A whole use: initialise + list, or initialise + call. */
export const USE_TIMEOUT_MS = 30_000
/** Pages of tools/list read (a server paginating forever is cut). */
const MAX_LIST_PAGES = 10

export type McpFailureReason =
  | 'EGRESS_DENIED'
  | 'TIMEOUT'
  | 'CONNECTION_FAILED'
  | 'CANCELLED'
  | 'TOO_LARGE'
  | 'HTTP_ERROR'
  | 'PROTOCOL_ERROR'

/** Why a use of a server failed; the message names no header value. */
export class McpFailure extends Error {
  constructor(
    readonly reason: McpFailureReason,
    message: string,
    readonly egress?: EgressError,
  ) {
    super(message)
  }
}

export interface McpTarget {
  url: string
  /** Filled: secret references already resolved. */
  headers: Record<string, string>
}

export interface ListedTool {
  name: string
  title?: string
  description?: string
  inputSchema: Record<string, unknown>
}

const causes = (error: unknown): unknown[] => {
  const chain: unknown[] = []
  for (
    let e = error;
    e !== undefined && e !== null && chain.length < 8;
    e = (e as { cause?: unknown }).cause
  ) {
    chain.push(e)
  }
  return chain
}

/**
 * The SDK's parts this client uses, imported on the first use of MCP rather than with the plugin: every
 * process loads the plugin, and the SDK (with its transport) is 0.4 s of CPU at start.
 */
const loadSdk = async () => {
  const [client, http, types] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/streamableHttp.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ])
  return {
    Client: client.Client,
    StreamableHTTPClientTransport: http.StreamableHTTPClientTransport,
    StreamableHTTPError: http.StreamableHTTPError,
    McpError: types.McpError,
    ErrorCode: types.ErrorCode,
  }
}
type McpSdk = Awaited<ReturnType<typeof loadSdk>>
const mcpSdk = loadOnce(loadSdk)

/** Whatever the SDK, the fetch or the deadline threw, as an McpFailure. */
export function toFailure(
  error: unknown,
  signal: AbortSignal,
  deadline: AbortSignal,
  { McpError, ErrorCode, StreamableHTTPError }: McpSdk,
): McpFailure {
  if (error instanceof McpFailure) return error
  const egress = causes(error).find((e): e is EgressError => e instanceof EgressError)
  if (egress) return new McpFailure(egress.code, egress.message, egress)
  if (signal.aborted) return new McpFailure('CANCELLED', 'the call was cancelled')
  if (deadline.aborted || (error instanceof McpError && error.code === Number(ErrorCode.RequestTimeout))) {
    return new McpFailure('TIMEOUT', `the server did not answer within ${USE_TIMEOUT_MS} ms`)
  }
  if (error instanceof StreamableHTTPError) {
    // code -1: a 2xx that is neither JSON nor an event stream, i.e. not an MCP endpoint.
    return (error.code ?? -1) > 0
      ? new McpFailure('HTTP_ERROR', `the server answered HTTP ${error.code}`)
      : new McpFailure('PROTOCOL_ERROR', 'the server did not answer as an MCP endpoint')
  }
  if (error instanceof McpError) return new McpFailure('PROTOCOL_ERROR', error.message.slice(0, 500))
  return new McpFailure(
    'PROTOCOL_ERROR',
    `not an MCP answer: ${String((error as Error)?.message ?? error).slice(0, 300)}`,
  )
}

/**
 * Connects, runs `work` with the client and a signal to pass to each request, then ends the session. A
 * failure of a POST's answer stream (over the byte cap, stalled) aborts the pending request at once with
 * that egress error, rather than leaving it to time out.
 */
export async function withMcpClient<T>(
  egress: Egress,
  target: McpTarget,
  signal: AbortSignal,
  work: (client: Client, options: { signal: AbortSignal; timeout: number }) => Promise<T>,
): Promise<T> {
  const sdk = await mcpSdk()
  const { Client, StreamableHTTPClientTransport } = sdk
  const failed = new AbortController()
  const deadline = AbortSignal.timeout(USE_TIMEOUT_MS)
  const callSignal = AbortSignal.any([signal, deadline, failed.signal])
  const limits = {
    timeoutMs: REQUEST_TIMEOUT_MS,
    idleTimeoutMs: IDLE_TIMEOUT_MS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
  }
  const noteFailure = (error: unknown) => {
    if (error instanceof EgressError && !failed.signal.aborted) failed.abort(error)
  }
  const fetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    // Requests (POST) share the call's fate; the standalone GET stream's end is the SDK's business.
    const watched = (init?.method ?? 'GET').toUpperCase() === 'POST'
    // Ending the session (DELETE) is a courtesy: it gets a short deadline.
    const capped = init?.method === 'DELETE' ? { ...limits, timeoutMs: 5000 } : limits
    const response = await egress.fetch(input, init, capped).catch((error: unknown) => {
      if (watched) noteFailure(error)
      throw error
    })
    return watched && response.body ? watchBody(response, noteFailure) : response
  }
  const transport = new StreamableHTTPClientTransport(new URL(target.url), {
    fetch,
    requestInit: { headers: target.headers },
    reconnectionOptions: {
      maxRetries: 0,
      initialReconnectionDelay: 1000,
      maxReconnectionDelay: 1000,
      reconnectionDelayGrowFactor: 1,
    },
  })
  const client = new Client({ name: 'mini-agent-platform', version: '1.0.0' }, { capabilities: {} })
  // The SDK reports stream errors here too; what matters is already in the failure above.
  client.onerror = () => undefined
  const options = { signal: callSignal, timeout: USE_TIMEOUT_MS }
  try {
    await client.connect(transport, options)
    const result = await work(client, options)
    // Best effort: a stateful server frees the session now rather than at its own timeout.
    await transport.terminateSession().catch(() => undefined)
    return result
  } catch (error) {
    throw toFailure(failed.signal.aborted ? failed.signal.reason : error, signal, deadline, sdk)
  } finally {
    await client.close().catch(() => undefined)
  }
}

/** The response, its body re-streamed so an error reading it is noted before it reaches the SDK. */
function watchBody(response: Response, note: (error: unknown) => void): Response {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await reader.read()
        if (done) controller.close()
        else controller.enqueue(value)
      } catch (error) {
        note(error)
        controller.error(error)
      }
    },
    cancel: (reason) => reader.cancel(reason),
  })
  return new Response(body, { status: response.status, headers: response.headers })
}

/** Every tool the server lists (following its cursor, at most MAX_LIST_PAGES pages). */
export async function listTools(
  egress: Egress,
  target: McpTarget,
  signal: AbortSignal,
): Promise<ListedTool[]> {
  return withMcpClient(egress, target, signal, async (client, options) => {
    const tools: ListedTool[] = []
    let cursor: string | undefined
    for (let page = 0; page < MAX_LIST_PAGES; page++) {
      const answer = await client.listTools(cursor === undefined ? {} : { cursor }, options)
      for (const tool of answer.tools) {
        tools.push({
          name: tool.name,
          ...(tool.title === undefined ? {} : { title: tool.title }),
          ...(tool.description === undefined ? {} : { description: tool.description }),
          inputSchema: tool.inputSchema,
        })
      }
      cursor = answer.nextCursor
      if (cursor === undefined) break
    }
    return tools
  })
}
