// `npm run db -- bootstrap`           create the roles and database (as a superuser; once per cluster)
// `npm run db -- migrate [up|down] [N]` run migrations as the owner (down: one by default)
import { ConfigError, loadConfig } from '../config.js'
import { createLogger } from '../logger.js'
import { locateDatabase } from '../database.js'
import { bootstrapDatabase } from '../../db/roles.js'
import { migrate } from '../../db/migrate.js'
import { plugins } from '../../plugins/index.js'

const usage = 'usage: npm run db -- bootstrap | migrate [up|down] [count]'

async function bootstrap(): Promise<number> {
  const { bootstrap: b } = loadConfig()
  if (!b.superuserUrl || !b.ownerPassword || !b.appPassword || !b.adminPassword) {
    process.stderr.write(
      'bootstrap needs DATABASE_SUPERUSER_URL, DB_OWNER_PASSWORD, DB_APP_PASSWORD and DB_ADMIN_PASSWORD\n',
    )
    return 2
  }
  await bootstrapDatabase({
    superuserUrl: b.superuserUrl,
    database: b.database,
    ownerPassword: b.ownerPassword,
    appPassword: b.appPassword,
    adminPassword: b.adminPassword,
  })
  process.stdout.write(`roles map_owner, map_app and map_admin and database ${b.database} are ready\n`)
  return 0
}

async function runMigrations(direction: string | undefined, count: string | undefined): Promise<number> {
  if ((direction && direction !== 'up' && direction !== 'down') || (count && !/^\d+$/.test(count))) {
    process.stderr.write(`${usage}\n`)
    return 2
  }
  const config = loadConfig()
  const database = await locateDatabase(config, createLogger({ logLevel: 'warn' }))
  try {
    if (!database.ownerUrl) {
      process.stderr.write('DATABASE_OWNER_URL must be set: migrations run as the owner role\n')
      return 2
    }
    const applied = await migrate({
      ownerUrl: database.ownerUrl,
      plugins,
      direction: (direction ?? 'up') as 'up' | 'down',
      ...(count ? { count: Number(count) } : {}),
      log: (message) => process.stdout.write(`${message}\n`),
    })
    process.stdout.write(`${direction ?? 'up'}: ${applied.length} migration(s)\n`)
    return 0
  } finally {
    await database.close()
  }
}

async function main([command, ...args]: string[]): Promise<number> {
  if (command === 'bootstrap') return bootstrap()
  if (command === 'migrate') return runMigrations(args[0], args[1])
  process.stderr.write(`${usage}\n`)
  return 2
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
