// A sandbox worker thread: loads the QuickJS WebAssembly module once, then runs one job at a time, each in
// a fresh QuickJS runtime. It never touches the network, files or the app: it only answers messages.
import { parentPort, workerData } from 'node:worker_threads'
import { RELEASE_SYNC, newQuickJSWASMModuleFromVariant, newVariant } from 'quickjs-emscripten'
import { WASM_MEMORY_BYTES } from './limits.js'
import type { JobMessage, RunOutcome, WorkerMessage } from './protocol.js'
import { classifyThrown, fail } from './outcomes.js'
import { compileTool, runTool } from './vm-calls.js'

const port = parentPort
if (!port) throw new Error('sandbox/worker.ts runs only as a worker thread')

// The host writes a job's id here to cancel it; a plain message could not arrive while QuickJS spins.
const cancelled = new Int32Array((workerData as { cancel: SharedArrayBuffer }).cancel)
// The project's lib (ES2023, no DOM) has no WebAssembly types; this is the one constructor used here.
declare const WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number }) => object }
const WASM_PAGE = 64 * 1024
// 16 MB is the module's own initial size; the maximum is the hard memory bound (limits.ts).
const memory = new WebAssembly.Memory({ initial: 256, maximum: WASM_MEMORY_BYTES / WASM_PAGE })
// Emscripten prints to stderr when QuickJS aborts (say, an assertion while freeing a runtime that still
// holds objects); the outcome already says so (cleanExit false: the worker is replaced), and a raw line on
// stderr would break the app's JSON logs.
const silent = (): void => {}
// print and printErr are not in the typings, but the options are handed to Emscripten as they are.
type ModuleOptions = NonNullable<Parameters<typeof newVariant>[1]>['emscriptenModule']
const quiet = { print: silent, printErr: silent } as ModuleOptions
const variant = newVariant(RELEASE_SYNC, { wasmMemory: memory, emscriptenModule: quiet })
const quickjs = await newQuickJSWASMModuleFromVariant(variant)

port.on('message', ({ id, job }: JobMessage) => {
  const isCancelled = (): boolean => Atomics.load(cancelled, 0) === id
  let reply: WorkerMessage
  try {
    const { value, cleanExit } =
      job.type === 'run'
        ? runTool(quickjs, job, isCancelled)
        : compileTool(quickjs, job.code, job.timeoutMs, isCancelled)
    reply = { type: 'done', id, outcome: value, fatal: !cleanExit }
  } catch (error) {
    // The WASM module threw into the host (a V8 stack overflow, an abort): its memory may be inconsistent,
    // so this worker answers and exits, and the pool starts a fresh one.
    reply = { type: 'done', id, outcome: crashOutcome(error), fatal: true }
  }
  port.postMessage(reply)
  if (reply.fatal) process.exit(1)
})

port.postMessage({ type: 'ready' } satisfies WorkerMessage)

function crashOutcome(error: unknown): RunOutcome {
  return error instanceof RangeError && /call stack/i.test(error.message)
    ? classifyThrown('InternalError: stack overflow')
    : fail('SANDBOX_CRASHED', 'the sandbox failed while running the tool')
}
