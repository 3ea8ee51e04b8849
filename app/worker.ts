// `npm run worker`: the job workers (and any plugin's background work) without the HTTP API. See
// app/worker-process.ts; the API process runs workers too unless WORKER_CONCURRENCY=0.
import { plugins } from '../plugins/index.js'
import { runWorkerMain } from './worker-process.js'

await runWorkerMain(plugins)
