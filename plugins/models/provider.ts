// The one interface every model provider implements. A provider is one file in providers/ named
// <id>.provider.ts exporting `provider: ProviderFactory`; it is found at boot, nothing else changes.

export interface ModelEntry {
  /** The id clients send, e.g. gpt-4o. */
  id: string
  /** Which provider runs it. */
  provider: string
  /** The provider's own name for the model. */
  providerModel: string
  contextWindow: number
  maxOutputTokens: number
  /** US dollars per million tokens. */
  inputPricePerMillion: number
  outputPricePerMillion: number
}

export interface ToolSpec {
  name: string
  description: string
}

export interface CompletionRequest {
  model: ModelEntry
  /** Who is asking. Real models see it only through `system`; the mock provider quotes it. */
  agent?: { name: string; role: string }
  system: string
  prompt: string
  tools: ToolSpec[]
  /** Aborted when the client goes away; the provider must stop and reject with the signal's reason. */
  signal: AbortSignal
}

export interface ToolCall {
  name: string
  /** JSON text as the model produced it. */
  arguments: string
}

export interface TokenUsage {
  inputTokens: number
  outputTokens: number
}

export interface Completion {
  text: string
  toolCalls: ToolCall[]
  usage: TokenUsage
}

export type StreamEvent = { type: 'delta'; text: string } | { type: 'done'; completion: Completion }

export interface ModelProvider {
  id: string
  complete(request: CompletionRequest): Promise<Completion>
  /** Yields text deltas as they arrive, then exactly one `done` with the whole completion. */
  stream(request: CompletionRequest): AsyncIterable<StreamEvent>
}

/** Settings a provider reads: <ID>_API_KEY and <ID>_BASE_URL from the environment, via app config. */
export interface ProviderSettings {
  apiKey?: string
  baseUrl?: string
  timeoutMs: number
}

export interface ProviderFactory {
  id: string
  /** Model ids this provider serves by default when it is configured (e.g. every gpt-* id). */
  claims(modelId: string): boolean
  /** Returns undefined when the provider is not configured (no key, no URL). */
  create(settings: ProviderSettings): ModelProvider | undefined
}

/**
 * Why a provider call failed. Providers translate their client's errors into this, so the run service
 * answers 502 PROVIDER_ERROR or 504 PROVIDER_TIMEOUT the same way for every provider.
 */
export class ProviderFailure extends Error {
  override name = 'ProviderFailure'
  constructor(
    readonly reason: 'timeout' | 'upstream_error' | 'malformed_response' | 'unreachable' | 'cancelled',
    message: string,
    readonly upstreamStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
