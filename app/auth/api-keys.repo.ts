import type { Sql } from '../../db/client.js'

export interface KeyOwner {
  tenantId: string
  suspended: boolean
  /** Milliseconds until the key expires, by the database's clock; null when it never does. */
  expiresInMs?: number | null
}

/**
 * The only read of api_keys before a tenant is known. It goes through a SECURITY DEFINER function that
 * returns nothing but the tenant id, whether it is suspended and how long the key has left, for an active
 * key's hash; the app role has no grant on the table itself.
 */
export async function findKeyOwner(sql: Sql, keyHash: Buffer): Promise<KeyOwner | undefined> {
  const [row] = await sql<{ tenant_id: string; suspended: boolean; expires_in_ms: number | null }[]>`
    select tenant_id, suspended, expires_in_ms from app.authenticate_api_key(${keyHash})`
  return row
    ? { tenantId: row.tenant_id, suspended: row.suspended, expiresInMs: row.expires_in_ms }
    : undefined
}
