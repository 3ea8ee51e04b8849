// Starts one sandbox worker thread. The app runs TypeScript through tsx, whose loader hooks do not reach
// worker threads on Node 20, so a TypeScript worker is imported through tsx's own API (tsImport).
import { Worker } from 'node:worker_threads'
import { WORKER_HEAP_MB, WORKER_STACK_MB } from './limits.js'

const entry = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href

function bootstrapSource(): string {
  if (!entry.endsWith('.ts')) return `import(${JSON.stringify(entry)})`
  const tsxApi = import.meta.resolve('tsx/esm/api')
  return `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`
}

/** `cancel` is shared memory: the host writes a job's id there to stop it while the worker is busy. */
export function startWorkerThread(cancel: SharedArrayBuffer): Worker {
  return new Worker(bootstrapSource(), {
    eval: true,
    workerData: { cancel },
    // None of the parent's flags (--import tsx would load a second, unused loader in the worker).
    execArgv: [],
    // A large V8 stack so QuickJS's own, smaller stack limit is always reached first (see limits.ts).
    resourceLimits: { stackSizeMb: WORKER_STACK_MB, maxOldGenerationSizeMb: WORKER_HEAP_MB },
  })
}
