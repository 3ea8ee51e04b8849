// SQL for the execution history and usage. Every statement names tenant_id for the planner (row-level
// security enforces isolation regardless), and every page walks an index in its own order,
// (tenant_id, created_at desc, id desc) or (tenant_id, agent_id, created_at desc, id desc): nothing sorts the
// tenant's executions, at any depth. history.plans.test.ts holds the plans to that.
import {
  sendStatements,
  type Config,
  type StatementPlace,
  type TransactionSql,
} from '../../app/plugin-kit.js'
import type { ExecutionRow, ExecutionStatus } from './execution.js'

export interface HistoryFilters {
  agentId?: string
  model?: string
  status?: ExecutionStatus
  /** Inclusive lower bound on created_at (date-time text, passed to PostgreSQL as is). */
  createdAfter?: string
  /** Exclusive upper bound on created_at. */
  createdBefore?: string
}

/** Where a keyset page starts: strictly after (older than) this execution. */
export interface HistoryPosition {
  /** created_at at full microsecond precision, as 'YYYY-MM-DDTHH:MM:SS.ffffffZ'. */
  at: string
  id: string
}

export interface HistoryPageQuery {
  filters: HistoryFilters
  /** Rows to read; the service asks for one more than the page size to learn whether more follow. */
  limit: number
  offset: number
  after?: HistoryPosition
}

/** A row with its exact position, for the next cursor (a Date would round created_at to milliseconds). */
export type PositionedRow = ExecutionRow & { position_at: string }

export type UsageGrouping = 'model' | 'agent' | 'day'

export interface UsageFigures {
  runs: number
  input_tokens: number
  output_tokens: number
  total_tokens: number
  cost_usd: number
}

export interface UsageGroup extends UsageFigures {
  key: string
  agent_name?: string
}

export interface UsageReport {
  from: string
  to: string
  totals: UsageFigures
  groups: UsageGroup[]
}

interface FiguresRow {
  runs: number
  input_tokens: string
  output_tokens: string
  cost_usd: string
}

const figures = (row: FiguresRow): UsageFigures => ({
  runs: row.runs,
  input_tokens: Number(row.input_tokens),
  output_tokens: Number(row.output_tokens),
  total_tokens: Number(row.input_tokens) + Number(row.output_tokens),
  // Summed as numeric in SQL and converted once: no floating-point drift across rows.
  cost_usd: Number(row.cost_usd),
})

/** created_at, then id, both descending: the order of the history indexes. */
const newestFirst = (a: PositionedRow, b: PositionedRow): number =>
  a.position_at === b.position_at ? compareText(b.id, a.id) : compareText(b.position_at, a.position_at)

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * An instant as the API writes every timestamp, UTC with milliseconds; with microseconds only when it has
 * some (a bound the client gave that precisely), so a range is echoed exactly as asked.
 */
const isoTimestamp = (tx: TransactionSql, instant: ReturnType<TransactionSql>) => tx`
  case when extract(microseconds from ${instant})::bigint % 1000 = 0
       then to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
       else to_char(${instant} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end`

interface Deps {
  tx: TransactionSql
  tenantId: string
  config: Pick<Config, 'heavyReadTimeoutMs'>
}

