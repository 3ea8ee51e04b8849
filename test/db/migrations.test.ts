// Every migration, core and plugin, run up, all the way down and up again in scratch databases, as the
// owner role the way deployments run them. Down must undo Up exactly, or a rollback leaves a half schema.
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import { createTenant } from '../../app/admin/tenants.repo.js'
import { hashApiKey } from '../../app/auth/api-keys.js'
import { createPool, inTenantTransaction, type Sql } from '../../db/client.js'
import { coreTenantTables, migrate, migrationDirs, migrationsTable } from '../../db/migrate.js'
import { appRole, ownerRole } from '../../db/roles.js'
import { testPlugins } from '../harness/plugins.js'
import { testStack } from '../harness/stack.js'

interface MigrationFile {
  name: string
  file: string
  text: string
}

const migrationFiles = (): MigrationFile[] =>
  migrationDirs(testPlugins)
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((entry) => entry.endsWith('.sql'))
        .map((entry) => {
          const file = path.join(dir, entry)
          return { name: path.basename(entry, '.sql'), file, text: readFileSync(file, 'utf8') }
        }),
    )
    .sort((a, b) => a.name.localeCompare(b.name))

const tenantTableNames = (): string[] => [
  'tenants',
  ...coreTenantTables,
  ...testPlugins.flatMap((plugin) => plugin.tenantTables ?? []),
]

/** Statements of a section, with comment lines and blank lines removed. */
const statements = (section: string): string =>
  section
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .trim()

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

interface ScratchDatabase {
  name: string
  ownerUrl: string
  appUrl: string
  superuserUrl: string
}

const scratchDatabases: string[] = []

/** A new, empty database owned by the owner role, which the app role may connect to, dropped in after(). */
async function createScratchDatabase(): Promise<ScratchDatabase> {
  const { superSql, database } = testStack()
  const name = `map_mig_${randomBytes(6).toString('hex')}`
  await superSql.unsafe(`create database ${name} owner ${ownerRole}`)
  scratchDatabases.push(name)
  await superSql.unsafe(`revoke all on database ${name} from public`)
  await superSql.unsafe(`grant connect on database ${name} to ${ownerRole}, ${appRole}`)
  return {
    name,
    ownerUrl: withDatabase(database.ownerUrl, name),
    appUrl: withDatabase(database.appUrl, name),
    superuserUrl: withDatabase(database.superuserUrl, name),
  }
}

