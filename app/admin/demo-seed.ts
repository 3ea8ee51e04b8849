// Two demo tenants for local use. Embedded/dev mode only: config refuses it in production.
import type { Sql } from '../../db/client.js'
import { ensureTenantWithKey } from './tenants.repo.js'

export const demoTenants = [
  { name: 'Tenant A', apiKey: 'tenant-a-api-key' },
  { name: 'Tenant B', apiKey: 'tenant-b-api-key' },
] as const

export async function seedDemoTenants(ownerSql: Sql): Promise<void> {
  for (const tenant of demoTenants) await ensureTenantWithKey(ownerSql, tenant.name, tenant.apiKey)
}