export function makeHistoryRepo({ tx, tenantId, config }: Deps) {
  // Pages (a deep offset walks that many index entries) and usage (aggregates a whole range) are the reads
  // whose cost the client chooses: they run under a statement_timeout tighter than the role's 30 s, for the
  // rest of this transaction (SET LOCAL). Sent first and not awaited, like the tenant pin: the statements
  // after it on this connection run in order. A read past it fails with 57014: 503 statement_timeout.
  const boundTime = () =>
    tx`select set_config('statement_timeout', ${String(config.heavyReadTimeoutMs)}, true)`.execute()
  // A page's statements (the ids, the rows, the count) also run on their generic plans, planned once per
  // connection instead of on every execution: test/db/history-generic-plans.test.ts shows that plan is an
  // ordered index walk for every filter and way of paging, on tenants of any size. Set in the same
  // statement as the timeout (no round trip more), for this transaction only; usage keeps custom plans.
  const boundPage = () =>
    tx`select set_config('statement_timeout', ${String(config.heavyReadTimeoutMs)}, true),
              set_config('plan_cache_mode', 'force_generic_plan', true)`.execute()

  const columns = tx`
    x.id, x.agent_id, x.agent_snapshot, x.model, x.provider, x.prompt, x.response, x.status, x.error,
    x.tool_calls, x.input_tokens, x.output_tokens, x.usage_estimated, x.cost_usd, x.latency_ms, x.created_at,
    x.required_action, x.max_steps, x.steps_count, x.incomplete_reason, x.expires_at, x.updated_at,
    x.background, x.cancel_requested_at`

  // Date-times travel as text and are cast by PostgreSQL: a parameter the server types as timestamptz would be
  // serialized by postgres.js through a JavaScript Date, which drops the microseconds.
  // Only the filters given become predicates, so each combination is its own prepared statement with a
  // plan of its own, instead of one generic `($1 is null or ...)` plan that can use no index.
  const matching = ({ agentId, model, status, createdAfter, createdBefore }: HistoryFilters) => tx`
    e.tenant_id = ${tenantId}
    ${agentId === undefined ? tx`` : tx`and e.agent_id = ${agentId}::uuid`}
    ${model === undefined ? tx`` : tx`and e.model = ${model}`}
    ${status === undefined ? tx`` : tx`and e.status = ${status}`}
    ${createdAfter === undefined ? tx`` : tx`and e.created_at >= ${createdAfter}::text::timestamptz`}
    ${createdBefore === undefined ? tx`` : tx`and e.created_at < ${createdBefore}::text::timestamptz`}`

  // A row-value comparison matches the index order (created_at desc, id desc) as one index condition.
  const olderThan = (after: HistoryPosition | undefined) =>
    after === undefined
      ? tx``
      : tx`and (e.created_at, e.id) < (${after.at}::text::timestamptz, ${after.id}::uuid)`

  /**
   * How many executions match. Without filters other than the agent, the trigger-kept counts answer
   * (a few rows); any other filter counts the matching rows through the index.
   */
  const countOf = (filters: HistoryFilters) => {
    const { agentId, ...others } = filters
    if (Object.values(others).every((value) => value === undefined)) {
      return tx<{ total: number }[]>`
        select coalesce(sum(c.executions), 0)::int as total from execution_counts c
         where c.tenant_id = ${tenantId} ${agentId === undefined ? tx`` : tx`and c.agent_id = ${agentId}::uuid`}`
    }
    return tx<
      { total: number }[]
    >`select count(*)::int as total from execution_logs e where ${matching(filters)}`
  }

  return {
    /** A page of executions, newest first, and how many match the filters (the cursor aside). */
    async page(
      { filters, limit, offset, after }: HistoryPageQuery,
      place?: StatementPlace,
    ): Promise<{ rows: PositionedRow[]; total: number }> {
      // The page's ids come from the index alone (created_at and id are in it: an index-only scan once the
      // visibility map is set), so an offset skips index entries, not table rows; only the page's rows are
      // then read, by primary key. The ids go through an array rather than a join: the planner weighs a
      // join's lookups against the (generic) row estimate, and a wrong estimate can make reading the whole
      // tenant and sorting it look cheaper. Both statements are sent before either answer arrives.
      const [, rows, [count]] = await sendStatements(
        tx,
        place,
        boundPage(),
        tx<PositionedRow[]>`
          select ${columns},
                 to_char(x.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position_at
            from execution_logs x
           where x.tenant_id = ${tenantId}
             and x.id = any(array(select e.id
                                    from execution_logs e
                                   where ${matching(filters)} ${olderThan(after)}
                                   order by e.created_at desc, e.id desc
                                   limit ${limit} offset ${offset}))`,
        countOf(filters),
      )
      // Back in index order (at most one page): position_at has a fixed width, so text order is time order.
      rows.sort(newestFirst)
      return { rows, total: count?.total ?? 0 }
    },

    async get(id: string, place?: StatementPlace): Promise<ExecutionRow | undefined> {
      const [[row]] = await sendStatements(
        tx,
        place,
        tx<ExecutionRow[]>`
          select ${columns} from execution_logs x where x.tenant_id = ${tenantId} and x.id = ${id}`,
      )
      return row
    },

    /**
     * Runs, tokens and cost over [from, to); to defaults to now (the transaction's start), from to 30 days
     * (720 hours) before to. Both statements compute the same bounds: now() is fixed for the transaction.
     */
    async usage(
      range: { from?: string; to?: string },
      groupBy: UsageGrouping | undefined,
      maxDays: number,
      place?: StatementPlace,
    ): Promise<UsageReport> {
      const timeBound = boundTime()
      const bounds = tx`
        with upper_bound as (
               select coalesce(${range.to ?? null}::text::timestamptz, date_trunc('milliseconds', now())) as upper),
             bounds as (select coalesce(${range.from ?? null}::text::timestamptz, upper - interval '720 hours') as lower,
                               upper
                          from upper_bound)`
      const sums = tx`
        count(e.id)::int as runs,
        coalesce(sum(e.input_tokens), 0)::bigint::text as input_tokens,
        coalesce(sum(e.output_tokens), 0)::bigint::text as output_tokens,
        coalesce(sum(e.cost_usd), 0)::text as cost_usd`
      // A range longer than maxDays matches nothing: the service refuses it, and nothing was summed.
      const inRange = tx`
        e.tenant_id = ${tenantId} and e.created_at >= b.lower and e.created_at < b.upper
        and b.upper - b.lower <= make_interval(days => ${maxDays}::int)`
      const totalsQuery = tx<(FiguresRow & { from: string; to: string })[]>`
        ${bounds}
        select ${isoTimestamp(tx, tx`b.lower`)} as from, ${isoTimestamp(tx, tx`b.upper`)} as to,
               ${sums}
          from bounds b
          left join execution_logs e on ${inRange}
         group by b.lower, b.upper`

      // The key of each group, and for agents the name from the agent's latest run in the range.
      const grouping = {
        model: tx`e.model as key, null as agent_name`,
        agent: tx`e.agent_id::text as key,
                  (array_agg(e.agent_snapshot ->> 'name' order by e.created_at desc, e.id desc))[1] as agent_name`,
        day: tx`to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD') as key, null as agent_name`,
      }
      const groupsQuery = (by: UsageGrouping) => tx<
        (FiguresRow & { key: string; agent_name: string | null })[]
      >`
        ${bounds}
        select ${grouping[by]}, ${sums}
          from bounds b join execution_logs e on ${inRange}
         group by 1
         order by 1`

      const grouped = groupBy === undefined ? ([] as const) : ([groupsQuery(groupBy)] as const)
      const [, [totals], groups = []] = await sendStatements(tx, place, timeBound, totalsQuery, ...grouped)
      return {
        from: totals!.from,
        to: totals!.to,
        totals: figures(totals!),
        groups: groups.map((row) => ({
          key: row.key,
          ...(row.agent_name === null ? {} : { agent_name: row.agent_name }),
          ...figures(row),
        })),
      }
    },
  }
}

export type HistoryRepo = ReturnType<typeof makeHistoryRepo>
