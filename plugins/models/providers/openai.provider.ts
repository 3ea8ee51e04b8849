// OpenAI's Chat Completions API, and any server that speaks it (vLLM, Ollama, ...): OPENAI_BASE_URL
// points at such a server, which needs no OPENAI_API_KEY.
import OpenAI from 'openai'
import { ProviderFailure, type ProviderFactory } from '../provider.js'
import { ChunkCollector, toCompletion, toFailure, toParams } from './openai.mapping.js'

export const provider: ProviderFactory = {
  id: 'openai',
  claims: (modelId) => modelId.startsWith('gpt-') || /^o\d/.test(modelId),
  create(settings) {
    if (!settings.apiKey && !settings.baseUrl) return undefined
    const client = new OpenAI({
      apiKey: settings.apiKey ?? 'not-needed',
      baseURL: settings.baseUrl,
      // Covers the wait for the response headers only; complete() and stream() add their own limits.
      timeout: settings.timeoutMs,
      maxRetries: 0,
      // The SDK would write to the console itself; failures reach the caller as ProviderFailure.
      logLevel: 'off',
    })
    const official = !settings.baseUrl

    return {
      id: 'openai',

      async complete(request) {
        // The client's timeout ends at the response headers; this deadline also covers the body.
        const deadline = AbortSignal.timeout(settings.timeoutMs)
        try {
          const params = { ...toParams(request, official), stream: false as const }
          const signal = AbortSignal.any([request.signal, deadline])
          return toCompletion(await client.chat.completions.create(params, { signal }))
        } catch (error) {
          if (deadline.aborted && !request.signal.aborted) {
            throw new ProviderFailure('timeout', `OpenAI did not answer within ${settings.timeoutMs} ms`)
          }
          throw toFailure(error, request.signal)
        }
      },

      async *stream(request) {
        const collector = new ChunkCollector()
        let timer: NodeJS.Timeout | undefined
        let idle = false
        try {
          const params = {
            ...toParams(request, official),
            stream: true as const,
            stream_options: { include_usage: true },
          }
          const stream = await client.chat.completions.create(params, { signal: request.signal })
          // The SDK ends the iteration quietly when the request is aborted, by us or by request.signal.
          const arm = () => {
            clearTimeout(timer)
            timer = setTimeout(() => {
              idle = true
              stream.controller.abort()
            }, settings.timeoutMs)
          }
          arm()
          for await (const chunk of stream) {
            arm()
            const text = collector.add(chunk)
            if (text) yield { type: 'delta', text }
          }
        } catch (error) {
          throw toFailure(error, request.signal)
        } finally {
          clearTimeout(timer)
        }
        if (request.signal.aborted) throw toFailure(request.signal.reason, request.signal)
        if (idle) throw new ProviderFailure('timeout', `OpenAI sent nothing for ${settings.timeoutMs} ms`)
        yield { type: 'done', completion: collector.completion() }
      },
    }
  },
}
