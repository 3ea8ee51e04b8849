// Where the database is: the configured URLs, or the embedded PostgreSQL when DATABASE_URL is unset.
import type { Logger } from 'pino'
import type { Config } from './config.js'
import { startEmbeddedPostgres } from '../db/embedded.js'

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
  logger.info(
    { dataDir: config.embedded.dataDir, port: config.embedded.port },
    'starting embedded PostgreSQL',
  )
  const db = await startEmbeddedPostgres({
    dataDir: config.embedded.dataDir,
    port: config.embedded.port,
    sharedDir: config.embedded.sharedDir,
    log: (message) => logger.debug({ component: 'embedded-postgres' }, message),
    notice: (message) => logger.info({ component: 'embedded-postgres' }, message),
  })
  return { appUrl: db.appUrl, ownerUrl: db.ownerUrl, adminUrl: db.adminUrl, embedded: true, close: db.stop }
}
