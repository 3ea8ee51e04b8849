// Tenant secrets (issue 18): stored encrypted, listed without values, used by tools only by reference
// ({{secrets.NAME}}) through the secretsResolver service, every use audited. See SECURITY.md, Secrets.
import { randomUUID } from 'node:crypto'
import { asFunction, asValue, definePlugin } from '../../app/plugin-kit.js'
import { secretsNeedAKey } from './secrets.boot.js'
import { secretsErrors } from './secrets.errors.js'
import { makeLocalKeys, type LocalKeys } from './secrets.key-files.js'
import { makeSecretsKeyring, type SecretsKeyring } from './secrets.keyring.js'
import * as operations from './secrets.operations.js'
import { makeSecretsRepo, type SecretsRepo } from './secrets.repo.js'
import { secretsReferences, type SecretsReferences } from './secrets.references.js'
import { makeSecretResolver, type SecretResolver } from './secrets.resolver.js'
import type { EncryptedColumn } from './secrets.rotation.js'
import { makeSecretsService, type SecretsService } from './secrets.service.js'

declare module '../../app/plugin-kit.js' {
  interface ExtensionPoints {
    /** Ciphertexts of the keyring kept by another plugin, re-encrypted by rotate-master (secrets.rotation.ts). */
    encryptedSecrets: EncryptedColumn
  }
  interface Cradle {
    /** The master key(s), once per process: the only holder of key material (secrets.crypto.ts). */
    secretsKeyring: SecretsKeyring
    /** Keys the platform generates for itself without an operator's key (embedded default; secrets.key-files.ts). */
    secretsLocalKeys: LocalKeys
    secretsRepo: SecretsRepo
    secretsService: SecretsService
    /** For tool kinds: the values of the secrets a tool refers to, each use audited (secrets.resolver.ts). */
    secretsResolver: SecretResolver
    /** For tool kinds: find and substitute {{secrets.NAME}} references (secrets.references.ts). */
    secretsReferences: SecretsReferences
  }
}

export const secretsPlugin = definePlugin({
  id: 'secrets',
  // dependents() reads the catalog's tools.config for {{secrets.NAME}} references.
  dependsOn: ['catalog'],
  dir: import.meta.dirname,
  services: {
    secretsKeyring: asFunction(makeSecretsKeyring).singleton(),
    secretsLocalKeys: asFunction(makeLocalKeys).singleton(),
    secretsRepo: asFunction(makeSecretsRepo).scoped(),
    secretsService: asFunction(makeSecretsService).scoped(),
    secretsResolver: asFunction(makeSecretResolver).scoped(),
    secretsReferences: asValue(secretsReferences),
  },
  operations,
  tenantTables: ['secrets'],
  migrations: 'migrations',
  spec: 'secrets.openapi.yaml',
  errors: secretsErrors,
  contributes: { bootChecks: [secretsNeedAKey] },
  fixtures: {
    // A secret is named by its name, which create() resolves to (the answer has no id). Unique: some tests
    // make one fixture per operation in the same tenant.
    '/api/v1/secrets/{name}': async ({ create }) =>
      create('/api/v1/secrets', {
        name: `fixture-${randomUUID().slice(0, 8)}`,
        value: 'fixture-secret-value',
      }),
  },
})
