// Where the master key comes from: SECRETS_MASTER_KEY (and _PREVIOUS while rotating); without it, outside
// production with the embedded database, a key generated once into the data folder; otherwise none.
import { randomBytes } from 'node:crypto'
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'
import type { Config } from '../../app/plugin-kit.js'
import { makeKeyring, type Keyring } from './secrets.crypto.js'

export type KeySource = 'configured' | 'key-file' | 'none'

export interface SecretsKeyring {
  /** undefined: no master key (production without SECRETS_MASTER_KEY, or an external database). */
  readonly keyring: Keyring | undefined
  readonly source: KeySource
}

/** The generated key of the embedded default: beside the embedded PostgreSQL's data folder, not inside it. */
export const keyFilePath = (config: Pick<Config, 'embedded'>): string =>
  path.join(path.dirname(path.resolve(config.embedded.dataDir)), 'secrets-master.key')

/** The key file's key; undefined when there is no file. */
function readKeyFile(file: string): Buffer | undefined {
  try {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
    if (key.length !== 32) throw new Error(`${file} does not hold base64 of 32 bytes; remove it or fix it`)
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
    return key
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return undefined
  }
}

/** Reads the key file, creating it (0600, 32 random bytes as base64) when it does not exist. */
function readOrCreateKeyFile(file: string, logger: Logger): Buffer {
  const existing = readKeyFile(file)
  if (existing) return existing
  mkdirSync(path.dirname(file), { recursive: true })
  const key = randomBytes(32)
  // Written whole to a file of our own, then linked into place: link() never replaces a key another process
  // (a cluster worker) put there meanwhile, and nobody ever reads a half-written file. That key wins then.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
  writeFileSync(draft, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  try {
    linkSync(draft, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const theirs = readKeyFile(file)
    if (!theirs) throw error
    return theirs
  } finally {
    unlinkSync(draft)
  }
  logger.warn(
    { file },
    'generated a master key for tenant secrets (no SECRETS_MASTER_KEY); back this file up with the database',
  )
  return key
}

export function makeSecretsKeyring({ config, logger }: { config: Config; logger: Logger }): SecretsKeyring {
  const { current, previous } = config.secretsMasterKey
  if (current) return { keyring: makeKeyring(current, previous), source: 'configured' }
  if (config.env !== 'production' && config.database === undefined) {
    return { keyring: makeKeyring(readOrCreateKeyFile(keyFilePath(config), logger)), source: 'key-file' }
  }
  return { keyring: undefined, source: 'none' }
}
