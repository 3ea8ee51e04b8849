// The seam for consumers (the http tool kind): turn the secret names a tool's configuration refers to into
// their values, inside the tenant's transaction, recording each use in the audit log. The values live in
// the returned map only; callers put them into the outgoing request and nowhere else (no step, no log).
import { appError } from '../../app/plugin-kit.js'
import type { SecretsKeyring } from './secrets.keyring.js'
import type { SecretsRepo } from './secrets.repo.js'
import { requireKeyring, undecryptable } from './secrets.service.js'
import { substituteSecretReferences } from './secrets.references.js'

export interface SecretUse {
  /** The tool whose configuration refers to the secrets. */
  toolId: string | null
  /** The execution (run) the tool call belongs to; null outside one (a tool test call). */
  executionId: string | null
}

/**
 * Resolved values, with the two things every consumer does with them: fill a template, and scrub the
 * values out of whatever comes back (a server that echoes a header must not put a secret in a step).
 */
export interface ResolvedSecrets extends ReadonlyMap<string, string> {
  /** The text with every `{{secrets.NAME}}` replaced by its value (a name not resolved throws). */
  fill(template: string): string
  /** Every occurrence of a value replaced by `[secret NAME]`, in strings and object keys, at any depth. */
  redact<T>(node: T): T
}

export function resolvedSecrets(values: ReadonlyMap<string, string>): ResolvedSecrets {
  const present = [...values].filter(([, value]) => value.length > 0)
  const scrub = (text: string): string =>
    present.reduce((out, [name, value]) => out.split(value).join(`[secret ${name}]`), text)
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return scrub(node)
    if (Array.isArray(node)) return node.map(walk)
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [scrub(key), walk(item)]))
    }
    return node
  }
  return Object.assign(new Map(values), {
    fill: (template: string) => substituteSecretReferences(template, values),
    redact: <T>(node: T): T => (present.length === 0 ? node : (walk(node) as T)),
  })
}

export interface SecretResolver {
  /**
   * The values of `names` for the scope's tenant. Every name must exist (else SECRETS_UNRESOLVED naming the
   * missing ones); each is recorded as used (last_used_at, an audit event: name, tool, execution, time).
   */
  resolve(names: readonly string[], use: SecretUse): Promise<ResolvedSecrets>
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
      if (wanted.length === 0) return resolvedSecrets(new Map())
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
      return resolvedSecrets(values)
    },
  }
}
