// Calls a model with a deadline and reports how it went, the same way for every provider: the text and
// tool calls (streamed to onDelta / onToolCall when given), the usage it is billed, or why it failed. Never throws for a
// provider's failure. A call is planned first (what it sends, its worst case), so the caller can reserve
// that worst case before making it: once per model call, however many calls a run makes.
import type { Logger } from 'pino'
import type { Config } from '../../app/plugin-kit.js'
import { billIncomplete, type BilledUsage } from './billing.js'
import type { ModelsRegistry } from './models.registry.js'
import {
  ProviderFailure,
  type Completion,
  type CompletionRequest,
  type ModelRequest,
  type ToolCall,
  type WireInput,
} from './provider.js'
import { textsOfMessage } from './messages.js'
import { countTokens } from './tokenizer.js'

export type FailureReason = ProviderFailure['reason']

export interface Amount {
  tokens: number
  costUsd: number
}

/** A call ready to be made: the request, and the most it can use. */
export interface PlannedCall {
  /** maxOutputTokens is sent as max_tokens and reserved as the output. */
  request: ModelRequest
  /** Everything the provider is sent (messages, tool definitions, framing), counted with cl100k_base. */
  inputTokens: number
  /** The input plus maxOutputTokens, at the model's prices. */
  worstCase: Amount
}

export interface CallResult {
  completion?: Completion
  /** Text received before a failure (streaming). */
  partialText: string
  failure?: { reason: FailureReason; message: string; upstreamStatus?: number }
  /** What the call is billed: the reported usage, or an estimate when the call did not complete. */
  billed: BilledUsage & { costUsd: number }
  latencyMs: number
}

export interface CallOptions {
  /** Aborted when the caller gives up (the client went away). */
  signal: AbortSignal
  /** Streaming only: each text delta as it arrives. */
  onDelta?: (text: string) => void
  /** Streaming only: each tool call once its arguments are complete (the completion lists them all too). */
  onToolCall?: (call: ToolCall) => void
}

/** What plan() takes: a request whose output limit defaults to the model's, and never exceeds it. */
export type PlanRequest = Omit<ModelRequest, 'maxOutputTokens'> & { maxOutputTokens?: number }

export function makeModelsGateway({
  modelsRegistry,
  config,
  logger,
}: {
  modelsRegistry: ModelsRegistry
  config: Config
  logger: Logger
}) {
  const wireInputOf = (request: ModelRequest): WireInput =>
    modelsRegistry.provider(request.model.provider).wireInput?.(request) ?? {
      texts: [request.system, ...request.messages.flatMap(textsOfMessage), JSON.stringify(request.tools)],
      framingTokens: 0,
    }
  const priced = (request: ModelRequest, usage: BilledUsage) => ({
    ...usage,
    costUsd: modelsRegistry.costOf(request.model, usage.inputTokens, usage.outputTokens),
  })

  return {
    /**
     * What a call sends and the most it can use: its input (every message and tool definition, as the
     * provider puts them on the wire) plus its output limit. Plan each model call of a run afresh, with the
     * messages so far, and reserve its worst case before calling.
     */
    plan(request: PlanRequest): PlannedCall {
      const limit = request.model.maxOutputTokens
      const full: ModelRequest = {
        ...request,
        maxOutputTokens: Math.max(1, Math.min(request.maxOutputTokens ?? limit, limit)),
      }
      const wire = wireInputOf(full)
      const inputTokens = wire.texts.reduce((sum, text) => sum + countTokens(text), wire.framingTokens)
      return {
        request: full,
        inputTokens,
        worstCase: {
          tokens: inputTokens + full.maxOutputTokens,
          costUsd: modelsRegistry.costOf(full.model, inputTokens, full.maxOutputTokens),
        },
      }
    },

    async call(
      planned: PlannedCall,
      { signal: callerSignal, onDelta, onToolCall }: CallOptions,
    ): Promise<CallResult> {
      const provider = modelsRegistry.provider(planned.request.model.provider)
      // A whole answer must come within the provider timeout. A stream may run longer while text keeps
      // coming (providers stop one that goes quiet for the timeout), up to ten times it in all.
      const streamed = onDelta !== undefined || onToolCall !== undefined
      const deadline = AbortSignal.timeout(config.providerTimeoutMs * (streamed ? 10 : 1))
      const request: CompletionRequest = {
        ...planned.request,
        signal: AbortSignal.any([callerSignal, deadline]),
      }
      const unsent = callerSignal.aborted
      const started = performance.now()
      let partialText = ''
      try {
        if (unsent) throw new ProviderFailure('cancelled', 'The caller went away before the call.')
        let completion: Completion | undefined
        if (!streamed) completion = await provider.complete(request)
        else {
          for await (const event of provider.stream(request)) {
            if (event.type === 'done') completion = event.completion
            else if (event.type === 'tool_call') onToolCall?.(event.call)
            else {
              partialText += event.text
              onDelta?.(event.text)
            }
          }
        }
        if (!completion) throw new ProviderFailure('malformed_response', 'The stream ended without a result.')
        return {
          completion,
          partialText,
          billed: priced(planned.request, { ...completion.usage, estimated: false }),
          latencyMs: Math.round(performance.now() - started),
        }
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
        const failure = error instanceof ProviderFailure ? error : undefined
        const upstreamStatus = failure?.upstreamStatus
        const billed = billIncomplete({
          request: planned.request,
          inputTokens: planned.inputTokens,
          streamed,
          unsent,
          reason,
          partialText,
          ...(upstreamStatus !== undefined && { upstreamStatus }),
          ...(failure?.produced && { produced: failure.produced }),
        })
        return {
          partialText,
          failure: {
            reason,
            message: (error as Error).message,
            ...(upstreamStatus ? { upstreamStatus } : {}),
          },
          billed: priced(planned.request, billed),
          latencyMs: Math.round(performance.now() - started),
        }
      }
    },
  }
}

export type ModelsGateway = ReturnType<typeof makeModelsGateway>
