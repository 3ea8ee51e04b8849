// HTTP shape of the tool operations: read the validated request, call the service, shape the reply.
import type { Operation } from '../../app/plugin-kit.js'
import { pageRequest } from '../../app/plugin-kit.js'
import type { ToolFields } from './tools.repo.js'

export const listTools: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.catalogToolsService.list(pageRequest(query), query.agent_name as string | undefined),
})

export const createTool: Operation = async ({ body, services }) => {
  const tool = await services.catalogToolsService.create(body as ToolFields)
  return { status: 201, body: tool, headers: { Location: `/api/v1/tools/${tool.id}` } }
}

export const getTool: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.catalogToolsService.get(params.id!),
})

export const replaceTool: Operation = async ({ params, body, services }) => ({
  status: 200,
  body: await services.catalogToolsService.update(params.id!, body as ToolFields),
})

export const updateTool: Operation = async ({ params, body, services }) => ({
  status: 200,
  body: await services.catalogToolsService.update(params.id!, body as Partial<ToolFields>),
})

export const deleteTool: Operation = async ({ params, services }) => {
  await services.catalogToolsService.delete(params.id!)
  return { status: 204 }
}
