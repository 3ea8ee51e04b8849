// What each provider puts on the wire for a request, as a call's worst case counts it (security review,
// issue 13, finding 10): the output limit it is sent is the request's (what the budget reserved), the tool
// definitions are counted as sent, and a stream cut short says what it had produced.
import { expect } from 'chai'
import type { ChatCompletionChunk } from 'openai/resources/chat/completions'
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages'
import type { ModelEntry, ModelRequest } from '../provider.js'
import * as openai from '../providers/openai.mapping.js'
import * as anthropic from '../providers/anthropic.mapping.js'

const model: ModelEntry = {
  id: 'm',
  provider: 'openai',
  providerModel: 'm-1',
  contextWindow: 128_000,
  maxOutputTokens: 4096,
  inputPricePerMillion: 1,
  outputPricePerMillion: 1,
}
const request: ModelRequest = {
  model,
  system: 'You are terse.',
  messages: [{ role: 'user', content: 'Say hello.' }],
  tools: [
    {
      name: 'lookup',
      description: 'Looks things up',
      inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
    },
  ],
  maxOutputTokens: 77,
}

describe('provider wire shapes for budgets', () => {
  it("sends OpenAI the request's output limit, as max_completion_tokens to OpenAI itself and max_tokens elsewhere", () => {
    const official = openai.toParams(request, true)
    expect(official.max_completion_tokens).to.equal(77)
    expect(official).not.to.have.property('max_tokens')
    expect(openai.toParams(request, false).max_tokens).to.equal(77)
  })

  it('counts what OpenAI is sent: both messages, the tool definitions as sent, and the message framing', () => {
    const params = openai.toParams(request, false)
    expect(openai.wireInput(params)).to.deep.equal({
      texts: ['You are terse.', 'Say hello.', JSON.stringify(params.tools)],
      framingTokens: 9,
    })
  })

  it("sends Anthropic the request's output limit and counts its tool-use preamble", () => {
    const params = anthropic.toParams(request)
    expect(params.max_tokens).to.equal(77)
    const input = anthropic.wireInput(params)
    expect(input.texts).to.deep.equal(['You are terse.', 'Say hello.', JSON.stringify(params.tools)])
    expect(input.framingTokens).to.be.at.least(600)
    expect(anthropic.wireInput(anthropic.toParams({ ...request, tools: [] })).framingTokens).to.be.below(600)
  })

  it('counts every turn of a conversation: the tool calls each provider is sent and the results', () => {
    const conversation: ModelRequest = {
      ...request,
      messages: [
        { role: 'user', content: 'Say hello.' },
        {
          role: 'assistant',
          content: 'Looking.',
          toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{"q":"hello"}' }],
        },
        { role: 'tool', toolCallId: 'c1', name: 'lookup', content: '{"output":"hi"}', isError: false },
      ],
    }
    const sentToOpenAI = openai.toParams(conversation, false)
    expect(openai.wireInput(sentToOpenAI)).to.deep.equal({
      texts: [
        'You are terse.',
        'Say hello.',
        'Looking.',
        'lookup',
        '{"q":"hello"}',
        '{"output":"hi"}',
        JSON.stringify(sentToOpenAI.tools),
      ],
      framingTokens: 3 * 4 + 3,
    })
    const sentToAnthropic = anthropic.toParams(conversation)
    expect(anthropic.wireInput(sentToAnthropic).texts).to.deep.equal([
      'You are terse.',
      'Say hello.',
      'Looking.',
      'lookup{"q":"hello"}',
      '{"output":"hi"}',
      JSON.stringify(sentToAnthropic.tools),
    ])
  })

  it('says what an OpenAI stream had produced: text and tool-call arguments, and the usage once sent', () => {
    const collector = new openai.ChunkCollector()
    const chunk = (delta: object, usage: object | null = null) =>
      ({ choices: [{ index: 0, delta }], usage }) as unknown as ChatCompletionChunk
    collector.add(chunk({ content: 'Looking. ' }))
    collector.add(chunk({ tool_calls: [{ index: 0, function: { name: 'lookup', arguments: '{"q"' } }] }))
    collector.add(chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }))
    expect(collector.produced()).to.deep.equal({ output: 'Looking. lookup{"q":1}', usage: {} })
    collector.add({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 9 } } as never)
    expect(collector.produced().usage).to.deep.equal({ inputTokens: 12, outputTokens: 9 })
  })

  it('says what an Anthropic stream had produced, with the input count of message_start', () => {
    const collector = new anthropic.EventCollector()
    collector.add({
      type: 'message_start',
      message: { usage: { input_tokens: 31, output_tokens: 1 } },
    } as unknown as RawMessageStreamEvent)
    collector.add({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: 'Half' },
    })
    expect(collector.produced()).to.deep.equal({
      output: 'Half',
      usage: { inputTokens: 31, outputTokens: 1 },
    })
  })
})
