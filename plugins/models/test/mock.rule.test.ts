// The mock provider's tool rule (issue 15): `use <tool> with {...}` phrases in the prompt, grouped by
// ` then ` into steps, answered with calls step by step and then with the known answer and the results.
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
import { provider } from '../providers/mock.provider.js'
import { parseMockCalls } from '../providers/mock.rule.js'
import { countTokens } from '../tokenizer.js'

const names = ['calculator', 'echo', 'web search', 'web']

describe('the mock tool rule: parsing the prompt', () => {
  it('finds one call with its JSON object as written', () => {
    expect(parseMockCalls('Please use calculator with {"expression": "2+2"} now.', names)).to.deep.equal([
      [{ name: 'calculator', arguments: '{"expression": "2+2"}' }],
    ])
  })

  it('takes the whole object when braces nest', () => {
    const args = '{"a": {"b": {"c": [1, {"d": 2}]}}, "e": {}}'
    expect(parseMockCalls(`use echo with ${args} and more {"not": "this"}`, names)).to.deep.equal([
      [{ name: 'echo', arguments: args }],
    ])
  })

  it('does not count braces inside JSON strings, escaped quotes included', () => {
    const args = String.raw`{"text": "a } and a { and \"}\" inside", "n": 1}`
    expect(parseMockCalls(`use echo with ${args} done`, names)).to.deep.equal([
      [{ name: 'echo', arguments: args }],
    ])
  })

  it('passes an object that never closes as written, up to the next then or the end', () => {
    expect(parseMockCalls('use echo with {"text": "oops', names)).to.deep.equal([
      [{ name: 'echo', arguments: '{"text": "oops' }],
    ])
    expect(parseMockCalls('use echo with {"a": 1 then use calculator with {"x": 2}', names)).to.deep.equal([
      [{ name: 'echo', arguments: '{"a": 1' }],
      [{ name: 'calculator', arguments: '{"x": 2}' }],
    ])
  })

  it('passes balanced text that is not valid JSON as written', () => {
    expect(parseMockCalls('use calculator with {expression: 2+} please', names)).to.deep.equal([
      [{ name: 'calculator', arguments: '{expression: 2+}' }],
    ])
  })

  it('ignores names that are not among the tools, and words that only end in "use"', () => {
    expect(parseMockCalls('use shell with {"cmd": "rm -rf /"}', names)).to.deep.equal([])
    expect(parseMockCalls('reuse echo with {"a": 1}', names)).to.deep.equal([])
    expect(parseMockCalls('use echo with nothing, use echo without {}', names)).to.deep.equal([])
    expect(parseMockCalls('use shell with {"a": 1} and use echo with {"b": 2}', names)).to.deep.equal([
      [{ name: 'echo', arguments: '{"b": 2}' }],
    ])
  })

  it('reads several phrases of one group as parallel calls, in order', () => {
    const prompt =
      'use calculator with {"expression": "1+1"}, use echo with {"text": "hi"} and use web with {}'
    expect(parseMockCalls(prompt, names)).to.deep.equal([
      [
        { name: 'calculator', arguments: '{"expression": "1+1"}' },
        { name: 'echo', arguments: '{"text": "hi"}' },
        { name: 'web', arguments: '{}' },
      ],
    ])
  })

  it('reads groups split by " then " as successive steps, dropping groups without a known phrase', () => {
    const prompt =
      'First use calculator with {"expression": "2*3"} then think then use shell with {} ' +
      'then use echo with {"text": "a"} and use echo with {"text": "b"}'
    expect(parseMockCalls(prompt, names)).to.deep.equal([
      [{ name: 'calculator', arguments: '{"expression": "2*3"}' }],
      [
        { name: 'echo', arguments: '{"text": "a"}' },
        { name: 'echo', arguments: '{"text": "b"}' },
      ],
    ])
  })

  it('does not split on a " then " inside a JSON object', () => {
    expect(
      parseMockCalls('use echo with {"text": "wash then dry"} then use web with {}', names),
    ).to.deep.equal([
      [{ name: 'echo', arguments: '{"text": "wash then dry"}' }],
      [{ name: 'web', arguments: '{}' }],
    ])
  })

  it('matches tool names with spaces, the longest name first', () => {
    expect(parseMockCalls('use web search with {"q": 1} and use web with {"q": 2}', names)).to.deep.equal([
      [
        { name: 'web search', arguments: '{"q": 1}' },
        { name: 'web', arguments: '{"q": 2}' },
      ],
    ])
  })
})

const model: ModelEntry = {
  id: 'gpt-4o',
  provider: 'mock',
  providerModel: 'gpt-4o',
  contextWindow: 128_000,
  maxOutputTokens: 4096,
  inputPricePerMillion: 0,
  outputPricePerMillion: 0,
}
const tool = (name: string): ToolSpec => ({
  name,
  description: `The ${name} tool`,
  inputSchema: { type: 'object', properties: { x: { type: 'number' } } },
})
const tools = [tool('calculator'), tool('echo')]
const mock: ModelProvider = provider.create({ timeoutMs: 1000 })!

