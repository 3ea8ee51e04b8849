// The RLS audit, run on the real migrated schema (no findings, and the committed report is current), and on
// a scratch schema with one of each fault planted, to prove it catches them.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import { auditRls, type AuditResult } from '../../db/audit/rls-audit.js'
import { auditOptions, auditOptionsFor } from '../../db/audit/options.js'
import { renderReport } from '../../db/audit/report.js'
import { projectRoot } from '../../app/kernel/spec.js'
import { examples } from '../../plugins/index.js'
import { testPlugins } from '../harness/plugins.js'
import { testStack } from '../harness/stack.js'

describe('npm run audit:rls', () => {
  describe('on the migrated schema', () => {
    let result: AuditResult
    let withExamples: AuditResult
    before(async () => {
      // The owner's view of the catalog, as the CLI has it; the examples' tables exist only in tests, so
      // the committed report leaves them out, but they are audited like the others.
      withExamples = await auditRls(testStack().ownerSql, auditOptionsFor(testPlugins))
      result = await auditRls(testStack().ownerSql, {
        ...auditOptionsFor(testPlugins),
        excludeTables: examples.flatMap((plugin) => plugin.tenantTables ?? []),
      })
    })

    it("finds nothing, the examples' tables included", () => {
      // One line per finding, as the CLI prints them.
      const lines = withExamples.findings.map((f) => `${f.kind} ${f.object}: ${f.message}`)
      expect(lines).to.deep.equal([])
      expect(withExamples.tables.map((t) => t.name)).to.include('example_notes')
    })

    it('lets only the reviewed id columns go without a foreign key, each with its reason', () => {
      expect(result.idsWithoutForeignKey.map(({ table, column }) => `${table}.${column}`)).to.deep.equal([
        'audit_events.tenant_id',
      ])
    })

    it('reports every tenant table as RLS enabled and forced, owned by map_owner', () => {
      const names = result.tables.map((t) => t.name)
      expect(names).to.include.members([
        'tenants',
        'api_keys',
        'tools',
        'agents',
        'agent_tools',
        'execution_logs',
      ])
      for (const table of result.tables.filter((t) => t.hasTenantId)) {
        expect(table, table.name).to.include({ rlsEnabled: true, rlsForced: true, owner: 'map_owner' })
      }
    })

    it('lists the shared tables the plugins declare, each with its reason and its shared read policy', () => {
      expect(
        result.sharedTables.map(({ table, plugin, sharedPolicies }) => ({ table, plugin, sharedPolicies })),
      ).to.deep.equal([
        {
          table: 'marketplace_listings',
          plugin: 'marketplace',
          sharedPolicies: ['marketplace_listings_read'],
        },
        {
          table: 'marketplace_versions',
          plugin: 'marketplace',
          sharedPolicies: ['marketplace_versions_read'],
        },
        { table: 'marketplace_search', plugin: 'marketplace', sharedPolicies: ['marketplace_search_read'] },
        {
          table: 'marketplace_search_words',
          plugin: 'marketplace',
          sharedPolicies: ['marketplace_search_words_read'],
        },
        {
          table: 'marketplace_search_terms',
          plugin: 'marketplace',
          sharedPolicies: ['marketplace_search_terms_read'],
        },
      ])
      for (const table of result.sharedTables) expect(table.reason, table.table).to.not.equal('')
    })

    it('would flag the shared reads as findings if the marketplace did not declare its tables shared', async () => {
      const undeclared = await auditRls(testStack().ownerSql, auditOptions)
      expect(undeclared.findings.map((f) => `${f.kind} ${f.object}`)).to.deep.equal([
        'policy_not_tenant_scoped marketplace_listings.marketplace_listings_read',
        'policy_not_tenant_scoped marketplace_versions.marketplace_versions_read',
      ])
    })

    it("lists the policies of roles other than the app role (the owner's definer functions, the operators') without a finding", () => {
      const others = result.otherRolePolicies.map((p) => `${p.table}.${p.name}`)
      expect(others).to.include.members([
        'execution_logs.execution_logs_owner_expire',
        'marketplace_listings.marketplace_listings_owner_count',
        'marketplace_search.marketplace_search_owner_sync',
        'tenants.tenants_admin',
      ])
      for (const policy of result.otherRolePolicies) expect(policy.roles).to.not.include('public')
    })

    it('matches the committed docs/rls-report.md (run npm run generate)', () => {
      const committed = readFileSync(path.join(projectRoot, 'docs/rls-report.md'), 'utf8')
      expect(committed).to.equal(renderReport(result, auditOptions.appRole))
    })
  })

  describe('on planted faults', () => {
    const suffix = randomBytes(4).toString('hex')
    const schema = `audit_scratch_${suffix}`
    const role = `audit_app_${suffix}`
    const plainRole = `audit_plain_${suffix}`
    let result: AuditResult
    let plainResult: AuditResult
    let writableLargeObject = ''

    before(async () => {
      const sql = testStack().superSql
      await sql.begin(async (tx) => {
        const q = (text: string) =>
          tx.unsafe(text.replaceAll('{S}', schema).replaceAll('{R}', role).replaceAll('{P}', plainRole))
        await tx.unsafe(`create role ${role} nologin superuser bypassrls`)
        await tx.unsafe(`create schema ${schema}`)
        await tx.unsafe(`grant map_owner to ${role}`)
        for (const statement of [
          'create table {S}.no_rls (id uuid primary key, tenant_id uuid not null)',
          'create table {S}.not_forced (id uuid primary key, tenant_id uuid not null)',
          'alter table {S}.not_forced enable row level security',
          'create policy p on {S}.not_forced using (true) with check (true)',
          'create table {S}.no_policy (id uuid primary key, tenant_id uuid not null)',
          'alter table {S}.no_policy enable row level security',
          'alter table {S}.no_policy force row level security',
          'create table {S}.select_only (id uuid primary key, tenant_id uuid not null)',
          'alter table {S}.select_only enable row level security',
          'alter table {S}.select_only force row level security',
          "create policy p on {S}.select_only for select using (tenant_id = (select nullif(current_setting('app.current_tenant_id', true), '')::uuid))",
          'create table {S}.unchecked (id uuid primary key, tenant_id uuid not null)',
          'alter table {S}.unchecked enable row level security',
          'alter table {S}.unchecked force row level security',
          "create policy p on {S}.unchecked using (tenant_id = (select nullif(current_setting('app.current_tenant_id', true), '')::uuid))",
          'create table {S}.per_row (id uuid, tenant_id uuid not null, primary key (tenant_id, id))',
          'alter table {S}.per_row enable row level security',
          'alter table {S}.per_row force row level security',
          "create policy p on {S}.per_row using (tenant_id = current_setting('app.current_tenant_id')::uuid) with check (tenant_id = current_setting('app.current_tenant_id')::uuid)",
          'create table {S}.loose_link (id uuid primary key, tenant_id uuid not null, per_row_id uuid)',
          'alter table {S}.loose_link add foreign key (per_row_id) references {S}.no_rls (id)',
          'create view {S}.owner_view as select * from {S}.per_row',
          'create table {S}.loose_id (id uuid primary key, tenant_id uuid not null, other_id uuid)',
          'create table {S}.excused_id (id uuid primary key, tenant_id uuid not null, vendor_id uuid)',
          "comment on column {S}.excused_id.vendor_id is 'No foreign key: an id in the vendor''s system'",
          'create table {S}.unexplained_id (id uuid primary key, tenant_id uuid not null, vendor_id uuid)',
          "comment on column {S}.unexplained_id.vendor_id is 'No foreign key:'",
          'create table {S}.nulls_tenant (id uuid primary key, tenant_id uuid not null, per_row_id uuid, foreign key (tenant_id, per_row_id) references {S}.per_row (tenant_id, id) on delete set null)',
          'create table {S}.nulls_column (id uuid primary key, tenant_id uuid not null, per_row_id uuid, foreign key (tenant_id, per_row_id) references {S}.per_row (tenant_id, id) on delete set null (per_row_id))',
          'create table {S}.app_owned (id int)',
          'alter table {S}.app_owned owner to {R}',
          'grant truncate, references, trigger on {S}.no_rls to {R}',
          'grant create on schema {S} to {R}',
          "create function {S}.definer_unpinned() returns int language sql security definer as 'select 1'",
          "create function {S}.definer_open() returns int language sql security definer set search_path = '' as 'select 1'",
          'grant execute on function {S}.definer_open() to {R}',
          // A plain role (a superuser may execute anything): the bootstrap revoked these from PUBLIC in
          // this database, so each grant below is a fault.
          'create role {P} nologin',
          'grant execute on function pg_catalog.lo_from_bytea(oid, bytea) to {P}',
          'grant execute on function pg_catalog.pg_advisory_xact_lock(bigint) to {P}',
          'do $$ begin execute format($f$alter large object %s owner to {P}$f$, lo_create(0)); end $$',
          // UPDATE granted on some columns only is still UPDATE: it needs a policy as much as a table grant.
          'create table {S}.column_update (id uuid primary key, tenant_id uuid not null, note text)',
          'alter table {S}.column_update enable row level security',
          'alter table {S}.column_update force row level security',
          "create policy p on {S}.column_update for select using (tenant_id = (select nullif(current_setting('app.current_tenant_id', true), '')::uuid))",
          'grant select on {S}.column_update to {P}',
          'grant update (note) on {S}.column_update to {P}',
          // Shared reads: a declared table may admit other tenants' rows to SELECT, never to writes; an
          // undeclared one may not at all. Policies of another role are reviewed, not judged.
          'create table {S}.listed (id uuid primary key, tenant_id uuid not null, published boolean not null)',
          'alter table {S}.listed enable row level security',
          'alter table {S}.listed force row level security',
          "create policy listed_read on {S}.listed for select using (published or tenant_id = (select nullif(current_setting('app.current_tenant_id', true), '')::uuid))",
          "create policy listed_update on {S}.listed for update using (published) with check (tenant_id = (select nullif(current_setting('app.current_tenant_id', true), '')::uuid))",
          "create policy listed_insert on {S}.listed for insert with check (tenant_id = (select nullif(current_setting('app.current_tenant_id', true), '')::uuid))",
          'create policy listed_operators on {S}.listed to map_admin using (true) with check (true)',
          'create table {S}.unlisted (id uuid primary key, tenant_id uuid not null, published boolean not null)',
          'alter table {S}.unlisted enable row level security',
          'alter table {S}.unlisted force row level security',
          "create policy unlisted_read on {S}.unlisted for select using (published or tenant_id = (select nullif(current_setting('app.current_tenant_id', true), '')::uuid))",
          'create table {S}.projection (slug text primary key)',
          'alter table {S}.projection enable row level security',
          'alter table {S}.projection force row level security',
          'create policy projection_read on {S}.projection for select using (true)',
          'grant select, insert on {S}.projection to {P}',
          'create table {S}.projection_unforced (slug text primary key)',
          'alter table {S}.projection_unforced enable row level security',
          'create policy projection_unforced_read on {S}.projection_unforced for select using (true)',
        ]) {
          await q(statement)
        }
        const [writable] = await tx<{ oid: number }[]>`select lo_create(0) as oid`
        writableLargeObject = String(writable!.oid)
        await q(`grant update on large object ${writableLargeObject} to {P}`)
      })
      const sharedTables = Object.fromEntries(
        ['listed', 'projection', 'projection_unforced', 'ghost'].map((table) => [
          table,
          { plugin: 'planted', reason: 'every tenant reads it' },
        ]),
      )
      result = await auditRls(sql, { schemas: [schema], appRole: role, definerAllowList: [], sharedTables })
      plainResult = await auditRls(sql, {
        schemas: [schema],
        appRole: plainRole,
        definerAllowList: [],
        sharedTables,
      })
    })

    after(async () => {
      const sql = testStack().superSql
      await sql.unsafe(`drop schema ${schema} cascade`)
      await sql`select lo_unlink(${Number(writableLargeObject)})`
      await sql.unsafe(`drop role ${role}`)
      // Its large object and its grants on pg_catalog functions go first.
      await sql.unsafe(`drop owned by ${plainRole}`)
      await sql.unsafe(`drop role ${plainRole}`)
    })

    const found = (kind: string, object?: string) =>
      result.findings.some((f) => f.kind === kind && (object === undefined || f.object.includes(object)))

    for (const [kind, object] of [
      ['rls_disabled', 'no_rls'],
      ['rls_not_forced', 'not_forced'],
      ['no_policy', 'no_policy'],
      ['command_without_policy', 'select_only'],
      ['policy_without_with_check', 'unchecked'],
      ['per_row_setting', 'per_row'],
      ['foreign_key_without_tenant_id', 'loose_link'],
      ['view_without_security_invoker', 'owner_view'],
      ['app_role_owns', 'app_owned'],
      ['app_role_excess_grant', 'no_rls'],
      ['app_role_schema_create', schema],
      ['app_role_superuser', role],
      ['app_role_bypassrls', role],
      ['app_role_membership', role],
      ['definer_without_search_path', 'definer_unpinned'],
      ['definer_executable_by_app', 'definer_open'],
      ['id_without_foreign_key', 'loose_id.other_id'],
      ['id_without_foreign_key', 'unexplained_id.vendor_id'],
      ['set_null_nulls_tenant_id', 'nulls_tenant'],
    ] as const) {
      it(`catches ${kind} (${object})`, () => {
        expect(found(kind, object), JSON.stringify(result.findings, null, 1)).to.equal(true)
      })
    }

    it('catches a large-object function, an advisory-lock function and large objects the app role owns or may write', () => {
      const catalogFindings = plainResult.findings
        .filter((f) => f.kind.startsWith('app_role_'))
        .map(({ kind, object, message }) => ({ kind, object, message }))
      expect(catalogFindings).to.have.deep.members([
        {
          kind: 'app_role_large_object_function',
          object: 'lo_from_bytea(oid,bytea)',
          message: 'the app role may use large objects: storage outside RLS and the quotas',
        },
        {
          kind: 'app_role_advisory_lock_function',
          object: 'pg_advisory_xact_lock(bigint)',
          message: 'the app role may take advisory locks: one lock space shared by every tenant',
        },
        {
          kind: 'app_role_large_object',
          object: catalogFindings.find((f) => f.message === 'owned by the app role')?.object ?? 'none owned',
          message: 'owned by the app role',
        },
        {
          kind: 'app_role_large_object',
          object: `large object ${writableLargeObject}`,
          message: 'writable by the app role',
        },
      ])
      expect(catalogFindings).to.have.length(4)
    })

    it('counts an UPDATE granted on some columns only as UPDATE, which then needs a policy', () => {
      const onTable = plainResult.findings
        .filter((f) => f.object === 'column_update')
        .map(({ kind, message }) => ({ kind, message }))
      expect(onTable).to.deep.equal([
        { kind: 'command_without_policy', message: `${plainRole} may UPDATE but no policy for it applies` },
      ])
      const table = plainResult.tables.find((t) => t.name === 'column_update')
      expect(table?.appPrivileges).to.deep.equal(['SELECT', 'UPDATE'])
      expect(table?.appColumnPrivileges).to.deep.equal({ UPDATE: ['note'] })
    })

    it("catches a policy admitting other tenants' rows, unless it is the SELECT of a declared shared table", () => {
      const scope = (f: { kind: string }) => f.kind === 'policy_not_tenant_scoped'
      const flagged = result.findings.filter(scope).map((f) => f.object)
      expect(flagged).to.include.members(['unlisted.unlisted_read', 'listed.listed_update'])
      for (const allowed of ['listed.listed_read', 'listed.listed_insert', 'listed.listed_operators'])
        expect(flagged, allowed).to.not.include(allowed)
      expect(flagged.filter((object) => object.startsWith('select_only.'))).to.deep.equal([])
      expect(result.findings.find((f) => f.object === 'listed.listed_update')?.message).to.include(
        'shared table',
      )
    })

    it("lists a declared shared table with its shared read policy, and another role's policy for review", () => {
      expect(result.sharedTables.find((t) => t.table === 'listed')).to.deep.equal({
        table: 'listed',
        plugin: 'planted',
        reason: 'every tenant reads it',
        sharedPolicies: ['listed_read'],
      })
      expect(result.otherRolePolicies.map((p) => `${p.table}.${p.name}`)).to.include(
        'listed.listed_operators',
      )
    })

    it('catches a declared shared table that does not exist, is not forced, or that the app role may write without tenant_id', () => {
      expect(found('shared_table_unknown', 'ghost')).to.equal(true)
      expect(found('rls_not_forced', 'projection_unforced')).to.equal(true)
      const projection = plainResult.findings.filter((f) => f.object === 'projection')
      expect(projection.map(({ kind, message }) => ({ kind, message }))).to.deep.equal([
        {
          kind: 'shared_table_writable',
          message: `${plainRole} may INSERT a shared table without tenant_id: only its owner's definer functions may write it`,
        },
      ])
    })

    it('does not flag the correctly written policy on select_only as per-row', () => {
      expect(found('per_row_setting', 'select_only')).to.equal(false)
    })

    it('accepts an id column whose comment says why it has no foreign key, and lists it with the reason', () => {
      expect(found('id_without_foreign_key', 'excused_id.vendor_id')).to.equal(false)
      // The planted tables' tenant_id references no tenants table: flagged like any other id.
      expect(found('id_without_foreign_key', 'excused_id.tenant_id')).to.equal(true)
      expect(result.idsWithoutForeignKey).to.deep.equal([
        { table: 'excused_id', column: 'vendor_id', reason: "an id in the vendor's system" },
      ])
    })

    it('accepts `on delete set null (column)`, and shows why plain `set null` is a fault: the delete fails', async () => {
      expect(found('set_null_nulls_tenant_id', 'nulls_column')).to.equal(false)
      const sql = testStack().superSql
      const tenant = '00000000-0000-4000-8000-000000000001'
      const deleteReferenced = (table: string) =>
        sql
          .begin(async (tx) => {
            const q = (text: string) => tx.unsafe(text.replaceAll('{S}', schema).replaceAll('{T}', table))
            await q(`insert into {S}.per_row (id, tenant_id) values ('${tenant}', '${tenant}')`)
            await q(
              `insert into {S}.{T} (id, tenant_id, per_row_id) values (gen_random_uuid(), '${tenant}', '${tenant}')`,
            )
            await q(`delete from {S}.per_row where id = '${tenant}'`)
            const [row] = await q('select tenant_id, per_row_id from {S}.{T}')
            throw Object.assign(new Error('rolled back'), { row })
          })
          .catch((error: { code?: string; row?: unknown }) => error.code ?? error.row)
      expect(await deleteReferenced('nulls_tenant'), 'plain set null').to.equal('23502')
      expect(await deleteReferenced('nulls_column'), 'set null (per_row_id)').to.deep.equal({
        tenant_id: tenant,
        per_row_id: null,
      })
    })
  })
})
