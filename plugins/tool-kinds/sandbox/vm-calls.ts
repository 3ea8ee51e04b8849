// The two things a worker does with a tenant's module: check it (at create/update) and run it (per call).
// Both evaluate the module's top level in a fresh VM under the call's limits.
import type { QuickJSHandle, QuickJSWASMModule } from 'quickjs-emscripten'
import { MAX_OUTPUT_BYTES } from './limits.js'
import type { CompileOutcome, RunOutcome } from './protocol.js'
import {
  classifyThrown,
  installPrelude,
  readThrown,
  release,
  settle,
  withFreshVm,
  type StopReason,
  type Vm,
} from './vm.js'

export const MODULE_FILE = 'tool.js'

type RunFailure = Extract<RunOutcome, { ok: false }>

type Loaded = { ok: true; fn: QuickJSHandle } | { ok: false; failure: ModuleFailure }
type ModuleFailure =
  | { kind: 'stopped'; reason: StopReason }
  | { kind: 'threw'; text: string; syntax?: { line: number; column: number } }
  | { kind: 'never-settled' }
  | { kind: 'not-a-function'; type: string }

/** Evaluates the tenant's module (static imports fail in the loader) and returns its default export. */
function loadModule(vm: Vm, code: string): Loaded {
  const { context } = vm
  const evaluated = context.evalCode(code, MODULE_FILE, { type: 'module' })
  if (evaluated.error) {
    const reason = vm.stopped()
    if (reason) {
      release(evaluated.error)
      return { ok: false, failure: { kind: 'stopped', reason } }
    }
    const thrown = readThrown(context, evaluated.error)
    // A parse error carries the file and line; QuickJS puts the column in the stack ("at tool.js:2:13").
    const syntax =
      thrown.name === 'SyntaxError' && thrown.fileName === MODULE_FILE
        ? locate(thrown.stack, thrown.lineNumber)
        : undefined
    return { ok: false, failure: { kind: 'threw', text: thrown.text, syntax } }
  }
  // With top-level await the value is a promise of the namespace.
  const settled = settle(vm, evaluated.value)
  release(evaluated.value)
  if (settled.state === 'stopped') return { ok: false, failure: { kind: 'stopped', reason: settled.reason } }
  if (settled.state === 'pending') return { ok: false, failure: { kind: 'never-settled' } }
  if (settled.state === 'rejected')
    return { ok: false, failure: { kind: 'threw', text: readThrown(context, settled.error).text } }
  const fn = context.getProp(settled.value, 'default')
  release(settled.value)
  const type = context.typeof(fn)
  if (type === 'function') return { ok: true, fn }
  release(fn)
  return { ok: false, failure: { kind: 'not-a-function', type } }
}

function locate(stack: string | undefined, lineNumber: number | undefined): { line: number; column: number } {
  const match = /tool\.js:(\d+):(\d+)/.exec(stack ?? '')
  return match ? { line: Number(match[1]), column: Number(match[2]) } : { line: lineNumber ?? 1, column: 1 }
}

export function compileTool(
  quickjs: QuickJSWASMModule,
  code: string,
  timeoutMs: number,
  isCancelled: () => boolean,
) {
  return withFreshVm(quickjs, timeoutMs, isCancelled, (vm): CompileOutcome => {
    const runner = installPrelude(vm)
    if (!runner)
      return { ok: false, problem: 'module', message: stoppedOutcome(vm.stopped()!, timeoutMs).message }
    release(runner)
    const loaded = loadModule(vm, code)
    if (loaded.ok) {
      release(loaded.fn)
      return { ok: true }
    }
    const failure = loaded.failure
    if (failure.kind === 'threw' && failure.syntax) {
      return { ok: false, problem: 'syntax', ...failure.syntax, message: failure.text }
    }
    return { ok: false, problem: 'module', message: describeModuleFailure(failure, timeoutMs).message }
  })
}

