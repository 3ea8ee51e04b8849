// Keys the platform makes for itself when the operator gives none: outside production, with the embedded
// database, a 32-byte key is generated once into a file beside the data folder (not inside it), 0600, and
// read back at every start. The secrets master key is one; any plugin needing such a key (the marketplace's
// signing seed) takes it from `secretsLocalKeys` rather than writing key files of its own. Nothing here
// logs or returns a key's bytes except to its caller.
import { randomBytes } from 'node:crypto'
import { chmodSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Logger } from 'pino'
import type { Config } from '../../app/plugin-kit.js'

export interface LocalKeys {
  /** Whether this deployment keeps generated key files (not production, the embedded database). */
  readonly enabled: boolean
  /** Where the key file `name` is (beside the embedded PostgreSQL's data folder). */
  pathOf(name: string): string
  /**
   * The key in file `name`, generated when missing; undefined when key files are not kept here. `missing`
   * is the warning logged once when a key is generated (what it is, and what to set instead).
   */
  readOrCreate(name: string, missing: string): Buffer | undefined
}

/** Where the key file `name` is: beside the embedded PostgreSQL's data folder, not inside it. */
export const localKeyPath = (config: Pick<Config, 'embedded'>, name: string): string =>
  path.join(path.dirname(path.resolve(config.embedded.dataDir)), name)

/** The key file's 32 bytes; undefined when there is no file. */
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
function readOrCreateKeyFile(file: string, logger: Logger, missing: string): Buffer {
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
  logger.warn({ file }, `${missing}; back this file up with the database`)
  return key
}

export function makeLocalKeys({ config, logger }: { config: Config; logger: Logger }): LocalKeys {
  const enabled = config.env !== 'production' && config.database === undefined
  const pathOf = (name: string) => localKeyPath(config, name)
  return {
    enabled,
    pathOf,
    readOrCreate: (name, missing) =>
      enabled ? readOrCreateKeyFile(pathOf(name), logger, missing) : undefined,
  }
}
