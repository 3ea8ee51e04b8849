// The two things a worker does with a tenant's module: check it (at create/update) and run it (per call).
// Both evaluate the module's top level in a fresh VM under the call's limits.
import type { QuickJSWASMModule } from 'quickjs-emscripten'
import { MAX_OUTPUT_BYTES } from './limits.js'
import { describeModuleFailure, loadModule } from './module-loader.js'
import { classifyThrown, fail, readTagged, stoppedOutcome } from './outcomes.js'
import type { CompileOutcome, RunOutcome } from './protocol.js'
import { installPrelude, readThrown, release, settle, withFreshVm } from './vm.js'

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
      return describeModuleFailure(loaded.failure, job.timeoutMs)
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
        : classifyThrown(readThrown(context, called.error).text)
    }
    const settled = settle(vm, called.value)
    release(called.value)
    if (settled.state === 'stopped') return stoppedOutcome(settled.reason, job.timeoutMs)
    if (settled.state === 'pending') {
      return fail('NEVER_SETTLED', 'the promise the tool returned never settles (nothing is left to run)')
    }
    if (settled.state === 'rejected') {
      // The runner catches what the tenant throws; only QuickJS's own failures get here (null: out of memory).
      const text = readThrown(context, settled.error).text
      return classifyThrown(text === 'null' ? 'InternalError: out of memory' : text)
    }
    const tagged = context.typeof(settled.value) === 'string' ? context.getString(settled.value) : ''
    release(settled.value)
    return readTagged(tagged)
  })
}
