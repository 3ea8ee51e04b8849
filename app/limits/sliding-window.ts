// The sliding log both limiters share: a request is admitted when fewer than `limit` requests were
// admitted in the last `window`; refused requests are not recorded, so a client hammering at the limit
// regains capacity as its old requests age out.

/**
 * The log of one key, as a Lua function: trims what left the window, then admits `consume` more when they fit.
 * Returns consumed (consumed > limit: refused) and the ms until the oldest admitted request leaves the window.
 */
const slideLua = `
local function slide(key, consume, limit, window_us, now_us)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now_us - window_us)
  local count = redis.call('ZCARD', key)
  local consumed = count
  if consume > 0 then
    if count + consume <= limit then
      for i = 1, consume do
        redis.call('ZADD', key, now_us, now_us .. '-' .. (count + i))
      end
      consumed = count + consume
      redis.call('PEXPIRE', key, math.ceil(window_us / 1000))
    else
      consumed = limit + consume
    end
  end
  local ms = math.ceil(window_us / 1000)
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if oldest[2] then
    ms = math.ceil((tonumber(oldest[2]) + window_us - now_us) / 1000)
  end
  return consumed, ms
end
local time = redis.call('TIME')
local now_us = tonumber(time[1]) * 1000000 + tonumber(time[2])
`

/**
 * Redis: one atomic script over a sorted set per key, scored by Redis server time (microseconds) so that
 * every API process agrees. Called by rate-limiter-flexible's RateLimiterRedis as its custom increment
 * script: KEYS[1] = key, ARGV = points to consume, window seconds, limit, window seconds. Returns
 * {consumed, ms until the oldest admitted request leaves the window}; consumed > limit means refused.
 *
 * It touches KEYS[1] only. The `#!lua` line (Redis 7) makes Redis Cluster hold it to that: a script with
 * it that reached a key of another slot would be refused, not run across slots.
 */
export const slidingWindowLua = `#!lua${slideLua}
local consumed, ms = slide(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[3]), tonumber(ARGV[4]) * 1000000, now_us)
return {consumed, ms}
`

/**
 * The same log over several quotas of one subject, in turn, in one call (a run: `requests`, then `runs`):
 * one request is counted against KEYS[1]; only when it is admitted, against KEYS[2]; and so on. ARGV = limit
 * and window seconds of each key. Returns {consumed, ms} of each key counted, so a refused key's pair is
 * the last. The keys must share a slot (the subject's hash tag): Redis Cluster refuses the call otherwise.
 */
export const slidingWindowsInTurnLua = `#!lua${slideLua}
local answer = {}
for i = 1, #KEYS do
  local limit = tonumber(ARGV[2 * i - 1])
  local consumed, ms = slide(KEYS[i], 1, limit, tonumber(ARGV[2 * i]) * 1000000, now_us)
  answer[#answer + 1] = consumed
  answer[#answer + 1] = ms
  if consumed > limit then break end
end
return answer
`

/** Keys the in-process log holds at most; past it, the least recently used key is forgotten. */
export const defaultMaxKeys = 100_000

export interface SlidingLogOptions {
  /** Keys held at most (default defaultMaxKeys). */
  maxKeys?: number
  /** How often, at most, every key is checked for a window that has passed (default 1 s). */
  sweepEveryMs?: number
}

interface KeyLog {
  /** Times of the admitted requests still in the window, oldest first. */
  admitted: number[]
  windowMs: number
}

/**
 * The same log in process memory, for the embedded mode without Redis. Its memory is bounded: a key whose
 * window has passed is dropped (at most a second later, whether or not it is used again), and past maxKeys
 * keys the least recently used one is forgotten, so a flood of distinct keys (client addresses of failed
 * authentications) cannot grow it without end. A forgotten key starts again from zero: under such a flood
 * the limits of the keys not used lately get weaker, never the memory unbounded.
 */
export class SlidingLog {
  /** In order of last use, least recent first. */
  private readonly logs = new Map<string, KeyLog>()
  private readonly maxKeys: number
  private readonly sweepEveryMs: number
  private nextSweepAt = -Infinity

  constructor(options: SlidingLogOptions = {}) {
    this.maxKeys = options.maxKeys ?? defaultMaxKeys
    this.sweepEveryMs = options.sweepEveryMs ?? 1000
  }

  /** Returns [consumed, ms until a slot frees], consumed > limit meaning refused. */
  consume(
    key: string,
    points: number,
    limit: number,
    windowMs: number,
    nowMs = performance.timeOrigin + performance.now(),
  ): [number, number] {
    this.sweep(nowMs)
    const log = (this.logs.get(key)?.admitted ?? []).filter((at) => at > nowMs - windowMs)
    let consumed = log.length
    if (points > 0) {
      if (log.length + points <= limit) {
        for (let i = 0; i < points; i++) log.push(nowMs)
        consumed = log.length
      } else consumed = limit + points
    }
    // Deleted and set again: the key moves to the most recently used end.
    this.logs.delete(key)
    if (log.length > 0) {
      this.logs.set(key, { admitted: log, windowMs })
      this.evictOverflow()
    }
    return [consumed, log.length > 0 ? Math.ceil(log[0]! + windowMs - nowMs) : windowMs]
  }

  /** Keys held in memory. */
  get size(): number {
    return this.logs.size
  }

  delete(key: string): boolean {
    return this.logs.delete(key)
  }

  /** Drops every key whose last admitted request has left its window; at most once per sweepEveryMs. */
  private sweep(nowMs: number): void {
    if (nowMs < this.nextSweepAt) return
    this.nextSweepAt = nowMs + this.sweepEveryMs
    for (const [key, { admitted, windowMs }] of this.logs) {
      if (admitted[admitted.length - 1]! <= nowMs - windowMs) this.logs.delete(key)
    }
  }

  private evictOverflow(): void {
    for (const key of this.logs.keys()) {
      if (this.logs.size <= this.maxKeys) return
      this.logs.delete(key)
    }
  }
}
