// One QuickJS runtime and context per call, with the limits set before any tenant code runs, and the few
// helpers that read results out of it without trusting what the tenant's code left behind.
import { randomInt } from 'node:crypto'
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten'
import { MAX_MESSAGE_CHARS, MEMORY_LIMIT_BYTES, VM_STACK_BYTES } from './limits.js'
import { preludeSource } from './prelude.js'

export type StopReason = 'TIMEOUT' | 'CANCELLED'

export interface Vm {
  runtime: QuickJSRuntime
  context: QuickJSContext
  /** Why the call was stopped, if it was: once set, the interrupt handler stops every further instruction. */
  stopped: () => StopReason | undefined
}

/**
 * Runs body in a fresh runtime (its own heap, atoms and job queue: nothing survives from one call to the
 * next), then frees it. `cleanExit` false: freeing failed, and the WASM module must not be used again.
 */
export function withFreshVm<T>(
  quickjs: QuickJSWASMModule,
  timeoutMs: number,
  isCancelled: () => boolean,
  body: (vm: Vm) => T,
): { value: T; cleanExit: boolean } {
  const deadline = performance.now() + timeoutMs
  let reason: StopReason | undefined
  const stopped = (): StopReason | undefined =>
    (reason ??= isCancelled() ? 'CANCELLED' : performance.now() > deadline ? 'TIMEOUT' : undefined)
  const runtime = quickjs.newRuntime()
  runtime.setMemoryLimit(MEMORY_LIMIT_BYTES)
  runtime.setMaxStackSize(VM_STACK_BYTES)
  // QuickJS calls this every few thousand instructions (regular expressions included); an interruption
  // cannot be caught by the tenant's code.
  runtime.setInterruptHandler(() => stopped() !== undefined)
  runtime.setModuleLoader((name) => ({ error: new Error(`import of "${name}" is not allowed`) }))
  const context = runtime.newContext()
  const value = body({ runtime, context, stopped })
  try {
    context.dispose()
    runtime.dispose()
    return { value, cleanExit: true }
  } catch {
    return { value, cleanExit: false }
  }
}

/**
 * Evaluates the prelude (clock, random, runner); returns the runner function, or undefined when the call
 * was stopped (cancelled) before the prelude finished.
 */
export function installPrelude({ context, stopped }: Vm): QuickJSHandle | undefined {
  const nowMs = Math.floor(Date.now() / 1000) * 1000
  const source = preludeSource({ nowMs, seed: randomInt(2 ** 32), maxMessageChars: MAX_MESSAGE_CHARS })
  const evaluated = context.evalCode(source, 'prelude.js', { type: 'global' })
  if (!evaluated.error) return evaluated.value
  evaluated.error.dispose()
  if (stopped()) return undefined
  throw new Error('the sandbox prelude failed') // a bug of ours: the worker reports a crash and is replaced
}

export type Settled =
  | { state: 'fulfilled'; value: QuickJSHandle }
  | { state: 'rejected'; error: QuickJSHandle }
  | { state: 'pending' }
  | { state: 'stopped'; reason: StopReason }

/** Runs pending jobs until the promise settles, the queue is empty (it never will), or the call is stopped. */
export function settle({ runtime, context, stopped }: Vm, promise: QuickJSHandle): Settled {
  for (;;) {
    const reason = stopped()
    if (reason) return { state: 'stopped', reason }
    const state = context.getPromiseState(promise)
    if (state.type === 'fulfilled')
      return { state: 'fulfilled', value: state.notAPromise ? promise.dup() : state.value }
    if (state.type === 'rejected') return { state: 'rejected', error: state.error }
    const jobs = runtime.executePendingJobs()
    if (jobs.error) jobs.error.dispose()
    else if (jobs.value === 0) return { state: 'pending' }
  }
}

export const release = (handle: QuickJSHandle): void => {
  if (handle.alive) handle.dispose()
}

export interface Thrown {
  text: string
  name?: string
  /** Set by QuickJS on a parse error of the named file. */
  fileName?: string
  lineNumber?: number
  stack?: string
}

/** What a thrown value says, read defensively: the value is the tenant's, and may be anything. */
export function readThrown(context: QuickJSContext, handle: QuickJSHandle): Thrown {
  try {
    const dumped: unknown = context.dump(handle)
    if (
      dumped &&
      typeof dumped === 'object' &&
      typeof (dumped as Thrown & { message?: unknown }).message === 'string'
    ) {
      const error = dumped as {
        name?: unknown
        message: string
        fileName?: unknown
        lineNumber?: unknown
        stack?: unknown
      }
      const name = typeof error.name === 'string' ? error.name : 'Error'
      return {
        text: `${name}: ${error.message}`.slice(0, MAX_MESSAGE_CHARS),
        name,
        fileName: typeof error.fileName === 'string' ? error.fileName : undefined,
        lineNumber: typeof error.lineNumber === 'number' ? error.lineNumber : undefined,
        stack: typeof error.stack === 'string' ? error.stack : undefined,
      }
    }
    const text = typeof dumped === 'string' ? dumped : (JSON.stringify(dumped) ?? String(dumped))
    return { text: text.slice(0, MAX_MESSAGE_CHARS) }
  } catch {
    return { text: 'a thrown value that cannot be shown' }
  } finally {
    release(handle)
  }
}
