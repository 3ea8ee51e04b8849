// The Anthropic provider driving the real `@anthropic-ai/sdk` client over HTTP against a fake server.
import { expect } from 'chai'
import { freePort } from '../../../test/harness/stack.js'
import {
  ProviderFailure,
  type CompletionRequest,
  type ModelEntry,
  type ModelProvider,
  type StreamEvent,
} from '../provider.js'
import { provider } from '../providers/anthropic.provider.js'
import { startFakeAnthropic, type FakeAnthropic } from './fakes/anthropic-server.js'

const model: ModelEntry = {
  id: 'claude-test',
  provider: 'anthropic',
  providerModel: 'claude-3-5-haiku-20241022',
  contextWindow: 200_000,
  maxOutputTokens: 321,
  inputPricePerMillion: 0.8,
  outputPricePerMillion: 4,
}

const requestFor = (overrides: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model,
  system: 'You are terse.',
  messages: [{ role: 'user', content: 'Say hello.' }],
  tools: [],
  // Below the model's 321: the request's limit (what the budget reserved) is what the provider is sent.
  maxOutputTokens: 123,
  signal: new AbortController().signal,
  ...overrides,
})

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const seen: StreamEvent[] = []
  for await (const event of events) seen.push(event)
  return seen
}

async function failureOf(work: Promise<unknown>): Promise<ProviderFailure> {
  try {
    await work
  } catch (error) {
    expect(error).to.be.instanceOf(ProviderFailure)
    return error as ProviderFailure
  }
  throw new Error('expected the call to fail')
}

