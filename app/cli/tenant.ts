// `npm run tenant -- create NAME`: creates a tenant and prints its new API key, once.
import { ConfigError, loadConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { locateDatabase } from '../database.js'
import { createPool } from '../../db/client.js'
import { createTenant } from '../admin/tenants.repo.js'

const usage = 'usage: npm run tenant -- create NAME   (NAME: 1..100 characters)'

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args
  const name = rest.join(' ').trim()
  if (command !== 'create' || name.length < 1 || name.length > 100) {
    process.stderr.write(`${usage}\n`)
    return 2
  }
  const config = loadConfig()
  const logger = createLogger({ logLevel: 'warn' })
  const database = await locateDatabase(config, logger)
  if (!database.ownerUrl) {
    process.stderr.write('DATABASE_OWNER_URL must be set: tenants are created by the owner role.\n')
    await database.close()
    return 2
  }
  const owner = createPool(database.ownerUrl, {
    max: 1,
    connectTimeoutSeconds: config.dbConnectTimeoutSeconds,
  })
  try {
    const tenant = await createTenant(owner, name)
    process.stdout.write(
      `Created tenant "${tenant.name}" (${tenant.tenantId}).\n` +
        `API key (shown once, store it now): ${tenant.apiKey}\n`,
    )
    return 0
  } finally {
    await owner.end({ timeout: 5 })
    await database.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
