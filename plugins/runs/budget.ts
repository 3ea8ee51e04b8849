// Monthly budgets: a run reserves its worst case before the model is called, and the reservation is
// settled to the real usage when the execution is recorded.
import { appError, type Cradle } from '../../app/plugin-kit.js'
import type { Amount, BudgetState, Budgets } from './budget.repo.js'

export interface Reservation {
  periodStart: string
  amount: Amount
}

type Settings = Awaited<ReturnType<Cradle['tenantSettingsCache']['get']>>

export const budgetsOf = (settings: Settings): Budgets => ({
  tokens: settings.monthlyTokenBudget,
  costUsd: settings.monthlyCostBudgetUsd,
})

export const hasBudget = (budgets: Budgets): boolean => budgets.tokens !== null || budgets.costUsd !== null

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
