// The row-level-security setup read from the PostgreSQL catalog (as superuser, read-only): every tenant
// table forces RLS with tenant-scoped policies, and the app role owns nothing and holds no dangerous grant.
// These checks cover tables a future migration adds, not only today's.
import { expect } from 'chai'
import { plugins } from '../../plugins/index.js'
import { coreTenantTables } from '../../db/migrate.js'
import { adminRole, appRole, ownerRole } from '../../db/roles.js'
import { testPlugins } from '../harness/plugins.js'
import { testStack } from '../harness/stack.js'

/** Schemas the migrations create objects in; everything else is PostgreSQL's own. */
const systemSchemas = ['pg_catalog', 'information_schema', 'pg_toast']

interface TableRow {
  name: string
  rls: boolean
  forced: boolean
}

interface PolicyRow {
  table: string
  name: string
  cmd: string
  roles: string[]
  qual: string | null
  with_check: string | null
}

async function tenantIdTables(): Promise<TableRow[]> {
  const { superSql } = testStack()
  return superSql<TableRow[]>`
    select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public'
       and c.relkind in ('r', 'p')
       and exists (select 1 from pg_attribute a
                    where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
     order by c.relname`
}

async function policies(): Promise<PolicyRow[]> {
  const { superSql } = testStack()
  return superSql<PolicyRow[]>`
    select tablename as table, policyname as name, cmd, roles::text[] as roles, qual, with_check
      from pg_policies
     where schemaname = 'public'
     order by tablename, policyname`
}

/** Policies map_app is subject to: those for PUBLIC or naming map_app. */
const appliesToApp = (policy: PolicyRow): boolean =>
  policy.roles.includes('public') || policy.roles.includes(appRole)

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0

/** Tables the plugins declare shared (every tenant reads some of their rows on purpose: sharedTables). */
const sharedTables = new Set(testPlugins.flatMap((plugin) => Object.keys(plugin.sharedTables ?? {})))
/** The SELECT policy of a shared table: it admits other tenants' rows by design (the RLS audit judges it). */
const isSharedRead = (policy: PolicyRow): boolean => policy.cmd === 'SELECT' && sharedTables.has(policy.table)

