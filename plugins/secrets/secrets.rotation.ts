// `npm run admin -- secrets rotate-master`: re-encrypts every tenant's secrets (and the ciphertexts other
// plugins keep, `encryptedSecrets`) made with a master key other than the current one (SECRETS_MASTER_KEY),
// opening them with SECRETS_MASTER_KEY_PREVIOUS. One transaction
// per tenant, as map_admin under the tenant's RLS policy; idempotent (a current ciphertext is left alone).
import { appendAuditEvent, type Sql } from '../../app/plugin-kit.js'
import { SecretDecryptionError, type Keyring } from './secrets.crypto.js'

export interface RotationReport {
  tenants: number
  /** Re-encrypted under the current key now. */
  reencrypted: number
  /** Already under the current key: nothing to do. */
  current: number
  /** Made with a key this keyring does not have, or damaged: left as they were. Names, never values. */
  failed: { tenant_id: string; name: string; reason: string }[]
}

/**
 * A column of another plugin holding ciphertexts of the keyring (webhooks' signing secrets), contributed to
 * the `encryptedSecrets` extension point: rotate-master re-encrypts it with the tenant's secrets. The admin
 * role needs SELECT (tenant_id, idColumn, ciphertextColumn) and UPDATE (ciphertextColumn) on the table.
 */
export interface EncryptedColumn {
  /** A tenant table (tenant_id, RLS forced). */
  table: string
  /** The column naming a row within its tenant. */
  idColumn: string
  ciphertextColumn: string
  /** The name a row's ciphertext was encrypted under (keyring.encrypt's name), from its id. */
  nameOf(id: string): string
}

export async function rotateMasterKey(
  sql: Sql,
  keyring: Keyring,
  columns: readonly EncryptedColumn[] = [],
): Promise<RotationReport> {
  const report: RotationReport = { tenants: 0, reencrypted: 0, current: 0, failed: [] }
  const tenants = await sql<{ id: string }[]>`select id from tenants order by id`
  for (const { id: tenantId } of tenants) {
    report.tenants++
    await sql.begin(async (tx) => {
      await tx`select set_config('app.current_tenant_id', ${tenantId}, true)`
      const secrets = await tx<{ name: string; ciphertext: Buffer }[]>`
        select name, ciphertext from secrets where tenant_id = ${tenantId} order by name for update`
      const rows: { name: string; ciphertext: Buffer; write: (c: Buffer) => Promise<unknown> }[] =
        secrets.map((row) => ({
          ...row,
          write: (c: Buffer) =>
            tx`update secrets set ciphertext = ${c} where tenant_id = ${tenantId} and name = ${row.name}`,
        }))
      for (const column of columns) {
        const table = tx(column.table)
        const id = tx(column.idColumn)
        const ciphertext = tx(column.ciphertextColumn)
        const found = await tx<{ id: string; ciphertext: Buffer }[]>`
          select ${id}::text as id, ${ciphertext} as ciphertext from ${table}
           where tenant_id = ${tenantId} order by ${id} for update`
        for (const row of found) {
          rows.push({
            name: column.nameOf(row.id),
            ciphertext: row.ciphertext,
            write: (c: Buffer) =>
              tx`update ${table} set ${ciphertext} = ${c} where tenant_id = ${tenantId} and ${id} = ${row.id}`,
          })
        }
      }
      let changed = 0
      for (const row of rows) {
        if (keyring.keyIdOf(row.ciphertext) === keyring.currentKeyId) {
          report.current++
          continue
        }
        let reencrypted: Buffer
        try {
          reencrypted = keyring.encrypt(
            tenantId,
            row.name,
            keyring.decrypt(tenantId, row.name, row.ciphertext),
          )
        } catch (error) {
          if (!(error instanceof SecretDecryptionError)) throw error
          report.failed.push({ tenant_id: tenantId, name: row.name, reason: error.reason })
          continue
        }
        await row.write(reencrypted)
        changed++
      }
      report.reencrypted += changed
      if (changed > 0) {
        await appendAuditEvent(tx, {
          actor: 'cli',
          action: 'secrets.rotate_master',
          target: `tenant:${tenantId}`,
          details: { reencrypted: changed, key_id: keyring.currentKeyId },
        })
      }
    })
  }
  return report
}
