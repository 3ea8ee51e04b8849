// The JavaScript sandbox: tenant code as an ES module whose default export is `(input) => output` (sync or
// async), run in QuickJS compiled to WebAssembly, in a worker thread, in a fresh QuickJS runtime per call.
// JSON text goes in and JSON text comes out: the host never touches a value the tenant's code made.
import { MAX_CODE_BYTES } from './sandbox/limits.js'
import { SandboxPool } from './sandbox/pool.js'
import type { CompileOutcome } from './sandbox/protocol.js'
import type { ToolResult } from './tool-kind.js'

export {
  DEFAULT_TIMEOUT_MS,
  MAX_CODE_BYTES,
  MAX_OUTPUT_BYTES,
  MAX_TIMEOUT_MS,
  MEMORY_LIMIT_BYTES,
} from './sandbox/limits.js'
export type { CompileOutcome, SandboxErrorCode } from './sandbox/protocol.js'

export interface Sandbox {
  /** Evaluates the module's top level under the limits: does it parse, and is its default export a function? */
  check(code: string, timeoutMs: number, signal?: AbortSignal): Promise<CompileOutcome>
  /** Runs the default export on the input; every failure is a ToolResult error, never an exception. */
  run(code: string, input: unknown, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ToolResult>
  stats(): { workers: number; busy: number; queued: number }
  /** Terminates the workers; calls after this answer SANDBOX_UNAVAILABLE. */
  close(): Promise<void>
}

export function createSandbox(options: { workers: number }): Sandbox {
  const pool = new SandboxPool(options.workers)
  return {
    async check(code, timeoutMs, signal) {
      if (Buffer.byteLength(code) > MAX_CODE_BYTES) {
        return { ok: false, problem: 'module', message: `the code is longer than ${MAX_CODE_BYTES} bytes` }
      }
      const outcome = await pool.submit({ type: 'compile', code, timeoutMs }, signal)
      // A crash or cancellation answers in the run format; for a check it is a module problem.
      return 'code' in outcome
        ? { ok: false, problem: 'module', message: `${outcome.code}: ${outcome.message}` }
        : outcome
    },

    async run(code, input, { timeoutMs, signal }) {
      if (Buffer.byteLength(code) > MAX_CODE_BYTES) {
        return { error: { code: 'INVALID_CODE', message: `the code is longer than ${MAX_CODE_BYTES} bytes` } }
      }
      const inputJson = JSON.stringify(input) ?? 'null'
      const outcome = await pool.submit({ type: 'run', code, inputJson, timeoutMs }, signal)
      if (!('code' in outcome) && 'json' in outcome) return { output: JSON.parse(outcome.json) as unknown }
      if ('code' in outcome) return { error: { code: outcome.code, message: outcome.message } }
      return { error: { code: 'SANDBOX_CRASHED', message: 'the sandbox answered a run with a check' } }
    },

    stats: () => pool.stats(),
    close: () => pool.close(),
  }
}
