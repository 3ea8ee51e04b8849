// Catalog queries behind the RLS audit. Read-only; any role that can read pg_catalog can run them.
import type { Sql } from '../client.js'
import { advisoryLockFunctions, largeObjectFunctions } from '../roles.js'

export interface PolicyRow {
  table: string
  name: string
  command: string
  roles: string[]
  using: string | null
  withCheck: string | null
}

interface TableRow {
  name: string
  owner: string
  /** What the app role may do with the table. */
  appPrivileges: string[]
  rlsEnabled: boolean
  rlsForced: boolean
  hasTenantId: boolean
}

interface RoleRow {
  name: string
  superuser: boolean
  bypassrls: boolean
  memberOf: string[]
}

interface DefinerRow {
  signature: string
  pinnedSearchPath: boolean
  executableByApp: boolean
}

export interface CatalogData {
  tables: TableRow[]
  policies: PolicyRow[]
  role: RoleRow | undefined
  ownedByApp: string[]
  excessGrants: { object: string; privilege: string }[]
  creatableSchemas: string[]
  viewsWithoutInvoker: string[]
  definers: DefinerRow[]
  foreignKeys: { table: string; name: string; references: string }[]
  /** pg_catalog large-object and advisory-lock functions the app role may execute. */
  catalogFunctions: { signature: string; kind: 'large_object' | 'advisory_lock' }[]
  /** Large objects the app role owns or may write. */
  largeObjects: { oid: string; owned: boolean }[]
}

