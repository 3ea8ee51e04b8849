// Per-tenant quotas: sliding windows, exact at the quota, shared across processes through Redis, and
// failing closed (503) when Redis cannot answer.
//
// Every key carries its subject (a tenant id, or a client address for failed authentications) as a Redis
// Cluster hash tag: `rl:requests:60:{<tenant id>}`. The sliding-window script touches KEYS[1] only, so each
// call stays in one slot, and a tenant's keys all live in its own slot (docs/scaling.md).
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { appError } from '../errors/domain-errors.js'
import { slidingWindowLua } from './sliding-window.js'
import type { LimiterClient } from './stores.js'

export interface Quota {
  /** Requests admitted per window. */
  limit: number
  windowSeconds: number
}

export interface Decision extends Quota {
  allowed: boolean
  remaining: number
  /** Milliseconds until the oldest counted request leaves the window (a slot frees). */
  resetMs: number
}

export interface RateLimits {
  /** Counts one request against the quota (when admitted) and says whether it may pass. */
  consume(name: string, key: string, quota: Quota): Promise<Decision>
  /** The current state of a quota, counting nothing. */
  peek(name: string, key: string, quota: Quota): Promise<Decision>
  readonly shared: boolean
}

const unavailable = (cause: unknown) =>
  appError(
    'SERVICE_UNAVAILABLE',
    'Rate limits cannot be checked right now; retry shortly.',
    { reason: 'rate_limiter_unavailable' },
    { cause },
  )

/** The subject as a Redis Cluster hash tag: only the part in braces decides the key's slot. */
export const hashTagged = (subject: string): string => `{${subject.replace(/[{}]/g, '')}}`

export function makeRateLimits(client: LimiterClient, shared: boolean): RateLimits {
  const limiters = new Map<string, RateLimiterRedis>()
  const limiterFor = (name: string, { limit, windowSeconds }: Quota) => {
    const id = `${name}:${limit}:${windowSeconds}`
    let limiter = limiters.get(id)
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `rl:${name}:${windowSeconds}`,
        points: limit,
        duration: windowSeconds,
        customIncrTtlLuaScript: slidingWindowLua,
        rejectIfRedisNotReady: true,
      })
      limiters.set(id, limiter)
    }
    return limiter
  }
  const decision = (quota: Quota, res: RateLimiterRes): Decision => {
    const allowed = res.consumedPoints <= quota.limit
    return {
      ...quota,
      allowed,
      remaining: allowed ? res.remainingPoints : 0,
      resetMs: Math.max(res.msBeforeNext, 0),
    }
  }
  const consume = async (name: string, key: string, quota: Quota): Promise<Decision> => {
    try {
      return decision(quota, await limiterFor(name, quota).consume(hashTagged(key), 1))
    } catch (outcome) {
      // rate-limiter-flexible rejects with the RateLimiterRes of a refused request, or with the store's error.
      if (outcome instanceof RateLimiterRes) return decision(quota, outcome)
      throw unavailable(outcome)
    }
  }
  const peek = async (name: string, key: string, quota: Quota): Promise<Decision> => {
    try {
      // Zero points: the script trims and counts without recording anything.
      return decision(quota, await limiterFor(name, quota).penalty(hashTagged(key), 0))
    } catch (error) {
      throw unavailable(error)
    }
  }
  return { consume, peek, shared }
}
