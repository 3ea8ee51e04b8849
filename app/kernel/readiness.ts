// GET /ready: can this process serve? PostgreSQL answers, Redis (when configured) answers.
import type { Redis } from 'ioredis'
import { lastCommitOf, type Sql } from '../../db/client.js'
import { appError } from '../errors/domain-errors.js'
import type { Reply } from './plugin.js'

type CheckState = 'ok' | 'down' | 'not_configured'

class ProbeTimeout extends Error {}

const within = <T>(ms: number, promise: Promise<T>): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new ProbeTimeout()), ms))])

/** A tenant transaction on the pool committed since `at`: the database answered, the pool is just busy. */
const answeredSince = (sql: Sql, at: number): boolean => {
  const committedAt = lastCommitOf(sql)
  return committedAt !== undefined && committedAt >= at
}

const probeTimeoutMs = 1000

async function check(probe: (() => Promise<unknown>) | undefined): Promise<CheckState> {
  if (!probe) return 'not_configured'
  try {
    await within(probeTimeoutMs, probe())
    return 'ok'
  } catch {
    return 'down'
  }
}

/**
 * PostgreSQL answers: the probe did, or, when the probe waited its whole second behind the pool's work, a
 * tenant transaction committed meanwhile. A saturated pool is busy, not down: answering 503 then would
 * take a loaded process out of rotation and push its load onto the others.
 */
async function databaseAnswers(sql: Sql, probe: () => Promise<unknown>): Promise<CheckState> {
  const askedAt = performance.now()
  const state = await check(probe)
  return state === 'ok' || answeredSince(sql, askedAt) ? 'ok' : 'down'
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
  // What the migrations check last found: kept when its query only waited behind a busy pool.
  let migrationsCurrentBefore = false
  const migrationsState = async (): Promise<CheckState> => {
    const askedAt = performance.now()
    try {
      await within(probeTimeoutMs, migrationsCurrent(sql, expectedMigrations))
      migrationsCurrentBefore = true
      return 'ok'
    } catch (error) {
      if (error instanceof ProbeTimeout && answeredSince(sql, askedAt)) {
        return migrationsCurrentBefore ? 'ok' : 'down'
      }
      migrationsCurrentBefore = false
      return 'down'
    }
  }
  // Checked once now, on the idle pool, so a first /ready that waits behind a burst has an answer to keep.
  void migrationsState()
  return async (): Promise<Reply> => {
    const [database, redisState, migrations] = await Promise.all([
      databaseAnswers(sql, () => sql`select 1`),
      check(redis ? () => redis.ping() : undefined),
      migrationsState(),
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
