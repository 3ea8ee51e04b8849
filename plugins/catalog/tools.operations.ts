// HTTP shape of the tool operations: read the validated request, call the service, shape the reply.
// Creating and changing a tool, and testing one, are units of work: a javascript tool's code runs in the
// sandbox (to compile it, or to test it), and no transaction is held while it does.
import { pageRequest, unitOfWork, type Operation } from '../../app/plugin-kit.js'
import type { ToolBody } from './tools.editor.js'

export const listTools: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.catalogToolsService.list(pageRequest(query), query.agent_name as string | undefined),
})

export const createTool = unitOfWork(async (ctx) => {
  const tool = await ctx.services.catalogToolEditor.create(ctx, ctx.body as ToolBody)
  return { status: 201, body: tool, headers: { Location: `/api/v1/tools/${tool.id}` } }
})

export const getTool: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.catalogToolsService.get(params.id!),
})

export const replaceTool = unitOfWork(async (ctx) => ({
  status: 200,
  body: await ctx.services.catalogToolEditor.replace(ctx, ctx.params.id!, ctx.body as ToolBody),
}))

export const updateTool = unitOfWork(async (ctx) => ({
  status: 200,
  body: await ctx.services.catalogToolEditor.update(ctx, ctx.params.id!, ctx.body as ToolBody),
}))

export const deleteTool: Operation = async ({ params, services }) => {
  await services.catalogToolsService.delete(params.id!)
  return { status: 204 }
}

export const testTool = unitOfWork(async (ctx) => ({
  status: 200,
  body: await ctx.services.catalogToolTester.test(
    ctx,
    ctx.params.id!,
    (ctx.body as { input: unknown }).input,
  ),
}))