describe('row-level security in the catalog', () => {
  describe('tenant tables', () => {
    it('enables and forces row-level security on every public table with a tenant_id, and on tenants', async () => {
      const { superSql } = testStack()
      const tables = await tenantIdTables()
      expect(tables.map((t) => t.name)).to.include.members([
        'tools',
        'agents',
        'agent_tools',
        'execution_logs',
      ])
      for (const table of tables) expect(table, table.name).to.include({ rls: true, forced: true })
      const [tenants] = await superSql<TableRow[]>`
        select relname as name, relrowsecurity as rls, relforcerowsecurity as forced
          from pg_class where oid = 'public.tenants'::regclass`
      expect(tenants).to.deep.equal({ name: 'tenants', rls: true, forced: true })
    })

    it('gives every tenant_id table and tenants at least one policy that applies to the app role', async () => {
      const tables = [...(await tenantIdTables()).map((t) => t.name), 'tenants']
      const all = await policies()
      for (const table of tables) {
        const forApp = all.filter((p) => p.table === table && appliesToApp(p))
        expect(forApp, `policies on ${table} for ${appRole}`).to.not.be.empty
      }
    })

    it('gives every policy that applies to writes a WITH CHECK', async () => {
      const writes = (await policies()).filter((p) => ['ALL', 'INSERT', 'UPDATE'].includes(p.cmd))
      expect(writes, 'write policies').to.not.be.empty
      for (const policy of writes) {
        expect(policy.with_check, `${policy.table}.${policy.name}`).to.be.a('string').and.not.be.empty
      }
    })

    it('scopes every expression of every policy for the app role with (select app.current_tenant_id())', async () => {
      const forApp = (await policies()).filter(appliesToApp)
      expect(forApp).to.not.be.empty
      for (const policy of forApp) {
        const expressions = [policy.qual, policy.with_check].filter((e): e is string => e !== null)
        expect(expressions, `${policy.table}.${policy.name}`).to.not.be.empty
        for (const expression of expressions) {
          const where = `${policy.table}.${policy.name}: ${expression}`
          // A shared read of public rows only (the search projection's `true`) reads no tenant at all.
          if (isSharedRead(policy) && !expression.includes('current_tenant_id')) continue
          expect(expression, where).to.contain('SELECT').and.contain('current_tenant_id')
          // Once per statement (an initplan), never per row: every call sits inside its own sub-select.
          const calls = count(expression, /current_tenant_id\(\)/g)
          expect(calls, where).to.be.greaterThan(0)
          expect(count(expression, /\(\s*SELECT\s+app\.current_tenant_id\(\)/g), where).to.equal(calls)
          // A shared read adds the public rows (`published_at is not null or tenant_id = ...`).
          if (!isSharedRead(policy))
            expect(expression, where).to.match(
              /^\(?(tenant_id|id) = \(\s*SELECT\s+app\.current_tenant_id\(\)/,
            )
        }
      }
    })

    it('never calls current_setting( directly in any policy', async () => {
      const all = await policies()
      expect(all).to.not.be.empty
      for (const policy of all) {
        for (const expression of [policy.qual, policy.with_check]) {
          expect(expression ?? '', `${policy.table}.${policy.name}`).to.not.contain('current_setting(')
        }
      }
    })

    it('leaves unscoped by tenant only the named policies of the owner (definer functions), operators and shared projections', async () => {
      const unscoped = (await policies()).filter(
        (p) => ![p.qual, p.with_check].some((e) => e?.includes('current_tenant_id')),
      )
      // Each is for a role the app role is not and cannot become (it is a member of no role), but the
      // search projection's read: its rows are published listings only, public by definition.
      expect(unscoped.map(({ table, name, cmd, roles }) => ({ table, name, cmd, roles }))).to.deep.equal([
        { table: 'api_keys', name: 'api_keys_admin', cmd: 'ALL', roles: [adminRole] },
        { table: 'api_keys', name: 'api_keys_owner_lookup', cmd: 'SELECT', roles: [ownerRole] },
        { table: 'api_keys', name: 'api_keys_owner_touch', cmd: 'UPDATE', roles: [ownerRole] },
        { table: 'audit_events', name: 'audit_events_admin_read', cmd: 'SELECT', roles: [adminRole] },
        { table: 'audit_events', name: 'audit_events_owner_read', cmd: 'SELECT', roles: [ownerRole] },
        // app.delete_old_execution_events(): the events of finished runs, and those runs (retention sweep).
        {
          table: 'execution_events',
          name: 'execution_events_owner_retention',
          cmd: 'DELETE',
          roles: [ownerRole],
        },
        {
          table: 'execution_events',
          name: 'execution_events_owner_retention_read',
          cmd: 'SELECT',
          roles: [ownerRole],
        },
        { table: 'execution_logs', name: 'execution_logs_owner_expire', cmd: 'UPDATE', roles: [ownerRole] },
        {
          table: 'execution_logs',
          name: 'execution_logs_owner_expire_read',
          cmd: 'SELECT',
          roles: [ownerRole],
        },
        {
          table: 'execution_logs',
          name: 'execution_logs_owner_finished_read',
          cmd: 'SELECT',
          roles: [ownerRole],
        },
        // app.orphaned_executions(): the ids of runs still queued or running (the orphan sweep).
        {
          table: 'execution_logs',
          name: 'execution_logs_owner_orphans_read',
          cmd: 'SELECT',
          roles: [ownerRole],
        },
        // app.secrets_exist(): whether any secret exists, a boolean (the boot check for a missing master key).
        // The marketplace's counter triggers (SECURITY DEFINER) move the counters of published listings.
        {
          table: 'marketplace_listings',
          name: 'marketplace_listings_owner_count',
          cmd: 'UPDATE',
          roles: [ownerRole],
        },
        {
          table: 'marketplace_listings',
          name: 'marketplace_listings_owner_count_read',
          cmd: 'SELECT',
          roles: [ownerRole],
        },
        // The search projection of published listings: app.marketplace_search_sync() writes it, everyone
        // reads it (a shared table without tenant_id: every row is public).
        {
          table: 'marketplace_search',
          name: 'marketplace_search_owner_sync',
          cmd: 'ALL',
          roles: [ownerRole],
        },
        { table: 'marketplace_search', name: 'marketplace_search_read', cmd: 'SELECT', roles: ['public'] },
        {
          table: 'marketplace_search_terms',
          name: 'marketplace_search_terms_owner_sync',
          cmd: 'ALL',
          roles: [ownerRole],
        },
        {
          table: 'marketplace_search_terms',
          name: 'marketplace_search_terms_read',
          cmd: 'SELECT',
          roles: ['public'],
        },
        {
          table: 'marketplace_search_words',
          name: 'marketplace_search_words_owner_sync',
          cmd: 'ALL',
          roles: [ownerRole],
        },
        {
          table: 'marketplace_search_words',
          name: 'marketplace_search_words_read',
          cmd: 'SELECT',
          roles: ['public'],
        },
        // app.stuck_marketplace_validations(): the ids of versions still validating (the validation sweep).
        {
          table: 'marketplace_versions',
          name: 'marketplace_versions_owner_validating_read',
          cmd: 'SELECT',
          roles: [ownerRole],
        },
        { table: 'secrets', name: 'secrets_owner_exists', cmd: 'SELECT', roles: [ownerRole] },
        { table: 'tenants', name: 'tenants_admin', cmd: 'ALL', roles: [adminRole] },
        { table: 'tenants', name: 'tenants_owner_lookup', cmd: 'SELECT', roles: [ownerRole] },
      ])
    })

    it('has no view or materialized view that could read tenant tables with its owner’s rights', async () => {
      const { superSql } = testStack()
      const views = await superSql<{ name: string; kind: string; options: string[] | null }[]>`
        select c.oid::regclass::text as name, c.relkind::text as kind, c.reloptions::text[] as options
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('v', 'm') and n.nspname <> all (${systemSchemas})`
      const unsafe = views.filter(
        (v) => v.kind === 'm' || !(v.options ?? []).includes('security_invoker=true'),
      )
      expect(unsafe).to.deep.equal([])
    })
  })

  // The test database is migrated with testPlugins: the service's plugins plus the example plugin.
  describe('plugins and their tenantTables', () => {
    it("covers the service's own plugin list in the migrated test database", () => {
      const migrated = testPlugins.map((plugin) => plugin.id)
      expect(plugins, 'plugins/index.ts').to.not.be.empty
      expect(migrated).to.include.members(plugins.map((plugin) => plugin.id))
    })

    it('lists only tables that exist in public with a tenant_id column', async () => {
      const existing = new Set((await tenantIdTables()).map((t) => t.name))
      const listed = testPlugins.flatMap((plugin) =>
        (plugin.tenantTables ?? []).map((table) => ({ plugin: plugin.id, table })),
      )
      expect(listed, 'tables the plugins declare').to.not.be.empty
      for (const { plugin, table } of listed) {
        expect(existing.has(table), `${plugin} declares ${table}`).to.equal(true)
      }
    })

    it('accounts for every tenant_id table: declared by exactly one plugin, or a core table', async () => {
      const declared = testPlugins.flatMap((plugin) => plugin.tenantTables ?? [])
      expect(new Set(declared).size, 'tables declared by two plugins').to.equal(declared.length)
      expect(
        declared.filter((t) => coreTenantTables.includes(t)),
        'core tables declared by a plugin',
      ).to.deep.equal([])
      const existing = (await tenantIdTables()).map((t) => t.name)
      expect(existing).to.have.members([...coreTenantTables, ...declared])
    })

    it('keeps tenants a core table without tenant_id, scoped by its own id', async () => {
      const { superSql } = testStack()
      const [column] = await superSql`
        select 1 from pg_attribute where attrelid = 'public.tenants'::regclass and attname = 'tenant_id'`
      expect(column, 'tenants.tenant_id').to.equal(undefined)
      expect(testPlugins.flatMap((p) => p.tenantTables ?? [])).to.not.include('tenants')
      const own = (await policies()).filter((p) => p.table === 'tenants' && appliesToApp(p))
      expect(own).to.have.length.greaterThan(0)
      for (const policy of own)
        expect(policy.qual, policy.name).to.match(/^\(id = \( SELECT app\.current_tenant_id\(\)/)
    })
  })

  describe('the app role', () => {
    it('is not a superuser and cannot bypass RLS, create roles or create databases', async () => {
      const { superSql } = testStack()
      const [role] = await superSql`
        select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication
          from pg_roles where rolname = ${appRole}`
      expect(role).to.deep.equal({
        rolsuper: false,
        rolbypassrls: false,
        rolcreaterole: false,
        rolcreatedb: false,
        rolreplication: false,
      })
    })

    it('is a member of no other role, so it can never act as the owner', async () => {
      const { superSql } = testStack()
      const memberships = await superSql`
        select roleid::regrole::text as role from pg_auth_members where member = ${appRole}::regrole`
      expect(memberships).to.deep.equal([])
    })

    it('owns no relation, function, type or schema, and not the database', async () => {
      const { superSql } = testStack()
      const owned = await superSql`
        select 'relation' as kind, oid::regclass::text as name from pg_class where relowner = ${appRole}::regrole
        union all select 'function', oid::regprocedure::text from pg_proc where proowner = ${appRole}::regrole
        union all select 'type', oid::regtype::text from pg_type where typowner = ${appRole}::regrole
        union all select 'schema', nspname::text from pg_namespace where nspowner = ${appRole}::regrole
        union all select 'database', datname::text from pg_database where datdba = ${appRole}::regrole`
      expect(owned).to.deep.equal([])
    })

    it('holds no TRUNCATE, REFERENCES or TRIGGER privilege on any table, not even on one column', async () => {
      const { superSql } = testStack()
      const relations = await superSql<
        { name: string; truncate: boolean; references: boolean; trigger: boolean }[]
      >`
        select c.oid::regclass::text as name,
               has_table_privilege(${appRole}, c.oid, 'TRUNCATE') as truncate,
               has_any_column_privilege(${appRole}, c.oid, 'REFERENCES') as references,
               has_table_privilege(${appRole}, c.oid, 'TRIGGER') as trigger
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p', 'v', 'm', 'f') and n.nspname <> all (${systemSchemas})`
      expect(relations.map((r) => r.name)).to.include.members([
        'tools',
        'tenants',
        'api_keys',
        'pgmigrations',
      ])
      const granted = relations.filter((r) => r.truncate || r.references || r.trigger)
      expect(granted).to.deep.equal([])
    })

    it('cannot create objects in schemas public and app, nor schemas or temporary tables in the database', async () => {
      const { superSql } = testStack()
      const [rights] = await superSql`
        select has_schema_privilege(${appRole}, 'public', 'CREATE') as public_create,
               has_schema_privilege(${appRole}, 'app', 'CREATE') as app_create,
               has_database_privilege(${appRole}, current_database(), 'CREATE') as database_create,
               has_database_privilege(${appRole}, current_database(), 'TEMPORARY') as database_temporary,
               has_schema_privilege(${appRole}, 'app', 'USAGE') as app_usage`
      expect(rights).to.deep.equal({
        public_create: false,
        app_create: false,
        database_create: false,
        database_temporary: false,
        app_usage: true,
      })
    })

    it('has no access to api_keys, may only read pgmigrations (readiness), and cannot delete execution logs or change what a run was asked', async () => {
      const { superSql } = testStack()
      const rows = await superSql<{ name: string; any_access: boolean; update: boolean; delete: boolean }[]>`
        select t.name,
               has_any_column_privilege(${appRole}, t.name, 'SELECT, INSERT, UPDATE')
                 or has_table_privilege(${appRole}, t.name, 'DELETE') as any_access,
               has_any_column_privilege(${appRole}, t.name, 'UPDATE') as update,
               has_table_privilege(${appRole}, t.name, 'DELETE') as delete
          from unnest(array['api_keys', 'pgmigrations', 'execution_logs']) as t(name)
         order by t.name`
      expect(rows).to.deep.equal([
        { name: 'api_keys', any_access: false, update: false, delete: false },
        // The run loop updates its execution (status, sums, required_action...): only those columns.
        { name: 'execution_logs', any_access: true, update: true, delete: false },
        // Read-only: GET /ready checks that every shipped migration has run.
        { name: 'pgmigrations', any_access: true, update: false, delete: false },
      ])
      const immutable = [
        'id',
        'tenant_id',
        'agent_id',
        'agent_snapshot',
        'model',
        'provider',
        'prompt',
        'max_steps',
        'created_at',
      ]
      const updatable = await superSql<{ column: string }[]>`
        select c as column from unnest(${immutable}::text[]) as c
         where has_column_privilege(${appRole}, 'execution_logs', c, 'UPDATE')`
      expect(updatable).to.deep.equal([])
    })
  })

  describe('keys and functions', () => {
    it('includes tenant_id, matched to tenant_id, in every foreign key between two tenant_id tables', async () => {
      const { superSql } = testStack()
      const keys = await superSql<{ name: string; columns: string[]; referenced: string[] }[]>`
        select con.conrelid::regclass::text || '.' || con.conname as name,
               array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, i)
                       join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.i) as columns,
               array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, i)
                       join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.i)
                 as referenced
          from pg_constraint con
         where con.contype = 'f'
           and exists (select 1 from pg_attribute a
                        where a.attrelid = con.conrelid and a.attname = 'tenant_id' and not a.attisdropped)
           and exists (select 1 from pg_attribute a
                        where a.attrelid = con.confrelid and a.attname = 'tenant_id' and not a.attisdropped)
         order by 1`
      expect(keys.map((k) => k.name)).to.include.members([
        'agent_tools.agent_tools_agent_fkey',
        'agent_tools.agent_tools_tool_fkey',
        'execution_logs.execution_logs_agent_fkey',
      ])
      for (const key of keys) {
        const position = key.columns.indexOf('tenant_id')
        expect(position, `${key.name} (${key.columns.join(', ')})`).to.be.at.least(0)
        expect(key.referenced[position], `${key.name} references (${key.referenced.join(', ')})`).to.equal(
          'tenant_id',
        )
      }
    })

    it('pins search_path on every SECURITY DEFINER function, owned by a role that cannot bypass RLS', async () => {
      const { superSql } = testStack()
      const definers = await superSql<
        { name: string; config: string[] | null; owner_super: boolean; owner_bypassrls: boolean }[]
      >`
        select p.oid::regprocedure::text as name, p.proconfig::text[] as config,
               r.rolsuper as owner_super, r.rolbypassrls as owner_bypassrls
          from pg_proc p
          join pg_namespace n on n.oid = p.pronamespace
          join pg_roles r on r.oid = p.proowner
         where p.prosecdef and n.nspname <> all (${systemSchemas})
         order by 1`
      expect(definers.map((d) => d.name)).to.include('app.authenticate_api_key(bytea)')
      for (const definer of definers) {
        expect(definer.config ?? [], definer.name).to.satisfy((config: string[]) =>
          config.some((setting) => setting.startsWith('search_path=')),
        )
        expect(definer, definer.name).to.include({ owner_super: false, owner_bypassrls: false })
      }
    })

    it('lets no function in schema app be executed by PUBLIC', async () => {
      const { superSql } = testStack()
      const functions = await superSql<{ name: string; public_execute: boolean }[]>`
        select p.oid::regprocedure::text as name,
               p.proacl is null
                 or exists (select 1 from aclexplode(p.proacl) acl
                             where acl.grantee = 0 and acl.privilege_type = 'EXECUTE') as public_execute
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname = 'app'
         order by 1`
      expect(functions.map((f) => f.name)).to.include.members([
        'app.current_tenant_id()',
        'app.authenticate_api_key(bytea)',
      ])
      expect(functions.filter((f) => f.public_execute)).to.deep.equal([])
    })
  })
})
