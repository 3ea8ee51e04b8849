// Monthly budgets, per model call: a call reserves its worst case before it is made (refused with 429 when
// it would cross a budget) and is settled to what it was billed, in the transaction that records it. Every
// call is settled, budget or not, so the month's use is always its real total (a budget set mid-month starts
// from it). A run of several model calls reserves and settles each one.
import { appError, type Cradle, type TenantTransaction } from '../../app/plugin-kit.js'
import type { Amount, BudgetState, Budgets } from './budget.repo.js'

export interface Reservation {
  /** What the call may use at most: its input plus the output it may produce, at the model's prices. */
  amount: Amount
  /** The month the amount is held in, when the tenant has a budget (without one nothing is held). */
  periodStart?: string
}

type Settings = Awaited<ReturnType<Cradle['tenantSettingsCache']['get']>>

export const budgetsOf = (settings: Settings): Budgets => ({
  tokens: settings.monthlyTokenBudget,
  costUsd: settings.monthlyCostBudgetUsd,
})

export const hasBudget = (budgets: Budgets): boolean => budgets.tokens !== null || budgets.costUsd !== null

/** The reservation of a call under no budget: its worst case, held nowhere (no statement). */
export const nothingHeld = (amount: Amount): Reservation => ({ amount })

interface Units {
  inTransaction: TenantTransaction
}

/** Holds a call's worst case under the tenant's budgets, or refuses the call before it is made. */
export async function reserveCall(units: Units, budgets: Budgets, amount: Amount): Promise<Reservation> {
  if (!hasBudget(budgets)) return nothingHeld(amount)
  return units.inTransaction(async ({ runsBudgetRepo }) => {
    const held = await runsBudgetRepo.reserve(amount, budgets)
    if (!held) throw budgetExceeded(await runsBudgetRepo.state(), amount, budgets)
    return { amount, periodStart: held.periodStart }
  })
}

/**
 * The same hold inside a transaction the caller has open (the run loop's step boundaries): the refusal is
 * returned, not thrown, so the caller can record the run as failed in that same transaction.
 */
export async function holdCall(
  runsBudgetRepo: Cradle['runsBudgetRepo'],
  budgets: Budgets,
  amount: Amount,
): Promise<{ reservation: Reservation } | { refused: ReturnType<typeof budgetExceeded> }> {
  if (!hasBudget(budgets)) return { reservation: nothingHeld(amount) }
  const held = await runsBudgetRepo.reserve(amount, budgets)
  if (!held) return { refused: budgetExceeded(await runsBudgetRepo.state(), amount, budgets) }
  return { reservation: { amount, periodStart: held.periodStart } }
}

/** Which budget the amount would cross, for the 429 the client gets. */
export function budgetExceeded(state: BudgetState, amount: Amount, budgets: Budgets) {
  const committed = {
    tokens: state.used.tokens + state.reserved.tokens,
    costUsd: state.used.costUsd + state.reserved.costUsd,
  }
  const overTokens = budgets.tokens !== null && committed.tokens + amount.tokens > budgets.tokens
  const [kind, budget, used, requested] = overTokens
    ? (['tokens', budgets.tokens!, committed.tokens, amount.tokens] as const)
    : (['cost_usd', budgets.costUsd!, committed.costUsd, amount.costUsd] as const)
  const retryAfter = Math.max(Math.ceil((Date.parse(state.periodEnd) - Date.now()) / 1000), 1)
  return appError(
    'BUDGET_EXCEEDED',
    `This run could use up to ${requested} (${kind}); with ${used} of the monthly ${budget} already used or reserved, it would cross the budget.`,
    {
      budget_kind: kind,
      budget,
      used,
      requested,
      period_end: state.periodEnd,
      retry_after_seconds: retryAfter,
    },
  )
}
