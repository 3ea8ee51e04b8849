// Database and roles, created once by a superuser (embedded mode, tests, or `npm run db:bootstrap`).
//   map_owner  owns the schema and runs migrations; no superuser, no BYPASSRLS (RLS is forced on it too).
//   map_app    the API's login: owns nothing, no BYPASSRLS, only the grants the migrations write out.
//   map_admin  operators' login (admin API and CLI): no BYPASSRLS either; the migrations give it the few
//              cross-tenant policies administration needs (tenants, API keys, reading the audit log).
import postgres from 'postgres'

export const ownerRole = 'map_owner'
export const appRole = 'map_app'
export const adminRole = 'map_admin'

/** pg_catalog functions on large objects: storage outside every table, so outside RLS and the quotas. */
export const largeObjectFunctions = '^(lo_|loread$|lowrite$)'
/** pg_catalog advisory-lock functions: one lock space shared by every tenant. */
export const advisoryLockFunctions = '^pg_(try_)?advisory_'

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
    await admin.begin(async (tx) => {
      // Stored as SCRAM verifiers whatever the server's default: never in plain text or MD5.
      await tx.unsafe(`set local password_encryption = 'scram-sha-256'`)
      for (const [role, password] of [
        [ownerRole, options.ownerPassword],
        [appRole, options.appPassword],
        [adminRole, options.adminPassword],
      ] as const) {
        const [exists] = await tx`select 1 from pg_roles where rolname = ${role}`
        const verb = exists ? 'alter' : 'create'
        await tx.unsafe(
          `${verb} role ${role} login password ${literal(password)} nosuperuser nocreatedb nocreaterole nobypassrls noreplication`,
        )
      }
    })
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
    await revokeCatalogFunctions(inDatabase)
  } finally {
    await inDatabase.end({ timeout: 5 })
  }
}

/**
 * Every role may, by default, call pg_catalog's large-object and advisory-lock functions (grants to PUBLIC).
 * Large objects live outside every table, so outside RLS and the quotas; advisory locks are one space that
 * every tenant shares. Nothing of ours needs them but the owner's locks: node-pg-migrate migrates under
 * pg_advisory_lock, and app.append_audit_event (SECURITY DEFINER, run as the owner) serialises each chain with
 * pg_advisory_xact_lock. Function privileges are per database: this runs in ours, and is idempotent.
 */
async function revokeCatalogFunctions(sql: postgres.Sql): Promise<void> {
  const functions = await sql<{ signature: string; advisory: boolean }[]>`
    select 'pg_catalog.' || p.oid::regprocedure::text as signature, p.proname ~ ${advisoryLockFunctions} as advisory
      from pg_proc p
     where p.pronamespace = 'pg_catalog'::regnamespace
       and (p.proname ~ ${largeObjectFunctions} or p.proname ~ ${advisoryLockFunctions})
     order by 1`
  const list = (rows: { signature: string }[]) => `function ${rows.map((f) => f.signature).join(', ')}`
  if (functions.length > 0) await sql.unsafe(`revoke execute on ${list(functions)} from public`)
  const advisory = functions.filter((f) => f.advisory)
  if (advisory.length > 0) await sql.unsafe(`grant execute on ${list(advisory)} to ${ownerRole}`)
}

export function roleUrl(superuserUrl: string, role: string, password: string, database: string): string {
  const url = new URL(superuserUrl)
  url.username = role
  url.password = password
  url.pathname = `/${database}`
  return url.toString()
}
