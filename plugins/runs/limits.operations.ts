// GET /limits: the tenant's rate quotas and what remains of them, and its monthly budgets and use.
import type { Operation } from '../../app/plugin-kit.js'

const seconds = (ms: number) => Math.ceil(ms / 1000)

export const getLimits: Operation = async ({ tenantId, services }) => {
  // Read through this request's transaction: a second transaction would wait for a second connection
  // while this one holds the first (a pool deadlock when many such requests hold them all).
  const [settings, budget] = await Promise.all([
    services.tenantSettingsCache.get(tenantId, services.tx),
    services.runsBudgetRepo.state(),
  ])
  const quotas = await services.quotas.status(tenantId, settings)
  const quota = (name: keyof typeof quotas) => ({
    limit: quotas[name].limit,
    window_seconds: quotas[name].windowSeconds,
    remaining: quotas[name].remaining,
    reset_seconds: seconds(quotas[name].resetMs),
  })
  return {
    status: 200,
    body: {
      quotas: { requests: quota('requests'), runs: quota('runs') },
      shared: services.quotas.shared,
      budgets: {
        // The month's first instant, written as every timestamp of the API (UTC, milliseconds).
        period_start: `${budget.periodStart}T00:00:00.000Z`,
        period_end: budget.periodEnd,
        tokens: {
          limit: settings.monthlyTokenBudget,
          used: budget.used.tokens,
          reserved: budget.reserved.tokens,
        },
        cost_usd: {
          limit: settings.monthlyCostBudgetUsd,
          used: budget.used.costUsd,
          reserved: budget.reserved.costUsd,
        },
      },
    },
  }
}
