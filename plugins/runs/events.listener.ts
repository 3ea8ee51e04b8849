// Wakes the streams tailing a run's event log when an append to it commits. One LISTEN connection per
// process (postgres.js sql.listen: its own connection, outside the pool, opened at the first subscriber and
// listening again after a reconnect), whatever the number of streams; each stream then reads the new events
// in a tenant transaction of its own. A notification says only which run grew: it is a wake-up, never data,
// and a missed one costs a stream at most its fallback poll (events.operations.ts).
import type { Cradle } from '../../app/plugin-kit.js'
import { eventsChannel } from './events.repo.js'

export interface EventsListener {
  /** Calls wake after each committed append to the tenant's execution; returns the unsubscribe. */
  subscribe(tenantId: string, executionId: string, wake: () => void): () => void
}

export function makeEventsListener({ sql, logger }: Pick<Cradle, 'sql' | 'logger'>): EventsListener {
  const subscribers = new Map<string, Set<() => void>>()
  let listening: Promise<unknown> | undefined

  const onNotify = (payload: string) => {
    // <tenant id>:<execution id>:<last seq>; the key is the first two.
    const key = payload.slice(0, payload.lastIndexOf(':'))
    for (const wake of subscribers.get(key) ?? []) wake()
  }
  const listen = () =>
    (listening ??= sql.listen(eventsChannel, onNotify).catch((err: unknown) => {
      // Tried again by the next subscriber; meanwhile the streams poll.
      listening = undefined
      logger.warn({ err }, 'execution events: LISTEN failed; live streams fall back to polling')
    }))

  return {
    subscribe(tenantId, executionId, wake) {
      void listen()
      const key = `${tenantId}:${executionId}`
      let set = subscribers.get(key)
      if (!set) subscribers.set(key, (set = new Set()))
      set.add(wake)
      return () => {
        set.delete(wake)
        if (set.size === 0 && subscribers.get(key) === set) subscribers.delete(key)
      }
    },
  }
}
