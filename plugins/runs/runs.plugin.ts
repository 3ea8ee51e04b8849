// Running agents, and the execution history every run is recorded in (execution_logs).
import { asFunction, definePlugin } from '../../app/plugin-kit.js'
import * as historyOperations from './history.operations.js'
import { runErrors } from './run.errors.js'
import { makeBudgetRepo, type BudgetRepo } from './budget.repo.js'
import { runsHistoryErrors } from './runs.errors.js'
import * as runOperations from './run.operations.js'
import * as limitsOperations from './limits.operations.js'
import { makeRunRepo, type RunRepo } from './run.repo.js'
import { makeRunService, type RunService } from './run.service.js'
import { makeHistoryRepo, type HistoryRepo } from './history.repo.js'
import { makeHistoryService, type HistoryService } from './history.service.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    runsHistoryRepo: HistoryRepo
    runsHistoryService: HistoryService
    runsRunRepo: RunRepo
    runsBudgetRepo: BudgetRepo
    runsRunService: RunService
  }
}

export const runsPlugin = definePlugin({
  id: 'runs',
  dependsOn: ['catalog', 'models'],
  dir: import.meta.dirname,
  services: {
    runsHistoryRepo: asFunction(makeHistoryRepo).scoped(),
    runsHistoryService: asFunction(makeHistoryService).scoped(),
    runsRunRepo: asFunction(makeRunRepo).scoped(),
    runsBudgetRepo: asFunction(makeBudgetRepo).scoped(),
    // A singleton: it holds no tenant state; each call gets the request's units of work.
    runsRunService: asFunction(makeRunService).singleton(),
  },
  operations: { ...historyOperations, ...runOperations, ...limitsOperations },
  tenantTables: ['execution_logs', 'budget_usage', 'execution_counts'],
  migrations: 'migrations',
  spec: ['runs.openapi.yaml', 'history.openapi.yaml', 'limits.openapi.yaml'],
  errors: { ...runErrors, ...runsHistoryErrors },
  // An execution for a history {id}: one run of the catalog's fixture agent (the tests' models answer it).
  fixtures: {
    '/api/v1/history/{id}': async ({ create, fixture }) =>
      create(`/api/v1/agents/${await fixture('/api/v1/agents/{id}')}/run`, { prompt: 'x', model: 'gpt-4o' }),
  },
})
