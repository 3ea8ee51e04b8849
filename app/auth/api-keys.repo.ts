import type { Sql } from '../../db/client.js'

export interface KeyOwner {
  tenantId: string
  suspended: boolean
}

/**
 * The only read of api_keys before a tenant is known. It goes through a SECURITY DEFINER function that
 * returns nothing but the tenant id (and whether it is suspended) for an active key's hash; the app role
 * has no grant on the table itself.
 */
export async function findKeyOwner(sql: Sql, keyHash: Buffer): Promise<KeyOwner | undefined> {
  const [row] = await sql<{ tenant_id: string; suspended: boolean }[]>`
    select tenant_id, suspended from app.authenticate_api_key(${keyHash})`
  return row ? { tenantId: row.tenant_id, suspended: row.suspended } : undefined
}
