// Migration 1764100022400 on a database with versions in it: the reports written on marketplace_versions
// move to marketplace_version_reports (every tenant's, though RLS is forced on the owner that migrates), the
// column is gone; migrating down puts each report back on its version.
import { randomBytes } from 'node:crypto'
import { expect } from 'chai'
import { createPool, type Sql } from '../../../db/client.js'
import { migrate } from '../../../db/migrate.js'
import { appRole, ownerRole } from '../../../db/roles.js'
import { testPlugins } from '../../../test/harness/plugins.js'
import { testStack } from '../../../test/harness/stack.js'

const reportsMigration = '1764100022400_marketplace-version-reports'

const inDatabase = (url: string, name: string): string => {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

async function connected<T>(url: string, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = createPool(url, { max: 1, connectTimeoutSeconds: 5 })
  try {
    return await fn(sql)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

describe('marketplace migration: reports leave the shared versions row', function () {
  this.timeout(120_000)
  const name = `map_mig_reports_${randomBytes(4).toString('hex')}`
  let ownerUrl: string
  let superUrl: string

  before(async () => {
    const { superSql, database } = testStack()
    await superSql.unsafe(`create database ${name} owner ${ownerRole}`)
    await superSql.unsafe(`revoke all on database ${name} from public`)
    await superSql.unsafe(`grant connect on database ${name} to ${ownerRole}, ${appRole}`)
    ownerUrl = inDatabase(database.ownerUrl, name)
    superUrl = inDatabase(database.superuserUrl, name)
    await migrate({ ownerUrl, plugins: testPlugins })
    // Down to just before the reports migration (and every later one).
    for (;;) {
      const [undone] = await migrate({ ownerUrl, plugins: testPlugins, direction: 'down', count: 1 })
      if (!undone || undone.name === reportsMigration) break
    }
  })
  after(async () => {
    await testStack().superSql.unsafe(`drop database if exists ${name} with (force)`)
  })

  it('moves every tenant’s reports to their own table, and back on the way down', async () => {
    const report = (who: string) => [{ check: 'tool_kinds', passed: who === 'a', message: `${who}'s report` }]
    const seeded = await connected(superUrl, async (sql) => {
      const tenants = await sql<{ id: string }[]>`
        insert into tenants (name) values ('mig-a'), ('mig-b') returning id`
      const rows: { tenant: string; version: string; status: string; report: unknown }[] = []
      for (const [i, { id: tenant }] of tenants.entries()) {
        const who = i === 0 ? 'a' : 'b'
        const [listing] = await sql<{ id: string }[]>`
          insert into marketplace_listings (tenant_id, slug, name, summary, category, published_at)
          values (${tenant}, ${`mig-${who}-${randomBytes(3).toString('hex')}`}, 'L', 'S', 'c', now())
          returning id`
        for (const [version, status, withReport] of [
          ['1.0.0', 'published', true],
          ['1.1.0', 'rejected', true],
          ['1.2.0', 'validating', false],
        ] as const) {
          const [row] = await sql<{ id: string }[]>`
            insert into marketplace_versions (tenant_id, listing_id, version, status, package, package_sha256, report)
            values (${tenant}, ${listing!.id}, ${version}, ${status}, '{}', ${'0'.repeat(64)},
                    ${withReport ? sql.json(report(`${who}@${version}`)) : null})
            returning id`
          rows.push({
            tenant,
            version: row!.id,
            status,
            report: withReport ? report(`${who}@${version}`) : null,
          })
        }
      }
      return rows
    })

    const [up] = await migrate({ ownerUrl, plugins: testPlugins, count: 1 })
    expect(up?.name).to.equal(reportsMigration)
    await connected(superUrl, async (sql) => {
      const moved = await sql<{ tenant_id: string; version_id: string; report: unknown }[]>`
        select tenant_id, version_id, report from marketplace_version_reports`
      expect(moved).to.have.deep.members(
        seeded
          .filter((s) => s.report !== null)
          .map((s) => ({ tenant_id: s.tenant, version_id: s.version, report: s.report })),
      )
      const [column] = await sql`
        select 1 from information_schema.columns
         where table_name = 'marketplace_versions' and column_name = 'report'`
      expect(column, 'marketplace_versions.report is dropped').to.equal(undefined)
      const [forced] = await sql<{ versions: boolean; reports: boolean }[]>`
        select (select relforcerowsecurity from pg_class where oid = 'marketplace_versions'::regclass) as versions,
               (select relforcerowsecurity from pg_class where oid = 'marketplace_version_reports'::regclass) as reports`
      expect(forced).to.deep.equal({ versions: true, reports: true })
    })

    const [down] = await migrate({ ownerUrl, plugins: testPlugins, direction: 'down', count: 1 })
    expect(down?.name).to.equal(reportsMigration)
    await connected(superUrl, async (sql) => {
      const back = await sql<{ tenant_id: string; id: string; report: unknown }[]>`
        select tenant_id, id, report from marketplace_versions`
      expect(back).to.have.deep.members(
        seeded.map((s) => ({ tenant_id: s.tenant, id: s.version, report: s.report })),
      )
      const [table] = await sql`select to_regclass('public.marketplace_version_reports') as t`
      expect(table!.t).to.equal(null)
    })
  })
})
