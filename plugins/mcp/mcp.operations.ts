// HTTP shape of the MCP server operations. Registering and refreshing talk to the server (through the
// egress module) outside any transaction: a short one resolves the headers' secrets, the server is asked
// for its tools, the kind registry checks each tool's schema, and one more short transaction stores it all.
import { randomUUID } from 'node:crypto'
import {
  appError,
  pageRequest,
  unitOfWork,
  type Operation,
  type UnitOfWorkContext,
} from '../../app/plugin-kit.js'
import { checkRegistration, type ServerRegistration } from './mcp-config.js'
import { listTools, McpFailure } from './mcp-client.js'
import { mintBinding } from './mcp.kind.js'
import { redact, resolveHeaders, SecretsProblem, type Secrets } from './mcp-secrets.js'
import { adaptInputSchema, descriptionFor, toolNameFor } from './mcp-tools.js'
import type { MaterialisedTool } from './mcp.service.js'

interface Skipped {
  remote_name: string
  reason: string
}

const unreachable = (reason: string, message: string) =>
  appError('MCP_SERVER_UNREACHABLE', `The MCP server could not be used: ${message}`, { reason, message })

/** Asks the server for its tools and turns each into a catalog definition (or a skipped entry). */
async function discover(
  ctx: UnitOfWorkContext,
  serverId: string,
  server: ServerRegistration,
): Promise<{ tools: MaterialisedTool[]; skipped: Skipped[] }> {
  let secrets: Secrets | undefined
  let listed
  try {
    const resolved = await resolveHeaders(server.headers, {
      toolId: null,
      executionId: null,
      inTransaction: ctx.inTransaction,
    })
    secrets = resolved.secrets
    listed = await listTools(ctx.services.egress, { url: server.url, headers: resolved.headers }, ctx.signal)
  } catch (error) {
    if (error instanceof SecretsProblem) throw unreachable(error.code, error.message)
    if (!(error instanceof McpFailure)) throw error
    if (error.reason === 'EGRESS_DENIED' && error.egress?.denial) {
      throw appError('EGRESS_DENIED', error.message, {
        reason: error.egress.denial.reason,
        host: error.egress.denial.host,
        pointer: '/url',
      })
    }
    throw unreachable(error.reason, redact(error.message, secrets))
  }
  const tools: MaterialisedTool[] = []
  const skipped: Skipped[] = []
  const byName = new Map<string, string[]>()
  for (const tool of listed) {
    const binding = mintBinding({
      server_id: serverId,
      url: server.url,
      headers: server.headers,
      tool: tool.name,
    })
    try {
      const definition = await ctx.services.toolKindsRegistry.prepareTool({
        kind: 'mcp',
        input_schema: adaptInputSchema(tool.inputSchema),
        mcp: binding,
      })
      const name = toolNameFor(server.name, tool.name)
      byName.set(name, [...(byName.get(name) ?? []), tool.name])
      tools.push({ remoteName: tool.name, name, description: descriptionFor(server.name, tool), definition })
    } catch (error) {
      const reason = redact((error as Error).message, secrets).slice(0, 500)
      skipped.push({ remote_name: tool.name, reason })
    }
  }
  const collisions = [...byName].filter(([, remotes]) => remotes.length > 1)
  if (collisions.length > 0) {
    throw appError(
      'MCP_TOOL_NAME_COLLISION',
      `Tools of the server would share a name: ${collisions.map(([name]) => name).join(', ')}.`,
      { tools: collisions.map(([name, remote_names]) => ({ name, remote_names })) },
    )
  }
  return { tools, skipped }
}

export const listMcpServers: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.mcpService.list(pageRequest(query)),
})

export const createMcpServer = unitOfWork(async (ctx) => {
  const body = ctx.body as { name: string; url: string; headers?: Record<string, string> }
  const server = { name: body.name, url: body.url, headers: body.headers ?? {} }
  checkRegistration(server, ctx.services.egress)
  // Refused before the server is asked (the insert refuses a race again).
  if (await ctx.inTransaction((s) => s.mcpService.nameTaken(server.name))) {
    throw appError('MCP_SERVER_NAME_TAKEN', `An MCP server named ${server.name} already exists.`, {
      name: server.name,
    })
  }
  const id = randomUUID()
  const { tools, skipped } = await discover(ctx, id, server)
  const created = await ctx.inTransaction((s) => s.mcpService.create({ id, ...server }, tools))
  return {
    status: 201,
    body: { ...created, skipped_tools: skipped },
    headers: { Location: `/api/v1/mcp-servers/${id}` },
  }
})

export const getMcpServer: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.mcpService.get(params.id!),
})

export const refreshMcpServer = unitOfWork(async (ctx) => {
  const id = ctx.params.id!
  const stored = await ctx.inTransaction((s) => s.mcpService.stored(id))
  const { tools, skipped } = await discover(ctx, id, stored)
  const server = await ctx.inTransaction((s) => s.mcpService.sync(id, tools))
  return { status: 200, body: { ...server, skipped_tools: skipped } }
})

export const deleteMcpServer: Operation = async ({ params, services }) => {
  await services.mcpService.delete(params.id!)
  return { status: 204 }
}