const request = (messages: Message[], overrides: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model,
  agent: { name: 'Ada', role: 'analyst' },
  system: 'You are Ada.',
  messages,
  tools,
  maxOutputTokens: 4096,
  signal: new AbortController().signal,
  ...overrides,
})
const known = (prompt: string, using = 'using tools: [calculator, echo]') =>
  `[Mock Response] Agent 'Ada' (role: analyst) processed your request ${using}. ` +
  `Based on the task '${prompt}', here is a simulated response demonstrating the agent's capabilities.`

describe('the mock tool rule: the conversation', () => {
  const prompt =
    'use calculator with {"expression": "6*7"} and use echo with {"text": "hi"} then use echo with {"text": "bye"}'
  const user: Message = { role: 'user', content: prompt }

  it('answers without a phrase exactly as before tools could be called', async () => {
    const plain = 'Summarise the quarterly report'
    const completion = await mock.complete(request([{ role: 'user', content: plain }]))
    expect(completion.text).to.equal(known(plain))
    expect(completion.toolCalls).to.deep.equal([])
    const alone = await mock.complete(request([{ role: 'user', content: plain }], { tools: [] }))
    expect(alone.text).to.equal(known(plain, 'without any tools'))
    // Without tools, the input is what it always was: the system prompt and the prompt.
    expect(alone.usage).to.deep.equal({
      inputTokens: countTokens('You are Ada.') + countTokens(plain),
      outputTokens: countTokens(alone.text),
    })
  })

  it('calls the tools of the first group in parallel, with ids call_1_<i> and no text', async () => {
    const completion = await mock.complete(request([user]))
    expect(completion.text).to.equal('')
    expect(completion.toolCalls).to.deep.equal([
      { id: 'call_1_1', name: 'calculator', arguments: '{"expression": "6*7"}' },
      { id: 'call_1_2', name: 'echo', arguments: '{"text": "hi"}' },
    ])
  })

  it('calls the next group once the first was answered, then answers with the results', async () => {
    const first = await mock.complete(request([user]))
    const afterFirst: Message[] = [
      user,
      { role: 'assistant', content: '', toolCalls: first.toolCalls },
      { role: 'tool', toolCallId: 'call_1_1', name: 'calculator', content: '{"output":42}', isError: false },
      { role: 'tool', toolCallId: 'call_1_2', name: 'echo', content: '{"output":"hi"}', isError: false },
    ]
    const second = await mock.complete(request(afterFirst))
    expect(second.toolCalls).to.deep.equal([{ id: 'call_2_1', name: 'echo', arguments: '{"text": "bye"}' }])
    const final = await mock.complete(
      request([
        ...afterFirst,
        { role: 'assistant', content: '', toolCalls: second.toolCalls },
        {
          role: 'tool',
          toolCallId: 'call_2_1',
          name: 'echo',
          content: '{"error":{"code":"THREW","message":"no"}}',
          isError: true,
        },
      ]),
    )
    expect(final.toolCalls).to.deep.equal([])
    expect(final.text).to.equal(
      `${known(`${prompt.slice(0, 100)}...`)} Tool results: calculator -> {"output":42}; ` +
        'echo -> {"output":"hi"}; echo -> {"error":{"code":"THREW","message":"no"}}',
    )
  })

  it('only calls the tools the request offers', async () => {
    const completion = await mock.complete(request([user], { tools: [tool('echo')] }))
    expect(completion.toolCalls.map((call) => call.id + ' ' + call.name)).to.deep.equal(['call_1_1 echo'])
  })

  it('counts every message and every tool definition in its usage, and in what it says it reads', async () => {
    const messages: Message[] = [
      user,
      {
        role: 'assistant',
        content: 'Working.',
        toolCalls: [{ id: 'call_1_1', name: 'calculator', arguments: '{"expression": "6*7"}' }],
      },
      { role: 'tool', toolCallId: 'call_1_1', name: 'calculator', content: '{"output":42}', isError: false },
    ]
    const texts = [
      'You are Ada.',
      prompt,
      'Working.',
      'calculator',
      '{"expression": "6*7"}',
      'calculator',
      '{"output":42}',
      ...tools.flatMap((t) => [t.name, t.description, JSON.stringify(t.inputSchema)]),
    ]
    const expected = texts.reduce((sum, text) => sum + countTokens(text), 0)
    const completion = await mock.complete(request(messages))
    expect(completion.usage.inputTokens).to.equal(expected)
    expect(mock.wireInput!(request(messages))).to.deep.equal({ texts, framingTokens: 0 })
    // Its output: the calls' names and arguments.
    expect(completion.usage.outputTokens).to.equal(countTokens('echo') + countTokens('{"text": "bye"}'))
  })

  it('streams each tool call as an event, then done with all of them', async () => {
    const events: StreamEvent[] = []
    for await (const event of mock.stream(request([user]))) events.push(event)
    const done = events.at(-1) as { type: 'done'; completion: Completion }
    expect(events.map((event) => event.type)).to.deep.equal(['tool_call', 'tool_call', 'done'])
    expect(events.slice(0, 2)).to.deep.equal(
      done.completion.toolCalls.map((call) => ({ type: 'tool_call', call })),
    )
    expect(done.completion.toolCalls).to.have.length(2)
  })
})
