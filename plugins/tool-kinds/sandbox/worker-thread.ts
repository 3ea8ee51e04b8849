// Starts one sandbox worker thread. The app runs TypeScript through tsx, whose loader hooks do not reach
// worker threads on Node 20, so a TypeScript worker is imported through tsx's own API (tsImport).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { WORKER_HEAP_MB, WORKER_STACK_MB } from './limits.js'

const entry = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url).href

function bootstrapSource(): string {
  if (!entry.endsWith('.ts')) return `import(${JSON.stringify(entry)})`
  const tsxApi = tsxEsmApi()
  return `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`
}

/**
 * The ESM build of tsx's API (its CommonJS build resolves its own files wrongly from a worker), read from
 * tsx's exports map; import.meta.resolve is not used because test runners may load this file as CommonJS.
 */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url)
  const manifestPath = require.resolve('tsx/package.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>
  }
  return pathToFileURL(path.join(path.dirname(manifestPath), manifest.exports['./esm/api']!.import.default))
    .href
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
