// The models gateway with a conversation: a call's worst case counts every message and every tool
// definition (schemas included), its output limit is the one asked for (never above the model's), and a
// streamed call hands each tool call to the caller as it completes.
import { expect } from 'chai'
import { pino } from 'pino'
import { loadConfig } from '../../../app/config.js'
import { makeModelsGateway, type PlanRequest } from '../models.gateway.js'
import { loadProviderFactories } from '../models.providers.js'
import { buildModelsRegistry } from '../models.registry.js'
import type { Message, ToolCall, ToolSpec } from '../provider.js'
import { startFakeOpenAI, type FakeOpenAI } from './fakes/openai-server.js'

const bare: ToolSpec = { name: 'calculator', description: 'Does arithmetic', inputSchema: { type: 'object' } }
const schema = {
  type: 'object',
  properties: { expression: { type: 'string', description: 'An arithmetic expression, such as 2*(3+4)' } },
  required: ['expression'],
}
const prompt: Message = { role: 'user', content: 'use calculator with {"expression": "6*7"}' }

describe('the models gateway with tools', () => {
  let fake: FakeOpenAI
  let gateway: ReturnType<typeof makeModelsGateway>
  let registry: ReturnType<typeof buildModelsRegistry>

  before(async () => {
    fake = await startFakeOpenAI()
    const config = loadConfig({ OPENAI_BASE_URL: fake.baseUrl, PROVIDER_TIMEOUT_MS: '2000' })
    registry = buildModelsRegistry(config, await loadProviderFactories())
    gateway = makeModelsGateway({ modelsRegistry: registry, config, logger: pino({ level: 'silent' }) })
  })
  after(() => fake.close())

  const requestOn = (modelId: string, overrides: Partial<PlanRequest> = {}): PlanRequest => ({
    model: registry.find(modelId)!,
    agent: { name: 'Ada', role: 'analyst' },
    system: 'You are Ada.',
    messages: [prompt],
    tools: [bare],
    ...overrides,
  })

  for (const modelId of ['gpt-4o', 'claude-3-opus']) {
    // gpt-4o runs on the fake OpenAI here, claude-3-opus on the mock (no Anthropic key).
    it(`counts each tool's schema and every message in the worst case (${modelId})`, () => {
      const base = gateway.plan(requestOn(modelId))
      const withSchema = gateway.plan(requestOn(modelId, { tools: [{ ...bare, inputSchema: schema }] }))
      expect(withSchema.inputTokens).to.be.greaterThan(base.inputTokens)
      const result = '{"output":{"value":42,"explanation":"six times seven is forty-two"}}'
      const later = gateway.plan(
        requestOn(modelId, {
          messages: [
            prompt,
            {
              role: 'assistant',
              content: '',
              toolCalls: [{ id: 'call_1_1', name: 'calculator', arguments: '{"expression": "6*7"}' }],
            },
            { role: 'tool', toolCallId: 'call_1_1', name: 'calculator', content: result, isError: false },
          ],
        }),
      )
      expect(later.inputTokens).to.be.greaterThan(base.inputTokens + 15)
      expect(later.worstCase.tokens).to.equal(later.inputTokens + later.request.maxOutputTokens)
    })
  }

  it('sends the output limit asked for, never more than the model allows', async () => {
    const model = registry.find('gpt-4o')!
    expect(gateway.plan(requestOn('gpt-4o')).request.maxOutputTokens).to.equal(model.maxOutputTokens)
    const small = gateway.plan(requestOn('gpt-4o', { maxOutputTokens: 64 }))
    expect(small.request.maxOutputTokens).to.equal(64)
    expect(small.worstCase.tokens).to.equal(small.inputTokens + 64)
    const capped = gateway.plan(requestOn('gpt-4o', { maxOutputTokens: model.maxOutputTokens * 10 }))
    expect(capped.request.maxOutputTokens).to.equal(model.maxOutputTokens)
    await gateway.call(small, { signal: new AbortController().signal })
    expect(fake.requests.at(-1)!.body.max_tokens).to.equal(64)
  })

  it('hands each streamed tool call to onToolCall, and returns them all in the completion', async () => {
    fake.next({
      kind: 'toolCalls',
      calls: [
        { id: 'call_a', name: 'calculator', arguments: '{"expression":"1+1"}' },
        { id: 'call_b', name: 'calculator', arguments: '{"expression":"2+2"}' },
      ],
      interleave: true,
    })
    const seen: ToolCall[] = []
    const result = await gateway.call(gateway.plan(requestOn('gpt-4o')), {
      signal: new AbortController().signal,
      onToolCall: (call) => seen.push(call),
    })
    expect(result.failure).to.be.undefined
    expect(fake.requests.at(-1)!.body.stream).to.be.true
    expect(seen.map((call) => call.id)).to.deep.equal(['call_a', 'call_b'])
    expect(result.completion!.toolCalls).to.deep.equal(seen)
  })

  it('runs the mock rule through the gateway: calls with ids, and their usage billed', async () => {
    const result = await gateway.call(gateway.plan(requestOn('claude-3-opus')), {
      signal: new AbortController().signal,
    })
    expect(result.completion!.toolCalls).to.deep.equal([
      { id: 'call_1_1', name: 'calculator', arguments: '{"expression": "6*7"}' },
    ])
    expect(result.billed).to.include({ estimated: false, costUsd: 0 })
    expect(result.billed.inputTokens).to.equal(gateway.plan(requestOn('claude-3-opus')).inputTokens)
  })
})
