// API key -> tenant, remembered for a few seconds in each process, so a request costs no key lookup.
//
// What it guarantees (SECURITY.md, "Keys"): a cached answer is served only while the invalidation listener
// is trusted (invalidation-listener.ts), never past AUTH_CACHE_TTL_MS nor past the key's own expiry; a
// change to a tenant's keys or status (revoke, rotate, expiry moved, suspend, resume, delete), committed
// anywhere, makes every process forget that tenant's keys as soon as it hears of it, and a process that
// cannot hear flushes and asks the database every time until it can again. A lookup that was under way when
// something changed is used for its own request only, never cached. Unknown keys are never cached: a guesser
// costs a lookup per guess, bounded by the per-address failure limit.
import type { Logger } from 'pino'
import type { Sql } from '../../db/client.js'
import type { KeyOwner } from './api-keys.repo.js'
import { isKeyOwner, type KeyLookup } from './authenticate.js'
import {
  startInvalidationListener,
  type InvalidationListener,
  type ListenerStatus,
} from './invalidation-listener.js'

export type KeyCacheResult = 'hit' | 'miss' | 'bypass'

export interface KeyCacheOptions {
  /** Longest an answer is kept; 0 turns the cache (and its listener) off. */
  ttlMs: number
  /** Keys held at most; past it the least recently used is forgotten. */
  maxKeys: number
  logger: Pick<Logger, 'info' | 'warn'>
  /** Told about every tenant whose keys or settings changed (the tenant-settings cache), and every flush. */
  onInvalidate?: (tenantId: string | undefined) => void
  onLookup?: (result: KeyCacheResult) => void
  heartbeatMs?: number
  staleAfterMs?: number
}

export interface KeyCache {
  lookup: KeyLookup
  /** This process changed the tenant (admin API): forget it now, before its notification arrives. */
  forgetTenant(tenantId: string): void
  status(): ListenerStatus & { enabled: boolean; keys: number }
  close(): Promise<void>
}

interface Entry {
  owner: KeyOwner
  /** performance.now() past which the entry is not served. */
  until: number
}

export function makeKeyCache(lookupInDatabase: KeyLookup, pool: Sql, options: KeyCacheOptions): KeyCache {
  if (options.ttlMs <= 0) {
    return {
      lookup: lookupInDatabase,
      forgetTenant: () => undefined,
      status: () => ({ enabled: false, keys: 0, listening: false, fresh: false, backendPid: undefined }),
      close: () => Promise.resolve(),
    }
  }
  const entries = new Map<string, Entry>()
  const inFlight = new Map<string, Promise<KeyOwner | undefined>>()
  // Bumped on every invalidation: a lookup that started before one is not cached.
  let epoch = 0
  const record = options.onLookup ?? (() => undefined)

  const forgetTenant = (tenantId: string) => {
    epoch++
    inFlight.clear()
    for (const [id, entry] of entries) if (entry.owner.tenantId === tenantId) entries.delete(id)
    options.onInvalidate?.(tenantId)
  }
  const forgetAll = () => {
    epoch++
    inFlight.clear()
    entries.clear()
    options.onInvalidate?.(undefined)
  }

  const listener: InvalidationListener = startInvalidationListener(pool, {
    logger: options.logger,
    onInvalidate: forgetTenant,
    onLost: forgetAll,
    ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
    ...(options.staleAfterMs === undefined ? {} : { staleAfterMs: options.staleAfterMs }),
  })

  const remember = (id: string, owner: KeyOwner, startedAt: number) => {
    const expiresInMs = owner.expiresInMs ?? null
    if (expiresInMs !== null && !(Number.isFinite(expiresInMs) && expiresInMs > 0)) return
    // From when the lookup started: the entry never outlives the key, whatever the lookup took.
    entries.set(id, { owner, until: startedAt + Math.min(options.ttlMs, expiresInMs ?? Infinity) })
    if (entries.size > options.maxKeys) entries.delete(entries.keys().next().value!)
  }

  const lookup: KeyLookup = (keyHash) => {
    if (!listener.fresh()) {
      if (entries.size > 0) forgetAll()
      record('bypass')
      return lookupInDatabase(keyHash)
    }
    const id = keyHash.toString('base64')
    const now = performance.now()
    const hit = entries.get(id)
    if (hit && hit.until > now) {
      // Most recently used last, so eviction takes the least recently used.
      entries.delete(id)
      entries.set(id, hit)
      record('hit')
      return Promise.resolve(hit.owner)
    }
    if (hit) entries.delete(id)
    record('miss')
    const shared = inFlight.get(id)
    if (shared) return shared
    const startedEpoch = epoch
    const pending = lookupInDatabase(keyHash)
      .then((owner) => {
        if (isKeyOwner(owner) && startedEpoch === epoch && listener.fresh()) remember(id, owner, now)
        return owner
      })
      .finally(() => {
        if (inFlight.get(id) === pending) inFlight.delete(id)
      })
    inFlight.set(id, pending)
    return pending
  }

  return {
    lookup,
    forgetTenant,
    status: () => ({ enabled: true, keys: entries.size, ...listener.status() }),
    async close() {
      await listener.close()
      entries.clear()
    },
  }
}
