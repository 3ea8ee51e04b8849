// Where the master key comes from: SECRETS_MASTER_KEY (and _PREVIOUS while rotating); without it, outside
// production with the embedded database, a key generated once into the data folder; otherwise none.
import type { Logger } from 'pino'
import type { Config } from '../../app/plugin-kit.js'
import { makeKeyring, type Keyring } from './secrets.crypto.js'
import { localKeyPath, makeLocalKeys } from './secrets.key-files.js'

export type KeySource = 'configured' | 'key-file' | 'none'

export interface SecretsKeyring {
  /** undefined: no master key (production without SECRETS_MASTER_KEY, or an external database). */
  readonly keyring: Keyring | undefined
  readonly source: KeySource
}

const masterKeyFile = 'secrets-master.key'

/** The generated key of the embedded default (secrets.key-files.ts). */
export const keyFilePath = (config: Pick<Config, 'embedded'>): string => localKeyPath(config, masterKeyFile)

export function makeSecretsKeyring({ config, logger }: { config: Config; logger: Logger }): SecretsKeyring {
  const { current, previous } = config.secretsMasterKey
  if (current) return { keyring: makeKeyring(current, previous), source: 'configured' }
  const generated = makeLocalKeys({ config, logger }).readOrCreate(
    masterKeyFile,
    'generated a master key for tenant secrets (no SECRETS_MASTER_KEY)',
  )
  return generated
    ? { keyring: makeKeyring(generated), source: 'key-file' }
    : { keyring: undefined, source: 'none' }
}