/** Runs fn on a one-connection pool to url and closes it afterwards. */
async function connected<T>(url: string, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = createPool(url, { max: 1, connectTimeoutSeconds: 5 })
  try {
    return await fn(sql)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

interface SchemaState {
  schemas: string[]
  tables: string[]
  tenantIdTables: string[]
  applied: string[]
}

/** What exists in the scratch database, read as superuser (which sees past row-level security). */
const schemaState = (db: ScratchDatabase): Promise<SchemaState> =>
  connected(db.superuserUrl, async (sql) => {
    const schemas = await sql<{ name: string }[]>`
      select nspname as name from pg_namespace
       where nspname not like 'pg\\_%' and nspname <> 'information_schema' order by 1`
    const tables = await sql<{ name: string; tenant_id: boolean }[]>`
      select c.relname as name,
             exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id') as tenant_id
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'app') and c.relkind in ('r', 'p', 'v', 'm')
       order by 1`
    const [hasLog] = await sql`select to_regclass(${`public.${migrationsTable}`}) is not null as present`
    const applied = hasLog?.present
      ? await sql<{ name: string }[]>`select name from ${sql(migrationsTable)} order by run_on, id`
      : []
    return {
      schemas: schemas.map((s) => s.name),
      tables: tables.map((t) => t.name),
      tenantIdTables: tables.filter((t) => t.tenant_id).map((t) => t.name),
      applied: applied.map((m) => m.name),
    }
  })

/** Everything the migrations define, as sorted text, to compare one migrated database with another. */
const schemaFingerprint = (db: ScratchDatabase): Promise<Record<string, string[]>> =>
  connected(db.superuserUrl, async (sql) => {
    const queries: Record<string, Promise<{ item: string }[]>> = {
      schemas: sql`
        select nspname || ' owner=' || nspowner::regrole::text || ' acl=' || coalesce(nspacl::text, '') as item
          from pg_namespace where nspname in ('public', 'app')`,
      relations: sql`
        select c.oid::regclass::text || ' kind=' || c.relkind::text || ' rls=' || c.relrowsecurity::text
               || ' force=' || c.relforcerowsecurity::text || ' owner=' || c.relowner::regrole::text
               || ' acl=' || coalesce(c.relacl::text, '') || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '')
               as item
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname in ('public', 'app') and c.relkind in ('r', 'p', 'v', 'm', 'S')`,
      columns: sql`
        select a.attrelid::regclass::text || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || ' notnull=' || a.attnotnull::text || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
               as item
          from pg_attribute a
          join pg_class c on c.oid = a.attrelid
          join pg_namespace n on n.oid = c.relnamespace
          left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
         where n.nspname in ('public', 'app') and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`,
      constraints: sql`
        select con.conrelid::regclass::text || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid) as item
          from pg_constraint con join pg_namespace n on n.oid = con.connamespace
         where n.nspname in ('public', 'app')`,
      indexes: sql`
        select pg_get_indexdef(i.indexrelid) as item
          from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname in ('public', 'app')`,
      policies: sql`
        select tablename || '.' || policyname || ' ' || permissive || ' ' || roles::text || ' ' || cmd
               || ' using=' || coalesce(qual, '') || ' check=' || coalesce(with_check, '') as item
          from pg_policies where schemaname in ('public', 'app')`,
      functions: sql`
        select p.oid::regprocedure::text || ' definer=' || p.prosecdef::text || ' config='
               || coalesce(p.proconfig::text, '') || ' acl=' || coalesce(p.proacl::text, '')
               || ' owner=' || p.proowner::regrole::text || ' body=' || p.prosrc as item
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname in ('public', 'app')`,
    }
    const fingerprint: Record<string, string[]> = {}
    for (const [kind, query] of Object.entries(queries)) {
      fingerprint[kind] = (await query).map((row) => row.item).sort()
    }
    return fingerprint
  })

describe('migrations', () => {
  after(async () => {
    const { superSql } = testStack()
    const names = scratchDatabases.splice(0)
    for (const name of names) {
      await superSql`select pg_terminate_backend(pid) from pg_stat_activity
                      where datname = ${name} and pid <> pg_backend_pid()`
      await superSql.unsafe(`drop database if exists ${name} with (force)`)
    }
    const left = await superSql`select datname from pg_database where datname = any(${names})`
    expect(left, 'scratch databases left behind').to.deep.equal([])
  })

  describe('the migration files', () => {
    it('gives every .sql file an Up section and a Down section, each with statements', () => {
      const files = migrationFiles()
      expect(files.length, 'migration files').to.be.at.least(3)
      for (const { file, text } of files) {
        const up = text.indexOf('-- Up Migration')
        const down = text.indexOf('-- Down Migration')
        expect(up, `${file}: -- Up Migration`).to.be.at.least(0)
        expect(down, `${file}: -- Down Migration after the Up section`).to.be.greaterThan(up)
        expect(
          statements(text.slice(up + '-- Up Migration'.length, down)),
          `${file}: Up statements`,
        ).to.not.equal('')
        expect(
          statements(text.slice(down + '-- Down Migration'.length)),
          `${file}: Down statements`,
        ).to.not.equal('')
      }
    })

    it('drops in each Down every table, function and schema its Up creates', () => {
      const checked: string[] = []
      for (const { file, text } of migrationFiles()) {
        const [up = '', down = ''] = text.split('-- Down Migration')
        const created = (kind: string): string[] =>
          [...statements(up).matchAll(new RegExp(`\\bcreate ${kind} ([a-z_.]+)`, 'gi'))].map((m) =>
            m[1]!.toLowerCase(),
          )
        for (const kind of ['table', 'function', 'schema']) {
          for (const name of created(kind)) {
            expect(statements(down).toLowerCase(), `${file}: drop ${kind} ${name}`).to.match(
              new RegExp(`\\bdrop ${kind} ${name.replace('.', '\\.')}\\b`),
            )
            checked.push(name)
          }
        }
      }
      expect(checked, 'objects created by the migrations').to.include.members([
        'app',
        'app.authenticate_api_key',
        'tenants',
        'api_keys',
        'tools',
        'execution_logs',
      ])
    })
  })

  describe('in a scratch database', () => {
    it('applies every migration up and records each .sql file in pgmigrations, in timestamp order', async () => {
      const db = await createScratchDatabase()
      const files = migrationFiles().map((f) => f.name)
      const ran = await migrate({ ownerUrl: db.ownerUrl, plugins: testPlugins })
      expect(ran.map((m) => m.name)).to.deep.equal(files)
      const state = await schemaState(db)
      expect(state.applied).to.deep.equal(files)
      expect(state.schemas).to.include('app')
      expect(state.tables).to.include.members(tenantTableNames())
      expect(state.tenantIdTables).to.have.members(tenantTableNames().filter((t) => t !== 'tenants'))
    })

    it('leaves no tenant table, no schema app and an empty pgmigrations after migrating down to zero', async () => {
      const db = await createScratchDatabase()
      const files = migrationFiles().map((f) => f.name)
      await migrate({ ownerUrl: db.ownerUrl, plugins: testPlugins })
      const undone = await migrate({
        ownerUrl: db.ownerUrl,
        plugins: testPlugins,
        direction: 'down',
        count: Infinity,
      })
      expect(undone.map((m) => m.name)).to.deep.equal([...files].reverse())
      const state = await schemaState(db)
      expect(state.applied).to.deep.equal([])
      expect(state.schemas).to.not.include('app')
      expect(state.tenantIdTables).to.deep.equal([])
      expect(state.tables).to.deep.equal([migrationsTable])
    })

    it('steps down one migration at a time, each Down removing exactly its own migration', async () => {
      const db = await createScratchDatabase()
      const files = migrationFiles().map((f) => f.name)
      await migrate({ ownerUrl: db.ownerUrl, plugins: testPlugins })
      for (let remaining = files.length; remaining > 0; remaining -= 1) {
        const [undone] = await migrate({
          ownerUrl: db.ownerUrl,
          plugins: testPlugins,
          direction: 'down',
          count: 1,
        })
        expect(undone?.name).to.equal(files[remaining - 1])
        expect((await schemaState(db)).applied).to.deep.equal(files.slice(0, remaining - 1))
      }
      expect((await schemaState(db)).tables).to.deep.equal([migrationsTable])
    })

    it('restores an identical schema, grants and policies included, when migrated up again after going down', async () => {
      const db = await createScratchDatabase()
      await migrate({ ownerUrl: db.ownerUrl, plugins: testPlugins })
      const first = await schemaFingerprint(db)
      expect(first.policies, 'policies after the first up').to.not.be.empty
      await migrate({ ownerUrl: db.ownerUrl, plugins: testPlugins, direction: 'down', count: Infinity })
      expect((await schemaState(db)).tenantIdTables).to.deep.equal([])
      const again = await migrate({ ownerUrl: db.ownerUrl, plugins: testPlugins })
      expect(again.map((m) => m.name)).to.deep.equal(migrationFiles().map((f) => f.name))
      expect(await schemaFingerprint(db)).to.deep.equal(first)
      const state = await schemaState(db)
      expect(state.schemas).to.include('app')
      expect(state.tables).to.include.members(tenantTableNames())
    })

    it('leaves a re-migrated database usable by the owner and the app role, with isolation intact', async () => {
      const db = await createScratchDatabase()
      await migrate({ ownerUrl: db.ownerUrl, plugins: testPlugins })
      await migrate({ ownerUrl: db.ownerUrl, plugins: testPlugins, direction: 'down', count: Infinity })
      await migrate({ ownerUrl: db.ownerUrl, plugins: testPlugins })
      const [a, b] = await connected(db.ownerUrl, async (owner) => [
        await createTenant(owner, 'mig-a'),
        await createTenant(owner, 'mig-b'),
      ])
      await connected(db.appUrl, async (app) => {
        const [found] = await app<{ tenant_id: string | null }[]>`
          select tenant_id from app.authenticate_api_key(${hashApiKey(a.apiKey)})`
        expect(found?.tenant_id).to.equal(a.tenantId)
        await inTenantTransaction(
          app,
          a.tenantId,
          (tx) => tx`insert into tools (name, description) values ('t', 'd')`,
        )
        const seenByB = await inTenantTransaction(app, b.tenantId, (tx) => tx`select id from tools`)
        expect(seenByB).to.have.length(0)
        const seenByA = await inTenantTransaction(app, a.tenantId, (tx) => tx`select id from tools`)
        expect(seenByA).to.have.length(1)
      })
    })
  })
})
