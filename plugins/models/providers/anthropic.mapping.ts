// Translation between the provider contract and Anthropic's Messages API wire shapes.
import Anthropic from '@anthropic-ai/sdk'
import type {
  Message,
  MessageCreateParamsBase,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages'
import {
  ProviderFailure,
  type Completion,
  type ModelRequest,
  type Produced,
  type ToolCall,
  type WireInput,
} from '../provider.js'

export const toParams = ({
  model,
  system,
  prompt,
  tools,
  maxOutputTokens,
}: ModelRequest): MessageCreateParamsBase => ({
  model: model.providerModel,
  // The API rejects an empty system prompt.
  ...(system && { system }),
  // The output the budget reserved for this call, and not a token more.
  max_tokens: maxOutputTokens,
  messages: [{ role: 'user', content: prompt }],
  ...(tools.length > 0 && {
    tools: tools.map(({ name, description }) => ({
      name,
      description,
      input_schema: { type: 'object' as const, properties: {} },
    })),
  }),
})

/**
 * What the model reads of a request body: the system prompt, the messages and the tool definitions (as the
 * JSON sent). With tools, Anthropic adds a tool-use system prompt of a few hundred tokens (its pricing page
 * gives up to 530 for Claude 3 models), counted as 600; a few tokens frame each message.
 */
export const wireInput = (params: MessageCreateParamsBase): WireInput => ({
  texts: [
    typeof params.system === 'string' ? params.system : '',
    ...params.messages.map((message) => (typeof message.content === 'string' ? message.content : '')),
    ...(params.tools ? [JSON.stringify(params.tools)] : []),
  ],
  framingTokens: 5 * (params.messages.length + 1) + (params.tools ? 600 : 0),
})

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
      block.type === 'tool_use' ? [{ name: block.name, arguments: JSON.stringify(block.input) }] : [],
    ),
    usage: { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens },
  }
}

/** Collects a streamed message: text, tool calls by block index, usage from message_start and message_delta. */
export class EventCollector {
  private text = ''
  private readonly calls = new Map<number, ToolCall>()
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
          this.calls.set(event.index, { name: event.content_block.name, arguments: '' })
        }
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
    const calls = [...this.calls.entries()].sort(([a], [b]) => a - b)
    return {
      text: this.text,
      // A tool called without input streams no JSON at all.
      toolCalls: calls.map(([, call]) => ({ name: call.name, arguments: call.arguments || '{}' })),
      usage: { inputTokens, outputTokens },
    }
  }
}

/** Every failure of a call, as the ProviderFailure the run service understands. */
export function toFailure(error: unknown, signal: AbortSignal): ProviderFailure {
  if (error instanceof ProviderFailure) return error
  const fail = (reason: ProviderFailure['reason'], message: string, status?: number, cause = error) =>
    new ProviderFailure(reason, message, status, { cause })
  // The SDK reports an abort by the caller's signal as APIUserAbortError; the signal's reason is the cause.
  if (signal.aborted || error instanceof Anthropic.APIUserAbortError) {
    return fail('cancelled', 'The Anthropic call was cancelled', undefined, signal.reason ?? error)
  }
  if (error instanceof Anthropic.APIConnectionTimeoutError) {
    return fail('timeout', 'Anthropic did not answer in time')
  }
  if (error instanceof Anthropic.APIConnectionError) {
    return fail('unreachable', `Cannot reach Anthropic: ${rootMessage(error)}`)
  }
  if (error instanceof Anthropic.APIError) {
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
