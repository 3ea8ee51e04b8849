// Regression tests for the local postgres.js patch (patches/postgres+3.4.9.patch, porsager/postgres#1189
// and #1210): sql.begin() must reserve its connection whenever BEGIN was written, whatever the pipeline.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import postgres from 'postgres'
import { testStack } from '../harness/stack.js'

// max_pipeline is a real postgres.js option that its type definitions omit.
const connect = (max: number, maxPipeline: number) =>
  postgres(testStack().database.appUrl, { max, onnotice: () => undefined, ...{ max_pipeline: maxPipeline } })

const settingQuery = (sql: postgres.Sql | postgres.TransactionSql) =>
  sql<
    { tenant: string | null }[]
  >`select nullif(current_setting('app.current_tenant_id', true), '') as tenant`

describe('postgres.js sql.begin under a full pipeline', () => {
  it('keeps other queries out of a transaction whose BEGIN filled the pipeline', async () => {
    // One connection, one query in flight at a time: BEGIN queued behind a running query sits exactly at
    // the pipeline boundary, where the unpatched driver skipped reserving the connection.
    const sql = connect(1, 1)
    try {
      const tenant = randomUUID()
      await sql`select 1` // connected and idle, so what follows pipelines instead of queueing for connect
      const first = sql`select pg_sleep(0.05)`.execute()
      const transaction = sql.begin(async (tx) => {
        await tx`select set_config('app.current_tenant_id', ${tenant}, true)`
        await tx`select pg_sleep(0.05)`
        return settingQuery(tx)
      })
      const outsider = settingQuery(sql)
      await first
      const [[inside], [outside]] = await Promise.all([transaction, outsider])
      expect(inside!.tenant).to.equal(tenant)
      expect(outside!.tenant, 'a query outside the transaction saw its tenant').to.equal(null)
      const [after] = await settingQuery(sql)
      expect(after!.tenant).to.equal(null)
    } finally {
      await sql.end({ timeout: 5 })
    }
  })

  it('runs transactions with max_pipeline 0 instead of failing with UNSAFE_TRANSACTION', async () => {
    const sql = connect(2, 0)
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => sql.begin((tx) => tx<{ n: number }[]>`select ${i}::int as n`)),
      )
      expect(results.map(([row]) => row!.n)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    } finally {
      await sql.end({ timeout: 5 })
    }
  })
})
