// Rules, no SQL and no HTTP. A value comes in (create, replace) and goes straight to secrets.crypto.ts; what
// comes back out is metadata only.
import { appError, toPage, type Page, type PageRequest } from '../../app/plugin-kit.js'
import { SecretDecryptionError, type Keyring } from './secrets.crypto.js'
import type { SecretsKeyring } from './secrets.keyring.js'
import { SecretNameTakenError, type SecretMetadata, type SecretsRepo } from './secrets.repo.js'

export const secretNotFound = (name: string) =>
  appError('SECRETS_NOT_FOUND', `No secret named ${name}.`, { name })

/** The keyring, or a 503 saying there is none (no SECRETS_MASTER_KEY where no key file is generated). */
export function requireKeyring(keys: SecretsKeyring): Keyring {
  if (keys.keyring) return keys.keyring
  throw appError('SECRETS_KEY_UNAVAILABLE', 'No master key is configured: set SECRETS_MASTER_KEY.', {
    reason: 'no_master_key',
  })
}

/** A ciphertext that does not open, as a 503 with its reason only (never the name's value, never the bytes). */
export function undecryptable(error: unknown): never {
  if (!(error instanceof SecretDecryptionError)) throw error
  throw appError(
    'SECRETS_KEY_UNAVAILABLE',
    'A stored secret could not be decrypted with the configured keys.',
    {
      reason: error.reason,
    },
  )
}

export function makeSecretsService({
  secretsRepo: repo,
  secretsKeyring: keys,
  tenantId,
}: {
  secretsRepo: SecretsRepo
  secretsKeyring: SecretsKeyring
  tenantId: string
}) {
  return {
    async list(page: PageRequest): Promise<Page<SecretMetadata>> {
      const { items, total } = await repo.list(page.limit, page.offset)
      return toPage(items, total, page)
    },

    async create(name: string, value: string): Promise<SecretMetadata> {
      const ciphertext = requireKeyring(keys).encrypt(tenantId, name, value)
      return repo.create(name, ciphertext).catch((error: unknown) => {
        if (!(error instanceof SecretNameTakenError)) throw error
        throw appError('SECRETS_NAME_TAKEN', `A secret named ${name} already exists.`, { name })
      })
    },

    async replace(name: string, value: string): Promise<SecretMetadata> {
      const ciphertext = requireKeyring(keys).encrypt(tenantId, name, value)
      return (await repo.replace(name, ciphertext)) ?? Promise.reject(secretNotFound(name))
    },

    /** Refused while a tool's configuration refers to it, naming those tools. */
    async delete(name: string): Promise<void> {
      const dependents = await repo.dependents(name)
      if (dependents.length > 0) {
        throw appError(
          'SECRETS_IN_USE',
          `The secret ${name} is used by ${dependents.length} tool(s); change or delete them first.`,
          { name, dependent_tools: dependents },
        )
      }
      if (!(await repo.delete(name))) throw secretNotFound(name)
    },
  }
}

export type SecretsService = ReturnType<typeof makeSecretsService>
