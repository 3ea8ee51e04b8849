// GET /ready: can this process serve? PostgreSQL answers, Redis (when configured) answers.
import type { Redis } from 'ioredis'
import type { Sql } from '../../db/client.js'
import { appError } from '../errors/domain-errors.js'
import type { Reply } from './plugin.js'

type CheckState = 'ok' | 'down' | 'not_configured'

const within = <T>(ms: number, promise: Promise<T>): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms))])

async function check(probe: (() => Promise<unknown>) | undefined): Promise<CheckState> {
  if (!probe) return 'not_configured'
  try {
    await within(1000, probe())
    return 'ok'
  } catch {
    return 'down'
  }
}

export function readinessOperation(sql: Sql, redis: Redis | undefined, isDraining: () => boolean) {
  return async (): Promise<Reply> => {
    const [database, redisState] = await Promise.all([
      check(() => sql`select 1`),
      check(redis ? () => redis.ping() : undefined),
    ])
    const checks = { database, redis: redisState, accepting_requests: isDraining() ? 'down' : 'ok' }
    if (Object.values(checks).includes('down')) {
      throw appError('SERVICE_UNAVAILABLE', 'Not ready: a dependency is down.', {
        reason: 'not_ready',
        checks,
      })
    }
    return { status: 200, body: { status: 'ready', checks } }
  }
}
