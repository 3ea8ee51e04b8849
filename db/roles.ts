// Database and roles, created once by a superuser (embedded mode, tests, or `npm run db:bootstrap`).
//   map_owner  owns the schema and runs migrations; no superuser, no BYPASSRLS (RLS is forced on it too).
//   map_app    the API's login: owns nothing, no BYPASSRLS, only the grants the migrations write out.
//   map_admin  operators' login (admin API and CLI): no BYPASSRLS either; the migrations give it the few
//              cross-tenant policies administration needs (tenants, API keys, reading the audit log).
import postgres from 'postgres'

export const ownerRole = 'map_owner'
export const appRole = 'map_app'
export const adminRole = 'map_admin'

export interface BootstrapOptions {
  superuserUrl: string
  database: string
  ownerPassword: string
  appPassword: string
  adminPassword: string
}

const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`

/** Idempotent: creates what is missing and resets the passwords and role settings to the given ones. */
export async function bootstrapDatabase(options: BootstrapOptions): Promise<void> {
  const admin = postgres(options.superuserUrl, { max: 1, onnotice: () => undefined })
  try {
    for (const [role, password] of [
      [ownerRole, options.ownerPassword],
      [appRole, options.appPassword],
      [adminRole, options.adminPassword],
    ] as const) {
      const [exists] = await admin`select 1 from pg_roles where rolname = ${role}`
      const verb = exists ? 'alter' : 'create'
      await admin.unsafe(
        `${verb} role ${role} login password ${literal(password)} nosuperuser nocreatedb nocreaterole nobypassrls noreplication`,
      )
    }
    // A transaction left open (a crashed request, a driver fault) must not hold a tenant's connection for long.
    await admin.unsafe(`alter role ${appRole} set idle_in_transaction_session_timeout = '15s'`)
    await admin.unsafe(`alter role ${appRole} set statement_timeout = '30s'`)
    await admin.unsafe(`alter role ${adminRole} set idle_in_transaction_session_timeout = '60s'`)
    const [database] = await admin`select 1 from pg_database where datname = ${options.database}`
    if (!database) await admin.unsafe(`create database ${options.database} owner ${ownerRole}`)
    await admin.unsafe(`revoke all on database ${options.database} from public`)
    await admin.unsafe(
      `grant connect on database ${options.database} to ${ownerRole}, ${appRole}, ${adminRole}`,
    )
    await admin.unsafe(`grant create, temporary on database ${options.database} to ${ownerRole}`)
  } finally {
    await admin.end({ timeout: 5 })
  }
  const databaseUrl = new URL(options.superuserUrl)
  databaseUrl.pathname = `/${options.database}`
  const inDatabase = postgres(databaseUrl.toString(), { max: 1, onnotice: () => undefined })
  try {
    // The owner owns the schema; nobody else may create objects in it.
    await inDatabase.unsafe(`alter schema public owner to ${ownerRole}`)
    await inDatabase.unsafe('revoke create on schema public from public')
  } finally {
    await inDatabase.end({ timeout: 5 })
  }
}

export function roleUrl(superuserUrl: string, role: string, password: string, database: string): string {
  const url = new URL(superuserUrl)
  url.username = role
  url.password = password
  url.pathname = `/${database}`
  return url.toString()
}
