// The deadlines both SDK-based providers need around their client: the SDKs' own timeout ends at the
// response headers, so a complete answer gets a deadline for its body too, and a stream is stopped when
// it goes quiet for the timeout. Failures come out as ProviderFailure, translated by the provider.
import { loadOnce } from '../../../app/plugin-kit.js'
import {
  ProviderFailure,
  type Completion,
  type CompletionRequest,
  type Produced,
  type StreamEvent,
  type ToolCall,
} from '../provider.js'

/**
 * A provider's SDK and its client, imported when the provider is configured (create()) instead of with the
 * provider's module: a process whose configuration names no such provider never loads it (the Anthropic SDK
 * is 0.4 s of CPU at start, OpenAI's 0.2). The import runs in the background; a call waits for it before its
 * deadline starts. `loaded` is the SDK once imported, for toFailure's error classes (a call reaches the SDK
 * only after the import, so they are there whenever an SDK error can be). A failed import is a
 * ProviderFailure of the call that needed it, and is tried again on the next call.
 */
export function sdkClient<Sdk, Client>(label: string, load: () => Promise<Sdk>, make: (sdk: Sdk) => Client) {
  let sdk: Sdk | undefined
  const client = loadOnce(() =>
    load().then(
      (loaded) => make((sdk = loaded)),
      (error: unknown) => {
        throw new ProviderFailure('unreachable', `The ${label} SDK could not be loaded`, undefined, {
          cause: error,
        })
      },
    ),
  )
  // Reported by the call that needs it.
  client().catch(() => undefined)
  return { client, loaded: (): Sdk | undefined => sdk }
}

export interface SdkCallOptions {
  /** For messages: "OpenAI", "Anthropic". */
  label: string
  timeoutMs: number
  toFailure: (error: unknown, signal: AbortSignal) => ProviderFailure
}

export async function completeWithDeadline(
  { label, timeoutMs, toFailure }: SdkCallOptions,
  request: CompletionRequest,
  call: (signal: AbortSignal) => Promise<Completion>,
): Promise<Completion> {
  const deadline = AbortSignal.timeout(timeoutMs)
  try {
    return await call(AbortSignal.any([request.signal, deadline]))
  } catch (error) {
    if (deadline.aborted && !request.signal.aborted) {
      throw new ProviderFailure('timeout', `${label} did not answer within ${timeoutMs} ms`)
    }
    throw toFailure(error, request.signal)
  }
}

/** Assembles a provider's stream events into text deltas, tool calls and the whole completion. */
export interface StreamCollector<Event> {
  /** Takes one event and returns its text delta ('' or undefined when it has none). */
  add(event: Event): string | undefined
  /** The tool calls whose arguments are complete and were not taken yet; at the end, every one left. */
  takeCalls(end: boolean): ToolCall[]
  produced(): Produced
  completion(): Completion
}

/** An SDK stream: async iterable of events, abortable through its controller. */
interface SdkStream<Event> extends AsyncIterable<Event> {
  controller: AbortController
}

export async function* streamWithIdleTimeout<Event>(
  { label, timeoutMs, toFailure }: SdkCallOptions,
  request: CompletionRequest,
  open: () => Promise<SdkStream<Event>>,
  collector: StreamCollector<Event>,
): AsyncIterable<StreamEvent> {
  // Whatever ends a stream early, the failure says what had arrived: the provider bills for it.
  const failed = (failure: ProviderFailure) => {
    failure.produced = collector.produced()
    return failure
  }
  let timer: NodeJS.Timeout | undefined
  let idle = false
  try {
    const stream = await open()
    // The SDKs end the iteration quietly when the request is aborted, by us or by request.signal.
    const arm = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        idle = true
        stream.controller.abort()
      }, timeoutMs)
    }
    arm()
    for await (const event of stream) {
      arm()
      const text = collector.add(event)
      if (text) yield { type: 'delta', text }
      for (const call of collector.takeCalls(false)) yield { type: 'tool_call', call }
    }
  } catch (error) {
    throw failed(toFailure(error, request.signal))
  } finally {
    clearTimeout(timer)
  }
  if (request.signal.aborted) throw failed(toFailure(request.signal.reason, request.signal))
  if (idle) throw failed(new ProviderFailure('timeout', `${label} sent nothing for ${timeoutMs} ms`))
  let completion: Completion
  try {
    completion = collector.completion()
  } catch (error) {
    throw failed(toFailure(error, request.signal))
  }
  for (const call of collector.takeCalls(true)) yield { type: 'tool_call', call }
  yield { type: 'done', completion }
}
