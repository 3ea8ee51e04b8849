// Per-tenant quotas: sliding windows, exact at the quota, shared across processes through Redis, and
// failing closed (503) when Redis cannot answer.
//
// Every key carries its subject (a tenant id, or a client address for failed authentications) as a Redis
// Cluster hash tag: `rl:requests:60:{<tenant id>}`. The sliding-window script touches KEYS[1] only (a run's,
// its one tenant's two keys), so each call stays in one slot, and a tenant's keys all live in its own slot
// (docs/scaling.md).
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { appError } from '../errors/domain-errors.js'
import { slidingWindowLua, slidingWindowsInTurnLua } from './sliding-window.js'
import type { LimiterClient } from './stores.js'

export interface Quota {
  /** Requests admitted per window. */
  limit: number
  windowSeconds: number
}

export interface NamedQuota {
  name: string
  quota: Quota
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
  /**
   * Counts one request against the first quota and, only when it is admitted, against the second: the same
   * decisions as two consume calls in that order, in one Redis call. Resolves to the decisions made (one
   * when the first quota refused the request).
   */
  consumeInTurn(key: string, first: NamedQuota, second: NamedQuota): Promise<Decision[]>
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

const prefixOf = (name: string, windowSeconds: number) => `rl:${name}:${windowSeconds}`

export function makeRateLimits(client: LimiterClient, shared: boolean): RateLimits {
  const limiters = new Map<string, RateLimiterRedis>()
  const limiterFor = (name: string, { limit, windowSeconds }: Quota) => {
    const id = `${name}:${limit}:${windowSeconds}`
    let limiter = limiters.get(id)
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: client,
        keyPrefix: prefixOf(name, windowSeconds),
        points: limit,
        duration: windowSeconds,
        customIncrTtlLuaScript: slidingWindowLua,
        rejectIfRedisNotReady: true,
      })
      limiters.set(id, limiter)
    }
    return limiter
  }
  // What rate-limiter-flexible makes of the script's answer (RateLimiterRes), from the answer itself.
  const decisionOf = (quota: Quota, consumed: number, ms: number): Decision => {
    const allowed = consumed <= quota.limit
    return {
      ...quota,
      allowed,
      remaining: allowed ? Math.max(quota.limit - consumed, 0) : 0,
      resetMs: Math.max(ms, 0),
    }
  }
  const decision = (quota: Quota, res: RateLimiterRes): Decision =>
    decisionOf(quota, res.consumedPoints, res.msBeforeNext)
  // Defined once, beside the limiters' own script (RateLimiterRedis defines rlflxIncr).
  client.defineCommand('rlInTurn', { numberOfKeys: 2, lua: slidingWindowsInTurnLua })
  // The key RateLimiterRedis makes of a subject: its prefix, a colon, the subject.
  const keyOf = (name: string, { windowSeconds }: Quota, key: string) =>
    `${prefixOf(name, windowSeconds)}:${hashTagged(key)}`
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
  const consumeInTurn = async (key: string, first: NamedQuota, second: NamedQuota): Promise<Decision[]> => {
    let answer: number[]
    try {
      // As RateLimiterRedis with rejectIfRedisNotReady: no command while the connection is not ready.
      if (client.status !== undefined && client.status !== 'ready')
        throw new Error('Redis connection is not ready')
      answer = await client.rlInTurn!([
        keyOf(first.name, first.quota, key),
        keyOf(second.name, second.quota, key),
        String(first.quota.limit),
        String(first.quota.windowSeconds),
        String(second.quota.limit),
        String(second.quota.windowSeconds),
      ])
    } catch (error) {
      throw unavailable(error)
    }
    return [first, second]
      .slice(0, answer.length / 2)
      .map(({ quota }, i) => decisionOf(quota, Number(answer[2 * i]), Number(answer[2 * i + 1])))
  }
  return { consume, consumeInTurn, peek, shared }
}
