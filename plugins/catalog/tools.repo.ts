// SQL for tools. Every statement names tenant_id as well: row-level security enforces isolation either
// way, but the predicate lets the planner use the (tenant_id, ...) indexes for the right tenant.
import {
  appError,
  isForeignKeyViolation,
  isUniqueViolation,
  type PageRequest,
  type TransactionSql,
} from '../../app/plugin-kit.js'

export interface Tool {
  id: string
  name: string
  description: string
  created_at: Date
  updated_at: Date
}

export interface ToolFields {
  name: string
  description: string
}

export interface AgentRef {
  id: string
  name: string
}

export type ToolDeletion = { deleted: true } | { deleted: false; dependents: AgentRef[] }

const duplicateName = (name: string) =>
  appError('DUPLICATE_TOOL_NAME', `A tool named "${name}" already exists.`, { name })

export function makeToolsRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  const rethrowDuplicate = (error: unknown, name: string | undefined): never => {
    if (name !== undefined && isUniqueViolation(error, 'tools_tenant_id_name_key')) throw duplicateName(name)
    throw error
  }

  return {
    async list(page: PageRequest, agentName: string | undefined): Promise<{ items: Tool[]; total: number }> {
      const linkedTo = agentName
        ? tx`and exists (
               select 1 from agent_tools l
                 join agents a on a.tenant_id = l.tenant_id and a.id = l.agent_id
                where l.tenant_id = ${tenantId} and l.tool_id = t.id and a.name = ${agentName})`
        : tx``
      // Both statements are sent before either answer arrives: one round trip.
      const [items, [count]] = await Promise.all([
        tx<Tool[]>`
          select t.id, t.name, t.description, t.created_at, t.updated_at
            from tools t
           where t.tenant_id = ${tenantId} ${linkedTo}
           order by t.created_at desc, t.id desc
           limit ${page.limit} offset ${page.offset}`,
        tx<
          { total: number }[]
        >`select count(*)::int as total from tools t where t.tenant_id = ${tenantId} ${linkedTo}`,
      ])
      return { items, total: count?.total ?? 0 }
    },

    async get(id: string): Promise<Tool | undefined> {
      const [tool] = await tx<Tool[]>`
        select id, name, description, created_at, updated_at
          from tools where tenant_id = ${tenantId} and id = ${id}`
      return tool
    },

    async create(fields: ToolFields): Promise<Tool> {
      try {
        const [tool] = await tx<Tool[]>`
          insert into tools (tenant_id, name, description)
          values (${tenantId}, ${fields.name}, ${fields.description})
          returning id, name, description, created_at, updated_at`
        return tool!
      } catch (error) {
        return rethrowDuplicate(error, fields.name)
      }
    },

    async update(id: string, fields: Partial<ToolFields>): Promise<Tool | undefined> {
      try {
        const [tool] = await tx<Tool[]>`
          update tools
             set name = coalesce(${fields.name ?? null}, name),
                 description = coalesce(${fields.description ?? null}, description),
                 updated_at = now()
           where tenant_id = ${tenantId} and id = ${id}
          returning id, name, description, created_at, updated_at`
        return tool
      } catch (error) {
        return rethrowDuplicate(error, fields.name)
      }
    },

    /** Deletes an unused tool; a linked tool is kept and its agents are returned instead. */
    async delete(id: string): Promise<ToolDeletion | undefined> {
      try {
        // The savepoint keeps the transaction usable when the foreign key refuses the delete.
        const deleted = await tx.savepoint(
          (sp) => sp`delete from tools where tenant_id = ${tenantId} and id = ${id} returning id`,
        )
        return deleted.length > 0 ? { deleted: true } : undefined
      } catch (error) {
        if (!isForeignKeyViolation(error, 'agent_tools_tool_fkey')) throw error
      }
      const dependents = await tx<AgentRef[]>`
        select a.id, a.name
          from agent_tools l
          join agents a on a.tenant_id = l.tenant_id and a.id = l.agent_id
         where l.tenant_id = ${tenantId} and l.tool_id = ${id}
         order by a.name`
      return { deleted: false, dependents }
    },
  }
}

export type ToolsRepo = ReturnType<typeof makeToolsRepo>
