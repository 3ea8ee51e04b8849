// Who created what: every migration (the core's and each plugin's) applied alone, in order, to an empty
// database, and the catalog compared before and after. Each object that hangs off a table (a column, an
// index, a trigger, a policy, a constraint) must come from the migrations of the table's owner: a plugin
// touches only its own tables (a trigger on another plugin's table is the tempting workaround for a missing
// event seam). A plugin's tenantTables must be tables its own migrations created.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import type { PluginDefinition } from '../../app/kernel/plugin.js'
import { createPool, type Sql } from '../client.js'
import { coreMigrationsDir, migrate } from '../migrate.js'
import type { Finding } from './rls-audit.js'

export interface CatalogObject {
  kind: 'table' | 'column' | 'index' | 'trigger' | 'policy' | 'constraint'
  name: string
  table: string
}

export interface OwnershipResult {
  findings: Finding[]
  /** Who created each table: 'core' or a plugin id. */
  tableOwners: Map<string, string>
  /** Every object each migration created, by owner. */
  created: Map<string, CatalogObject[]>
}

/** Migration name (file name without .sql) -> 'core' or the id of the plugin whose folder holds it. */
export function migrationOwners(plugins: readonly PluginDefinition[]): Map<string, string> {
  const owners = new Map<string, string>()
  const folders: [string, string][] = [
    ['core', coreMigrationsDir],
    ...plugins.flatMap((p): [string, string][] =>
      p.migrations ? [[p.id, path.join(p.dir, p.migrations)]] : [],
    ),
  ]
  for (const [owner, folder] of folders)
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.sql')))
      owners.set(path.basename(file, '.sql'), owner)
  return owners
}

async function catalogObjects(sql: Sql, schemas: string[]): Promise<CatalogObject[]> {
  return sql<CatalogObject[]>`
    with tables as (
      select c.oid, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = any(${schemas}) and c.relkind in ('r', 'p'))
    select 'table' as kind, relname as name, relname as table from tables
    union all
    select 'column', t.relname || '.' || a.attname, t.relname
      from tables t join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
    union all
    select 'index', i.relname, t.relname
      from tables t join pg_index x on x.indrelid = t.oid join pg_class i on i.oid = x.indexrelid
    union all
    select 'trigger', t.relname || '.' || g.tgname, t.relname
      from tables t join pg_trigger g on g.tgrelid = t.oid and not g.tgisinternal
    union all
    select 'policy', t.relname || '.' || p.polname, t.relname from tables t join pg_policy p on p.polrelid = t.oid
    union all
    select 'constraint', t.relname || '.' || k.conname, t.relname
      from tables t join pg_constraint k on k.conrelid = t.oid`
}

const keyOf = (o: CatalogObject) => `${o.kind}:${o.name}`

/**
 * Applies the migrations of `plugins` one at a time to the empty database at ownerUrl (as the owner, as
 * deployments do) and attributes every object each creates to that migration's owner.
 */
export async function auditMigrationOwnership(options: {
  ownerUrl: string
  plugins: readonly PluginDefinition[]
  schemas?: string[]
}): Promise<OwnershipResult> {
  const schemas = options.schemas ?? ['public', 'app']
  const owners = migrationOwners(options.plugins)
  const findings: Finding[] = []
  const tableOwners = new Map<string, string>()
  const created = new Map<string, CatalogObject[]>()
  const sql = createPool(options.ownerUrl, { max: 1, connectTimeoutSeconds: 10 })
  try {
    let known = new Set((await catalogObjects(sql, schemas)).map(keyOf))
    for (;;) {
      const [applied] = await migrate({ ownerUrl: options.ownerUrl, plugins: options.plugins, count: 1 })
      if (!applied) break
      const owner = owners.get(applied.name) ?? 'core'
      const now = await catalogObjects(sql, schemas)
      const fresh = now.filter((o) => !known.has(keyOf(o)))
      known = new Set(now.map(keyOf))
      created.set(owner, [...(created.get(owner) ?? []), ...fresh])
      for (const table of fresh.filter((o) => o.kind === 'table')) tableOwners.set(table.name, owner)
      for (const object of fresh.filter((o) => o.kind !== 'table')) {
        const tableOwner = tableOwners.get(object.table) ?? 'core'
        if (tableOwner === owner) continue
        findings.push({
          kind: 'touches_foreign_table',
          object: `${object.kind} ${object.name}`,
          message:
            `created by ${owner}'s migration ${applied.name} on ${object.table}, a table of ${tableOwner}: ` +
            "a plugin's migrations touch only its own tables",
        })
      }
    }
  } finally {
    await sql.end({ timeout: 5 })
  }
  for (const plugin of options.plugins) {
    const declared = [
      ...(plugin.tenantTables ?? []).map((table) => ({ table, list: 'tenantTables', kind: 'tenant_table' })),
      // Declaring a table shared loosens the RLS audit for it: a plugin may do that for its own tables only.
      ...Object.keys(plugin.sharedTables ?? {}).map((table) => ({
        table,
        list: 'sharedTables',
        kind: 'shared_table',
      })),
    ]
    for (const { table, list, kind } of declared) {
      const owner = tableOwners.get(table)
      if (owner !== plugin.id)
        findings.push({
          kind: `${kind}_not_its_own`,
          object: table,
          message: `${plugin.id} declares it in ${list}, but ${owner ? `${owner}'s migrations create it` : 'no migration creates it'}`,
        })
    }
  }
  return { findings, tableOwners, created }
}
