// Anthropic's Messages API: ANTHROPIC_API_KEY, and ANTHROPIC_BASE_URL for a gateway in between.
import Anthropic from '@anthropic-ai/sdk'
import { ProviderFailure, type ProviderFactory } from '../provider.js'
import { EventCollector, toCompletion, toFailure, toParams } from './anthropic.mapping.js'

export const provider: ProviderFactory = {
  id: 'anthropic',
  claims: (modelId) => modelId.startsWith('claude-'),
  create(settings) {
    if (!settings.apiKey) return undefined
    const client = new Anthropic({
      apiKey: settings.apiKey,
      baseURL: settings.baseUrl,
      // Covers the wait for the response headers only; complete() and stream() add their own limits.
      timeout: settings.timeoutMs,
      maxRetries: 0,
      // The SDK would write to the console itself; failures reach the caller as ProviderFailure.
      logLevel: 'off',
    })

    return {
      id: 'anthropic',

      async complete(request) {
        // The client's timeout ends at the response headers; this deadline also covers the body.
        const deadline = AbortSignal.timeout(settings.timeoutMs)
        try {
          const params = { ...toParams(request), stream: false as const }
          const signal = AbortSignal.any([request.signal, deadline])
          return toCompletion(await client.messages.create(params, { signal }))
        } catch (error) {
          if (deadline.aborted && !request.signal.aborted) {
            throw new ProviderFailure('timeout', `Anthropic did not answer within ${settings.timeoutMs} ms`)
          }
          throw toFailure(error, request.signal)
        }
      },

      async *stream(request) {
        const collector = new EventCollector()
        let timer: NodeJS.Timeout | undefined
        let idle = false
        try {
          const params = { ...toParams(request), stream: true as const }
          const stream = await client.messages.create(params, { signal: request.signal })
          // The SDK ends the iteration quietly when the request is aborted, by us or by request.signal.
          const arm = () => {
            clearTimeout(timer)
            timer = setTimeout(() => {
              idle = true
              stream.controller.abort()
            }, settings.timeoutMs)
          }
          arm()
          for await (const event of stream) {
            arm()
            const text = collector.add(event)
            if (text) yield { type: 'delta', text }
          }
        } catch (error) {
          throw toFailure(error, request.signal)
        } finally {
          clearTimeout(timer)
        }
        if (request.signal.aborted) throw toFailure(request.signal.reason, request.signal)
        if (idle) throw new ProviderFailure('timeout', `Anthropic sent nothing for ${settings.timeoutMs} ms`)
        yield { type: 'done', completion: collector.completion() }
      },
    }
  },
}
