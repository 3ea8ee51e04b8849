// Tool calling on Anthropic's Messages API, through the real `@anthropic-ai/sdk` client against the fake
// server: tools go out with their input_schema, calls come back as tool_use blocks (whole, or streamed as
// input_json_delta pieces), and the results of one step go back as one user message of tool_result blocks.
import { expect } from 'chai'
import type {
  Completion,
  CompletionRequest,
  Message,
  ModelEntry,
  ModelProvider,
  StreamEvent,
  ToolSpec,
} from '../provider.js'
import { provider } from '../providers/anthropic.provider.js'
import { startFakeAnthropic, type FakeAnthropic } from './fakes/anthropic-server.js'

const model: ModelEntry = {
  id: 'claude-test',
  provider: 'anthropic',
  providerModel: 'claude-3-5-haiku-20241022',
  contextWindow: 200_000,
  maxOutputTokens: 500,
  inputPricePerMillion: 0.8,
  outputPricePerMillion: 4,
}

const weather: ToolSpec = {
  name: 'weather',
  description: 'The weather in a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}
const clock: ToolSpec = { name: 'clock', description: 'The time now', inputSchema: { type: 'object' } }
const user: Message = { role: 'user', content: 'Weather and time in Paris?' }

const requestFor = (messages: Message[], overrides: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model,
  system: 'You are terse.',
  messages,
  tools: [weather, clock],
  maxOutputTokens: 200,
  signal: new AbortController().signal,
  ...overrides,
})

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const seen: StreamEvent[] = []
  for await (const event of events) seen.push(event)
  return seen
}
const completionOf = (events: StreamEvent[]): Completion => {
  const done = events.at(-1)!
  if (done.type !== 'done') throw new Error('the stream did not end with done')
  return done.completion
}

