// SQL for MCP servers and their links to catalog tools. Every statement names tenant_id as well as RLS.
import { appError, isUniqueViolation, type PageRequest, type TransactionSql } from '../../app/plugin-kit.js'

export interface ServerRow {
  id: string
  name: string
  url: string
  headers: Record<string, string>
  created_at: Date
  updated_at: Date
}

export interface ToolLink {
  server_id: string
  tool_id: string
  remote_name: string
}

export function makeMcpRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  const columns = tx`id, name, url, headers, created_at, updated_at`
  return {
    async list(page: PageRequest): Promise<{ items: ServerRow[]; total: number }> {
      const [items, [count]] = await Promise.all([
        tx<ServerRow[]>`
          select ${columns} from mcp_servers where tenant_id = ${tenantId}
           order by created_at desc, id desc limit ${page.limit} offset ${page.offset}`,
        tx<{ total: number }[]>`select count(*)::int as total from mcp_servers where tenant_id = ${tenantId}`,
      ])
      return { items, total: count?.total ?? 0 }
    },

    async get(id: string): Promise<ServerRow | undefined> {
      const [row] = await tx<ServerRow[]>`
        select ${columns} from mcp_servers where tenant_id = ${tenantId} and id = ${id}`
      return row
    },

    /** Locks the server against a concurrent refresh or delete for the rest of the transaction. */
    async lock(id: string): Promise<ServerRow | undefined> {
      const [row] = await tx<ServerRow[]>`
        select ${columns} from mcp_servers where tenant_id = ${tenantId} and id = ${id} for update`
      return row
    },

    async nameTaken(name: string): Promise<boolean> {
      const rows = await tx`select 1 from mcp_servers where tenant_id = ${tenantId} and name = ${name}`
      return rows.length > 0
    },

    async insert(server: { id: string; name: string; url: string; headers: Record<string, string> }) {
      try {
        const [row] = await tx<ServerRow[]>`
          insert into mcp_servers (tenant_id, id, name, url, headers)
          values (${tenantId}, ${server.id}, ${server.name}, ${server.url}, ${tx.json(server.headers)})
          returning ${columns}`
        return row!
      } catch (error) {
        if (isUniqueViolation(error, 'mcp_servers_tenant_id_name_key')) {
          throw appError('MCP_SERVER_NAME_TAKEN', `An MCP server named ${server.name} already exists.`, {
            name: server.name,
          })
        }
        throw error
      }
    },

    async touch(id: string): Promise<ServerRow | undefined> {
      const [row] = await tx<ServerRow[]>`
        update mcp_servers set updated_at = now() where tenant_id = ${tenantId} and id = ${id}
        returning ${columns}`
      return row
    },

    links(serverIds: readonly string[]): Promise<ToolLink[]> {
      if (serverIds.length === 0) return Promise.resolve([])
      return tx<ToolLink[]>`
        select server_id, tool_id, remote_name from mcp_server_tools
         where tenant_id = ${tenantId} and server_id = any(${serverIds as string[]}::uuid[])
         order by remote_name`
    },

    async link(serverId: string, toolId: string, remoteName: string): Promise<void> {
      await tx`insert into mcp_server_tools (tenant_id, server_id, tool_id, remote_name)
               values (${tenantId}, ${serverId}, ${toolId}, ${remoteName})`
    },

    async delete(id: string): Promise<boolean> {
      const rows = await tx`delete from mcp_servers where tenant_id = ${tenantId} and id = ${id} returning id`
      return rows.length > 0
    },
  }
}

export type McpRepo = ReturnType<typeof makeMcpRepo>