export async function catalog(sql: Sql, schemas: string[], appRole: string): Promise<CatalogData> {
  const [
    tables,
    policies,
    roles,
    owned,
    grants,
    schemaCreate,
    views,
    definers,
    foreignKeys,
    catalogFunctions,
    largeObjects,
  ] = await Promise.all([
    sql<TableRow[]>`
      select c.relname as name, pg_get_userbyid(c.relowner) as owner,
             array(select p from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) as p
                    where has_table_privilege(${appRole}, c.oid, p)) as "appPrivileges",
             c.relrowsecurity as "rlsEnabled", c.relforcerowsecurity as "rlsForced",
             exists (select 1 from pg_attribute a
                      where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as "hasTenantId"
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = any(${schemas}) and c.relkind in ('r', 'p')
       order by c.relname`,
    sql<PolicyRow[]>`
      select tablename as table, policyname as name, cmd as command, roles::text[] as roles,
             qual as using, with_check as "withCheck"
        from pg_policies where schemaname = any(${schemas}) order by tablename, policyname`,
    sql<RoleRow[]>`
      select r.rolname as name, r.rolsuper as superuser, r.rolbypassrls as bypassrls,
             array(select g.rolname from pg_auth_members m join pg_roles g on g.oid = m.roleid
                    where m.member = r.oid order by 1) as "memberOf"
        from pg_roles r where r.rolname = ${appRole}`,
    sql<{ object: string }[]>`
      select n.nspname || '.' || c.relname as object from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where pg_get_userbyid(c.relowner) = ${appRole}
      union all
      select p.oid::regprocedure::text from pg_proc p where pg_get_userbyid(p.proowner) = ${appRole}
      union all
      select nspname from pg_namespace where pg_get_userbyid(nspowner) = ${appRole}
       order by 1`,
    sql<{ object: string; privilege: string }[]>`
      select c.relname as object, p.privilege
        from pg_class c join pg_namespace n on n.oid = c.relnamespace,
             unnest(array['TRUNCATE', 'REFERENCES', 'TRIGGER']) as p(privilege)
       where n.nspname = any(${schemas}) and c.relkind in ('r', 'p', 'v', 'm')
         and case p.privilege
               when 'REFERENCES' then has_any_column_privilege(${appRole}, c.oid, 'REFERENCES')
               else has_table_privilege(${appRole}, c.oid, p.privilege) end
       order by 1, 2`,
    sql<{ name: string }[]>`
      select nspname as name from pg_namespace
       where nspname = any(${schemas}) and has_schema_privilege(${appRole}, oid, 'CREATE') order by 1`,
    sql<{ name: string }[]>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = any(${schemas}) and c.relkind in ('v', 'm')
         and not coalesce(c.reloptions @> array['security_invoker=true'], false)
         and not coalesce(c.reloptions @> array['security_invoker=on'], false)
       order by 1`,
    sql<DefinerRow[]>`
      select p.oid::regprocedure::text as signature,
             coalesce(exists (select 1 from unnest(p.proconfig) as c where c like 'search_path=%'), false)
               as "pinnedSearchPath",
             has_function_privilege(${appRole}, p.oid, 'EXECUTE') as "executableByApp"
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = any(${schemas}) and p.prosecdef order by 1`,
    // Foreign keys from one tenant table to another whose columns do not include tenant_id.
    sql<{ table: string; name: string; references: string }[]>`
      select c.conrelid::regclass::text as table, c.conname as name, c.confrelid::regclass::text as references
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
       where c.contype = 'f' and n.nspname = any(${schemas})
         and exists (select 1 from pg_attribute a where a.attrelid = c.conrelid and a.attname = 'tenant_id')
         and exists (select 1 from pg_attribute a where a.attrelid = c.confrelid and a.attname = 'tenant_id')
         and not exists (select 1 from unnest(c.conkey) k join pg_attribute a
                          on a.attrelid = c.conrelid and a.attnum = k where a.attname = 'tenant_id')
       order by 1, 2`,
    sql<{ signature: string; kind: 'large_object' | 'advisory_lock' }[]>`
      select p.oid::regprocedure::text as signature,
             case when p.proname ~ ${advisoryLockFunctions} then 'advisory_lock' else 'large_object' end as kind
        from pg_proc p
       where p.pronamespace = 'pg_catalog'::regnamespace
         and (p.proname ~ ${largeObjectFunctions} or p.proname ~ ${advisoryLockFunctions})
         and has_function_privilege(${appRole}, p.oid, 'EXECUTE')
       order by 1`,
    // Owned, or writable through a grant to the app role, a role it belongs to, or PUBLIC (grantee 0).
    sql<{ oid: string; owned: boolean }[]>`
      select m.oid::text as oid, pg_get_userbyid(m.lomowner) = ${appRole} as owned
        from pg_largeobject_metadata m
       where pg_get_userbyid(m.lomowner) = ${appRole}
          or exists (select 1 from aclexplode(m.lomacl) a
                      where a.privilege_type = 'UPDATE'
                        and case when a.grantee = 0 then true
                                 else pg_has_role(${appRole}, a.grantee, 'MEMBER') end)
       order by m.oid`,
  ])
  return {
    tables,
    policies,
    role: roles[0],
    ownedByApp: owned.map((o) => o.object),
    excessGrants: grants,
    creatableSchemas: schemaCreate.map((s) => s.name),
    viewsWithoutInvoker: views.map((v) => v.name),
    definers,
    foreignKeys,
    catalogFunctions,
    largeObjects,
  }
}

/** A table as the scale audit sees it: whether it has tenant_id (NOT NULL?) and a primary key. */
export interface KeyTableRow {
  name: string
  hasTenantId: boolean
  tenantIdNotNull: boolean
  hasPrimaryKey: boolean
}

/** A unique index (primary key, unique constraint or unique index) and its first column. */
export interface UniqueIndexRow {
  table: string
  name: string
  primary: boolean
  /** NULL when the index leads with an expression. */
  firstColumn: string | null
  definition: string
}

export interface ForeignKeyRow {
  table: string
  name: string
  references: string
  firstColumn: string
  firstReferenced: string
  definition: string
}

export interface KeyCatalog {
  tables: KeyTableRow[]
  uniques: UniqueIndexRow[]
  foreignKeys: ForeignKeyRow[]
}

/** Every table's keys: what the scale audit (db/audit/scale-audit.ts) checks against sharding by tenant. */
export async function keyCatalog(sql: Sql, schemas: string[]): Promise<KeyCatalog> {
  const [tables, uniques, foreignKeys] = await Promise.all([
    sql<KeyTableRow[]>`
      select c.relname as name,
             t.attname is not null as "hasTenantId",
             coalesce(t.attnotnull, false) as "tenantIdNotNull",
             exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary) as "hasPrimaryKey"
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        left join pg_attribute t on t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped
       where n.nspname = any(${schemas}) and c.relkind in ('r', 'p') and not c.relispartition
       order by c.relname`,
    sql<UniqueIndexRow[]>`
      select c.relname as table, x.relname as name, i.indisprimary as primary,
             a.attname as "firstColumn", pg_get_indexdef(i.indexrelid) as definition
        from pg_index i
        join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_class x on x.oid = i.indexrelid
        left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
       where n.nspname = any(${schemas}) and c.relkind in ('r', 'p') and i.indisunique
       order by 1, 2`,
    sql<ForeignKeyRow[]>`
      select t.relname as table, c.conname as name, r.relname as references,
             a.attname as "firstColumn", ra.attname as "firstReferenced",
             pg_get_constraintdef(c.oid) as definition
        from pg_constraint c
        join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
        join pg_class r on r.oid = c.confrelid
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = c.confkey[1]
       where c.contype = 'f' and n.nspname = any(${schemas})
       order by 1, 2`,
  ])
  return { tables, uniques, foreignKeys }
}
