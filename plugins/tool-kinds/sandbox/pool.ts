// A small pool of sandbox worker threads. QuickJS runs synchronously, so on the main thread a 5 s tool
// would stall every request for 5 s; in a worker it stalls only that worker. Jobs wait in a FIFO queue for
// a free worker. A worker that misses its deadline (plus a grace) or dies is terminated and replaced.
import type { Worker } from 'node:worker_threads'
import { HARD_KILL_GRACE_MS } from './limits.js'
import { cancelled, fail, timedOut } from './outcomes.js'
import type { CompileOutcome, RunOutcome, SandboxJob, WorkerMessage } from './protocol.js'
import { startWorkerThread } from './worker-thread.js'

export type Outcome = RunOutcome | CompileOutcome

interface Pending {
  id: number
  job: SandboxJob
  resolve: (outcome: Outcome) => void
  signal: AbortSignal | undefined
  onAbort: () => void
}

interface Slot {
  worker: Worker
  cancel: Int32Array
  ready: boolean
  running?: Pending
  timers: NodeJS.Timeout[]
}

export class SandboxPool {
  readonly #slots = new Set<Slot>()
  readonly #queue: Pending[] = []
  #nextId = 1
  #closed = false

  constructor(readonly size: number) {}

  submit(job: SandboxJob, signal?: AbortSignal): Promise<Outcome> {
    if (this.#closed) return Promise.resolve(shutDown())
    if (signal?.aborted) return Promise.resolve(cancelled())
    return new Promise((resolve) => {
      const pending: Pending = {
        id: this.#nextId++,
        job,
        resolve,
        signal,
        onAbort: () => this.#abort(pending),
      }
      signal?.addEventListener('abort', pending.onAbort, { once: true })
      this.#queue.push(pending)
      this.#pump()
    })
  }

  /** Workers alive, busy, and jobs waiting: for metrics and tests. */
  stats(): { workers: number; busy: number; queued: number } {
    const busy = [...this.#slots].filter((slot) => slot.running).length
    return { workers: this.#slots.size, busy, queued: this.#queue.length }
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const pending of this.#queue.splice(0)) this.#settle(pending, shutDown())
    await Promise.all([...this.#slots].map((slot) => this.#retire(slot, shutDown())))
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const idle = [...this.#slots].find((slot) => slot.ready && !slot.running)
      if (idle) {
        this.#dispatch(idle, this.#queue.shift()!)
        continue
      }
      const starting = [...this.#slots].filter((slot) => !slot.ready).length
      if (this.#slots.size < this.size && starting < this.#queue.length) this.#spawn()
      else return
    }
  }

  #spawn(): void {
    const cancel = new SharedArrayBuffer(4)
    const slot: Slot = {
      worker: startWorkerThread(cancel),
      cancel: new Int32Array(cancel),
      ready: false,
      timers: [],
    }
    this.#slots.add(slot)
    slot.worker.on('message', (message: WorkerMessage) => this.#onMessage(slot, message))
    slot.worker.on('error', (error: Error & { code?: string }) => {
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY'
      void this.#retire(slot, outOfMemory ? fail('MEMORY_LIMIT', 'the tool exhausted its worker') : crashed)
    })
    slot.worker.on('exit', () => void this.#retire(slot, crashed))
  }

  #onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.ready = true
    } else if (slot.running?.id === message.id) {
      const pending = slot.running
      this.#release(slot)
      this.#settle(pending, message.outcome)
      if (message.fatal) this.#slots.delete(slot) // it exits by itself; a fresh one replaces it on demand
    }
    if (!slot.running) slot.worker.unref()
    this.#pump()
  }

  #dispatch(slot: Slot, pending: Pending): void {
    slot.running = pending
    slot.worker.ref() // a call in flight keeps the process alive
    Atomics.store(slot.cancel, 0, 0)
    slot.worker.postMessage({ id: pending.id, job: pending.job })
    // The worker stops itself at the deadline; this is for code QuickJS cannot interrupt.
    const hardLimit = pending.job.timeoutMs + HARD_KILL_GRACE_MS
    slot.timers.push(setTimeout(() => void this.#retire(slot, timedOut(pending.job.timeoutMs)), hardLimit))
  }

  #abort(pending: Pending): void {
    const index = this.#queue.indexOf(pending)
    if (index >= 0) {
      this.#queue.splice(index, 1)
      this.#settle(pending, cancelled())
      return
    }
    const slot = [...this.#slots].find((candidate) => candidate.running === pending)
    if (!slot) return
    Atomics.store(slot.cancel, 0, pending.id) // read by the worker's interrupt handler
    slot.timers.push(setTimeout(() => void this.#retire(slot, cancelled()), HARD_KILL_GRACE_MS))
  }

  /** Ends a worker for good; its job (if any) gets `outcome`. Queued jobs fail if no worker can start. */
  async #retire(slot: Slot, outcome: Outcome): Promise<void> {
    if (!this.#slots.delete(slot)) return
    const pending = slot.running
    this.#release(slot)
    if (pending) this.#settle(pending, outcome)
    else if (!slot.ready && ![...this.#slots].some((other) => other.ready)) {
      const unavailable = fail('SANDBOX_UNAVAILABLE', 'no sandbox worker could be started')
      for (const queued of this.#queue.splice(0)) this.#settle(queued, unavailable)
    }
    if (!this.#closed) this.#pump()
    await slot.worker.terminate()
  }

  #release(slot: Slot): void {
    slot.timers.forEach(clearTimeout)
    slot.timers = []
    slot.running = undefined
  }

  #settle(pending: Pending, outcome: Outcome): void {
    pending.signal?.removeEventListener('abort', pending.onAbort)
    pending.resolve(outcome)
  }
}

const shutDown = () => fail('SANDBOX_UNAVAILABLE', 'the sandbox is shut down')
const crashed = fail('SANDBOX_CRASHED', 'the sandbox worker stopped unexpectedly')
