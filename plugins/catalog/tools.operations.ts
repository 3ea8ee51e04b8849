// HTTP shape of the tool operations: read the validated request, call the service, shape the reply.
// Creating and changing a tool, and testing one, are units of work: a javascript tool's code runs in the
// sandbox (to compile it, or to test it), and no transaction is held while it does.
// Every tool representation carries its ETag; If-Match makes a change conditional on it, If-None-Match
// lets a GET answer 304.
import {
  ifMatchVersions,
  lastInTransaction,
  noneMatchFails,
  pageRequest,
  unitOfWork,
  type Operation,
} from '../../app/plugin-kit.js'
import type { ToolBody } from './tools.editor.js'

export const listTools: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.catalogToolsService.list(
    pageRequest(query),
    query.agent_name as string | undefined,
    lastInTransaction,
  ),
})

export const createTool = unitOfWork(async (ctx) => {
  const { body, etag } = await ctx.services.catalogToolEditor.create(ctx, ctx.body as ToolBody)
  return { status: 201, body, headers: { Location: `/api/v1/tools/${body.id}`, ETag: etag } }
})

export const getTool: Operation = async ({ params, headers, services }) => {
  const { body, etag } = await services.catalogToolsService.get(params.id!, lastInTransaction)
  if (noneMatchFails(headers, etag)) return { status: 304, headers: { ETag: etag } }
  return { status: 200, body, headers: { ETag: etag } }
}

export const replaceTool = unitOfWork(async (ctx) => {
  const id = ctx.params.id!
  const { body, etag } = await ctx.services.catalogToolEditor.replace(
    ctx,
    id,
    ctx.body as ToolBody,
    ifMatchVersions(ctx.headers, id),
  )
  return { status: 200, body, headers: { ETag: etag } }
})

export const updateTool = unitOfWork(async (ctx) => {
  const id = ctx.params.id!
  const { body, etag } = await ctx.services.catalogToolEditor.update(
    ctx,
    id,
    ctx.body as ToolBody,
    ifMatchVersions(ctx.headers, id),
  )
  return { status: 200, body, headers: { ETag: etag } }
})

export const deleteTool: Operation = async ({ params, headers, services }) => {
  await services.catalogToolsService.delete(params.id!, ifMatchVersions(headers, params.id!))
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
