// HTTP shape of the history and usage operations: read the validated request, call the service, shape the reply.
import type { Operation } from '../../app/plugin-kit.js'
import { lastInTransaction, pageRequest } from '../../app/plugin-kit.js'
import type { ExecutionStatus } from './execution.js'
import type { HistoryFilters, UsageGrouping } from './history.repo.js'
import type { HistoryRequest } from './history.service.js'

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

const historyRequest = (query: Record<string, unknown>, filters: HistoryFilters): HistoryRequest => ({
  ...pageRequest(query),
  filters: {
    ...filters,
    model: text(query.model),
    status: text(query.status) as ExecutionStatus | undefined,
    createdAfter: text(query.created_after),
    createdBefore: text(query.created_before),
  },
  cursor: text(query.cursor),
})

export const listHistory: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.runsHistoryService.list(
    historyRequest(query, { agentId: text(query.agent_id) }),
    lastInTransaction,
  ),
})

export const getExecution: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.runsExecutionsService.get(params.id!, lastInTransaction),
})

/** GET /executions/{id}: the canonical execution resource (the same representation as the history's). */
export const retrieveExecution: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.runsExecutionsService.get(params.id!, lastInTransaction),
})

export const listExecutionSteps: Operation = async ({ params, query, services }) => ({
  status: 200,
  body: await services.runsExecutionsService.steps(params.id!, pageRequest(query), lastInTransaction),
})

export const listAgentHistory: Operation = async ({ params, query, services }) => {
  // The agent's read, then the page's with the COMMIT, in one write (each sent in call order); an unknown
  // agent (or another tenant's) rejects with AGENT_NOT_FOUND.
  const [, page] = await Promise.all([
    services.catalogAgentsService.get(params.id!),
    services.runsHistoryService.list(historyRequest(query, { agentId: params.id! }), lastInTransaction),
  ])
  return { status: 200, body: page }
}

export const getUsage: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.runsHistoryService.usage(
    { from: text(query.from), to: text(query.to) },
    text(query.group_by) as UsageGrouping | undefined,
    lastInTransaction,
  ),
})
