// The postgres.js pool the API uses. It connects as the app role: not the owner, no BYPASSRLS.
import postgres from 'postgres'

export type Sql = postgres.Sql
export type TransactionSql = postgres.TransactionSql

export interface PoolOptions {
  max: number
  connectTimeoutSeconds: number
  applicationName?: string
  /** Queries postgres.js may pipeline on one connection (its default is 100); tests lower it to stress BEGIN. */
  maxPipeline?: number
}

export function createPool(url: string, options: PoolOptions): Sql {
  return postgres(url, {
    max: options.max,
    ...(options.maxPipeline === undefined ? {} : { max_pipeline: options.maxPipeline }),
    connect_timeout: options.connectTimeoutSeconds,
    idle_timeout: 60,
    max_lifetime: 60 * 30,
    onnotice: () => undefined,
    connection: { application_name: options.applicationName ?? 'mini-agent-platform' },
    transform: { undefined: null },
  })
}

export interface TenantTransactions {
  /** Asked for a connection and not started yet. */
  waiting: number
  /** Started (their callback runs on a reserved connection) and not yet committed or rolled back. */
  running: number
}

// postgres.js exposes no pool statistics, so inTenantTransaction counts its own transactions, per pool.
const tenantTransactions = new WeakMap<Sql, TenantTransactions>()

/** The pool's tenant transactions right now (plain queries outside inTenantTransaction are not counted). */
export const tenantTransactionsOf = (sql: Sql): Readonly<TenantTransactions> =>
  tenantTransactions.get(sql) ?? { waiting: 0, running: 0 }

/**
 * Runs fn in one transaction whose first statement pins the tenant for row-level security.
 * set_config(..., true) is transaction-local, so the setting dies with COMMIT or ROLLBACK and never
 * reaches the next user of the pooled connection.
 */
export async function inTenantTransaction<T>(
  sql: Sql,
  tenantId: string,
  fn: (tx: TransactionSql) => Promise<T>,
): Promise<T> {
  let counts = tenantTransactions.get(sql)
  if (!counts) tenantTransactions.set(sql, (counts = { waiting: 0, running: 0 }))
  const state = counts
  let started = false
  state.waiting++
  try {
    return (await sql.begin(async (tx) => {
      started = true
      state.waiting--
      state.running++
      // Sent now, not awaited: statements on one transaction's connection run in the order they are
      // written, so fn's first statement follows it in the same round trip. (Were the order ever wrong,
      // that statement would see no tenant, and so no rows: RLS fails closed.)
      const pinned = tx`select set_config('app.current_tenant_id', ${tenantId}, true)`.execute()
      const [, result] = await Promise.all([pinned, fn(tx)])
      return result
    })) as T
  } finally {
    if (started) state.running--
    else state.waiting--
  }
}
