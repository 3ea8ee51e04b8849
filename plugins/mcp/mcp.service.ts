// Rules for MCP servers inside one transaction: storing a server with the tools it listed, syncing them on
// refresh, and refusing to drop a tool an agent uses. Catalog tools are made, changed and deleted through
// the catalog's services (the tools table is the catalog's); the links are this plugin's table.
import { appError, toPage, type Cradle, type Page, type PageRequest } from '../../app/plugin-kit.js'
import type { PreparedTool } from '../tool-kinds/tool-kind.js'
import type { McpRepo, ServerRow, ToolLink } from './mcp.repo.js'

/** A listed tool, accepted by the kind registry, with the catalog name and description it gets. */
export interface MaterialisedTool {
  remoteName: string
  name: string
  description: string
  definition: PreparedTool
}

export interface McpServerTool {
  id: string
  name: string
  remote_name: string
  description: string
  input_schema: Record<string, unknown>
}

export interface McpServer {
  id: string
  name: string
  url: string
  headers: Record<string, string>
  tools: McpServerTool[]
  created_at: Date
  updated_at: Date
}

interface Ref {
  id: string
  name: string
}

export const serverNotFound = (id: string) =>
  appError('MCP_SERVER_NOT_FOUND', `No MCP server with id ${id}.`, { id })

type Deps = Pick<Cradle, 'catalogToolsRepo' | 'catalogToolsService'> & { mcpRepo: McpRepo }

export function makeMcpService({
  mcpRepo: repo,
  catalogToolsRepo: tools,
  catalogToolsService: catalog,
}: Deps) {
  const represent = async (servers: ServerRow[]): Promise<McpServer[]> => {
    const links = await repo.links(servers.map((server) => server.id))
    const rows = await tools.runnable(links.map((link) => link.tool_id))
    const byId = new Map(rows.map((row) => [row.id, row]))
    return servers.map((server) => ({
      id: server.id,
      name: server.name,
      url: server.url,
      headers: server.headers,
      tools: links
        .filter((link) => link.server_id === server.id && byId.has(link.tool_id))
        .map((link) => {
          const tool = byId.get(link.tool_id)!
          return {
            id: tool.id,
            name: tool.name,
            remote_name: link.remote_name,
            description: tool.description,
            input_schema: tool.input_schema,
          }
        }),
      created_at: server.created_at,
      updated_at: server.updated_at,
    }))
  }

  const one = async (server: ServerRow) => (await represent([server]))[0]!

  /** Deletes the linked tools no agent uses; the agents (and tools) that keep the others, if any. */
  const dropTools = async (links: ToolLink[]): Promise<{ agents: Ref[]; tools: Ref[] }> => {
    const agents = new Map<string, Ref>()
    const kept: Ref[] = []
    const names = new Map((await tools.runnable(links.map((l) => l.tool_id))).map((t) => [t.id, t.name]))
    for (const link of links) {
      const outcome = await tools.delete(link.tool_id)
      if (outcome && !outcome.deleted) {
        kept.push({ id: link.tool_id, name: names.get(link.tool_id) ?? link.remote_name })
        for (const agent of outcome.dependents) agents.set(agent.id, agent)
      }
    }
    return { agents: [...agents.values()], tools: kept }
  }

  const refuseInUse = (what: string, inUse: { agents: Ref[]; tools: Ref[] }) => {
    if (inUse.tools.length === 0) return
    throw appError(
      'MCP_SERVER_IN_USE',
      `${what}: agents ${inUse.agents.map((a) => a.name).join(', ')} use its tools ` +
        `${inUse.tools.map((t) => t.name).join(', ')}. Unlink them first.`,
      { dependent_agents: inUse.agents, tools: inUse.tools },
    )
  }

  return {
    async list(page: PageRequest): Promise<Page<McpServer>> {
      const { items, total } = await repo.list(page)
      return toPage(await represent(items), total, page)
    },

    async get(id: string): Promise<McpServer> {
      return one((await repo.get(id)) ?? (await Promise.reject(serverNotFound(id))))
    },

    /** The stored server (url and headers as registered), for a refresh. */
    async stored(id: string): Promise<ServerRow> {
      return (await repo.get(id)) ?? Promise.reject(serverNotFound(id))
    },

    async nameTaken(name: string): Promise<boolean> {
      return repo.nameTaken(name)
    },

    /** The server and a catalog tool per listed tool; DUPLICATE_TOOL_NAME rolls all of it back. */
    async create(
      server: { id: string; name: string; url: string; headers: Record<string, string> },
      materialised: MaterialisedTool[],
    ): Promise<McpServer> {
      const row = await repo.insert(server)
      for (const tool of materialised) {
        const { body } = await catalog.create(
          { name: tool.name, description: tool.description },
          tool.definition,
        )
        await repo.link(server.id, body.id, tool.remoteName)
      }
      return one(row)
    },

    /**
     * Brings the server's tools in line with what it lists now: new tools created, known ones redefined
     * (description, input schema; a name the tenant changed stays), dropped ones deleted, unless an agent
     * uses one: then nothing changes and MCP_SERVER_IN_USE names them.
     */
    async sync(id: string, materialised: MaterialisedTool[]): Promise<McpServer> {
      if (!(await repo.lock(id))) throw serverNotFound(id)
      const links = await repo.links([id])
      const listed = new Map(materialised.map((tool) => [tool.remoteName, tool]))
      refuseInUse(
        'The server no longer lists tools that agents use',
        await dropTools(links.filter((link) => !listed.has(link.remote_name))),
      )
      const linked = new Map(links.map((link) => [link.remote_name, link.tool_id]))
      for (const tool of materialised) {
        const toolId = linked.get(tool.remoteName)
        if (toolId === undefined) {
          const { body } = await catalog.create(
            { name: tool.name, description: tool.description },
            tool.definition,
          )
          await repo.link(id, body.id, tool.remoteName)
        } else {
          await catalog.redefine(toolId, { description: tool.description }, tool.definition)
        }
      }
      return one((await repo.touch(id))!)
    },

    /** The server and its tools; refused (nothing deleted) while an agent uses one of them. */
    async delete(id: string): Promise<void> {
      if (!(await repo.lock(id))) throw serverNotFound(id)
      refuseInUse('The MCP server is in use', await dropTools(await repo.links([id])))
      await repo.delete(id)
    },
  }
}

export type McpService = ReturnType<typeof makeMcpService>
