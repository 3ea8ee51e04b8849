// The limiter's store: Redis when REDIS_URL is set (shared by every API process), else process memory.
// Both run the same sliding log behind rate-limiter-flexible's RateLimiterRedis, so the library's API
// is the one seam and the semantics cannot drift apart.
import { Redis } from 'ioredis'
import { SlidingLog } from './sliding-window.js'

/** What RateLimiterRedis needs of a client when given a custom script: defineCommand + the command. */
export interface LimiterClient {
  status?: string
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void
  rlflxIncr?(args: string[]): Promise<[number, number]>
  /** slidingWindowsInTurnLua over two keys (rate-limits.ts consumeInTurn): [key, key, limit, window, limit, window]. */
  rlInTurn?(args: string[]): Promise<number[]>
}

export interface RedisOptions {
  url: string
  commandTimeoutMs: number
}

/**
 * Fails fast instead of queueing: no offline queue and a command timeout, so a request never waits on a
 * Redis that is down; reconnects in the background, so limits recover by themselves when it returns.
 */
export function createRedisClient({ url, commandTimeoutMs }: RedisOptions): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(commandTimeoutMs, 1000),
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    lazyConnect: false,
  })
}

/** An in-process stand-in for Redis that runs the sliding log in memory. */
export function createMemoryClient(): LimiterClient {
  const log = new SlidingLog()
  return {
    status: 'ready',
    defineCommand: () => undefined,
    rlflxIncr: ([key, points, , limit, windowSeconds]: string[]) =>
      Promise.resolve(log.consume(key!, Number(points), Number(limit), Number(windowSeconds) * 1000)),
    rlInTurn: (args: string[]) => {
      const keys = args.slice(0, args.length / 3)
      const answer: number[] = []
      for (const [i, key] of keys.entries()) {
        const limit = Number(args[keys.length + 2 * i])
        const windowMs = Number(args[keys.length + 2 * i + 1]) * 1000
        const [consumed, ms] = log.consume(key, 1, limit, windowMs)
        answer.push(consumed, ms)
        if (consumed > limit) break
      }
      return Promise.resolve(answer)
    },
  }
}
