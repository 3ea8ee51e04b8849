// Catalog queries behind the RLS audit. Read-only; any role that can read pg_catalog can run them.
import type { Sql } from '../client.js'
import { advisoryLockFunctions, largeObjectFunctions } from '../roles.js'

export interface PolicyRow {
  table: string
  name: string
  command: string
  roles: string[]
  /** false for a RESTRICTIVE policy (it narrows what the permissive ones admit). */
  permissive: boolean
  using: string | null
  withCheck: string | null
}

interface TableRow {
  name: string
  owner: string
  /** What the app role may do with the table, on all of its columns or only some. */
  appPrivileges: string[]
  /** The commands the app role holds on some columns only, with those columns. */
  appColumnPrivileges: Record<string, string[]>
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
  /** `*_id uuid` columns of tables with a tenant_id that no foreign key covers, with their comment. */
  unreferencedIds: { table: string; column: string; comment: string | null }[]
  /** Foreign keys including tenant_id whose ON DELETE/UPDATE SET NULL or SET DEFAULT also sets tenant_id. */
  tenantNullingKeys: { table: string; name: string; action: string }[]
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
    unreferencedIds,
    tenantNullingKeys,
  ] = await Promise.all([
    sql<TableRow[]>`
      select c.relname as name, pg_get_userbyid(c.relowner) as owner,
             array(select p from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE']) as p
                    where has_table_privilege(${appRole}, c.oid, p)
                       or (p <> 'DELETE' and has_any_column_privilege(${appRole}, c.oid, p))) as "appPrivileges",
             -- A grant on some columns only (UPDATE of all but the immutable ones) is still the command.
             coalesce((select jsonb_object_agg(p, cols)
                         from unnest(array['SELECT', 'INSERT', 'UPDATE']) as p,
                              lateral (select jsonb_agg(a.attname::text order by a.attnum) as cols
                                         from pg_attribute a
                                        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                                          and has_column_privilege(${appRole}, c.oid, a.attnum, p)) as granted
                        where not has_table_privilege(${appRole}, c.oid, p)
                          and has_any_column_privilege(${appRole}, c.oid, p)), '{}'::jsonb) as "appColumnPrivileges",
             c.relrowsecurity as "rlsEnabled", c.relforcerowsecurity as "rlsForced",
             exists (select 1 from pg_attribute a
                      where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as "hasTenantId"
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = any(${schemas}) and c.relkind in ('r', 'p')
       order by c.relname`,
    sql<PolicyRow[]>`
      select tablename as table, policyname as name, cmd as command, roles::text[] as roles,
             permissive = 'PERMISSIVE' as permissive, qual as using, with_check as "withCheck"
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
    sql<{ table: string; column: string; comment: string | null }[]>`
      select c.relname as table, a.attname as column, col_description(c.oid, a.attnum) as comment
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
       where n.nspname = any(${schemas}) and c.relkind in ('r', 'p')
         and right(a.attname, 3) = '_id' and a.atttypid = 'uuid'::regtype
         and exists (select 1 from pg_attribute t
                      where t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped)
         and not exists (select 1 from pg_constraint k
                          where k.conrelid = c.oid and k.contype = 'f' and a.attnum = any(k.conkey))
       order by 1, 2`,
    // SET NULL / SET DEFAULT without a column list acts on every column of the key; ON UPDATE takes none.
    sql<{ table: string; name: string; action: string }[]>`
      select k.conrelid::regclass::text as table, k.conname as name,
             case when k.confdeltype in ('n', 'd')
                       and (k.confdelsetcols is null or t.attnum = any(k.confdelsetcols))
                  then 'on delete ' || case k.confdeltype when 'n' then 'set null' else 'set default' end
                  else 'on update ' || case k.confupdtype when 'n' then 'set null' else 'set default' end
             end as action
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute t on t.attrelid = k.conrelid and t.attname = 'tenant_id' and not t.attisdropped
       where k.contype = 'f' and n.nspname = any(${schemas}) and t.attnum = any(k.conkey)
         and ((k.confdeltype in ('n', 'd') and (k.confdelsetcols is null or t.attnum = any(k.confdelsetcols)))
              or k.confupdtype in ('n', 'd'))
       order by 1, 2`,
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
    unreferencedIds,
    tenantNullingKeys,
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
