// Loads the tenant's module in a fresh VM: evaluates its top level (static imports fail in the loader) and
// takes its default export, or says why it could not.
import type { QuickJSHandle } from 'quickjs-emscripten'
import { classifyThrown, fail, stoppedOutcome, type RunFailure } from './outcomes.js'
import { readThrown, release, settle, type StopReason, type Vm } from './vm.js'

export const MODULE_FILE = 'tool.js'

type Loaded = { ok: true; fn: QuickJSHandle } | { ok: false; failure: ModuleFailure }
type ModuleFailure =
  | { kind: 'stopped'; reason: StopReason }
  | { kind: 'threw'; text: string; syntax?: { line: number; column: number } }
  | { kind: 'never-settled' }
  | { kind: 'not-a-function'; type: string }

/** Evaluates the tenant's module (static imports fail in the loader) and returns its default export. */
export function loadModule(vm: Vm, code: string): Loaded {
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

/** How a module that could not be loaded reads as a call's failure. */
export function describeModuleFailure(failure: ModuleFailure, timeoutMs: number): RunFailure {
  switch (failure.kind) {
    case 'stopped': {
      const stopped = stoppedOutcome(failure.reason, timeoutMs)
      return { ...stopped, message: `the module's top level: ${stopped.message}` }
    }
    case 'threw': {
      const classified = classifyThrown(failure.text)
      return { ...classified, message: `the module's top level failed: ${classified.message}` }
    }
    case 'never-settled':
      return fail('NEVER_SETTLED', "the module's top level awaits a promise that never settles")
    case 'not-a-function':
      return fail('THREW', `the default export must be a function (input) => output, not ${failure.type}`)
  }
}
