// OpenAI's Chat Completions API, and any server that speaks it (vLLM, Ollama, ...): OPENAI_BASE_URL
// points at such a server, which needs no OPENAI_API_KEY.
import type OpenAI from 'openai'
import type { ProviderFactory } from '../provider.js'
import { completeWithDeadline, sdkClient, streamWithIdleTimeout } from './sdk-calls.js'
import { ChunkCollector, toCompletion, toFailure, toParams, wireInput } from './openai.mapping.js'

export const provider: ProviderFactory = {
  id: 'openai',
  claims: (modelId) => modelId.startsWith('gpt-') || /^o\d/.test(modelId),
  create(settings) {
    if (!settings.apiKey && !settings.baseUrl) return undefined
    const sdk = sdkClient(
      'OpenAI',
      async () => (await import('openai')).default,
      (SDK: typeof OpenAI) =>
        new SDK({
          apiKey: settings.apiKey ?? 'not-needed',
          baseURL: settings.baseUrl,
          // Covers the wait for the response headers only; complete() and stream() add their own limits.
          timeout: settings.timeoutMs,
          maxRetries: 0,
          // The SDK would write to the console itself; failures reach the caller as ProviderFailure.
          logLevel: 'off',
        }),
    )
    const official = !settings.baseUrl

    const calls = {
      label: 'OpenAI',
      timeoutMs: settings.timeoutMs,
      toFailure: (error: unknown, signal: AbortSignal) => toFailure(error, signal, sdk.loaded()),
    }

    return {
      id: 'openai',

      wireInput: (request) => wireInput(toParams(request, official)),

      complete: async (request) => {
        const client = await sdk.client()
        const params = { ...toParams(request, official), stream: false as const }
        return completeWithDeadline(calls, request, async (signal) =>
          toCompletion(await client.chat.completions.create(params, { signal })),
        )
      },

      stream: (request) =>
        streamWithIdleTimeout(
          calls,
          request,
          async () =>
            (await sdk.client()).chat.completions.create(
              {
                ...toParams(request, official),
                stream: true as const,
                stream_options: { include_usage: true },
              },
              { signal: request.signal },
            ),
          new ChunkCollector(),
        ),
    }
  },
}
