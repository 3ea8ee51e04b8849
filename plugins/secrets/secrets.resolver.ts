// The seam for consumers (the http tool kind): turn the secret names a tool's configuration refers to into
// their values, inside the tenant's transaction, recording each use in the audit log. The values live in
// the returned map only; callers put them into the outgoing request and nowhere else (no step, no log).
import { appError } from '../../app/plugin-kit.js'
import type { SecretsKeyring } from './secrets.keyring.js'
import type { SecretsRepo } from './secrets.repo.js'
import { requireKeyring, undecryptable } from './secrets.service.js'

export interface SecretUse {
  /** The tool whose configuration refers to the secrets. */
  toolId: string | null
  /** The execution (run) the tool call belongs to; null outside one (a tool test call). */
  executionId: string | null
}

export interface SecretResolver {
  /**
   * The values of `names` for the scope's tenant. Every name must exist (else SECRETS_UNRESOLVED naming the
   * missing ones); each is recorded as used (last_used_at, an audit event: name, tool, execution, time).
   */
  resolve(names: readonly string[], use: SecretUse): Promise<ReadonlyMap<string, string>>
}

export function makeSecretResolver({
  secretsRepo: repo,
  secretsKeyring: keys,
  tenantId,
  requestId,
}: {
  secretsRepo: SecretsRepo
  secretsKeyring: SecretsKeyring
  tenantId: string
  requestId?: string
}): SecretResolver {
  return {
    async resolve(names, use) {
      const wanted = [...new Set(names)]
      if (wanted.length === 0) return new Map()
      const keyring = requireKeyring(keys)
      const rows = await repo.ciphertexts(wanted)
      const found = new Set(rows.map((row) => row.name))
      const missing = wanted.filter((name) => !found.has(name))
      if (missing.length > 0) {
        throw appError('SECRETS_UNRESOLVED', `No secret named ${missing.join(', ')}.`, { names: missing })
      }
      const values = new Map<string, string>()
      for (const row of rows) {
        try {
          values.set(row.name, keyring.decrypt(tenantId, row.name, row.ciphertext))
        } catch (error) {
          undecryptable(error)
        }
      }
      // Sequential: each audit append takes the tenant chain's lock in this transaction anyway.
      for (const name of wanted) await repo.recordUse(name, { ...use, requestId: requestId ?? null })
      return values
    },
  }
}
