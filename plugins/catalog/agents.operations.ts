// HTTP shape of the agent operations: read the validated request, call the service, shape the reply.
// Every agent representation carries its ETag; If-Match makes a change conditional on it, If-None-Match
// lets a GET answer 304.
import type { Operation } from '../../app/plugin-kit.js'
import { ifMatchVersions, lastInTransaction, noneMatchFails, pageRequest } from '../../app/plugin-kit.js'
import type { AgentFields } from './agents.repo.js'
import type { AgentChange } from './agents.service.js'

export const listAgents: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.catalogAgentsService.list(
    pageRequest(query),
    query.tool_name as string | undefined,
    lastInTransaction,
  ),
})

export const createAgent: Operation = async ({ body, services }) => {
  const agent = await services.catalogAgentsService.create(body as AgentFields & { tool_ids?: string[] })
  return {
    status: 201,
    body: agent.body,
    headers: { Location: `/api/v1/agents/${agent.body.id}`, ETag: agent.etag },
  }
}

export const getAgent: Operation = async ({ params, headers, services }) => {
  const { body, etag } = await services.catalogAgentsService.read(params.id!, lastInTransaction)
  if (noneMatchFails(headers, etag)) return { status: 304, headers: { ETag: etag } }
  return { status: 200, body, headers: { ETag: etag } }
}

const change: Operation = async ({ params, headers, body, services }) => {
  const agent = await services.catalogAgentsService.update(
    params.id!,
    body as AgentChange,
    ifMatchVersions(headers, params.id!),
  )
  return { status: 200, body: agent.body, headers: { ETag: agent.etag } }
}

export const replaceAgent: Operation = change

export const updateAgent: Operation = change

export const deleteAgent: Operation = async ({ params, headers, services }) => {
  await services.catalogAgentsService.delete(params.id!, ifMatchVersions(headers, params.id!))
  return { status: 204 }
}
