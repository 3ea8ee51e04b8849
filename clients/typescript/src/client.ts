// The client: openapi-fetch over the generated types, with the API key, Idempotency-Keys and safe retries
// on every call, and the two things a generator cannot give: run streams and lists as async iterators.
import createClient, { type Client, type HeadersOptions } from 'openapi-fetch'
import { parseEvents, type StreamEvent } from './events.js'
import { apiKeyAuth } from './auth.js'
import { idempotencyKeys } from './idempotency.js'
import { paginate } from './pagination.js'
import { ok, unwrap } from './problems.js'
import { retryingFetch, type FetchFunction, type RetryOptions } from './retry.js'
import { idempotentOperations, type components, type operations, type paths } from './generated/openapi.js'

export type Schemas = components['schemas']
export type Tool = Schemas['Tool']
export type Agent = Schemas['Agent']
export type Execution = Schemas['Execution']
export type RunRequest = Schemas['RunRequest']
/** One event of a streamed run (`POST /api/v1/agents/{id}/run` with `stream: true`). */
export type RunEvent = StreamEvent<'/api/v1/agents/{id}/run', 'post'>

/**
 * The media types whose bodies calls return: JSON and problem+json. Without it a run's data would also be the
 * text/event-stream string; streamRun() reads that one.
 */
export type JsonMedia = `${string}/json` | `${string}/${string}+json`

type QueryOf<Operation extends keyof operations> = NonNullable<operations[Operation]['parameters']['query']>
export type ToolListQuery = Omit<QueryOf<'listTools'>, 'offset'>
export type AgentListQuery = Omit<QueryOf<'listAgents'>, 'offset'>
export type HistoryQuery = Omit<QueryOf<'listHistory'>, 'offset' | 'cursor'>
export type AgentHistoryQuery = Omit<QueryOf<'listAgentHistory'>, 'offset' | 'cursor'>

export interface MapClientOptions {
  /** The server's origin, e.g. http://localhost:3000 (the paths carry /api/v1). */
  baseUrl: string
  /** The tenant's API key, sent as X-API-Key. */
  apiKey: string
  /** The fetch under the retries (globalThis.fetch by default). */
  fetch?: FetchFunction
  retry?: RetryOptions
  headers?: HeadersOptions
}

export interface RunStreamOptions {
  /** Your own Idempotency-Key, to retry this run yourself later; one is generated otherwise. */
  idempotencyKey?: string
  signal?: AbortSignal
}

/** A streamed run was answered with JSON: the stored answer to an earlier request with its Idempotency-Key. */
export class ReplayedRunError extends Error {
  override readonly name = 'ReplayedRunError'
  constructor(readonly execution: unknown) {
    super('the run was answered before with this Idempotency-Key; its execution is in `execution`')
  }
}

export interface MapClient extends Client<paths, JsonMedia> {
  /** Runs an agent with `stream: true`: its events, typed by openapi.yaml, as they come. */
  streamRun(
    agentId: string,
    body: Omit<RunRequest, 'stream'>,
    options?: RunStreamOptions,
  ): AsyncGenerator<RunEvent>
  /** Every item of a list, page after page (cursor pages for the history). */
  list: {
    tools(query?: ToolListQuery): AsyncGenerator<Tool>
    agents(query?: AgentListQuery): AsyncGenerator<Agent>
    history(query?: HistoryQuery): AsyncGenerator<Execution>
    agentHistory(agentId: string, query?: AgentHistoryQuery): AsyncGenerator<Execution>
  }
}

export function createMapClient(options: MapClientOptions): MapClient {
  const transport: FetchFunction = options.fetch ?? ((request) => globalThis.fetch(request))
  const api = createClient<paths, JsonMedia>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: retryingFetch(transport, options.retry),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  })
  api.use(apiKeyAuth(options.apiKey), idempotencyKeys(idempotentOperations))

  async function* streamRun(
    agentId: string,
    body: Omit<RunRequest, 'stream'>,
    runOptions: RunStreamOptions = {},
  ): AsyncGenerator<RunEvent> {
    const result = await api.POST('/api/v1/agents/{id}/run', {
      params: { path: { id: agentId } },
      body: { ...body, stream: true },
      headers: {
        Accept: 'text/event-stream',
        ...(runOptions.idempotencyKey === undefined ? {} : { 'Idempotency-Key': runOptions.idempotencyKey }),
      },
      parseAs: 'stream',
      ...(runOptions.signal === undefined ? {} : { signal: runOptions.signal }),
    })
    const stream = unwrap(result)
    if (!stream) return
    if (!result.response.headers.get('Content-Type')?.startsWith('text/event-stream')) {
      const execution: unknown = await new Response(stream).json()
      throw new ReplayedRunError(execution)
    }
    yield* parseEvents<RunEvent>(stream)
  }

  const list: MapClient['list'] = {
    tools: (query = {}) =>
      paginate(({ offset }) => ok(api.GET('/api/v1/tools', { params: { query: { ...query, offset } } }))),
    agents: (query = {}) =>
      paginate(({ offset }) => ok(api.GET('/api/v1/agents', { params: { query: { ...query, offset } } }))),
    history: (query = {}) =>
      paginate((position) =>
        ok(api.GET('/api/v1/history', { params: { query: { ...query, ...position } } })),
      ),
    agentHistory: (agentId, query = {}) =>
      paginate((position) =>
        ok(
          api.GET('/api/v1/agents/{id}/history', {
            params: { path: { id: agentId }, query: { ...query, ...position } },
          }),
        ),
      ),
  }

  return Object.assign(api, { streamRun, list })
}
