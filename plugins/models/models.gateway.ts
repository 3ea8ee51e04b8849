// Calls a model with a deadline and reports how it went, the same way for every provider: the text
// (streamed to onDelta when given), the usage, or why it failed. Never throws for a provider's failure.
import type { Logger } from 'pino'
import type { Config } from '../../app/plugin-kit.js'
import type { ModelsRegistry } from './models.registry.js'
import { ProviderFailure, type Completion, type CompletionRequest } from './provider.js'

export type FailureReason = ProviderFailure['reason']

export interface CallResult {
  completion?: Completion
  /** Text received before a failure (streaming). */
  partialText: string
  failure?: { reason: FailureReason; message: string; upstreamStatus?: number }
  latencyMs: number
}

export type CallRequest = Omit<CompletionRequest, 'signal'> & {
  /** Aborted when the caller gives up (the client went away). */
  signal: AbortSignal
  onDelta?: (text: string) => void
}

export function makeModelsGateway({
  modelsRegistry,
  config,
  logger,
}: {
  modelsRegistry: ModelsRegistry
  config: Config
  logger: Logger
}) {
  return {
    async call({ onDelta, signal: callerSignal, ...rest }: CallRequest): Promise<CallResult> {
      const provider = modelsRegistry.provider(rest.model.provider)
      // A whole answer must come within the provider timeout. A stream may run longer while text keeps
      // coming (providers stop one that goes quiet for the timeout), up to ten times it in all.
      const deadline = AbortSignal.timeout(config.providerTimeoutMs * (onDelta ? 10 : 1))
      const request: CompletionRequest = { ...rest, signal: AbortSignal.any([callerSignal, deadline]) }
      const started = performance.now()
      let partialText = ''
      try {
        let completion: Completion | undefined
        if (!onDelta) completion = await provider.complete(request)
        else {
          for await (const event of provider.stream(request)) {
            if (event.type === 'done') completion = event.completion
            else {
              partialText += event.text
              onDelta(event.text)
            }
          }
        }
        if (!completion) throw new ProviderFailure('malformed_response', 'The stream ended without a result.')
        return { completion, partialText, latencyMs: Math.round(performance.now() - started) }
      } catch (error) {
        // Which signal fired decides, whatever the client library made of the abort.
        const reason: FailureReason = callerSignal.aborted
          ? 'cancelled'
          : deadline.aborted
            ? 'timeout'
            : error instanceof ProviderFailure
              ? error.reason
              : 'upstream_error'
        if (!(error instanceof ProviderFailure))
          logger.error({ err: error, provider: provider.id }, 'provider failed unexpectedly')
        const upstreamStatus = error instanceof ProviderFailure ? error.upstreamStatus : undefined
        return {
          partialText,
          failure: {
            reason,
            message: (error as Error).message,
            ...(upstreamStatus ? { upstreamStatus } : {}),
          },
          latencyMs: Math.round(performance.now() - started),
        }
      }
    },
  }
}

export type ModelsGateway = ReturnType<typeof makeModelsGateway>
