// The local postgres.js patch pipelines a bare BEGIN with the transaction's first statements, and sends a
// transaction's last statements with its COMMIT when asked (commitWith): one round trip less each. What
// must not change: every statement runs inside the transaction, a failure commits nothing, and nothing
// made after the COMMIT runs at all.
import { expect } from 'chai'
import postgres from 'postgres'
import { commitWith } from '../../db/client.js'
import { testStack } from '../harness/stack.js'
import { countedAppPool } from '../helpers/pg-round-trips.js'

describe('postgres.js pipelined BEGIN and commitWith', () => {
  let sql: postgres.Sql

  before(async () => {
    // One connection: the temporary table lives in its session.
    sql = postgres(testStack().database.ownerUrl, { max: 1, onnotice: () => undefined })
    await sql`create temporary table pipelined (id int primary key)`
  })
  after(() => sql.end({ timeout: 5 }))
  beforeEach(() => sql`delete from pipelined`)

  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail('resolved'),
      (error: unknown) => error as { code?: string; message: string },
    )
  const ids = async () => (await sql<{ id: number }[]>`select id from pipelined order by id`).map((r) => r.id)

  it('runs the first statements, sent with BEGIN, inside the transaction', async () => {
    await sql`select 1` // connected and idle: BEGIN and what follows leave in one write
    const [first, second] = await sql.begin((tx) => [
      tx<{ xid: string }[]>`select pg_current_xact_id()::text as xid`,
      tx<{ xid: string }[]>`select pg_current_xact_id()::text as xid`,
    ])
    expect(first[0]!.xid).to.equal(second[0]!.xid)
    const [outside] = await sql<{ xid: string }[]>`select pg_current_xact_id()::text as xid`
    expect(outside!.xid).to.not.equal(first[0]!.xid)
  })

  it('rolls back the first statements when the callback fails', async () => {
    const failing = sql.begin(async (tx) => {
      await tx`insert into pipelined values (1)`
      throw new Error('the callback failed')
    })
    expect((await rejection(failing)).message).to.equal('the callback failed')
    expect(await ids()).to.deep.equal([])
  })

  it('commits the statements sent with the COMMIT, and returns their results', async () => {
    const result = await sql.begin(async (tx) => {
      await tx`insert into pipelined values (1)`
      const [inserted, counted] = await commitWith(
        tx,
        tx<{ id: number }[]>`insert into pipelined values (2) returning id`,
        tx<{ n: number }[]>`select count(*)::int as n from pipelined`,
      )
      return { id: inserted[0]!.id, n: counted[0]!.n }
    })
    expect(result).to.deep.equal({ id: 2, n: 2 })
    expect(await ids()).to.deep.equal([1, 2])
  })

  it('commits nothing when a statement sent with the COMMIT fails, and rejects with its error', async () => {
    const failing = sql.begin(async (tx) => {
      await tx`insert into pipelined values (1)`
      await commitWith(tx, tx`insert into pipelined values (2)`, tx`insert into pipelined values (1)`)
    })
    expect((await rejection(failing)).code).to.equal('23505')
    expect(await ids()).to.deep.equal([])
  })

  it('commits nothing when an earlier statement left unawaited failed', async () => {
    const failing = sql.begin(async (tx) => {
      void tx`insert into pipelined values (1)`.execute()
      tx`insert into pipelined values (1)`.execute().catch(() => undefined)
      await commitWith(tx, tx`insert into pipelined values (3)`)
    })
    expect((await rejection(failing)).code).to.equal('23505')
    expect(await ids()).to.deep.equal([])
  })

  it('sends BEGIN, statements past 1 KB and the COMMIT in one write', async () => {
    // Upstream postgres.js wrote its buffer as soon as it passed 1 KB, so a COMMIT after a large statement
    // (a run's final events) left in a write of its own; the patch writes at the socket's 16 KB.
    const pool = await countedAppPool()
    try {
      const large = 'x'.repeat(6000)
      const echo = (tx: postgres.TransactionSql) => tx<{ n: number }[]>`select length(${large}::text) as n`
      await pool.sql.begin((tx) => commitWith(tx, echo(tx))) // prepared on the connection
      const before = pool.sent()
      const [[row]] = await pool.sql.begin((tx) => commitWith(tx, echo(tx), echo(tx)))
      expect(row!.n).to.equal(6000)
      expect(pool.sent() - before).to.equal(1)
    } finally {
      await pool.close()
    }
  })

  it('refuses a statement made after the COMMIT was sent, instead of running it outside the transaction', async () => {
    let late: Promise<unknown> | undefined
    await sql
      .begin(async (tx) => {
        await commitWith(tx, tx`insert into pipelined values (1)`)
        late = tx`insert into pipelined values (2)`.execute()
        await late.catch(() => undefined)
      })
      .catch(() => undefined)
    expect((await rejection(late!)).code).to.equal('COMMIT_ALREADY_SENT')
    expect(await ids()).to.deep.equal([1])
  })
})
