import type { Sql } from '../../db/client.js'

/**
 * The only read of api_keys before a tenant is known. It goes through a SECURITY DEFINER function that
 * returns nothing but the tenant id for an active key's hash; the app role has no grant on the table itself.
 */
export async function findTenantIdByKeyHash(sql: Sql, keyHash: Buffer): Promise<string | undefined> {
  const [row] = await sql<
    { tenant_id: string | null }[]
  >`select app.tenant_id_for_api_key(${keyHash}) as tenant_id`
  return row?.tenant_id ?? undefined
}
