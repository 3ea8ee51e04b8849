// Tool calling on OpenAI's Chat Completions, through the real `openai` client against the fake server:
// tools go out as function tools with their schemas, calls come back with their ids (whole, or streamed
// as fragments by index), and the results go back as `tool` messages answering those ids.
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
import { provider } from '../providers/openai.provider.js'
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai-server.js'

const model: ModelEntry = {
  id: 'gpt-test',
  provider: 'openai',
  providerModel: 'gpt-4o-mini',
  contextWindow: 128_000,
  maxOutputTokens: 500,
  inputPricePerMillion: 0.15,
  outputPricePerMillion: 0.6,
}

const weather: ToolSpec = {
  name: 'weather',
  description: 'The weather in a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { enum: ['C', 'F'] } },
    required: ['city'],
  },
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

describe('openai provider: tool calls', () => {
  let fake: FakeOpenAI
  let openai: ModelProvider

  beforeEach(async () => {
    fake = await startFakeOpenAI()
    openai = provider.create({ baseUrl: fake.baseUrl, apiKey: 'sk-test', timeoutMs: 2000 })!
  })
  afterEach(() => fake.close())

  it('sends each tool as a function tool with its input schema as parameters', async () => {
    await openai.complete(requestFor([user]))
    expect(fake.requests[0]!.body.tools).to.deep.equal([
      {
        type: 'function',
        function: { name: 'weather', description: 'The weather in a city', parameters: weather.inputSchema },
      },
      {
        type: 'function',
        // OpenAI refuses an object schema without properties: an empty one means the same.
        function: {
          name: 'clock',
          description: 'The time now',
          parameters: { type: 'object', properties: {} },
        },
      },
    ])
  })

  it('makes a round trip: the call comes back with its id, the result goes back answering it', async () => {
    fake.next({
      kind: 'toolCalls',
      calls: [{ id: 'call_w1', name: 'weather', arguments: '{"city":"Paris"}' }],
    })
    const first = await openai.complete(requestFor([user]))
    expect(first.text).to.equal('')
    expect(first.toolCalls).to.deep.equal([{ id: 'call_w1', name: 'weather', arguments: '{"city":"Paris"}' }])

    fake.next({ kind: 'text', text: 'Sunny, 21 °C.', usage: { inputTokens: 40, outputTokens: 6 } })
    const second = await openai.complete(
      requestFor([
        user,
        { role: 'assistant', content: '', toolCalls: first.toolCalls },
        {
          role: 'tool',
          toolCallId: 'call_w1',
          name: 'weather',
          content: '{"output":{"sky":"sunny","c":21}}',
          isError: false,
        },
      ]),
    )
    expect(second).to.deep.equal({
      text: 'Sunny, 21 °C.',
      toolCalls: [],
      usage: { inputTokens: 40, outputTokens: 6 },
    })
    expect(fake.requests[1]!.body.messages).to.deep.equal([
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Weather and time in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_w1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_w1', content: '{"output":{"sky":"sunny","c":21}}' },
    ])
  })

  it('makes the same round trip streamed: arguments in fragments, a tool_call event, then done', async () => {
    fake.next({
      kind: 'toolCalls',
      calls: [{ id: 'call_w1', name: 'weather', arguments: '{"city":"Paris","unit":"C"}' }],
      argumentChunks: 5,
    })
    const events = await collect(openai.stream(requestFor([user])))
    const call = { id: 'call_w1', name: 'weather', arguments: '{"city":"Paris","unit":"C"}' }
    expect(events).to.deep.equal([
      { type: 'tool_call', call },
      {
        type: 'done',
        completion: { text: '', toolCalls: [call], usage: { inputTokens: 10, outputTokens: 5 } },
      },
    ])
    expect(fake.requests[0]!.body.tools).to.have.length(2)

    fake.next({ kind: 'text', text: ['Sunny', ' in Paris.'] })
    const answer = await collect(
      openai.stream(
        requestFor([
          user,
          { role: 'assistant', content: '', toolCalls: [call] },
          {
            role: 'tool',
            toolCallId: 'call_w1',
            name: 'weather',
            content: '{"output":"sunny"}',
            isError: false,
          },
        ]),
      ),
    )
    expect(completionOf(answer).text).to.equal('Sunny in Paris.')
    expect(fake.requests[1]!.body.stream).to.be.true
    expect(fake.requests[1]!.body.messages.at(-1)).to.deep.equal({
      role: 'tool',
      tool_call_id: 'call_w1',
      content: '{"output":"sunny"}',
    })
  })

  it('assembles two parallel calls whose streamed fragments interleave by index', async () => {
    const calls = [
      { id: 'call_a', name: 'weather', arguments: '{"city":"Paris","unit":"C"}' },
      { id: 'call_b', name: 'clock', arguments: '{"zone":"Europe/Paris"}' },
    ]
    fake.next({ kind: 'toolCalls', text: 'Checking both.', calls, argumentChunks: 4, interleave: true })
    const events = await collect(openai.stream(requestFor([user])))
    expect(events).to.deep.equal([
      { type: 'delta', text: 'Checking both.' },
      { type: 'tool_call', call: calls[0] },
      { type: 'tool_call', call: calls[1] },
      {
        type: 'done',
        completion: { text: 'Checking both.', toolCalls: calls, usage: { inputTokens: 10, outputTokens: 5 } },
      },
    ])
  })

  it('returns two parallel calls of a whole answer, and sends both results back by id', async () => {
    const calls = [
      { id: 'call_a', name: 'weather', arguments: '{"city":"Paris"}' },
      { id: 'call_b', name: 'clock', arguments: '{}' },
    ]
    fake.next({ kind: 'toolCalls', text: 'Checking both.', calls })
    const first = await openai.complete(requestFor([user]))
    expect(first.toolCalls).to.deep.equal(calls)
    await openai.complete(
      requestFor([
        user,
        { role: 'assistant', content: first.text, toolCalls: first.toolCalls },
        { role: 'tool', toolCallId: 'call_a', name: 'weather', content: '{"output":"rain"}', isError: false },
        { role: 'tool', toolCallId: 'call_b', name: 'clock', content: '{"output":"12:00"}', isError: false },
      ]),
    )
    const sent = fake.requests[1]!.body.messages
    expect(sent[2]).to.deep.include({ role: 'assistant', content: 'Checking both.' })
    expect(sent[2]!.tool_calls!.map((call) => call.id)).to.deep.equal(['call_a', 'call_b'])
    expect(sent.slice(3)).to.deep.equal([
      { role: 'tool', tool_call_id: 'call_a', content: '{"output":"rain"}' },
      { role: 'tool', tool_call_id: 'call_b', content: '{"output":"12:00"}' },
    ])
  })

  it('sends a tool error as the content of its tool message (Chat Completions has no error flag)', async () => {
    const error = '{"error":{"code":"INVALID_TOOL_INPUT","message":"/city: must be string"}}'
    await openai.complete(
      requestFor([
        user,
        {
          role: 'assistant',
          content: '',
          toolCalls: [{ id: 'call_x', name: 'weather', arguments: '{"city":1}' }],
        },
        { role: 'tool', toolCallId: 'call_x', name: 'weather', content: error, isError: true },
      ]),
    )
    expect(fake.requests[0]!.body.messages.at(-1)).to.deep.equal({
      role: 'tool',
      tool_call_id: 'call_x',
      content: error,
    })
  })

  it('passes arguments that are not valid JSON through as the model wrote them', async () => {
    fake.next({ kind: 'toolCalls', calls: [{ id: 'call_bad', name: 'weather', arguments: '{"city": Par' }] })
    const events = await collect(openai.stream(requestFor([user])))
    expect(completionOf(events).toolCalls).to.deep.equal([
      { id: 'call_bad', name: 'weather', arguments: '{"city": Par' },
    ])
  })
})