describe('anthropic provider', () => {
  let fake: FakeAnthropic
  let anthropic: ModelProvider

  beforeEach(async () => {
    fake = await startFakeAnthropic()
    anthropic = provider.create({ baseUrl: fake.baseUrl, apiKey: 'sk-ant-test', timeoutMs: 300 })!
  })

  afterEach(() => fake.close())

  describe('claims and create', () => {
    it('claims claude-* model ids and nothing else', () => {
      for (const id of ['claude-3-5-sonnet-latest', 'claude-sonnet-4-5', 'claude-opus-4-1']) {
        expect(provider.claims(id), id).to.be.true
      }
      for (const id of ['gpt-4o', 'o1', 'claude', 'my-claude-3', 'Claude-3-opus']) {
        expect(provider.claims(id), id).to.be.false
      }
    })

    it('is not configured without an API key, even with a base URL', () => {
      expect(provider.create({ timeoutMs: 1000 })).to.be.undefined
      expect(provider.create({ baseUrl: fake.baseUrl, timeoutMs: 1000 })).to.be.undefined
      expect(provider.create({ apiKey: 'sk-ant-test', timeoutMs: 1000 })?.id).to.equal('anthropic')
    })
  })

  describe('complete', () => {
    it('returns the text and the token usage of the answer', async () => {
      fake.next({ kind: 'text', text: 'Hello there.', usage: { inputTokens: 17, outputTokens: 4 } })
      const completion = await anthropic.complete(requestFor())
      expect(completion).to.deep.equal({
        text: 'Hello there.',
        toolCalls: [],
        usage: { inputTokens: 17, outputTokens: 4 },
      })
    })

    it('sends the provider model, the system prompt, the user message, max_tokens and the API key', async () => {
      await anthropic.complete(requestFor())
      expect(fake.requests).to.have.length(1)
      const { path, headers, body } = fake.requests[0]!
      expect(path).to.equal('/v1/messages')
      // @anthropic-ai/sdk v1 sends the API key as a bearer token, not as x-api-key.
      expect(headers.authorization).to.equal('Bearer sk-ant-test')
      expect(headers['anthropic-version']).to.be.a('string')
      expect(body.model).to.equal('claude-3-5-haiku-20241022')
      expect(body.system).to.equal('You are terse.')
      expect(body.messages).to.deep.equal([{ role: 'user', content: 'Say hello.' }])
      expect(body.max_tokens).to.equal(123)
      expect(body).not.to.have.property('tools')
      expect(body.stream ?? false, 'not streaming').to.be.false
    })

    it('leaves out an empty system prompt, which the API would reject', async () => {
      await anthropic.complete(requestFor({ system: '' }))
      expect(fake.requests[0]!.body).not.to.have.property('system')
    })

    it('passes the tools with their name, description and input schema as input_schema', async () => {
      const tools = [
        {
          name: 'web-search',
          description: 'Searches the web',
          inputSchema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
        },
        { name: 'calculator', description: 'Does arithmetic', inputSchema: { type: 'object' } },
      ]
      await anthropic.complete(requestFor({ tools }))
      expect(fake.requests[0]!.body.tools).to.deep.equal(
        tools.map(({ name, description, inputSchema }) => ({ name, description, input_schema: inputSchema })),
      )
    })

    it('returns the text and the tool_use blocks as id, name and JSON arguments', async () => {
      fake.next({
        kind: 'toolCalls',
        text: 'Let me look.',
        calls: [
          { name: 'web-search', arguments: '{"query":"weather in Paris"}' },
          { name: 'calculator', arguments: '{"expression":"2+2"}' },
        ],
      })
      const completion = await anthropic.complete(requestFor())
      expect(completion.text).to.equal('Let me look.')
      expect(completion.toolCalls).to.deep.equal([
        { id: 'toolu_0', name: 'web-search', arguments: '{"query":"weather in Paris"}' },
        { id: 'toolu_1', name: 'calculator', arguments: '{"expression":"2+2"}' },
      ])
    })

    for (const status of [429, 500]) {
      it(`reports a ${status} answer as upstream_error with the upstream status`, async () => {
        fake.next({ kind: 'status', status })
        const failure = await failureOf(anthropic.complete(requestFor()))
        expect(failure.reason).to.equal('upstream_error')
        expect(failure.upstreamStatus).to.equal(status)
        expect(fake.requests, 'no retries').to.have.length(1)
      })
    }

    it('reports a 200 body that is not JSON as malformed_response', async () => {
      fake.next({ kind: 'malformed' })
      const failure = await failureOf(anthropic.complete(requestFor()))
      expect(failure.reason).to.equal('malformed_response')
    })

    it('reports a JSON body without content as malformed_response', async () => {
      fake.next({ kind: 'malformed', body: '{"id":"msg_1","type":"message"}' })
      const failure = await failureOf(anthropic.complete(requestFor()))
      expect(failure.reason).to.equal('malformed_response')
    })

    it('reports an answer without token usage as malformed_response', async () => {
      fake.next({ kind: 'malformed', body: '{"type":"message","content":[{"type":"text","text":"hi"}]}' })
      const failure = await failureOf(anthropic.complete(requestFor()))
      expect(failure.reason).to.equal('malformed_response')
      expect(failure.message).to.match(/usage/)
    })

    it('reports a server that never answers as timeout after about timeoutMs', async () => {
      fake.next({ kind: 'hang' })
      const started = Date.now()
      const failure = await failureOf(anthropic.complete(requestFor()))
      expect(failure.reason).to.equal('timeout')
      expect(Date.now() - started).to.be.within(250, 3000)
    })

    it('reports an answer whose body never comes as timeout after about timeoutMs', async () => {
      fake.next({ kind: 'text', text: 'never sent', stall: true })
      const started = Date.now()
      const failure = await failureOf(anthropic.complete(requestFor()))
      expect(failure.reason).to.equal('timeout')
      expect(Date.now() - started).to.be.within(250, 3000)
    })

    it('reports a call aborted by the request signal as cancelled, with the reason as cause', async () => {
      fake.next({ kind: 'hang' })
      const controller = new AbortController()
      setTimeout(() => controller.abort(new Error('client went away')), 50)
      const failure = await failureOf(anthropic.complete(requestFor({ signal: controller.signal })))
      expect(failure.reason).to.equal('cancelled')
      expect((failure.cause as Error).message).to.equal('client went away')
    })

    it('reports a closed port as unreachable', async () => {
      // The client wraps undici's "fetch failed" (cause ECONNREFUSED) in an APIConnectionError.
      const closed = provider.create({
        apiKey: 'sk-ant-test',
        baseUrl: `http://127.0.0.1:${await freePort()}`,
        timeoutMs: 2000,
      })!
      const failure = await failureOf(closed.complete(requestFor()))
      expect(failure.reason).to.equal('unreachable')
      expect(failure.message).to.match(/ECONNREFUSED/)
    })
  })

  describe('stream', () => {
    it('yields the text deltas in order, then one done with the whole text and usage', async () => {
      fake.next({ kind: 'text', text: ['Hel', 'lo', ' there.'], usage: { inputTokens: 9, outputTokens: 3 } })
      const events = await collect(anthropic.stream(requestFor()))
      expect(events).to.deep.equal([
        { type: 'delta', text: 'Hel' },
        { type: 'delta', text: 'lo' },
        { type: 'delta', text: ' there.' },
        {
          type: 'done',
          completion: { text: 'Hello there.', toolCalls: [], usage: { inputTokens: 9, outputTokens: 3 } },
        },
      ])
      const { body } = fake.requests[0]!
      expect(body.stream).to.be.true
      expect(body.max_tokens).to.equal(123)
    })

    it('collects streamed tool calls into their id, name and whole arguments', async () => {
      fake.next({
        kind: 'toolCalls',
        text: 'Let me look.',
        calls: [
          { name: 'web-search', arguments: '{"query":"weather in Paris"}' },
          { name: 'calculator', arguments: '{"expression":"2+2"}' },
        ],
      })
      const events = await collect(anthropic.stream(requestFor()))
      expect(events.filter((event) => event.type === 'done')).to.have.length(1)
      expect(events.at(-1)).to.deep.equal({
        type: 'done',
        completion: {
          text: 'Let me look.',
          toolCalls: [
            { id: 'toolu_0', name: 'web-search', arguments: '{"query":"weather in Paris"}' },
            { id: 'toolu_1', name: 'calculator', arguments: '{"expression":"2+2"}' },
          ],
          usage: { inputTokens: 10, outputTokens: 5 },
        },
      })
    })

    it('reports a 429 answer as upstream_error with the upstream status', async () => {
      fake.next({ kind: 'status', status: 429 })
      const failure = await failureOf(collect(anthropic.stream(requestFor())))
      expect(failure.reason).to.equal('upstream_error')
      expect(failure.upstreamStatus).to.equal(429)
    })

    it('reports a stream cut before message_stop as malformed_response', async () => {
      fake.next({
        kind: 'malformed',
        body: '{"type":"message_start","message":{"id":"m","type":"message","role":"assistant","content":[],"model":"x","usage":{"input_tokens":3,"output_tokens":1}}}',
      })
      const failure = await failureOf(collect(anthropic.stream(requestFor())))
      expect(failure.reason).to.equal('malformed_response')
      expect(failure.message).to.match(/message_stop/)
    })

    it('reports an event that is not JSON as malformed_response', async () => {
      fake.next({ kind: 'malformed' })
      const failure = await failureOf(collect(anthropic.stream(requestFor())))
      expect(failure.reason).to.equal('malformed_response')
    })

    it('reports a server that never answers as timeout after about timeoutMs', async () => {
      fake.next({ kind: 'hang' })
      const started = Date.now()
      const failure = await failureOf(collect(anthropic.stream(requestFor())))
      expect(failure.reason).to.equal('timeout')
      expect(Date.now() - started).to.be.within(250, 3000)
    })

    it('reports a stream that goes quiet for timeoutMs as timeout, after the deltas it sent', async () => {
      fake.next({ kind: 'text', text: ['Hel', 'lo'], stall: true })
      const seen: StreamEvent[] = []
      const failure = await failureOf(
        (async () => {
          for await (const event of anthropic.stream(requestFor())) seen.push(event)
        })(),
      )
      expect(failure.reason).to.equal('timeout')
      expect(seen).to.deep.equal([
        { type: 'delta', text: 'Hel' },
        { type: 'delta', text: 'lo' },
      ])
      // What arrived, for billing, with the input count message_start gave.
      expect(failure.produced?.output).to.equal('Hello')
      expect(failure.produced?.usage.inputTokens).to.be.a('number')
    })

    it('stops with cancelled as soon as the request signal is aborted mid-stream', async () => {
      // A long timeout, so that only the abort can end this stream.
      const patient = provider.create({ baseUrl: fake.baseUrl, apiKey: 'sk-test', timeoutMs: 10_000 })!
      fake.next({ kind: 'text', text: ['first', 'second'], stall: true })
      const controller = new AbortController()
      const seen: StreamEvent[] = []
      let abortedAt = 0
      const failure = await failureOf(
        (async () => {
          for await (const event of patient.stream(requestFor({ signal: controller.signal }))) {
            seen.push(event)
            if (seen.length === 1) {
              abortedAt = Date.now()
              controller.abort(new Error('client went away'))
            }
          }
        })(),
      )
      expect(failure.reason).to.equal('cancelled')
      expect((failure.cause as Error).message).to.equal('client went away')
      expect(Date.now() - abortedAt).to.be.below(2000)
      expect(seen[0]).to.deep.equal({ type: 'delta', text: 'first' })
      expect(seen.some((event) => event.type === 'done')).to.be.false
    })
  })
})
