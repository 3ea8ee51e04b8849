// Every way a sandbox call can end, worded once: the worker, the pool and the facade all answer with these.
import { MAX_OUTPUT_BYTES, MEMORY_LIMIT_BYTES } from './limits.js'
import type { RunOutcome, SandboxErrorCode } from './protocol.js'
import type { StopReason } from './vm.js'

export type RunFailure = Extract<RunOutcome, { ok: false }>

export const fail = (code: SandboxErrorCode, message: string): RunFailure => ({ ok: false, code, message })

export const cancelled = (): RunFailure => fail('CANCELLED', 'the call was cancelled')
export const timedOut = (timeoutMs: number): RunFailure =>
  fail('TIMEOUT', `the tool ran longer than its ${timeoutMs} ms`)
export const stoppedOutcome = (reason: StopReason, timeoutMs: number): RunFailure =>
  reason === 'CANCELLED' ? cancelled() : timedOut(timeoutMs)

const tooLarge = (size: number): RunFailure =>
  fail(
    'OUTPUT_TOO_LARGE',
    `the output is ${size} characters of JSON; at most ${MAX_OUTPUT_BYTES} bytes are allowed`,
  )

/** The runner's answer (prelude.ts): J<json> | I<why not JSON> | L<length> | T<what was thrown>. */
export function readTagged(tagged: string): RunOutcome {
  const body = tagged.slice(1)
  switch (tagged[0]) {
    case 'J':
      return Buffer.byteLength(body) > MAX_OUTPUT_BYTES
        ? tooLarge(Buffer.byteLength(body))
        : { ok: true, json: body }
    case 'L':
      return tooLarge(Number(body))
    case 'I':
      return fail('INVALID_OUTPUT', `the output is not JSON: ${body}`)
    case 'T':
      return classifyThrown(body)
    default:
      return fail('INVALID_OUTPUT', 'the tool produced no readable output')
  }
}

/** QuickJS reports its own limits as errors the code could also throw; these messages are its own. */
export function classifyThrown(text: string): RunFailure {
  if (/^InternalError: out of memory/.test(text)) {
    return fail('MEMORY_LIMIT', `the tool used more than ${MEMORY_LIMIT_BYTES / 2 ** 20} MB of memory`)
  }
  if (/^\w*Error: stack overflow/.test(text)) {
    return fail('STACK_OVERFLOW', 'the tool overflowed its stack (recursion too deep)')
  }
  return fail('THREW', text)
}
