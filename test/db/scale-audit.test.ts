// npm run audit:scale on the migrated schema (no findings: every tenant table's keys lead with tenant_id,
// the rest are reviewed exceptions), and on a scratch schema with each fault planted, to prove it catches them.
import { randomBytes } from 'node:crypto'
import { expect } from 'chai'
import { scaleAuditOptions } from '../../db/audit/options.js'
import { auditScale, renderScaleReport, type ScaleAuditResult } from '../../db/audit/scale-audit.js'
import { testStack } from '../harness/stack.js'

describe('npm run audit:scale', () => {
  describe('on the migrated schema', () => {
    let result: ScaleAuditResult
    before(async () => {
      result = await auditScale(testStack().ownerSql, scaleAuditOptions)
    })

    it('finds nothing', () => {
      expect(result.findings, renderScaleReport(result)).to.deep.equal([])
    })

    it('distributes every table with tenant_id but the reviewed exceptions, and places every other table', () => {
      const placement = Object.fromEntries(result.tables.map((t) => [t.name, t.placement]))
      expect(placement).to.include({
        tenants: 'reference',
        api_keys: 'reference',
        audit_events: 'coordinator',
        tools: 'distributed',
        agents: 'distributed',
        agent_tools: 'distributed',
        execution_logs: 'distributed',
        execution_counts: 'distributed',
        budget_usage: 'distributed',
        idempotency_keys: 'distributed',
      })
      expect(Object.values(placement)).not.to.include('unplaced')
    })

    it('reports the keys it checked (a distributed table: every unique and foreign key leads with tenant_id)', () => {
      const agentTools = result.tables.find((t) => t.name === 'agent_tools')!
      expect(agentTools.uniques.map((u) => u.firstColumn)).to.deep.equal(['tenant_id'])
      expect(
        agentTools.foreignKeys.map((f) => [f.references, f.firstColumn, f.firstReferenced]),
      ).to.have.deep.members([
        ['agents', 'tenant_id', 'tenant_id'],
        ['tools', 'tenant_id', 'tenant_id'],
      ])
      expect(renderScaleReport(result)).to.include(
        '| agent_tools | distributed | (tenant_id, agent_id, tool_id) |',
      )
    })
  })

  describe('on planted faults', () => {
    const schema = `scale_scratch_${randomBytes(4).toString('hex')}`
    let result: ScaleAuditResult

    before(async () => {
      const sql = testStack().superSql
      await sql.begin(async (tx) => {
        await tx.unsafe(`create schema ${schema}`)
        for (const statement of [
          'create table {S}.shared_things (id uuid primary key)',
          'create table {S}.good (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id))',
          // Primary key by id alone.
          'create table {S}.bad_pk (id uuid primary key, tenant_id uuid not null)',
          // A unique constraint and a unique index across tenants.
          'create table {S}.bad_unique (tenant_id uuid not null, id uuid not null, name text, code text, primary key (tenant_id, id), unique (name))',
          'create unique index bad_unique_code_idx on {S}.bad_unique (code, tenant_id)',
          'create unique index bad_unique_expr_idx on {S}.bad_unique ((lower(name)), tenant_id)',
          // A foreign key that does not lead with tenant_id, and one that misses the target's tenant_id.
          'create table {S}.bad_fk (tenant_id uuid not null, id uuid not null, good_id uuid, other_id uuid, primary key (tenant_id, id))',
          'alter table {S}.bad_fk add constraint bad_fk_loose foreign key (good_id, tenant_id) references {S}.good (id, tenant_id)',
          'alter table {S}.bad_fk add constraint bad_fk_crossed foreign key (tenant_id, other_id) references {S}.good (id, tenant_id)',
          // No primary key, nullable tenant_id.
          'create table {S}.no_pk (tenant_id uuid, note text)',
          // A table with neither tenant_id nor a declared placement; a reference table pointing at a tenant table.
          'create table {S}.orphan (id int primary key)',
          'alter table {S}.shared_things add column good_tenant uuid, add column good_id uuid',
          'alter table {S}.shared_things add constraint shared_things_good foreign key (good_tenant, good_id) references {S}.good (tenant_id, id)',
        ]) {
          await tx.unsafe(statement.replaceAll('{S}', schema))
        }
      })
      result = await auditScale(sql, {
        schemas: [schema],
        referenceTables: { shared_things: 'planted', missing_table: 'planted' },
        coordinatorTables: {},
      })
    })

    after(async () => {
      await testStack().superSql.unsafe(`drop schema ${schema} cascade`)
    })

    const found = (kind: string, object: string) =>
      result.findings.some((f) => f.kind === kind && f.object === object)

    for (const [kind, object] of [
      ['primary_key_without_leading_tenant_id', 'bad_pk.bad_pk_pkey'],
      ['unique_without_leading_tenant_id', 'bad_unique.bad_unique_name_key'],
      ['unique_without_leading_tenant_id', 'bad_unique.bad_unique_code_idx'],
      ['unique_without_leading_tenant_id', 'bad_unique.bad_unique_expr_idx'],
      ['foreign_key_without_leading_tenant_id', 'bad_fk.bad_fk_loose'],
      ['foreign_key_not_colocated', 'bad_fk.bad_fk_crossed'],
      ['no_primary_key', 'no_pk'],
      ['nullable_tenant_id', 'no_pk'],
      ['unplaced_table', 'orphan'],
      ['reference_table_foreign_key', 'shared_things.shared_things_good'],
      ['unknown_exception', 'missing_table'],
    ] as const) {
      it(`catches ${kind} (${object})`, () => {
        expect(found(kind, object), JSON.stringify(result.findings, null, 1)).to.equal(true)
      })
    }

    it('flags nothing on the correctly keyed table', () => {
      expect(result.findings.filter((f) => f.object.startsWith('good'))).to.deep.equal([])
    })
  })
})
