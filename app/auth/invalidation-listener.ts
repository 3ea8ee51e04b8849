// Hears, on one connection of its own, the notifications that a tenant's keys or status changed
// (NOTIFY map_auth_invalidation, sent by triggers on api_keys and tenants: see the migration
// core-auth-cache-invalidation), and says whether the caches that rely on them may be trusted right now.
//
// Trust is proven, not assumed. Every heartbeatMs the listener NOTIFYs a channel of its own on its own
// connection and waits to hear it back. PostgreSQL delivers notifications to a session in commit order,
// so hearing a heartbeat sent at time t means every invalidation committed before t has been heard. The
// caches are trusted only until staleAfterMs past the send time of the last heartbeat heard: a listener
// that is dead, silently cut off or just slow stops being trusted within that bound, whatever failed.
// A closed connection is noticed at once (the caches are flushed then); LISTEN is issued again on the
// next heartbeat, on whatever connection postgres.js opens.
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import type { Logger } from 'pino'
import type { Sql } from '../../db/client.js'

export const invalidationChannel = 'map_auth_invalidation'

export interface InvalidationListenerOptions {
  logger: Pick<Logger, 'info' | 'warn'>
  /** A tenant's keys or settings changed (payload of a notification). */
  onInvalidate: (tenantId: string) => void
  /** Notifications may have been missed: forget everything (connection lost, unreadable payload). */
  onLost: () => void
  heartbeatMs?: number
  staleAfterMs?: number
  now?: () => number
}

export interface ListenerStatus {
  /** LISTEN holds on the current connection. */
  listening: boolean
  /** A heartbeat was heard recently enough for the caches to be trusted. */
  fresh: boolean
  /** The listening backend (for pg_terminate_backend in tests and by operators). */
  backendPid: number | undefined
}

export interface InvalidationListener {
  /** May a cached answer be served now? */
  fresh(): boolean
  status(): ListenerStatus
  close(): Promise<void>
}

export const defaultHeartbeatMs = 200
/** Past this, a silent listener is distrusted: a change is honoured within it plus one lookup (< 1 s). */
export const defaultStaleAfterMs = 600

export function startInvalidationListener(
  pool: Sql,
  options: InvalidationListenerOptions,
): InvalidationListener {
  const heartbeatMs = options.heartbeatMs ?? defaultHeartbeatMs
  const staleAfterMs = options.staleAfterMs ?? defaultStaleAfterMs
  const now = options.now ?? (() => performance.now())
  const heartbeatChannel = `map_auth_heartbeat_${randomBytes(8).toString('hex')}`
  // Bumped whenever the connection closes: a heartbeat or LISTEN of an older connection proves nothing.
  let generation = 0
  let listening = false
  let trustedUntil = -Infinity
  let backendPid: number | undefined
  let heartbeats = 0
  const sentAt = new Map<number, number>()
  let stopped = false
  let ticking = false
  let lost = false

  const loseTrust = (reason: string) => {
    generation++
    listening = false
    trustedUntil = -Infinity
    backendPid = undefined
    sentAt.clear()
    options.onLost()
    if (!lost && !stopped)
      options.logger.warn({ reason }, 'auth cache: invalidations may be missed; bypassing it')
    lost = true
  }

  const onNotify = (channel: string, payload: string) => {
    if (channel === heartbeatChannel) {
      const [gen, n] = payload.split(':').map(Number)
      const at = sentAt.get(n!)
      if (gen !== generation || at === undefined) return
      for (const seq of sentAt.keys()) if (seq <= n!) sentAt.delete(seq)
      trustedUntil = Math.max(trustedUntil, at + staleAfterMs)
      if (lost) options.logger.info('auth cache: listening again')
      lost = false
      return
    }
    if (channel !== invalidationChannel) return
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(payload))
      options.onInvalidate(payload)
    // Not a tenant id (someone else's NOTIFY on our channel): cannot tell what changed, so forget all.
    else options.onLost()
  }

  // The pool's own connection settings, on one connection that never idles out; closing it is what
  // onclose reports. postgres.js takes its parsed options back as they are (its sql.listen() does the same).
  const listenerOptions = {
    ...pool.options,
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    fetch_types: false,
    connection: { ...pool.options.connection, application_name: 'mini-agent-platform:auth-cache' },
    shared: { retries: 0, typeArrayMap: {} },
    onnotify: onNotify,
    onclose: () => loseTrust('listener connection closed'),
  }
  const client = postgres(listenerOptions as unknown as postgres.Options<Record<string, never>>)

  const listen = async () => {
    const gen = generation
    // One simple query: both LISTENs hold on the same session, or neither does.
    await client.unsafe(`listen ${invalidationChannel}; listen ${heartbeatChannel}`)
    const [row] = await client<{ pid: number }[]>`select pg_backend_pid() as pid`
    if (gen !== generation) return
    listening = true
    backendPid = row?.pid
  }

  const tick = async () => {
    if (stopped || ticking) return
    ticking = true
    try {
      if (!listening) await listen()
      if (!listening) return
      const n = ++heartbeats
      sentAt.set(n, now())
      // Heartbeats never heard back (a connection that hears nothing) are forgotten, oldest first.
      if (sentAt.size > 50) sentAt.delete(sentAt.keys().next().value!)
      await client`select pg_notify(${heartbeatChannel}, ${`${generation}:${n}`})`
    } catch (error) {
      // The connection's close (if that is what failed) has already withdrawn the trust.
      if (!stopped) options.logger.warn({ err: error }, 'auth cache: heartbeat failed')
    } finally {
      ticking = false
    }
  }
  const timer = setInterval(() => void tick(), heartbeatMs)
  timer.unref()
  void tick()

  return {
    fresh: () => listening && now() < trustedUntil,
    status: () => ({ listening, fresh: listening && now() < trustedUntil, backendPid }),
    async close() {
      stopped = true
      clearInterval(timer)
      await client.end({ timeout: 1 })
    },
  }
}
