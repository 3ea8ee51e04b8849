// A tenant's fair share of a pool: at most `concurrency` of its transactions run at once in this process;
// more wait in a queue of their own, bounded in length and in time, then are refused with 503 TENANT_BUSY.
// One tenant's expensive reads then leave the rest of the pool to the others. A queued transaction has not
// asked for a connection yet, so waiting here holds nothing.
//
// Only new work is refused. A transaction that finishes work a request already began (storing an
// idempotent answer, recording an execution and settling its budget reservation) is `finishing`: it waits
// for a slot however long the queue, ahead of new work, and is never refused.
import { appError } from '../app/errors/domain-errors.js'

export interface TenantShareOptions {
  /** Transactions of one tenant running at once on the pool. */
  concurrency: number
  /** Transactions of one tenant that may wait for a slot; the next one is refused at once. */
  queueLength: number
  /** Longest a transaction waits for a slot before it is refused. */
  queueTimeoutMs: number
}

export const defaultTenantQueueLength = 200
export const defaultTenantQueueTimeoutMs = 10_000

/** Half the pool, at least one connection: a tenant can never hold the whole pool (unless it is one). */
export const defaultTenantConcurrency = (poolMax: number): number => Math.max(1, Math.floor(poolMax / 2))

export const defaultTenantShare = (poolMax: number): TenantShareOptions => ({
  concurrency: defaultTenantConcurrency(poolMax),
  queueLength: defaultTenantQueueLength,
  queueTimeoutMs: defaultTenantQueueTimeoutMs,
})

/** Gives a slot back; call it exactly once, when the transaction has ended. */
export type ReleaseSlot = () => void

export interface TenantShare {
  /** A slot for one transaction; new work (not `finishing`) may be refused with TENANT_BUSY. */
  acquire(tenantId: string, finishing?: boolean): Promise<ReleaseSlot>
  readonly options: Readonly<TenantShareOptions>
}

interface Waiter {
  grant: () => void
  /** Refuses a waiter of new work after queueTimeoutMs. */
  timer: NodeJS.Timeout | undefined
}

interface TenantSlots {
  running: number
  /** Transactions finishing begun work: served first, never refused. */
  finishing: Waiter[]
  /** New work, in arrival order: bounded in length and in waiting time. */
  waiting: Waiter[]
}

const retryAfterSeconds = 1

const tenantBusy = (reason: 'queue_full' | 'queue_timeout', options: TenantShareOptions) =>
  appError(
    'TENANT_BUSY',
    reason === 'queue_full'
      ? `This tenant already has ${options.concurrency} database operations running and ${options.queueLength} waiting; retry later.`
      : `This tenant's database operations waited ${options.queueTimeoutMs} ms for one of its ${options.concurrency} slots; retry later.`,
    { reason, concurrency: options.concurrency, retry_after_seconds: retryAfterSeconds },
  )

export function makeTenantShare(options: TenantShareOptions): TenantShare {
  const tenants = new Map<string, TenantSlots>()

  const release = (tenantId: string, slots: TenantSlots) => {
    // The slot passes straight to the next waiter (finishing work first, then in arrival order), so
    // nobody arriving later can overtake the queue.
    const next = slots.finishing.shift() ?? slots.waiting.shift()
    if (next) {
      clearTimeout(next.timer)
      next.grant()
      return
    }
    slots.running--
    if (slots.running === 0) tenants.delete(tenantId)
  }

  const once = (tenantId: string, slots: TenantSlots): ReleaseSlot => {
    let released = false
    return () => {
      if (released) return
      released = true
      release(tenantId, slots)
    }
  }

  return {
    options,
    async acquire(tenantId, finishing = false) {
      let slots = tenants.get(tenantId)
      if (!slots) tenants.set(tenantId, (slots = { running: 0, finishing: [], waiting: [] }))
      if (slots.running < options.concurrency) {
        slots.running++
        return once(tenantId, slots)
      }
      if (finishing) {
        const queue = slots.finishing
        await new Promise<void>((resolve) => queue.push({ grant: resolve, timer: undefined }))
        return once(tenantId, slots)
      }
      if (slots.waiting.length + slots.finishing.length >= options.queueLength)
        throw tenantBusy('queue_full', options)
      const queue = slots.waiting
      await new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          grant: resolve,
          timer: setTimeout(() => {
            queue.splice(queue.indexOf(waiter), 1)
            reject(tenantBusy('queue_timeout', options))
          }, options.queueTimeoutMs),
        }
        queue.push(waiter)
      })
      return once(tenantId, slots)
    },
  }
}
