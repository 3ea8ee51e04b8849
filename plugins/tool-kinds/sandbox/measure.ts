// What a javascript tool call costs, for the bench (npm run bench) and the README: a cold call (a new
// worker: thread, tsx, WebAssembly module) and warm calls (a fresh QuickJS runtime on a ready worker),
// and, in this thread, what per-call isolation itself costs: a fresh runtime versus a fresh context.
import { getQuickJS } from 'quickjs-emscripten'
import { createSandbox } from '../sandbox.js'

export interface CallCost {
  coldMs: number
  warm: { calls: number; p50Ms: number; p95Ms: number; meanMs: number }
  /** Each warm call's milliseconds, in order (the bench summarises them like its other measurements). */
  warmSamples: number[]
}

const SUM_TOOL = 'export default (input) => ({ sum: input.a + input.b })'

export async function measureSandboxCallCost(
  options: { calls?: number; code?: string } = {},
): Promise<CallCost> {
  const calls = options.calls ?? 50
  const code = options.code ?? SUM_TOOL
  const sandbox = createSandbox({ workers: 1 })
  try {
    const time = async (): Promise<number> => {
      const started = performance.now()
      const result = await sandbox.run(code, { a: 1, b: 2 }, { timeoutMs: 5000 })
      if ('error' in result) throw new Error(`the measured tool failed: ${result.error.message}`)
      return performance.now() - started
    }
    const coldMs = await time()
    const samples: number[] = []
    for (let i = 0; i < calls; i++) samples.push(await time())
    return { coldMs, warm: { calls, ...summary(samples) }, warmSamples: samples }
  } finally {
    await sandbox.close()
  }
}

/** Per call, in this thread: a new runtime + context (what the sandbox does) or only a new context. */
export async function measureIsolationCost(
  rounds = 200,
): Promise<{ freshRuntimeMs: number; freshContextMs: number }> {
  const quickjs = await getQuickJS()
  const average = (make: () => void): number => {
    const started = performance.now()
    for (let i = 0; i < rounds; i++) make()
    return (performance.now() - started) / rounds
  }
  const freshRuntimeMs = average(() => {
    const runtime = quickjs.newRuntime()
    runtime.newContext().dispose()
    runtime.dispose()
  })
  const shared = quickjs.newRuntime()
  const freshContextMs = average(() => shared.newContext().dispose())
  shared.dispose()
  return { freshRuntimeMs, freshContextMs }
}

function summary(samples: number[]): { p50Ms: number; p95Ms: number; meanMs: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  const meanMs = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)
  return { p50Ms: at(0.5), p95Ms: at(0.95), meanMs }
}
