// Running agents (a loop of model and tool steps), and the execution history every run is recorded in
// (execution_logs, execution_steps), with each run's event log (execution_events).
import { randomUUID } from 'node:crypto'
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
import { makeExecutionsService, type ExecutionsService } from './executions.service.js'
import { makeStepsRepo, type StepsRepo } from './steps.repo.js'
import { makeEventsRepo, type EventsRepo } from './events.repo.js'
import { makeEventsService, type EventsService } from './events.service.js'
import { makeEventsListener, type EventsListener } from './events.listener.js'
import { startEventRetentionSweep, type EventRetentionSweep } from './events.retention.js'
import * as eventsOperations from './events.operations.js'
import { startExpirySweep, type ExpirySweep } from './expiry.js'
import { startOrphanSweep, type OrphanSweep } from './run.orphans.js'
import { makeRunsMetrics, type RunsMetrics } from './runs.metrics.js'
import { deliverEvent, makeRunEventSubscribers, type RunEventSubscribers } from './run.subscribers.js'
import { executeRun, makeBackgroundRuns, type BackgroundRuns } from './run.background.js'
import { makeRunCancelSignals, type RunCancelSignals } from './run.cancel-signals.js'
import { runsEnv, type RunsConfig } from './runs.config.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    /** TOOL_OUTPUT_TIMEOUT_SECONDS, EXECUTION_EXPIRY_SWEEP_SECONDS, EVENT_*, RUN_* (runs.config.ts). */
    runsConfig: RunsConfig
    runsHistoryRepo: HistoryRepo
    runsHistoryService: HistoryService
    runsRunRepo: RunRepo
    runsBudgetRepo: BudgetRepo
    runsRunService: RunService
    runsStepsRepo: StepsRepo
    runsEventsRepo: EventsRepo
    runsEventsService: EventsService
    runsEventsListener: EventsListener
    runsEventRetentionSweep: EventRetentionSweep
    runsExecutionsService: ExecutionsService
    runsExpirySweep: ExpirySweep
    runsOrphanSweep: OrphanSweep
    runsMetrics: RunsMetrics
    runsEventSubscribers: RunEventSubscribers
    runsBackground: BackgroundRuns
    runsCancelSignals: RunCancelSignals
  }
}

export const runsPlugin = definePlugin({
  id: 'runs',
  // jobs: the deliveries of run events to other plugins' subscribers (run.subscribers.ts).
  dependsOn: ['catalog', 'models', 'tool-kinds', 'jobs'],
  dir: import.meta.dirname,
  config: runsEnv,
  services: {
    runsHistoryRepo: asFunction(makeHistoryRepo).scoped(),
    runsHistoryService: asFunction(makeHistoryService).scoped(),
    runsRunRepo: asFunction(makeRunRepo).scoped(),
    runsBudgetRepo: asFunction(makeBudgetRepo).scoped(),
    runsStepsRepo: asFunction(makeStepsRepo).scoped(),
    runsEventsRepo: asFunction(makeEventsRepo).scoped(),
    runsEventsService: asFunction(makeEventsService).scoped(),
    // One LISTEN connection per process for every stream tailing a run's events.
    runsEventsListener: asFunction(makeEventsListener).singleton(),
    runsEventRetentionSweep: asFunction(startEventRetentionSweep)
      .singleton()
      .disposer((sweep) => sweep.stop()),
    runsExecutionsService: asFunction(makeExecutionsService).scoped(),
    // Started at boot (every singleton is resolved then); its timer stops when the container is disposed.
    runsExpirySweep: asFunction(startExpirySweep)
      .singleton()
      .disposer((sweep) => sweep.stop()),
    // Runs whose process or job was lost (run.orphans.ts); started at boot like the expiry sweep.
    runsOrphanSweep: asFunction(startOrphanSweep)
      .singleton()
      .disposer((sweep) => sweep.stop()),
    // In the app's registry at boot, so /metrics lists them before the first run.
    runsMetrics: asFunction(makeRunsMetrics).singleton(),
    // A singleton: it holds no tenant state; each call gets the request's units of work.
    runsRunService: asFunction(makeRunService).singleton(),
    // Built at boot: a subscriber named badly, or twice, stops it.
    runsEventSubscribers: asFunction(makeRunEventSubscribers).singleton(),
    // A worker's side of background runs (run.background.ts).
    runsBackground: asFunction(makeBackgroundRuns).singleton(),
    // One LISTEN per process for cancels asked for elsewhere (run.cancel-signals.ts).
    runsCancelSignals: asFunction(makeRunCancelSignals)
      .singleton()
      .disposer((signals) => signals.stop()),
  },
  // Other plugins react to runs through `runEventSubscribers` (declared in run.subscribers.ts).
  // runs.execute: background runs.
  contributes: { jobHandlers: [deliverEvent, executeRun] },
  operations: { ...historyOperations, ...runOperations, ...limitsOperations, ...eventsOperations },
  tenantTables: ['execution_logs', 'budget_usage', 'execution_counts', 'execution_steps', 'execution_events'],
  migrations: 'migrations',
  spec: ['runs.openapi.yaml', 'history.openapi.yaml', 'limits.openapi.yaml', 'loop.openapi.yaml'],
  errors: { ...runErrors, ...runsHistoryErrors },
  // An execution for a history {id}: one run of the catalog's fixture agent (the tests' models answer it).
  fixtures: {
    '/api/v1/history/{id}': async ({ create, fixture }) =>
      create(`/api/v1/agents/${await fixture('/api/v1/agents/{id}')}/run`, { prompt: 'x', model: 'gpt-4o' }),
    // An execution for an executions {id}: a run waiting for the output of its client tool's call call_1_1
    // (the mock's first call id), so POST .../tool-outputs can answer it.
    '/api/v1/executions/{id}': async ({ create }) => {
      const name = `fixture-ask-${randomUUID()}`
      const tool = await create('/api/v1/tools', { name, description: 'A client tool the run waits for' })
      const agent = await create('/api/v1/agents', {
        name: `fixture-waiting-agent-${randomUUID()}`,
        role: 'Tester',
        description: 'Calls its client tool',
        tool_ids: [tool],
      })
      return create(`/api/v1/agents/${agent}/run`, { prompt: `use ${name} with {}`, model: 'gpt-4o' })
    },
  },
})
