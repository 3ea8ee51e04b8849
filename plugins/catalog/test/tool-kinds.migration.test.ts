// The migration that gives tools a kind: a tool created before it becomes a client tool taking any object,
// with no kind fields, and the API role may no longer change a tool's kind.
import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { expect } from 'chai'
import { createTenant } from '../../../app/admin/tenants.repo.js'
import { createPool, inTenantTransaction, type Sql } from '../../../db/client.js'
import { migrate, migrationDirs } from '../../../db/migrate.js'
import { appRole, ownerRole } from '../../../db/roles.js'
import { testPlugins } from '../../../test/harness/plugins.js'
import { testStack } from '../../../test/harness/stack.js'

const MIGRATION = '1764100014000'

describe('catalog: the migration that gives tools a kind', function () {
  this.timeout(60_000)
  const name = `map_mig_${randomBytes(6).toString('hex')}`
  after(() => testStack().superSql.unsafe(`drop database if exists ${name} with (force)`))

  const url = (base: string) => Object.assign(new URL(base), { pathname: `/${name}` }).toString()
  const connected = async <T>(base: string, fn: (sql: Sql) => Promise<T>): Promise<T> => {
    const sql = createPool(url(base), { max: 1, connectTimeoutSeconds: 5 })
    try {
      return await fn(sql)
    } finally {
      await sql.end({ timeout: 5 })
    }
  }

  it('makes every existing tool a client tool with the default input schema, and the kind immutable', async () => {
    const { superSql, database } = testStack()
    await superSql.unsafe(`create database ${name} owner ${ownerRole}`)
    await superSql.unsafe(`grant connect on database ${name} to ${ownerRole}, ${appRole}`)
    const before = migrationDirs(testPlugins)
      .flatMap((dir) => readdirSync(dir).filter((file) => file.endsWith('.sql')))
      .filter((file) => file < MIGRATION)
    await migrate({ ownerUrl: url(database.ownerUrl), plugins: testPlugins, count: before.length })

    const { tenantId } = await connected(database.ownerUrl, (sql) => createTenant(sql, 'before-kinds'))
    const [old] = await connected(database.appUrl, (sql) =>
      inTenantTransaction(
        sql,
        tenantId,
        (tx) => tx<{ id: string }[]>`
          insert into tools (name, description) values ('legacy', 'made before kinds') returning id`,
      ),
    )
    await migrate({ ownerUrl: url(database.ownerUrl), plugins: testPlugins })

    const rows = await connected(
      database.superuserUrl,
      (sql) => sql`select name, kind, input_schema, config from tools where id = ${old!.id}`,
    )
    expect(rows).to.deep.equal([
      { name: 'legacy', kind: 'client', input_schema: { type: 'object' }, config: {} },
    ])
    await connected(database.appUrl, async (sql) => {
      // The API role still renames and redefines tools, but cannot change a kind.
      await inTenantTransaction(
        sql,
        tenantId,
        (tx) => tx`update tools set name = 'renamed', config = '{"a": 1}' where id = ${old!.id}`,
      )
      let refusal: unknown
      await inTenantTransaction(
        sql,
        tenantId,
        (tx) => tx`update tools set kind = 'javascript' where id = ${old!.id}`,
      ).catch((error: unknown) => (refusal = error))
      expect(String(refusal)).to.match(/permission denied for table tools/)
    })
    let badKind: unknown
    await connected(database.ownerUrl, (sql) =>
      inTenantTransaction(
        sql,
        tenantId,
        (tx) => tx`insert into tools (name, description, kind) values ('x', 'd', '')`,
      ),
    ).catch((error: unknown) => (badKind = error))
    expect(String(badKind)).to.match(/tools_kind_check/)
  })
})
