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

/** A tool the model may call: its name, what it does, and the JSON Schema (an object schema) of its input. */
export interface ToolSpec {
  name: string
  description: string
  inputSchema: Record<string, unknown>
}

export interface ToolCall {
  /** The provider's id of the call; a tool result answers it by this id. */
  id: string
  name: string
  /** JSON text as the model produced it: it may not parse, or not match the tool's schema. */
  arguments: string
}

/**
 * One turn of the conversation. The first is the user's prompt; then, step after step, the model's answer
 * (its text and the tools it called) and one tool message per call, answering it by id.
 */
export type Message =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls: ToolCall[] }
  | {
      role: 'tool'
      toolCallId: string
      name: string
      /** JSON text of the tool's {output} or {error}. */
      content: string
      /** Sent to Anthropic as is_error; Chat Completions has no such flag, the content says it. */
      isError: boolean
    }

export interface CompletionRequest {
  model: ModelEntry
  /** Who is asking. Real models see it only through `system`; the mock provider quotes it. */
  agent?: { name: string; role: string }
  system: string
  /** The conversation so far; the first message is the user's prompt. */
  messages: Message[]
  /** The tools the model may call; it answers with toolCalls instead of (or besides) text. */
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

export interface TokenUsage {
  inputTokens: number
  outputTokens: number
}

export interface Completion {
  text: string
  /** The tools the model asks to call, in order; empty when it answered. */
  toolCalls: ToolCall[]
  usage: TokenUsage
}

export type StreamEvent =
  | { type: 'delta'; text: string }
  /** A call whose arguments are complete; `done` carries every call again. */
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'done'; completion: Completion }

export interface ModelProvider {
  id: string
  /** What the model is sent for the request; without it, the system prompt, the messages and tools as JSON. */
  wireInput?(request: ModelRequest): WireInput
  complete(request: CompletionRequest): Promise<Completion>
  /**
   * Yields text deltas as they arrive and each tool call once its arguments are complete, then exactly one
   * `done` with the whole completion.
   */
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
