// The pools' options, named once: the API's three pools and the job worker process's take them from the
// configuration the same way.
import type { PoolOptions } from '../db/client.js'
import type { Config } from './config.js'

/** What every pool of a process takes from the configuration; its size is the caller's. */
export const poolOptionsOf = (config: Config, max: number): PoolOptions => ({
  max,
  connectTimeoutSeconds: config.dbConnectTimeoutSeconds,
  checkNesting: config.checkTransactionNesting,
})

/** The app role's pool, the API's and the job worker process's: sized and shared between tenants by config. */
export const appPoolOptionsOf = (config: Config): PoolOptions => ({
  ...poolOptionsOf(config, config.dbPoolMax),
  tenantShare: config.tenantShare,
})
