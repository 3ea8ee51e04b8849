// The sliding log both limiters share: a request is admitted when fewer than `limit` requests were
// admitted in the last `window`; refused requests are not recorded, so a client hammering at the limit
// regains capacity as its old requests age out.

/**
 * Redis: one atomic script over a sorted set per key, scored by Redis server time (microseconds) so that
 * every API process agrees. Called by rate-limiter-flexible's RateLimiterRedis as its custom increment
 * script: KEYS[1] = key, ARGV = points to consume, window seconds, limit, window seconds. Returns
 * {consumed, ms until the oldest admitted request leaves the window}; consumed > limit means refused.
 */
export const slidingWindowLua = `
local key = KEYS[1]
local consume = tonumber(ARGV[1])
local limit = tonumber(ARGV[3])
local window_us = tonumber(ARGV[4]) * 1000000
local time = redis.call('TIME')
local now_us = tonumber(time[1]) * 1000000 + tonumber(time[2])
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
return {consumed, ms}
`

/** The same log in process memory, for the embedded mode without Redis. */
export class SlidingLog {
  private readonly admitted = new Map<string, number[]>()

  /** Returns [consumed, ms until a slot frees], consumed > limit meaning refused. */
  consume(
    key: string,
    points: number,
    limit: number,
    windowMs: number,
    nowMs = performance.timeOrigin + performance.now(),
  ): [number, number] {
    const log = (this.admitted.get(key) ?? []).filter((at) => at > nowMs - windowMs)
    let consumed = log.length
    if (points > 0) {
      if (log.length + points <= limit) {
        for (let i = 0; i < points; i++) log.push(nowMs)
        consumed = log.length
      } else consumed = limit + points
    }
    if (log.length > 0) this.admitted.set(key, log)
    else this.admitted.delete(key)
    return [consumed, log.length > 0 ? Math.ceil(log[0]! + windowMs - nowMs) : windowMs]
  }

  delete(key: string): boolean {
    return this.admitted.delete(key)
  }
}
