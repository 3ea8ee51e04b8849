// SQL for agents and their tool links. Like every repository, each statement names tenant_id for the
// planner; row-level security enforces isolation regardless.
import {
  appError,
  isUniqueViolation,
  sendStatements,
  type PageRequest,
  type PendingRows,
  type StatementPlace,
  type TransactionSql,
} from '../../app/plugin-kit.js'
import type { ExpectedVersions } from './tools.repo.js'

export interface AgentTool {
  id: string
  name: string
  description: string
}

/**
 * Where an installed agent came from (the marketplace's install and upgrade set it through
 * createInstalled and setSource; the public agent API never does). Timestamps as ISO strings.
 */
/** What another plugin may keep of an agent (the runs plugin's snapshot): agents.repo.ts card(). */
export interface AgentCard {
  id: string
  name: string
  role: string
  description: string
  tools: AgentTool[]
}

export interface AgentSource {
  listing: string
  version: string
  package_sha256: string
  installed_at: string
  upgraded_at?: string
}

export interface Agent {
  id: string
  name: string
  role: string
  description: string
  tools: AgentTool[]
  /** Only on an agent installed from the marketplace. */
  source?: AgentSource
  created_at: Date
  updated_at: Date
}

/**
 * An agent as stored, with its version: incremented by every write of the agent or its links, and by a
 * write of a linked tool's name or description (tools.repo.ts), since the agent's body shows them.
 */
export interface AgentRow extends Omit<Agent, 'source'> {
  version: number
  source: AgentSource | null
}

export interface AgentFields {
  name: string
  role: string
  description: string
}

const duplicateName = (name: string) =>
  appError('DUPLICATE_AGENT_NAME', `An agent named "${name}" already exists.`, { name })

