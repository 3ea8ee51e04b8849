// Anthropic's Messages API: ANTHROPIC_API_KEY, and ANTHROPIC_BASE_URL for a gateway in between.
import type Anthropic from '@anthropic-ai/sdk'
import type { ProviderFactory } from '../provider.js'
import { completeWithDeadline, sdkClient, streamWithIdleTimeout } from './sdk-calls.js'
import { EventCollector, toCompletion, toFailure, toParams, wireInput } from './anthropic.mapping.js'

export const provider: ProviderFactory = {
  id: 'anthropic',
  claims: (modelId) => modelId.startsWith('claude-'),
  create(settings) {
    if (!settings.apiKey) return undefined
    const apiKey = settings.apiKey
    const sdk = sdkClient(
      'Anthropic',
      async () => (await import('@anthropic-ai/sdk')).default,
      (SDK: typeof Anthropic) =>
        new SDK({
          apiKey,
          baseURL: settings.baseUrl,
          // Covers the wait for the response headers only; complete() and stream() add their own limits.
          timeout: settings.timeoutMs,
          maxRetries: 0,
          // The SDK would write to the console itself; failures reach the caller as ProviderFailure.
          logLevel: 'off',
        }),
    )

    const calls = {
      label: 'Anthropic',
      timeoutMs: settings.timeoutMs,
      toFailure: (error: unknown, signal: AbortSignal) => toFailure(error, signal, sdk.loaded()),
    }

    return {
      id: 'anthropic',

      wireInput: (request) => wireInput(toParams(request)),

      complete: async (request) => {
        const client = await sdk.client()
        const params = { ...toParams(request), stream: false as const }
        return completeWithDeadline(calls, request, async (signal) =>
          toCompletion(await client.messages.create(params, { signal })),
        )
      },

      stream: (request) =>
        streamWithIdleTimeout(
          calls,
          request,
          async () =>
            (await sdk.client()).messages.create(
              { ...toParams(request), stream: true as const },
              { signal: request.signal },
            ),
          new EventCollector(),
        ),
    }
  },
}
