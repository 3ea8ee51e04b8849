// Where the database is: the configured URLs, or the embedded PostgreSQL when DATABASE_URL is unset.
import type { Logger } from 'pino'
import type { Config } from './config.js'
import { startEmbeddedPostgres } from '../db/embedded.js'
import { availableMemoryBytes, machineSettings } from '../db/embedded-settings.js'

export interface DatabaseLocation {
  appUrl: string
  ownerUrl: string | undefined
  /** The operators' role (map_admin): DATABASE_ADMIN_URL, or derived in embedded mode. */
  adminUrl: string | undefined
  embedded: boolean
  close: () => Promise<void>
}

export async function locateDatabase(config: Config, logger: Logger): Promise<DatabaseLocation> {
  if (config.database) {
    return {
      ...config.database,
      adminUrl: config.adminDatabaseUrl,
      embedded: false,
      close: () => Promise.resolve(),
    }
  }
  // Every API process's pool, and the operators' (2 each, when on).
  const connections = config.webConcurrency * (config.dbPoolMax + (config.adminToken ? 2 : 0))
  const settings = machineSettings({ memoryBytes: availableMemoryBytes(), connections })
  logger.info(
    { dataDir: config.embedded.dataDir, port: config.embedded.port, settings },
    'starting embedded PostgreSQL',
  )
  const db = await startEmbeddedPostgres({
    dataDir: config.embedded.dataDir,
    port: config.embedded.port,
    sharedDir: config.embedded.sharedDir,
    settings,
    log: (message) => logger.debug({ component: 'embedded-postgres' }, message),
    notice: (message) => logger.info({ component: 'embedded-postgres' }, message),
  })
  return { appUrl: db.appUrl, ownerUrl: db.ownerUrl, adminUrl: db.adminUrl, embedded: true, close: db.stop }
}
