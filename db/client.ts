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
  return (await sql.begin(async (tx) => {
    await tx`select set_config('app.current_tenant_id', ${tenantId}, true)`
    return fn(tx)
  })) as T
}