describe('anthropic provider: tool calls', () => {
  let fake: FakeAnthropic
  let anthropic: ModelProvider

  beforeEach(async () => {
    fake = await startFakeAnthropic()
    anthropic = provider.create({ baseUrl: fake.baseUrl, apiKey: 'sk-ant-test', timeoutMs: 2000 })!
  })
  afterEach(() => fake.close())

  it('sends each tool with its name, description and input schema', async () => {
    await anthropic.complete(requestFor([user]))
    expect(fake.requests[0]!.body.tools).to.deep.equal([
      { name: 'weather', description: 'The weather in a city', input_schema: weather.inputSchema },
      { name: 'clock', description: 'The time now', input_schema: { type: 'object' } },
    ])
  })

  it('makes a round trip: tool_use comes back with its id, the tool_result goes back answering it', async () => {
    fake.next({
      kind: 'toolCalls',
      text: 'Let me check.',
      calls: [{ id: 'toolu_w1', name: 'weather', arguments: '{"city":"Paris"}' }],
    })
    const first = await anthropic.complete(requestFor([user]))
    expect(first.text).to.equal('Let me check.')
    expect(first.toolCalls).to.deep.equal([
      { id: 'toolu_w1', name: 'weather', arguments: '{"city":"Paris"}' },
    ])

    fake.next({ kind: 'text', text: 'Sunny.', usage: { inputTokens: 60, outputTokens: 3 } })
    const second = await anthropic.complete(
      requestFor([
        user,
        { role: 'assistant', content: first.text, toolCalls: first.toolCalls },
        {
          role: 'tool',
          toolCallId: 'toolu_w1',
          name: 'weather',
          content: '{"output":"sunny"}',
          isError: false,
        },
      ]),
    )
    expect(second).to.deep.equal({
      text: 'Sunny.',
      toolCalls: [],
      usage: { inputTokens: 60, outputTokens: 3 },
    })
    expect(fake.requests[1]!.body.messages).to.deep.equal([
      { role: 'user', content: 'Weather and time in Paris?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_w1', name: 'weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_w1', content: '{"output":"sunny"}', is_error: false },
        ],
      },
    ])
  })

  it('makes the same round trip streamed: input_json_delta pieces, a tool_call event, then done', async () => {
    const call = { id: 'toolu_w1', name: 'weather', arguments: '{"city":"Paris","days":[1,2]}' }
    fake.next({ kind: 'toolCalls', calls: [call], argumentChunks: 6 })
    const events = await collect(anthropic.stream(requestFor([user])))
    expect(events).to.deep.equal([
      { type: 'tool_call', call },
      {
        type: 'done',
        completion: { text: '', toolCalls: [call], usage: { inputTokens: 10, outputTokens: 5 } },
      },
    ])

    fake.next({ kind: 'text', text: ['Sunny', ' today.'] })
    const answer = await collect(
      anthropic.stream(
        requestFor([
          user,
          // Only tool calls: no empty text block, which the API would refuse.
          { role: 'assistant', content: '', toolCalls: [call] },
          {
            role: 'tool',
            toolCallId: 'toolu_w1',
            name: 'weather',
            content: '{"output":"sunny"}',
            isError: false,
          },
        ]),
      ),
    )
    expect(completionOf(answer).text).to.equal('Sunny today.')
    const sent = fake.requests[1]!.body
    expect(sent.stream).to.be.true
    expect(sent.messages.slice(1)).to.deep.equal([
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_w1', name: 'weather', input: { city: 'Paris', days: [1, 2] } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_w1', content: '{"output":"sunny"}', is_error: false },
        ],
      },
    ])
  })

  it('streams two parallel calls after the text, each a tool_call event in block order', async () => {
    const calls = [
      { id: 'toolu_a', name: 'weather', arguments: '{"city":"Paris"}' },
      { id: 'toolu_b', name: 'clock', arguments: '{"zone":"Europe/Paris"}' },
    ]
    fake.next({ kind: 'toolCalls', text: 'Both.', calls, argumentChunks: 3 })
    const events = await collect(anthropic.stream(requestFor([user])))
    expect(events).to.deep.equal([
      { type: 'delta', text: 'Both.' },
      { type: 'tool_call', call: calls[0] },
      { type: 'tool_call', call: calls[1] },
      {
        type: 'done',
        completion: { text: 'Both.', toolCalls: calls, usage: { inputTokens: 10, outputTokens: 5 } },
      },
    ])
  })

  it('sends the results of parallel calls as one user message, an error flagged with is_error', async () => {
    const calls = [
      { id: 'toolu_a', name: 'weather', arguments: '{"city":"Paris"}' },
      { id: 'toolu_b', name: 'clock', arguments: '{}' },
    ]
    fake.next({ kind: 'toolCalls', calls })
    const first = await anthropic.complete(requestFor([user]))
    expect(first.toolCalls).to.deep.equal(calls)
    const error = '{"error":{"code":"TIMEOUT","message":"The tool did not answer within 500 ms"}}'
    await anthropic.complete(
      requestFor([
        user,
        { role: 'assistant', content: '', toolCalls: first.toolCalls },
        {
          role: 'tool',
          toolCallId: 'toolu_a',
          name: 'weather',
          content: '{"output":"rain"}',
          isError: false,
        },
        { role: 'tool', toolCallId: 'toolu_b', name: 'clock', content: error, isError: true },
      ]),
    )
    const sent = fake.requests[1]!.body.messages
    expect(sent).to.have.length(3)
    expect(sent[2]).to.deep.equal({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_a', content: '{"output":"rain"}', is_error: false },
        { type: 'tool_result', tool_use_id: 'toolu_b', content: error, is_error: true },
      ],
    })
  })

  it('keeps the steps apart: the results of each step answer its own tool_use message', async () => {
    const step = (id: string): Message[] => [
      { role: 'assistant', content: '', toolCalls: [{ id, name: 'clock', arguments: '{}' }] },
      { role: 'tool', toolCallId: id, name: 'clock', content: '{"output":"noon"}', isError: false },
    ]
    await anthropic.complete(requestFor([user, ...step('toolu_1'), ...step('toolu_2')]))
    const roles = fake.requests[0]!.body.messages.map((message) => message.role)
    expect(roles).to.deep.equal(['user', 'assistant', 'user', 'assistant', 'user'])
  })

  it('sends arguments that are not a JSON object back as an empty input', async () => {
    await anthropic.complete(
      requestFor([
        user,
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'toolu_x', name: 'weather', arguments: '{"city": Par' }],
        },
        { role: 'tool', toolCallId: 'toolu_x', name: 'weather', content: '{"error":{}}', isError: true },
      ]),
    )
    expect(fake.requests[0]!.body.messages[1]).to.deep.equal({
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_x', name: 'weather', input: {} }],
    })
  })
})
