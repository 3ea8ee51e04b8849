// SQL for monthly budgets: reserve a call's worst case under the budget, settle it to what it was billed.
import type { PendingStatement, TransactionSql } from '../../app/plugin-kit.js'
import { randomInt } from 'node:crypto'
import type { Reservation } from './budget.js'

export interface Budgets {
  tokens: number | null
  costUsd: number | null
}

export interface Amount {
  tokens: number
  costUsd: number
}

export interface BudgetState {
  periodStart: string
  periodEnd: string
  used: Amount
  reserved: Amount
}

interface Row {
  period_start: string
  period_end: string
  tokens_used: string
  tokens_reserved: string
  cost_used_usd: string
  cost_reserved_usd: string
}

/**
 * Rows per tenant and month (the budget-shards migration): every model call adds its use to one, and a write
 * holds its row's lock until COMMIT, so a tenant's concurrent runs spread over 8 instead of queueing on one.
 */
const budgetShards = 8

const period = (tx: TransactionSql) => tx`(date_trunc('month', now() at time zone 'UTC'))::date`

const toState = (row: Row): BudgetState => ({
  periodStart: row.period_start,
  periodEnd: row.period_end,
  used: { tokens: Number(row.tokens_used), costUsd: Number(row.cost_used_usd) },
  reserved: { tokens: Number(row.tokens_reserved), costUsd: Number(row.cost_reserved_usd) },
})

export function makeBudgetRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  /**
   * Replaces a call's reservation (held in the month it was made) by what it was billed, added to this
   * month's use: the month of the execution recorded in the same transaction. Called for every call,
   * budget or not; the use may exceed what was reserved, and is recorded as it is.
   *
   * The statements, not sent yet: every run of a tenant writes a row of its month, whose lock a write holds
   * until COMMIT. Sent with the COMMIT (commitWith), the lock lasts the server's own work, never a round
   * trip to the API and back: with them sent first, a tenant's concurrent runs queued on that row.
   */
  const settlement = (reservation: Reservation, billed: Amount): PendingStatement[] => {
    const statements: PendingStatement[] = []
    if (reservation.periodStart) {
      statements.push(tx`
        update budget_usage
           set tokens_reserved = greatest(tokens_reserved - ${reservation.amount.tokens}, 0),
               cost_reserved_usd = greatest(cost_reserved_usd - ${reservation.amount.costUsd}, 0)
         where tenant_id = ${tenantId} and period_start = ${reservation.periodStart}::date and shard = 0`)
    }
    if (billed.tokens === 0 && billed.costUsd === 0) return statements
    // A reserved call's use goes where reservations are checked (shard 0, whose lock its release holds
    // already); an unbudgeted call's to any shard, so a tenant's runs do not queue on one row.
    const shard = reservation.periodStart ? 0 : randomInt(budgetShards)
    statements.push(tx`
      insert into budget_usage (tenant_id, period_start, shard, tokens_used, cost_used_usd)
      values (${tenantId}, ${period(tx)}, ${shard}, ${billed.tokens}, ${billed.costUsd})
      on conflict (tenant_id, period_start, shard) do update
         set tokens_used = budget_usage.tokens_used + excluded.tokens_used,
             cost_used_usd = budget_usage.cost_used_usd + excluded.cost_used_usd`)
    return statements
  }

  return {
    /** The month's use; a month without a row has used nothing (reading writes nothing). */
    async state(): Promise<BudgetState> {
      const [row] = await tx<Row[]>`
        select to_char(p.start, 'YYYY-MM-DD') as period_start,
               to_char((p.start + interval '1 month') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as period_end,
               coalesce(sum(u.tokens_used), 0) as tokens_used, coalesce(sum(u.tokens_reserved), 0) as tokens_reserved,
               coalesce(sum(u.cost_used_usd), 0) as cost_used_usd,
               coalesce(sum(u.cost_reserved_usd), 0) as cost_reserved_usd
          from (select ${period(tx)} as start) p
          left join budget_usage u on u.tenant_id = ${tenantId} and u.period_start = p.start
         group by p.start`
      return toState(row!)
    },

    /**
     * Reserves `amount` if used + reserved + amount stays within every budget; undefined when it would not.
     * One guarded UPDATE of the month's shard 0, where every reservation and every reserved call's use is
     * kept: parallel runs queue on its lock and cannot overspend together. The other shards hold the use of
     * calls made without a budget (before one was set), added in.
     */
    async reserve(amount: Amount, budgets: Budgets): Promise<BudgetState | undefined> {
      await tx`insert into budget_usage (tenant_id, period_start) values (${tenantId}, ${period(tx)}) on conflict do nothing`
      const [row] = await tx<Row[]>`
        update budget_usage b
           set tokens_reserved = b.tokens_reserved + ${amount.tokens},
               cost_reserved_usd = b.cost_reserved_usd + ${amount.costUsd}
          from (select coalesce(sum(tokens_used), 0) as tokens, coalesce(sum(cost_used_usd), 0) as cost
                  from budget_usage
                 where tenant_id = ${tenantId} and period_start = ${period(tx)} and shard <> 0) others
         where b.tenant_id = ${tenantId} and b.period_start = ${period(tx)} and b.shard = 0
           and (${budgets.tokens}::bigint is null
                or b.tokens_used + others.tokens + b.tokens_reserved + ${amount.tokens} <= ${budgets.tokens}::bigint)
           and (${budgets.costUsd}::numeric is null
                or b.cost_used_usd + others.cost + b.cost_reserved_usd + ${amount.costUsd}
                   <= ${budgets.costUsd}::numeric)
        returning to_char(b.period_start, 'YYYY-MM-DD') as period_start,
                  to_char((b.period_start + interval '1 month') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                    as period_end,
                  b.tokens_used + others.tokens as tokens_used, b.tokens_reserved,
                  b.cost_used_usd + others.cost as cost_used_usd, b.cost_reserved_usd`
      return row ? toState(row) : undefined
    },

    settlement,

    /** The settlement, sent now (paths where the row's lock is not contended: a cancel, a lost attempt). */
    async settle(reservation: Reservation, billed: Amount): Promise<void> {
      await Promise.all(settlement(reservation, billed))
    },
  }
}

export type BudgetRepo = ReturnType<typeof makeBudgetRepo>
