// The default provider: deterministic, offline and instant. Same agent, prompt and model, same answer,
// in the format clients of this platform already know. Tokens are counted with a real tokenizer.
import type {
  Completion,
  CompletionRequest,
  ModelProvider,
  ProviderFactory,
  StreamEvent,
} from '../provider.js'
import { ProviderFailure } from '../provider.js'
import { countTokens, warmTokenizer } from '../tokenizer.js'

const previewLength = 100

export function mockResponse({
  agent,
  tools,
  prompt,
}: Pick<CompletionRequest, 'agent' | 'tools' | 'prompt'>): string {
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

function complete(request: CompletionRequest): Completion {
  if (request.signal.aborted) throw new ProviderFailure('cancelled', 'The request was cancelled.')
  const text = mockResponse(request)
  return {
    text,
    toolCalls: [],
    usage: {
      inputTokens: countTokens(request.system) + countTokens(request.prompt),
      outputTokens: countTokens(text),
    },
  }
}

const mock: ModelProvider = {
  id: 'mock',
  // The mock reads the system prompt and the prompt, and counts exactly those as its input.
  wireInput: ({ system, prompt }) => ({ texts: [system, prompt], framingTokens: 0 }),
  complete: (request) => Promise.resolve().then(() => complete(request)),
  async *stream(request): AsyncIterable<StreamEvent> {
    const completion = complete(request)
    // Word by word, as a real model streams, so clients can exercise their stream handling.
    for (const chunk of completion.text.match(/\S+\s*/g) ?? []) {
      if (request.signal.aborted) throw new ProviderFailure('cancelled', 'The request was cancelled.')
      yield { type: 'delta', text: chunk }
      await new Promise((resolve) => setImmediate(resolve))
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
