export {
  createMapClient,
  ReplayedRunError,
  type MapClient,
  type MapClientOptions,
  type JsonMedia,
  type RunStreamOptions,
  type Schemas,
  type Tool,
  type Agent,
  type Execution,
  type RunRequest,
  type RunEvent,
  type ToolListQuery,
  type AgentListQuery,
  type HistoryQuery,
  type AgentHistoryQuery,
} from './client.js'
export {
  ProblemError,
  UnexpectedResponseError,
  isProblemError,
  ok,
  unwrap,
  type AnyProblem,
  type ProblemsOf,
  type FetchResult,
  type DataOf,
  type ErrorOf,
} from './problems.js'
export { retryingFetch, retryAfterMs, type RetryOptions, type FetchFunction } from './retry.js'
export { idempotencyKeys } from './idempotency.js'
export { apiKeyAuth } from './auth.js'
export { paginate, type Page, type PagePosition } from './pagination.js'
export {
  readServerSentEvents,
  parseEvents,
  type EventMap,
  type EventUnion,
  type StreamEvent,
  type RawServerSentEvent,
} from './events.js'
export type { paths, components, operations, SseEvents } from './generated/openapi.js'