export function makeAgentsRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  // The tools of agent `a`, ordered by name, as one JSON array.
  const toolsOfAgent = tx`
    coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'description', t.description)
                              order by t.name, t.id)
                from agent_tools l
                join tools t on t.tenant_id = l.tenant_id and t.id = l.tool_id
               where l.tenant_id = a.tenant_id and l.agent_id = a.id), '[]'::json)`
  const agentColumns = tx`
    a.id, a.name, a.role, a.description, a.source, a.created_at, a.updated_at, a.version,
    ${toolsOfAgent} as tools`

  const versionIn = (expected: ExpectedVersions) =>
    expected === undefined ? tx`` : tx`and version = any(${expected as number[]}::int[])`

  const rethrowDuplicate = (error: unknown, name: string | undefined): never => {
    if (name !== undefined && isUniqueViolation(error, 'agents_tenant_id_name_key')) throw duplicateName(name)
    throw error
  }

  return {
    async list(
      page: PageRequest,
      toolName: string | undefined,
      place?: StatementPlace,
    ): Promise<{ items: AgentRow[]; total: number }> {
      const usingTool = toolName
        ? tx`and exists (
               select 1 from agent_tools l
                 join tools t on t.tenant_id = l.tenant_id and t.id = l.tool_id
                where l.tenant_id = ${tenantId} and l.agent_id = a.id and t.name = ${toolName})`
        : tx``
      const [items, [count]] = await sendStatements(
        tx,
        place,
        tx<AgentRow[]>`
          select ${agentColumns} from agents a
           where a.tenant_id = ${tenantId} ${usingTool}
           order by a.created_at desc, a.id desc
           limit ${page.limit} offset ${page.offset}`,
        tx<
          { total: number }[]
        >`select count(*)::int as total from agents a where a.tenant_id = ${tenantId} ${usingTool}`,
      )
      return { items, total: count?.total ?? 0 }
    },

    async get(id: string, place?: StatementPlace): Promise<AgentRow | undefined> {
      const [[agent]] = await sendStatements(
        tx,
        place,
        tx<AgentRow[]>`select ${agentColumns} from agents a where a.tenant_id = ${tenantId} and a.id = ${id}`,
      )
      return agent
    },

    /**
     * The agent's card, as one jsonb column `card`: its id, name, role and description, and its tools' id,
     * name and description (by name, as get() has them). A query not sent: another plugin's statement
     * selects from it, so what it records of the agent is read in that same statement (the runs plugin's
     * execution row). No row for an agent this tenant does not have.
     */
    card(id: string): PendingRows<{ card: AgentCard }> {
      return tx<{ card: AgentCard }[]>`
        select jsonb_build_object('id', a.id, 'name', a.name, 'role', a.role, 'description', a.description,
                                  'tools', ${toolsOfAgent}) as card
          from agents a where a.tenant_id = ${tenantId} and a.id = ${id}`
    },

    /** `source` only from the installed-agent methods (the marketplace), never from a request body. */
    async create(fields: AgentFields, source: AgentSource | null = null): Promise<string> {
      try {
        const [row] = await tx<{ id: string }[]>`
          insert into agents (tenant_id, name, role, description, source)
          values (${tenantId}, ${fields.name}, ${fields.role}, ${fields.description},
                  ${source === null ? null : tx.json(source as never)})
          returning id`
        return row!.id
      } catch (error) {
        return rethrowDuplicate(error, fields.name)
      }
    },

    /**
     * Returns false when the agent does not exist for this tenant, or (with `expected`, If-Match) is at
     * none of those versions. The version is compared and incremented in this one statement.
     */
    async update(id: string, fields: Partial<AgentFields>, expected?: ExpectedVersions): Promise<boolean> {
      try {
        const updated = await tx`
          update agents
             set name = coalesce(${fields.name ?? null}, name),
                 role = coalesce(${fields.role ?? null}, role),
                 description = coalesce(${fields.description ?? null}, description),
                 updated_at = now(),
                 version = version + 1
           where tenant_id = ${tenantId} and id = ${id} ${versionIn(expected)}
          returning id`
        return updated.length > 0
      } catch (error) {
        return rethrowDuplicate(error, fields.name)
      }
    },

    /** The agent's provenance (an upgrade moves it on); false when the agent does not exist. */
    async setSource(id: string, source: AgentSource): Promise<boolean> {
      const updated = await tx`
        update agents set source = ${tx.json(source as never)}, updated_at = now(), version = version + 1
         where tenant_id = ${tenantId} and id = ${id}
        returning id`
      return updated.length > 0
    },

    /** Which of these names the tenant's agents already have, sorted. */
    async namesTaken(names: readonly string[]): Promise<string[]> {
      if (names.length === 0) return []
      const rows = await tx<{ name: string }[]>`
        select name from agents where tenant_id = ${tenantId} and name = any(${names as string[]}::text[])
         order by name`
      return rows.map((row) => row.name)
    },

    /** With `expected` (If-Match), only an agent at one of those versions is deleted. */
    async delete(id: string, expected?: ExpectedVersions): Promise<boolean> {
      // Links and execution logs go with the agent (ON DELETE CASCADE).
      const deleted = await tx`
        delete from agents where tenant_id = ${tenantId} and id = ${id} ${versionIn(expected)} returning id`
      return deleted.length > 0
    },

    /**
     * Returns the ids among toolIds that are not this tenant's tools. The ones that are get a KEY SHARE
     * lock, so they cannot be deleted before this transaction links them.
     */
    async missingTools(toolIds: readonly string[]): Promise<string[]> {
      if (toolIds.length === 0) return []
      const found = await tx<{ id: string }[]>`
        select id from tools where tenant_id = ${tenantId} and id = any(${toolIds}::uuid[]) for key share`
      const present = new Set(found.map((row) => row.id))
      return toolIds.filter((id) => !present.has(id))
    },

    /** Makes the agent's links exactly toolIds. The caller has updated the agent (and its version) first. */
    async setTools(agentId: string, toolIds: readonly string[]): Promise<void> {
      await Promise.all([
        tx`delete from agent_tools
            where tenant_id = ${tenantId} and agent_id = ${agentId} and tool_id <> all(${toolIds}::uuid[])`,
        tx`insert into agent_tools (tenant_id, agent_id, tool_id)
           select ${tenantId}, ${agentId}, tool_id from unnest(${toolIds}::uuid[]) as tool_id
           on conflict do nothing`,
      ])
    },
  }
}

export type AgentsRepo = ReturnType<typeof makeAgentsRepo>
