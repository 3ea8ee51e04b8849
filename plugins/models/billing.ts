// What a model call is billed. A completed call: the usage the provider reported. A call that did not
// complete still cost something at the provider (the input was read, text was produced before the client
// left or the deadline struck), so it is billed an estimate instead of nothing, marked as such.
import type { ModelRequest, Produced, TokenUsage } from './provider.js'
import { countTokens } from './tokenizer.js'

export interface BilledUsage extends TokenUsage {
  /** True when the provider did not report the usage and it was estimated. */
  estimated: boolean
}

export interface IncompleteCall {
  request: ModelRequest
  /** The input as counted for the worst case: everything the provider was sent. */
  inputTokens: number
  /** Whether the answer was being streamed: then what arrived is what was produced. */
  streamed: boolean
  /** The request never left: the caller had gone before it was sent. */
  unsent: boolean
  reason: string
  /** An error status the provider answered with, before any output. */
  upstreamStatus?: number
  /** Text received before the failure, and what the provider's stream had reported, when known. */
  partialText: string
  produced?: Produced
}

const nothing: BilledUsage = { inputTokens: 0, outputTokens: 0, estimated: false }

export function billIncomplete(call: IncompleteCall): BilledUsage {
  const limit = call.request.maxOutputTokens
  const output = call.produced?.output ?? call.partialText
  // Never sent, never reached, or refused with an error status: providers bill none of these.
  if (call.unsent || call.reason === 'unreachable') return nothing
  if (call.upstreamStatus !== undefined && output === '') return nothing
  // Not streamed, so what the provider produced before the call ended is unknown: up to the whole limit.
  // The call keeps what was reserved for it.
  if (!call.streamed) return { inputTokens: call.inputTokens, outputTokens: limit, estimated: true }
  // Streamed: the provider stops when the stream is dropped and has produced what arrived. The provider's
  // own counts win where it sent them; the output never exceeds the limit it was given.
  const reported = call.produced?.usage ?? {}
  return {
    inputTokens: reported.inputTokens ?? call.inputTokens,
    outputTokens: Math.min(Math.max(reported.outputTokens ?? 0, countTokens(output)), limit),
    estimated: true,
  }
}
