// Translation between the provider contract and OpenAI's Chat Completions wire shapes.
import type OpenAI from 'openai'
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionTool,
} from 'openai/resources/chat/completions'
import {
  ProviderFailure,
  type Completion,
  type Message,
  type ModelRequest,
  type Produced,
  type ToolCall,
  type ToolSpec,
  type WireInput,
} from '../provider.js'
import { withProperties } from './tool-schema.js'

/**
 * The request body. OpenAI's own API wants max_completion_tokens (its o-series models reject
 * max_tokens); compatible servers (vLLM, Ollama) are reached through a base URL and all know max_tokens.
 */
export function toParams(request: ModelRequest, official: boolean): ChatCompletionCreateParamsBase {
  const { model, system, messages, tools } = request
  // The output the budget reserved for this call, and not a token more.
  const limit = request.maxOutputTokens
  return {
    model: model.providerModel,
    messages: [{ role: 'system', content: system }, ...messages.map(toMessageParam)],
    ...(official ? { max_completion_tokens: limit } : { max_tokens: limit }),
    ...(tools.length > 0 && { tools: tools.map(toFunctionTool) }),
  }
}

const toFunctionTool = ({ name, description, inputSchema }: ToolSpec): ChatCompletionTool => ({
  type: 'function',
  function: { name, description, parameters: withProperties(inputSchema) },
})

/** A turn as Chat Completions has it: tool calls on the assistant message, each result a `tool` message. */
function toMessageParam(message: Message): ChatCompletionMessageParam {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: message.content }
    case 'assistant':
      if (message.toolCalls.length === 0) return { role: 'assistant', content: message.content }
      return {
        role: 'assistant',
        // Null, not empty, when the model only called tools: that is how the API returns such a turn.
        content: message.content || null,
        tool_calls: message.toolCalls.map(({ id, name, arguments: args }) => ({
          id,
          type: 'function' as const,
          function: { name, arguments: args },
        })),
      }
    case 'tool':
      // Chat Completions has no error flag: the content ({"error": ...}) says it.
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content }
  }
}

/**
 * What the model reads of a request body: each message's content and the name and arguments of each tool
 * call it carries, and the tool definitions (counted as the JSON sent, schemas included; OpenAI renders
 * them more tersely). OpenAI's documented chat format adds 3 tokens around each message and 3 to prime
 * the reply.
 */
export const wireInput = (params: ChatCompletionCreateParamsBase): WireInput => ({
  texts: [...params.messages.flatMap(textsOf), ...(params.tools ? [JSON.stringify(params.tools)] : [])],
  framingTokens: 3 * params.messages.length + 3,
})

function textsOf(message: ChatCompletionMessageParam): string[] {
  const content = typeof message.content === 'string' ? message.content : ''
  const calls = message.role === 'assistant' ? functionCalls(message.tool_calls ?? []) : []
  return [content, ...calls.flatMap((call) => [call.name, call.arguments])]
}

const malformed = (detail: string) => new ProviderFailure('malformed_response', `OpenAI answered ${detail}`)

export function toCompletion(response: ChatCompletion): Completion {
  // Typed as ChatCompletion, but a 200 can carry anything: plain text, or JSON without choices.
  const { choices, usage } = response as Partial<ChatCompletion>
  const message = Array.isArray(choices) ? choices[0]?.message : undefined
  if (!message) throw malformed('without a message')
  if (typeof usage?.prompt_tokens !== 'number' || typeof usage.completion_tokens !== 'number') {
    throw malformed('without token usage')
  }
  return {
    text: message.content ?? '',
    toolCalls: functionCalls(message.tool_calls ?? []),
    usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens },
  }
}

const functionCalls = (calls: ChatCompletionMessageToolCall[]): ToolCall[] =>
  calls.flatMap((call) =>
    call.type === 'function'
      ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }]
      : [],
  )

