// SQL only. The ciphertext column is read only by the resolver (a tool's use) and written only with what
// secrets.crypto.ts made; listing never selects it.
import { isUniqueViolation, type TransactionSql } from '../../app/plugin-kit.js'
import { referenceText } from './secrets.references.js'

export interface SecretMetadata {
  name: string
  created_at: Date
  updated_at: Date
  last_used_at: Date | null
}

export interface DependentTool {
  id: string
  name: string
}

/** The tenant already has a secret with this name. */
export class SecretNameTakenError extends Error {}

const metadata = (tx: TransactionSql) => tx`name, created_at, updated_at, last_used_at`

export function makeSecretsRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  return {
    async list(limit: number, offset: number): Promise<{ items: SecretMetadata[]; total: number }> {
      const [items, [count]] = await Promise.all([
        tx<SecretMetadata[]>`
          select ${metadata(tx)} from secrets where tenant_id = ${tenantId}
           order by created_at desc, name limit ${limit} offset ${offset}`,
        tx<{ total: number }[]>`select count(*)::int as total from secrets where tenant_id = ${tenantId}`,
      ])
      return { items, total: count?.total ?? 0 }
    },

    async create(name: string, ciphertext: Buffer): Promise<SecretMetadata> {
      const [row] = await tx<SecretMetadata[]>`
        insert into secrets (tenant_id, name, ciphertext) values (${tenantId}, ${name}, ${ciphertext})
        returning ${metadata(tx)}`.catch((error: unknown) => {
        throw isUniqueViolation(error, 'secrets_pkey') ? new SecretNameTakenError() : error
      })
      return row!
    },

    async replace(name: string, ciphertext: Buffer): Promise<SecretMetadata | undefined> {
      const [row] = await tx<SecretMetadata[]>`
        update secrets set ciphertext = ${ciphertext}, updated_at = now()
         where tenant_id = ${tenantId} and name = ${name}
        returning ${metadata(tx)}`
      return row
    },

    async delete(name: string): Promise<boolean> {
      const rows =
        await tx`delete from secrets where tenant_id = ${tenantId} and name = ${name} returning name`
      return rows.length > 0
    },

    async exists(name: string): Promise<boolean> {
      const rows = await tx`select 1 from secrets where tenant_id = ${tenantId} and name = ${name}`
      return rows.length > 0
    },

    /** The tenant's tools whose configuration refers to the secret ({{secrets.NAME}} anywhere in it). */
    dependents(name: string): Promise<DependentTool[]> {
      return tx<DependentTool[]>`
        select id, name from tools
         where tenant_id = ${tenantId} and strpos(config::text, ${referenceText(name)}) > 0
         order by name, id`
    },

    /** The ciphertexts of the names asked for, locked against a concurrent replace or delete. */
    ciphertexts(names: readonly string[]): Promise<{ name: string; ciphertext: Buffer }[]> {
      return tx<{ name: string; ciphertext: Buffer }[]>`
        select name, ciphertext from secrets
         where tenant_id = ${tenantId} and name = any(${names as string[]}::text[]) for share`
    },

    /** One use: last_used_at, and an audit event (name, tool, execution, time; never the value). */
    async recordUse(
      name: string,
      use: { toolId: string | null; executionId: string | null; requestId: string | null },
    ): Promise<void> {
      await Promise.all([
        tx`update secrets set last_used_at = now() where tenant_id = ${tenantId} and name = ${name}`,
        tx`select app.append_secret_use_event(${name}, ${use.toolId}, ${use.executionId}, ${use.requestId})`,
      ])
    },
  }
}

export type SecretsRepo = ReturnType<typeof makeSecretsRepo>
