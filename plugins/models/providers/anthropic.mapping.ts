// Translation between the provider contract and Anthropic's Messages API wire shapes.
import type Anthropic from '@anthropic-ai/sdk'
import type {
  ContentBlockParam,
  Message,
  MessageCreateParamsBase,
  MessageParam,
  RawMessageStreamEvent,
  Tool,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/messages'
import {
  ProviderFailure,
  type Completion,
  type Message as Turn,
  type ModelRequest,
  type Produced,
  type ToolCall,
  type WireInput,
} from '../provider.js'

export const toParams = ({
  model,
  system,
  messages,
  tools,
  maxOutputTokens,
}: ModelRequest): MessageCreateParamsBase => ({
  model: model.providerModel,
  // The API rejects an empty system prompt.
  ...(system && { system }),
  // The output the budget reserved for this call, and not a token more.
  max_tokens: maxOutputTokens,
  messages: toMessageParams(messages),
  ...(tools.length > 0 && {
    tools: tools.map(({ name, description, inputSchema }) => ({
      name,
      description,
      // An object schema, as the catalog guarantees (the API refuses anything else).
      input_schema: inputSchema as Tool.InputSchema,
    })),
  }),
})

/**
 * The turns as the Messages API has them: the model's tool calls are tool_use blocks after its text, and
 * the results of one step go back together as one user message of tool_result blocks.
 */
function toMessageParams(turns: readonly Turn[]): MessageParam[] {
  const params: MessageParam[] = []
  for (const turn of turns) {
    if (turn.role === 'user') params.push({ role: 'user', content: turn.content })
    else if (turn.role === 'assistant') params.push({ role: 'assistant', content: assistantContent(turn) })
    else {
      const result: ToolResultBlockParam = {
        type: 'tool_result',
        tool_use_id: turn.toolCallId,
        content: turn.content,
        is_error: turn.isError,
      }
      const last = params.at(-1)
      if (last?.role === 'user' && Array.isArray(last.content) && last.content.every(isToolResult)) {
        last.content.push(result)
      } else params.push({ role: 'user', content: [result] })
    }
  }
  return params
}

const isToolResult = (block: ContentBlockParam) => block.type === 'tool_result'

function assistantContent(turn: Extract<Turn, { role: 'assistant' }>): string | ContentBlockParam[] {
  if (turn.toolCalls.length === 0) return turn.content
  return [
    // The API refuses an empty text block.
    ...(turn.content ? [{ type: 'text' as const, text: turn.content }] : []),
    ...turn.toolCalls.map((call) => ({
      type: 'tool_use' as const,
      id: call.id,
      name: call.name,
      input: inputOf(call.arguments),
    })),
  ]
}

/**
 * tool_use input must be an object. Arguments that are not a JSON object (a stream cut at max_tokens, say)
 * go back as {}: the model learns what went wrong from the tool's error result.
 */
function inputOf(args: string): Record<string, unknown> {
  try {
    const input: unknown = JSON.parse(args)
    return typeof input === 'object' && input !== null && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

/**
 * What the model reads of a request body: the system prompt, the messages (text, tool calls with their
 * input as JSON, tool results) and the tool definitions (as the JSON sent, schemas included). With tools,
 * Anthropic adds a tool-use system prompt of a few hundred tokens (its pricing page gives up to 530 for
 * Claude 3 models), counted as 600; a few tokens frame each message.
 */
export const wireInput = (params: MessageCreateParamsBase): WireInput => ({
  texts: [
    typeof params.system === 'string' ? params.system : '',
    ...params.messages.flatMap((message) =>
      typeof message.content === 'string' ? [message.content] : message.content.map(textOfBlock),
    ),
    ...(params.tools ? [JSON.stringify(params.tools)] : []),
  ],
  framingTokens: 5 * (params.messages.length + 1) + (params.tools ? 600 : 0),
})

function textOfBlock(block: ContentBlockParam): string {
  if (block.type === 'text') return block.text
  if (block.type === 'tool_use') return block.name + JSON.stringify(block.input)
  if (block.type === 'tool_result') {
    return typeof block.content === 'string' ? block.content : JSON.stringify(block.content ?? '')
  }
  return JSON.stringify(block)
}

const malformed = (detail: string) =>
  new ProviderFailure('malformed_response', `Anthropic answered ${detail}`)

export function toCompletion(message: Message): Completion {
  // Typed as Message, but a 200 can carry anything: plain text, or JSON without content.
  const { content, usage } = message as Partial<Message>
  if (!Array.isArray(content)) throw malformed('without content')
  if (typeof usage?.input_tokens !== 'number' || typeof usage.output_tokens !== 'number') {
    throw malformed('without token usage')
  }
  return {
    text: content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(''),
    toolCalls: content.flatMap((block) =>
      block.type === 'tool_use'
        ? [{ id: block.id, name: block.name, arguments: JSON.stringify(block.input) }]
        : [],
    ),
    usage: { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens },
  }
}

/**
 * Collects a streamed message: text, tool calls by block index (their input arrives as input_json_delta
 * pieces, whole at the block's content_block_stop), usage from message_start and message_delta.
 */
export class EventCollector {
  private text = ''
  private readonly calls = new Map<number, ToolCall>()
  /** Block indexes of calls complete and not yet taken. */
  private readonly ready: number[] = []
  private readonly taken = new Set<number>()
  private inputTokens: number | undefined
  private outputTokens: number | undefined
  private stopped = false

  /** Takes one event and returns its text delta ('' when it has none). */
  add(event: RawMessageStreamEvent): string {
    switch (event.type) {
      case 'message_start':
        this.inputTokens = event.message.usage.input_tokens
        this.outputTokens = event.message.usage.output_tokens
        break
      case 'content_block_start':
        if (event.content_block.type === 'tool_use') {
          const { id, name } = event.content_block
          this.calls.set(event.index, { id, name, arguments: '' })
        }
        break
      case 'content_block_stop':
        if (this.calls.has(event.index)) this.ready.push(event.index)
        break
      case 'content_block_delta':
        if (event.delta.type === 'text_delta') {
          this.text += event.delta.text
          return event.delta.text
        }
        if (event.delta.type === 'input_json_delta') {
          const call = this.calls.get(event.index)
          if (call) call.arguments += event.delta.partial_json
        }
        break
      case 'message_delta':
        // Both counts are cumulative; input_tokens is only sometimes repeated here.
        this.outputTokens = event.usage.output_tokens
        this.inputTokens = event.usage.input_tokens ?? this.inputTokens
        break
      case 'message_stop':
        this.stopped = true
    }
    return ''
  }

  /** The calls whose block has stopped and were not taken yet; at the end, every one left, in order. */
  takeCalls(end: boolean): ToolCall[] {
    const indexes = end ? [...this.calls.keys()].sort((a, b) => a - b) : this.ready.splice(0)
    return indexes.filter((index) => !this.taken.has(index) && this.taken.add(index)).map(this.whole)
  }

  /** A call as the model made it: one called without input streams no JSON at all. */
  private readonly whole = (index: number): ToolCall => {
    const call = this.calls.get(index)!
    return { ...call, arguments: call.arguments || '{}' }
  }

  /** What arrived so far, for billing a stream that failed part way (message_start gives the input). */
  produced(): Produced {
    const { inputTokens, outputTokens } = this
    const calls = [...this.calls.values()].map((call) => call.name + call.arguments)
    return {
      output: this.text + calls.join(''),
      usage: {
        ...(inputTokens !== undefined && { inputTokens }),
        ...(outputTokens !== undefined && { outputTokens }),
      },
    }
  }

  completion(): Completion {
    const { inputTokens, outputTokens } = this
    if (!this.stopped) throw malformed('a stream that ended before message_stop')
    if (inputTokens === undefined || outputTokens === undefined) throw malformed('a stream without usage')
    const indexes = [...this.calls.keys()].sort((a, b) => a - b)
    return { text: this.text, toolCalls: indexes.map(this.whole), usage: { inputTokens, outputTokens } }
  }
}

/** The SDK's error classes toFailure tells apart; undefined until the SDK has loaded (sdkClient). */
export type AnthropicErrors = Pick<
  typeof Anthropic,
  'APIUserAbortError' | 'APIConnectionTimeoutError' | 'APIConnectionError' | 'APIError'
>

/** Every failure of a call, as the ProviderFailure the run service understands. */
export function toFailure(
  error: unknown,
  signal: AbortSignal,
  sdk: AnthropicErrors | undefined,
): ProviderFailure {
  if (error instanceof ProviderFailure) return error
  const fail = (reason: ProviderFailure['reason'], message: string, status?: number, cause = error) =>
    new ProviderFailure(reason, message, status, { cause })
  // The SDK reports an abort by the caller's signal as APIUserAbortError; the signal's reason is the cause.
  if (signal.aborted || (sdk && error instanceof sdk.APIUserAbortError)) {
    return fail('cancelled', 'The Anthropic call was cancelled', undefined, signal.reason ?? error)
  }
  if (sdk && error instanceof sdk.APIConnectionTimeoutError) {
    return fail('timeout', 'Anthropic did not answer in time')
  }
  if (sdk && error instanceof sdk.APIConnectionError) {
    return fail('unreachable', `Cannot reach Anthropic: ${rootMessage(error)}`)
  }
  if (sdk && error instanceof sdk.APIError) {
    // status is undefined for an error event inside a stream.
    return fail('upstream_error', `Anthropic failed: ${error.message}`, error.status as number | undefined)
  }
  if (error instanceof SyntaxError) {
    return fail('malformed_response', `Anthropic answered invalid JSON: ${error.message}`)
  }
  return fail('upstream_error', `The Anthropic call failed: ${String(error)}`)
}

/** undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, ...) is down the cause chain. */
function rootMessage(error: Error): string {
  let root = error
  while (root.cause instanceof Error) root = root.cause
  return root.message
}