export function runTool(
  quickjs: QuickJSWASMModule,
  job: { code: string; inputJson: string; timeoutMs: number },
  isCancelled: () => boolean,
) {
  return withFreshVm(quickjs, job.timeoutMs, isCancelled, (vm): RunOutcome => {
    const { context } = vm
    const runner = installPrelude(vm)
    if (!runner) return stoppedOutcome(vm.stopped()!, job.timeoutMs)
    const loaded = loadModule(vm, job.code)
    if (!loaded.ok) {
      release(runner)
      return { ok: false, ...describeModuleFailure(loaded.failure, job.timeoutMs) }
    }
    const input = context.newString(job.inputJson)
    const maxChars = context.newNumber(MAX_OUTPUT_BYTES)
    const called = context.callFunction(runner, context.undefined, loaded.fn, input, maxChars)
    ;[runner, loaded.fn, input, maxChars].forEach(release)
    if (called.error) {
      const reason = vm.stopped()
      if (reason) release(called.error)
      return reason
        ? stoppedOutcome(reason, job.timeoutMs)
        : { ok: false, ...classifyThrown(readThrown(context, called.error).text) }
    }
    const settled = settle(vm, called.value)
    release(called.value)
    if (settled.state === 'stopped') return stoppedOutcome(settled.reason, job.timeoutMs)
    if (settled.state === 'pending') {
      return {
        ok: false,
        code: 'NEVER_SETTLED',
        message: 'the promise the tool returned never settles (nothing is left to run)',
      }
    }
    if (settled.state === 'rejected') {
      // The runner catches what the tenant throws; only QuickJS's own failures get here (null: out of memory).
      const text = readThrown(context, settled.error).text
      return {
        ok: false,
        ...(text === 'null' ? classifyThrown('InternalError: out of memory') : classifyThrown(text)),
      }
    }
    const tagged = context.typeof(settled.value) === 'string' ? context.getString(settled.value) : ''
    release(settled.value)
    return readTagged(tagged)
  })
}

/** The runner's answer: J<json> | I<why not JSON> | L<length> | T<what was thrown>. */
function readTagged(tagged: string): RunOutcome {
  const body = tagged.slice(1)
  switch (tagged[0]) {
    case 'J':
      if (Buffer.byteLength(body) > MAX_OUTPUT_BYTES) return tooLarge(Buffer.byteLength(body))
      return { ok: true, json: body }
    case 'L':
      return tooLarge(Number(body))
    case 'I':
      return { ok: false, code: 'INVALID_OUTPUT', message: `the output is not JSON: ${body}` }
    case 'T':
      return { ok: false, ...classifyThrown(body) }
    default:
      return { ok: false, code: 'INVALID_OUTPUT', message: 'the tool produced no readable output' }
  }
}

const tooLarge = (size: number): RunFailure => ({
  ok: false,
  code: 'OUTPUT_TOO_LARGE',
  message: `the output is ${size} characters of JSON; at most ${MAX_OUTPUT_BYTES} bytes are allowed`,
})

function stoppedOutcome(reason: StopReason, timeoutMs: number): RunFailure {
  return reason === 'CANCELLED'
    ? { ok: false, code: 'CANCELLED', message: 'the call was cancelled' }
    : { ok: false, code: 'TIMEOUT', message: `the tool ran longer than its ${timeoutMs} ms` }
}

function describeModuleFailure(
  failure: ModuleFailure,
  timeoutMs: number,
): Omit<RunOutcome & { ok: false }, 'ok'> {
  switch (failure.kind) {
    case 'stopped': {
      const stopped = stoppedOutcome(failure.reason, timeoutMs)
      return { code: stopped.code, message: `the module's top level: ${stopped.message}` }
    }
    case 'threw': {
      const classified = classifyThrown(failure.text)
      return { code: classified.code, message: `the module's top level failed: ${classified.message}` }
    }
    case 'never-settled':
      return { code: 'NEVER_SETTLED', message: "the module's top level awaits a promise that never settles" }
    case 'not-a-function':
      return {
        code: 'THREW',
        message: `the default export must be a function (input) => output, not ${failure.type}`,
      }
  }
}