/**
 * Collects a streamed completion: text, tool calls by index, and the usage of the last chunk. A call
 * arrives as fragments (id and name first, then pieces of the arguments) under its index, and the
 * fragments of several calls may interleave, so a call is known whole only when the choice finishes.
 */
export class ChunkCollector {
  private text = ''
  private readonly calls: ToolCall[] = []
  private usage: Completion['usage'] | undefined
  private finished = false
  private taken = 0

  /** Takes one chunk and returns its text delta ('' when it has none). */
  add(chunk: ChatCompletionChunk): string {
    if (chunk.usage) {
      this.usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens }
    }
    if (!Array.isArray(chunk.choices)) throw malformed('a stream chunk without choices')
    const choice = chunk.choices[0]
    const delta = choice?.delta
    for (const part of delta?.tool_calls ?? []) {
      // A server that sends no id (some compatible ones) gets one: results must answer a call by id.
      const call = (this.calls[part.index] ??= { id: `call_${part.index}`, name: '', arguments: '' })
      if (part.id) call.id = part.id
      if (part.function?.name) call.name = part.function.name
      call.arguments += part.function?.arguments ?? ''
    }
    if (choice?.finish_reason) this.finished = true
    const text = delta?.content ?? ''
    this.text += text
    return text
  }

  /** The calls complete and not yet taken, in order: all of them once the choice finished (or at the end). */
  takeCalls(end: boolean): ToolCall[] {
    if (!this.finished && !end) return []
    const calls = this.calls.filter(Boolean).slice(this.taken)
    this.taken += calls.length
    return calls
  }

  /** What arrived so far, for billing a stream that failed part way. */
  produced(): Produced {
    const calls = this.calls.filter(Boolean).map((call) => call.name + call.arguments)
    return { output: this.text + calls.join(''), usage: this.usage ?? {} }
  }

  completion(): Completion {
    if (!this.usage) throw malformed('a stream without token usage')
    return { text: this.text, toolCalls: this.calls.filter(Boolean), usage: this.usage }
  }
}

/** The SDK's error classes toFailure tells apart; undefined until the SDK has loaded (sdkClient). */
export type OpenAIErrors = Pick<
  typeof OpenAI,
  'APIUserAbortError' | 'APIConnectionTimeoutError' | 'APIConnectionError' | 'APIError'
>

/** Every failure of a call, as the ProviderFailure the run service understands. */
export function toFailure(
  error: unknown,
  signal: AbortSignal,
  sdk: OpenAIErrors | undefined,
): ProviderFailure {
  if (error instanceof ProviderFailure) return error
  const fail = (reason: ProviderFailure['reason'], message: string, status?: number, cause = error) =>
    new ProviderFailure(reason, message, status, { cause })
  // The SDK reports an abort by the caller's signal as APIUserAbortError; the signal's reason is the cause.
  if (signal.aborted || (sdk && error instanceof sdk.APIUserAbortError)) {
    return fail('cancelled', 'The OpenAI call was cancelled', undefined, signal.reason ?? error)
  }
  if (sdk && error instanceof sdk.APIConnectionTimeoutError) {
    return fail('timeout', 'OpenAI did not answer in time')
  }
  if (sdk && error instanceof sdk.APIConnectionError) {
    return fail('unreachable', `Cannot reach OpenAI: ${rootMessage(error)}`)
  }
  if (sdk && error instanceof sdk.APIError) {
    // status is undefined for an error event inside a stream.
    return fail('upstream_error', `OpenAI failed: ${error.message}`, error.status as number | undefined)
  }
  if (error instanceof SyntaxError) {
    return fail('malformed_response', `OpenAI answered invalid JSON: ${error.message}`)
  }
  return fail('upstream_error', `The OpenAI call failed: ${String(error)}`)
}

/** undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, ...) is down the cause chain. */
function rootMessage(error: Error): string {
  let root = error
  while (root.cause instanceof Error) root = root.cause
  return root.message
}
