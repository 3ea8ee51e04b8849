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
  /**
   * The most output the provider may produce, sent as its max_tokens: the budget reserved exactly this much
   * output for the call, so it must never ask for more.
   */
  maxOutputTokens: number
  /** Aborted when the client goes away; the provider must stop and reject with the signal's reason. */
  signal: AbortSignal
}

/** A request before it is sent: what is counted and reserved for it. */
export type ModelRequest = Omit<CompletionRequest, 'signal'>

/**
 * What the model is sent for a request, as a provider puts it on the wire: the texts (messages, tool
 * definitions in the provider's own shape) and the tokens the provider adds around them (message framing,
 * a tool-use preamble). A call's worst case counts all of it.
 */
export interface WireInput {
  texts: string[]
  framingTokens: number
}

/** What a stream had produced when it failed: the output so far, and any usage the provider had reported. */
export interface Produced {
  /** Text and tool-call arguments received so far. */
  output: string
  usage: Partial<TokenUsage>
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
  /** What the model is sent for the request; without it, the system prompt, prompt and tools as JSON. */
  wireInput?(request: ModelRequest): WireInput
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
  /** Set by a stream that failed part way: what had arrived, which the call is billed for. */
  produced: Produced | undefined
  constructor(
    readonly reason: 'timeout' | 'upstream_error' | 'malformed_response' | 'unreachable' | 'cancelled',
    message: string,
    readonly upstreamStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
