// The messages between the host and a sandbox worker. Plain data only: code and JSON text go in, an
// outcome made of strings and numbers comes out. Nothing else crosses the thread boundary.

export type SandboxErrorCode =
  | 'TIMEOUT'
  | 'MEMORY_LIMIT'
  | 'STACK_OVERFLOW'
  | 'OUTPUT_TOO_LARGE'
  | 'INVALID_OUTPUT'
  | 'THREW'
  | 'NEVER_SETTLED'
  | 'CANCELLED'
  /** The worker died or the WASM module failed; the worker is replaced. */
  | 'SANDBOX_CRASHED'
  /** No worker could be started. */
  | 'SANDBOX_UNAVAILABLE'

export type RunOutcome = { ok: true; json: string } | { ok: false; code: SandboxErrorCode; message: string }

export type CompileOutcome =
  | { ok: true }
  | { ok: false; problem: 'syntax'; line: number; column: number; message: string }
  /** The module compiles but is not a tool: its top level failed, or its default export is not a function. */
  | { ok: false; problem: 'module'; message: string }

export type SandboxJob =
  | { type: 'run'; code: string; inputJson: string; timeoutMs: number }
  | { type: 'compile'; code: string; timeoutMs: number }

export type JobOutcome<J extends SandboxJob> = J extends { type: 'run' } ? RunOutcome : CompileOutcome

/** Host -> worker. */
export interface JobMessage {
  id: number
  job: SandboxJob
}

/** Worker -> host. `fatal`: the worker exits after this message (its WASM module can no longer be trusted). */
export type WorkerMessage =
  { type: 'ready' } | { type: 'done'; id: number; outcome: RunOutcome | CompileOutcome; fatal: boolean }
