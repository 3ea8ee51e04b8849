// The default provider: deterministic, offline and instant. Same agent, conversation and model, same
// answer, in the format clients of this platform already know. It calls tools when the prompt says so
// (`use <tool> with {...}`, see mock.rule.ts). Tokens are counted with a real tokenizer.
import type {
  Completion,
  CompletionRequest,
  ModelProvider,
  ModelRequest,
  ProviderFactory,
  StreamEvent,
} from '../provider.js'
import { ProviderFailure } from '../provider.js'
import { firstPrompt, textsOfMessage, textsOfTool } from '../messages.js'
import { countTokens, warmTokenizer } from '../tokenizer.js'
import { nextMockCalls, toolResultsSuffix } from './mock.rule.js'

const previewLength = 100

export function mockResponse({
  agent,
  tools,
  prompt,
}: Pick<CompletionRequest, 'agent' | 'tools'> & { prompt: string }): string {
  const name = agent?.name ?? 'unknown'
  const role = agent?.role ?? 'unknown'
  const preview = prompt.length > previewLength ? `${prompt.slice(0, previewLength)}...` : prompt
  const using =
    tools.length > 0 ? `using tools: [${tools.map((tool) => tool.name).join(', ')}]` : 'without any tools'
  return (
    `[Mock Response] Agent '${name}' (role: ${role}) processed your request ${using}. ` +
    `Based on the task '${preview}', here is a simulated response demonstrating the agent's capabilities.`
  )
}

/** What the mock reads, and counts as its input: the system prompt, every message and every tool. */
const inputTexts = ({ system, messages, tools }: ModelRequest): string[] => [
  system,
  ...messages.flatMap(textsOfMessage),
  ...tools.flatMap(textsOfTool),
]

function complete(request: CompletionRequest): Completion {
  if (request.signal.aborted) throw new ProviderFailure('cancelled', 'The request was cancelled.')
  const prompt = firstPrompt(request.messages)
  const toolCalls = nextMockCalls(prompt, request.messages, request.tools) ?? []
  const text =
    toolCalls.length > 0 ? '' : mockResponse({ ...request, prompt }) + toolResultsSuffix(request.messages)
  const output = [text, ...toolCalls.flatMap((call) => [call.name, call.arguments])]
  return {
    text,
    toolCalls,
    usage: {
      inputTokens: inputTexts(request).reduce((sum, part) => sum + countTokens(part), 0),
      outputTokens: output.reduce((sum, part) => sum + countTokens(part), 0),
    },
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

const mock: ModelProvider = {
  id: 'mock',
  wireInput: (request) => ({ texts: inputTexts(request), framingTokens: 0 }),
  complete: (request) => Promise.resolve().then(() => complete(request)),
  async *stream(request): AsyncIterable<StreamEvent> {
    const completion = complete(request)
    const stopIfCancelled = () => {
      if (request.signal.aborted) throw new ProviderFailure('cancelled', 'The request was cancelled.')
    }
    // Word by word, as a real model streams, so clients can exercise their stream handling.
    for (const chunk of completion.text.match(/\S+\s*/g) ?? []) {
      stopIfCancelled()
      yield { type: 'delta', text: chunk }
      await nextTurn()
    }
    for (const call of completion.toolCalls) {
      stopIfCancelled()
      yield { type: 'tool_call', call }
      await nextTurn()
    }
    yield { type: 'done', completion }
  },
}

export const provider: ProviderFactory = {
  id: 'mock',
  claims: () => false,
  create: () => {
    warmTokenizer()
    return mock
  },
}
