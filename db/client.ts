// The postgres.js pool the API uses. It connects as the app role: not the owner, no BYPASSRLS.
import { AsyncLocalStorage } from 'node:async_hooks'
import postgres from 'postgres'
import {
  defaultTenantShare,
  makeTenantShare,
  type TenantShare,
  type TenantShareOptions,
} from './tenant-share.js'

export type Sql = postgres.Sql
export type TransactionSql = postgres.TransactionSql

export interface PoolOptions {
  max: number
  connectTimeoutSeconds: number
  applicationName?: string
  /** Queries postgres.js may pipeline on one connection (its default is 100); tests lower it to stress BEGIN. */
  maxPipeline?: number
  /** Each tenant's share of the pool (inTenantTransaction); unset: half the pool, see tenant-share.ts. */
  tenantShare?: Partial<TenantShareOptions>
  /**
   * Whether inTenantTransaction refuses to nest on this pool (NestedTenantTransactionError); default true.
   * The check follows the transaction's async context (AsyncLocalStorage), which makes Node run a hook on
   * every promise of the process: 6-17% of a request's CPU (README, "Promise hooks"). The app turns it off
   * in production (TX_NESTING_CHECK); the tests run every path with it on.
   */
  checkNesting?: boolean
}

const tenantShares = new WeakMap<Sql, TenantShare>()
/** Pools whose tenant transactions refuse to nest (PoolOptions.checkNesting). */
const nestingChecked = new WeakSet<Sql>()

/** The fair-share rules inTenantTransaction applies on this pool. */
export const tenantShareOf = (sql: Sql): Readonly<TenantShareOptions> | undefined =>
  tenantShares.get(sql)?.options

export function createPool(url: string, options: PoolOptions): Sql {
  const sql = postgres(url, {
    max: options.max,
    ...(options.maxPipeline === undefined ? {} : { max_pipeline: options.maxPipeline }),
    connect_timeout: options.connectTimeoutSeconds,
    idle_timeout: 60,
    max_lifetime: 60 * 30,
    onnotice: () => undefined,
    connection: { application_name: options.applicationName ?? 'mini-agent-platform' },
    transform: { undefined: null },
  })
  tenantShares.set(sql, makeTenantShare({ ...defaultTenantShare(options.max), ...options.tenantShare }))
  if (options.checkNesting !== false) nestingChecked.add(sql)
  return sql
}

export interface TenantTransactions {
  /** Asked for a connection (or, past the tenant's share, for a slot) and not started yet. */
  waiting: number
  /** Started (their callback runs on a reserved connection) and not yet committed or rolled back. */
  running: number
}

// postgres.js exposes no pool statistics, so inTenantTransaction counts its own transactions, per pool.
const tenantTransactions = new WeakMap<Sql, TenantTransactions>()

/** When a tenant transaction last committed on the pool (performance.now()): the database answered then. */
const lastCommits = new WeakMap<Sql, number>()
export const lastCommitOf = (sql: Sql): number | undefined => lastCommits.get(sql)

/** The pool's tenant transactions right now (plain queries outside inTenantTransaction are not counted). */
export const tenantTransactionsOf = (sql: Sql): Readonly<TenantTransactions> =>
  tenantTransactions.get(sql) ?? { waiting: 0, running: 0 }

/** A tenant transaction in progress, as the code running inside it sees it (AsyncLocalStorage). */
interface OpenTransaction {
  pool: Sql
  open: boolean
}

const openTransactions = new AsyncLocalStorage<readonly OpenTransaction[]>()

/**
 * A programming error: code inside a tenant transaction asked the same pool for another one. It holds one
 * connection while it waits for a second, and when every connection is held that way nothing moves again
 * (issue 13, finding 1). Read through the transaction you have instead.
 */
export class NestedTenantTransactionError extends Error {
  override name = 'NestedTenantTransactionError'
  constructor() {
    super(
      'inTenantTransaction called inside a tenant transaction on the same pool: it would hold one connection ' +
        'while waiting for another (a pool deadlock). Use the transaction already open.',
    )
  }
}

/**
 * One request's tenant work: whether one of its transactions has run yet. Its first tenant transaction is
 * new work, which the tenant's share may refuse (TENANT_BUSY). Once one has run the request has begun, and
 * its later transactions (the operation after its Idempotency-Key claim, a run's later units, storing the
 * answer, releasing the key) finish it: they wait for their turn ahead of new work and are never refused,
 * so no request is cut off halfway with a key left claimed or an execution unrecorded. Passed explicitly to
 * each of the request's transactions (not an AsyncLocalStorage, which would cost every promise a hook).
 */
export interface RequestWork {
  begun: boolean
}

/** The work of a request (or a job) about to start: none of its transactions has run. */
export const newRequestWork = (): RequestWork => ({ begun: false })

/**
 * Runs fn in one transaction whose first statement pins the tenant for row-level security.
 * set_config(..., true) is transaction-local, so the setting dies with COMMIT or ROLLBACK and never
 * reaches the next user of the pooled connection.
 *
 * Two rules hold for every unit of tenant work, since all of it passes here:
 * - it never nests: called from inside a tenant transaction on the same pool it throws
 *   NestedTenantTransactionError at once, before it could wait for a connection (on a pool that checks it,
 *   PoolOptions.checkNesting: every pool but production's);
 * - the tenant gets its fair share of the pool (tenant-share.ts): past its concurrency the transaction
 *   waits, holding no connection, or (new work only, see RequestWork) is refused with TENANT_BUSY.
 */
