// HTTP shape of the agent operations: read the validated request, call the service, shape the reply.
import type { Operation } from '../../app/plugin-kit.js'
import { pageRequest } from '../../app/plugin-kit.js'
import type { AgentFields } from './agents.repo.js'
import type { AgentChange } from './agents.service.js'

export const listAgents: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.catalogAgentsService.list(pageRequest(query), query.tool_name as string | undefined),
})

export const createAgent: Operation = async ({ body, services }) => {
  const agent = await services.catalogAgentsService.create(body as AgentFields & { tool_ids?: string[] })
  return { status: 201, body: agent, headers: { Location: `/api/v1/agents/${agent.id}` } }
}

export const getAgent: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.catalogAgentsService.get(params.id!),
})

export const replaceAgent: Operation = async ({ params, body, services }) => ({
  status: 200,
  body: await services.catalogAgentsService.update(params.id!, body as AgentChange),
})

export const updateAgent: Operation = async ({ params, body, services }) => ({
  status: 200,
  body: await services.catalogAgentsService.update(params.id!, body as AgentChange),
})

export const deleteAgent: Operation = async ({ params, services }) => {
  await services.catalogAgentsService.delete(params.id!)
  return { status: 204 }
}
