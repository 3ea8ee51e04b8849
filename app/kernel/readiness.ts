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

/** Every migration the code ships has run (more may have: other deployments, test-only plugins). */
async function migrationsCurrent(sql: Sql, expected: readonly string[]): Promise<void> {
  const applied = new Set(
    (await sql<{ name: string }[]>`select name from pgmigrations`).map((row) => row.name),
  )
  const pending = expected.filter((name) => !applied.has(name))
  if (pending.length > 0) throw new Error(`pending migrations: ${pending.join(', ')}`)
}

export function readinessOperation(
  sql: Sql,
  redis: Redis | undefined,
  isDraining: () => boolean,
  expectedMigrations: readonly string[],
) {
  return async (): Promise<Reply> => {
    const [database, redisState, migrations] = await Promise.all([
      check(() => sql`select 1`),
      check(redis ? () => redis.ping() : undefined),
      check(() => migrationsCurrent(sql, expectedMigrations)),
    ])
    const checks = {
      database,
      redis: redisState,
      migrations: migrations === 'ok' ? 'current' : 'pending',
      accepting_requests: isDraining() ? 'down' : 'ok',
    }
    if (Object.values(checks).includes('down') || checks.migrations !== 'current') {
      throw appError('SERVICE_UNAVAILABLE', 'Not ready: a dependency is down.', {
        reason: 'not_ready',
        checks,
      })
    }
    return { status: 200, body: { status: 'ready', checks } }
  }
}