const pinnedTenants = new WeakMap<TransactionSql, string>()

/**
 * The tenant a transaction of inTenantTransaction was pinned to (undefined for any other transaction): a
 * check that costs no round trip (jobs.enqueue refuses a transaction of another tenant with it).
 */
export const tenantOfTransaction = (tx: TransactionSql): string | undefined => pinnedTenants.get(tx)

export async function inTenantTransaction<T>(
  sql: Sql,
  tenantId: string,
  fn: (tx: TransactionSql) => Promise<T>,
  /** The request (or job) this transaction is part of; without it, new work. */
  work?: RequestWork,
): Promise<T> {
  const checked = nestingChecked.has(sql)
  const outer = (checked && openTransactions.getStore()) || []
  if (outer.some((open) => open.pool === sql && open.open)) throw new NestedTenantTransactionError()
  let counts = tenantTransactions.get(sql)
  if (!counts) tenantTransactions.set(sql, (counts = { waiting: 0, running: 0 }))
  const state = counts
  let started = false
  let release: (() => void) | undefined
  state.waiting++
  try {
    release = await tenantShares.get(sql)?.acquire(tenantId, work?.begun === true)
    if (work) work.begun = true
    const result = (await sql.begin(async (tx) => {
      started = true
      state.waiting--
      state.running++
      const mine: OpenTransaction = { pool: sql, open: true }
      try {
        // Sent now, not awaited: statements on one transaction's connection run in the order they are
        // written, so fn's first statement follows it in the same round trip. (Were the order ever wrong,
        // that statement would see no tenant: no rows of a tenant table, RLS failing closed, but every job
        // of pgboss.job, whose no-tenant case is the queue's own work; so the order is load-bearing.)
        const pinned = tx`select set_config('app.current_tenant_id', ${tenantId}, true)`.execute()
        pinnedTenants.set(tx, tenantId)
        const both = () => Promise.all([pinned, fn(tx)])
        const [, result] = await (checked ? openTransactions.run([...outer, mine], both) : both())
        return result
      } finally {
        // Work fn started and left running must not look nested once this transaction is over.
        mine.open = false
      }
    })) as T
    lastCommits.set(sql, performance.now())
    return result
  } finally {
    release?.()
    if (started) state.running--
    else state.waiting--
  }
}

/** A statement made on a transaction and not sent yet: what commitWith sends with the COMMIT. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any row shape; each result keeps its own type
export type PendingStatement = postgres.PendingQuery<any>

/** A statement not sent yet that answers rows of `Row`: to send (await, commitWith) or to select from. */
export type PendingRows<Row extends object> = postgres.PendingQuery<Row[]>

/**
 * Sends a transaction's last statements together with its COMMIT: one round trip less (patches/postgres,
 * commitWith). Pass statements not awaited yet, once nothing else of the transaction is pending; a
 * statement made after is refused, never run outside the transaction. Resolves to their results; rejects,
 * with nothing committed, when any of them fails (PostgreSQL answers that COMMIT with ROLLBACK).
 */
export function commitWith<Q extends readonly PendingStatement[]>(
  tx: TransactionSql,
  ...last: Q
): Promise<{ -readonly [K in keyof Q]: Awaited<Q[K]> }> {
  const send = (tx as TransactionSql & { commitWith?: (...q: Q) => Promise<unknown[]> }).commitWith
  if (!send) throw new Error('commitWith needs the postgres.js patch (patches/postgres+3.4.9.patch)')
  return send(...last) as Promise<{ -readonly [K in keyof Q]: Awaited<Q[K]> }>
}

/**
 * Where statements stand in their transaction. `last`: nothing of the transaction follows them (an
 * operation that is one read, or one write), so they leave with the COMMIT (commitWith): one round trip
 * less, and a statement made after them is refused, never run outside the transaction. "After" is the
 * order postgres.js hands statements to the connection: one microtask after `execute()`, later after an
 * `await` or `Promise.all`. A statement meant to precede them is sent with sendStatements (below; run.repo.ts
 * `expireIfDue`), or passed with them.
 */
export interface StatementPlace {
  last?: boolean
}

/**
 * Sends statements together, and with the transaction's COMMIT when they are its last. Either way they are
 * handed to the connection in the order of the calls (execute), so statements sent this way before a last
 * one precede its COMMIT even when both are awaited together.
 */
export function sendStatements<Q extends readonly PendingStatement[]>(
  tx: TransactionSql,
  place: StatementPlace | undefined,
  ...statements: Q
): Promise<{ -readonly [K in keyof Q]: Awaited<Q[K]> }> {
  if (place?.last) return commitWith(tx, ...statements)
  for (const statement of statements) void statement.execute() // awaited just below
  return Promise.all(statements)
}

/** The place of statements that end their transaction. */
export const lastInTransaction: StatementPlace = Object.freeze({ last: true })
