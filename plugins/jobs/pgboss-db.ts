// pg-boss speaks to PostgreSQL through `db.executeSql(text, values)`. These adapters run its statements on
// the app's postgres.js pool (maintenance, complete, fail) or on a caller's transaction (send), as the app role.
//
// One rewrite, pinned to pg-boss 10.4.2: its maintenance statements come wrapped as
// `BEGIN; SET LOCAL ...; SELECT pg_advisory_xact_lock(<key of the schema>); <statements>; COMMIT;`. The app
// role may not take advisory locks (db/roles.ts revokes them: one lock space shared by every tenant), so the
// adapter runs the statements in a postgres.js transaction (which also rolls back on error, where a raw
// BEGIN..COMMIT string would leave a pooled connection in an aborted transaction) and takes the same mutual
// exclusion as a row lock on pgboss.version instead. Any other advisory lock is refused: a pg-boss upgrade that
// adds one fails loudly here instead of being silently unlocked.
import type PgBoss from 'pg-boss'
import type { PendingStatement, Sql, TransactionSql } from '../../app/plugin-kit.js'

const lockedBlock = /^\s*BEGIN;([\s\S]*);\s*COMMIT;\s*$/
const schemaLock =
  /SELECT pg_advisory_xact_lock\(\s*\('x' \|\| encode\(sha224\(\(current_database\(\) \|\| '\.pgboss\.pgboss'\)::bytea\), 'hex'\)\)::bit\(64\)::bigint\s*\)/
/** The maintenance lock, as a row lock the app role may take (it has UPDATE on pgboss.version). */
export const maintenanceRowLock = 'SELECT 1 FROM pgboss.version FOR UPDATE'

type Values = unknown[] | undefined
const parameters = (values: Values) =>
  (values ?? []).map((value) => (value === undefined ? null : value)) as never[]
// pg-boss sends a handful of fixed statements. Unprepared, postgres.js asks the server for a statement's
// parameter types before each execution (a Describe round trip); prepared, it asks once per connection.
const prepared = (values: Values) => ({ prepare: (values?.length ?? 0) > 0 })

/** Runs pg-boss's statements on the pool (its own short transactions). */
export function poolDb(sql: Sql): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const locked = lockedBlock.exec(text)
      if (!locked) {
        return { rows: await sql.unsafe(refuseAdvisoryLocks(text), parameters(values), prepared(values)) }
      }
      const body = locked[1]!.replace(schemaLock, maintenanceRowLock)
      const rows = await sql.begin((tx) => tx.unsafe(refuseAdvisoryLocks(body), parameters(values)))
      return { rows: rows as unknown[] }
    },
  }
}

/** Runs pg-boss's statements in the caller's transaction: a send there commits or rolls back with it. */
export function transactionDb(tx: TransactionSql): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({
      rows: await tx.unsafe(refuseAdvisoryLocks(text), parameters(values), prepared(values)),
    }),
  }
}

/**
 * pg-boss's send, held back: its one statement (the job's INSERT) is made on the caller's transaction but not
 * sent, for the caller to send with the transaction's COMMIT (commitWith): no round trip of its own. pg-boss is
 * told the insert stored the job `id` (the caller's, fixed), which is what the statement answers for a new id;
 * for an id stored already it adds nothing (ON CONFLICT DO NOTHING), as a sent enqueue does.
 */
export function deferredDb(tx: TransactionSql, id: string): { db: PgBoss.Db; statement(): PendingStatement } {
  let held: PendingStatement | undefined
  return {
    db: {
      executeSql: (text, values) => {
        if (held)
          throw new Error('pg-boss sent a second statement for one job: check plugins/jobs/pgboss-db.ts')
        held = tx.unsafe(refuseAdvisoryLocks(text), parameters(values), prepared(values))
        return Promise.resolve({ rows: [{ id }] })
      },
    },
    statement: () => {
      if (!held) throw new Error('pg-boss made no statement for the job')
      return held
    },
  }
}

function refuseAdvisoryLocks(text: string): string {
  if (/pg_(try_)?advisory/i.test(text)) {
    throw new Error(
      'pg-boss asked for an advisory lock the app role may not take and plugins/jobs/pgboss-db.ts does not ' +
        'know: check the pg-boss version against the one the pgboss migration was written for (10.4.2)',
    )
  }
  return text
}
