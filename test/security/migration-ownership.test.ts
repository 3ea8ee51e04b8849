// "A plugin's migrations touch only its own tables", enforced: every migration applied alone to a fresh
// database, each object it creates attributed to its plugin (db/audit/migration-ownership.ts). Then a
// planted plugin whose migration indexes and triggers the catalog's agents table, to prove it is caught.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { auditMigrationOwnership, type OwnershipResult } from '../../db/audit/migration-ownership.js'
import type { PluginDefinition } from '../../app/plugin-kit.js'
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratch-database.js'
import { pluginUnderTest, testPlugins } from '../harness/plugins.js'

describe('migration ownership', function () {
  this.timeout(60_000)
  const databases: ScratchDatabase[] = []
  const folders: string[] = []
  after(async () => {
    await Promise.all(databases.map((db) => db.drop()))
    for (const folder of folders) rmSync(folder, { recursive: true, force: true })
  })

  const audit = async (plugins: readonly PluginDefinition[]): Promise<OwnershipResult> => {
    const db = await createScratchDatabase('map_owners')
    databases.push(db)
    return auditMigrationOwnership({ ownerUrl: db.ownerUrl, plugins })
  }

  describe("of this repository's migrations (the examples' included)", () => {
    let result: OwnershipResult
    before(async () => {
      result = await audit(testPlugins)
    })

    it('finds no migration creating anything on another owner’s table', () => {
      expect(result.findings).to.deep.equal([])
    })

    it("attributes each plugin's tables to it, the example's index and foreign key to agents included", () => {
      expect(result.tableOwners.get('agents')).to.equal('catalog')
      expect(result.tableOwners.get('execution_counts')).to.equal('runs')
      expect(result.tableOwners.get('example_notes')).to.equal('example-notes')
      const example = (result.created.get('example-notes') ?? []).map((o) => `${o.kind} ${o.name}`)
      expect(example).to.include.members([
        'index example_notes_tenant_id_agent_id_idx',
        'constraint example_notes.example_notes_agent_fkey',
      ])
      // The runs plugin's trigger counts inserts into its own execution_logs: allowed.
      expect((result.created.get('runs') ?? []).map((o) => o.name)).to.include(
        'execution_logs.execution_logs_count',
      )
    })
  })

  // A test of the check itself, not of a plugin: left out of `npm run test:plugin`.
  if (!pluginUnderTest)
    describe('on a planted plugin whose migration touches the catalog’s agents table', () => {
      let result: OwnershipResult
      before(async () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'map-planted-'))
        folders.push(dir)
        mkdirSync(path.join(dir, 'migrations'))
        writeFileSync(
          path.join(dir, 'migrations', '1764100099000_planted-notes.sql'),
          `-- Up Migration
create table planted_notes (tenant_id uuid not null references tenants (id), id uuid not null, primary key (tenant_id, id));
create index planted_agents_name_idx on agents (tenant_id, name);
create function app.planted_touch() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger planted_on_agents after insert on agents for each row execute function app.planted_touch();
alter table agents add column planted_flag boolean;
-- Down Migration
alter table agents drop column planted_flag;
drop trigger planted_on_agents on agents;
drop function app.planted_touch();
drop index planted_agents_name_idx;
drop table planted_notes;
`,
        )
        const planted: PluginDefinition = {
          id: 'planted',
          dir,
          migrations: 'migrations',
          tenantTables: ['planted_notes', 'agents'],
          // Declaring another plugin's table shared would loosen the RLS audit on it.
          sharedTables: { agents: 'every tenant reads them' },
        }
        result = await audit([...testPlugins, planted])
      })

      const found = (kind: string, object: string) =>
        result.findings.filter((f) => f.kind === kind && f.object === object).map((f) => f.message)

      it('catches the index it creates on agents', () => {
        expect(found('touches_foreign_table', 'index planted_agents_name_idx')).to.deep.equal([
          "created by planted's migration 1764100099000_planted-notes on agents, a table of catalog: a plugin's migrations touch only its own tables",
        ])
      })

      it('catches the trigger it creates on agents, and the column it adds', () => {
        expect(found('touches_foreign_table', 'trigger agents.planted_on_agents')).to.have.length(1)
        expect(found('touches_foreign_table', 'column agents.planted_flag')).to.have.length(1)
      })

      it("catches a tenantTables or sharedTables entry naming another plugin's table, and nothing else", () => {
        expect(found('tenant_table_not_its_own', 'agents')).to.deep.equal([
          "planted declares it in tenantTables, but catalog's migrations create it",
        ])
        expect(found('shared_table_not_its_own', 'agents')).to.deep.equal([
          "planted declares it in sharedTables, but catalog's migrations create it",
        ])
        expect(result.findings).to.have.length(5)
      })
    })
})
