// The scale audit (`npm run audit:scale`): could the schema be sharded by tenant without changing a key?
// With Citus (docs/scaling.md) every tenant table is distributed by tenant_id and co-located, so a key is
// enforced on one shard only when it leads with tenant_id, and a foreign key holds only between rows of
// one shard. Every table must therefore be one of:
//   - distributed: it has tenant_id (NOT NULL), a primary key, and every primary key, unique index and
//     foreign key leads with tenant_id; a foreign key to another distributed table lands on its tenant_id;
//   - a reference table (copied to every node: tenants), referencing only reference tables;
//   - a coordinator table (Citus local table), referencing no distributed table.
// The last two are declared in the options with the reason, so every exception is a reviewed one.
import type { Sql } from '../client.js'
import { keyCatalog, type ForeignKeyRow, type UniqueIndexRow } from './catalog.js'
import type { Finding } from './rls-audit.js'

export type Placement = 'distributed' | 'reference' | 'coordinator' | 'unplaced'

export interface ScaleAuditOptions {
  schemas: string[]
  /** Tables copied whole to every node (Citus reference tables), each with the reason. */
  referenceTables: Record<string, string>
  /** Tables kept on the coordinator only (Citus local tables), each with the reason. */
  coordinatorTables: Record<string, string>
  /** Tables left out entirely (test-only plugins). */
  excludeTables?: string[]
}

export interface TableKeys {
  name: string
  placement: Placement
  /** Why a reference or coordinator table is one. */
  reason?: string
  uniques: UniqueIndexRow[]
  foreignKeys: ForeignKeyRow[]
}

export interface ScaleAuditResult {
  tables: TableKeys[]
  findings: Finding[]
}

function placementOf(
  name: string,
  hasTenantId: boolean,
  options: ScaleAuditOptions,
): Pick<TableKeys, 'placement' | 'reason'> {
  const reference = options.referenceTables[name]
  if (reference !== undefined) return { placement: 'reference', reason: reference }
  const coordinator = options.coordinatorTables[name]
  if (coordinator !== undefined) return { placement: 'coordinator', reason: coordinator }
  return { placement: hasTenantId ? 'distributed' : 'unplaced' }
}

function distributedFindings(
  table: TableKeys,
  facts: { tenantIdNotNull: boolean; hasPrimaryKey: boolean },
  placements: Map<string, Placement>,
): Finding[] {
  const findings: Finding[] = []
  const add = (kind: string, object: string, message: string) => findings.push({ kind, object, message })
  if (!facts.tenantIdNotNull)
    add('nullable_tenant_id', table.name, 'tenant_id may be NULL: no shard can hold such a row')
  if (!facts.hasPrimaryKey) add('no_primary_key', table.name, 'has no primary key')
  for (const unique of table.uniques.filter((u) => u.firstColumn !== 'tenant_id')) {
    add(
      unique.primary ? 'primary_key_without_leading_tenant_id' : 'unique_without_leading_tenant_id',
      `${table.name}.${unique.name}`,
      `does not lead with tenant_id, so no shard alone can enforce it: ${unique.definition}`,
    )
  }
  for (const fk of table.foreignKeys) {
    const object = `${table.name}.${fk.name}`
    const target = placements.get(fk.references)
    if (fk.firstColumn !== 'tenant_id')
      add('foreign_key_without_leading_tenant_id', object, `does not lead with tenant_id: ${fk.definition}`)
    else if (target === 'distributed' && fk.firstReferenced !== 'tenant_id')
      add(
        'foreign_key_not_colocated',
        object,
        `does not land on ${fk.references}.tenant_id: ${fk.definition}`,
      )
    if (target === 'coordinator')
      add('foreign_key_to_coordinator_table', object, `references coordinator table ${fk.references}`)
  }
  return findings
}

export async function auditScale(sql: Sql, options: ScaleAuditOptions): Promise<ScaleAuditResult> {
  const excluded = new Set(options.excludeTables ?? [])
  const data = await keyCatalog(sql, options.schemas)
  const rows = data.tables.filter((t) => !excluded.has(t.name))
  const tables: TableKeys[] = rows.map((t) => ({
    name: t.name,
    ...placementOf(t.name, t.hasTenantId, options),
    uniques: data.uniques.filter((u) => u.table === t.name),
    foreignKeys: data.foreignKeys.filter((f) => f.table === t.name),
  }))
  const placements = new Map(tables.map((t) => [t.name, t.placement]))
  const findings: Finding[] = []
  for (const [index, table] of tables.entries()) {
    if (table.placement === 'unplaced') {
      findings.push({
        kind: 'unplaced_table',
        object: table.name,
        message: 'has no tenant_id and is declared neither a reference nor a coordinator table',
      })
    } else if (table.placement === 'distributed') {
      findings.push(...distributedFindings(table, rows[index]!, placements))
    } else {
      for (const fk of table.foreignKeys) {
        const target = placements.get(fk.references)
        const allowed = table.placement === 'reference' ? target === 'reference' : target !== 'distributed'
        if (!allowed)
          findings.push({
            kind: `${table.placement}_table_foreign_key`,
            object: `${table.name}.${fk.name}`,
            message: `a ${table.placement} table cannot reference ${target ?? 'a'} table ${fk.references}`,
          })
      }
    }
  }
  const known = new Set(data.tables.map((t) => t.name))
  for (const name of [...Object.keys(options.referenceTables), ...Object.keys(options.coordinatorTables)]) {
    if (!known.has(name))
      findings.push({
        kind: 'unknown_exception',
        object: name,
        message: 'declared in the options, not in the schema',
      })
  }
  return { tables, findings }
}

/** The column list of an index definition: the balanced parentheses after USING <method>. */
function columnsOf(definition: string): string {
  const start = definition.search(/ USING \w+ \(/)
  const open = definition.indexOf('(', start)
  let depth = 0
  for (let i = open; i < definition.length; i++) {
    if (definition[i] === '(') depth++
    else if (definition[i] === ')' && --depth === 0) return definition.slice(open + 1, i)
  }
  return definition
}

/** The audit as markdown: each table's placement and keys, the reviewed exceptions, the findings. */
export function renderScaleReport(result: ScaleAuditResult): string {
  const cell = (items: string[]) => items.join('<br>').replace(/\|/g, '\\|') || '-'
  return [
    '# Scale report',
    '',
    'Generated by `npm run audit:scale`: where each table would live on Citus (distributed by tenant_id,',
    'reference, or coordinator) and its keys. See docs/scaling.md.',
    '',
    '| table | placement | primary key | other unique keys | foreign keys |',
    '| --- | --- | --- | --- | --- |',
    ...result.tables.map((t) => {
      const pk = t.uniques.filter((u) => u.primary).map((u) => `(${columnsOf(u.definition)})`)
      const others = t.uniques.filter((u) => !u.primary).map((u) => `${u.name} (${columnsOf(u.definition)})`)
      const fks = t.foreignKeys.map((f) => `${f.name}: ${f.definition}`)
      return `| ${t.name} | ${t.placement} | ${cell(pk)} | ${cell(others)} | ${cell(fks)} |`
    }),
    '',
    '## Reviewed exceptions',
    '',
    ...result.tables.filter((t) => t.reason).map((t) => `- **${t.name}** (${t.placement}): ${t.reason}`),
    '',
    '## Findings',
    '',
    ...(result.findings.length === 0
      ? ['None.']
      : result.findings.map((f) => `- **${f.kind}** ${f.object}: ${f.message}`)),
    '',
  ].join('\n')
}
