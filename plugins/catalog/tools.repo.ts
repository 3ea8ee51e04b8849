// SQL for tools. Every statement names tenant_id as well: row-level security enforces isolation either
// way, but the predicate lets the planner use the (tenant_id, ...) indexes for the right tenant.
import {
  appError,
  isForeignKeyViolation,
  isUniqueViolation,
  sendStatements,
  type PageRequest,
  type PendingRows,
  type StatementPlace,
  type TransactionSql,
} from '../../app/plugin-kit.js'

/** A tool as stored: the kind's fields are in `config` (the API spreads them into the representation). */
export interface ToolRow {
  id: string
  name: string
  description: string
  kind: string
  input_schema: Record<string, unknown>
  config: Record<string, unknown>
  created_at: Date
  updated_at: Date
  /** Counts the tool's writes; its ETag is made of it. */
  version: number
}

/** What the run loop needs of a tool: what the model is told, and what running it takes. */
export type RunnableToolRow = Pick<
  ToolRow,
  'id' | 'name' | 'description' | 'kind' | 'input_schema' | 'config'
>

export interface ToolFields {
  name: string
  description: string
}

/** What the kind registry accepted: the kind, its input schema and its fields, to store. */
export interface StoredDefinition {
  kind: string
  inputSchema: Record<string, unknown>
  config: Record<string, unknown>
}

export interface AgentRef {
  id: string
  name: string
}

export type ToolDeletion = { deleted: true } | { deleted: false; dependents: AgentRef[] }

/**
 * The versions a write may change (If-Match); undefined: any. The version is compared and incremented in
 * the write's own statement, so of concurrent writers expecting one version exactly one finds it.
 */
export type ExpectedVersions = readonly number[] | undefined

const duplicateName = (name: string) =>
  appError('DUPLICATE_TOOL_NAME', `A tool named "${name}" already exists.`, { name })

export function makeToolsRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  const rethrowDuplicate = (error: unknown, name: string | undefined): never => {
    if (name !== undefined && isUniqueViolation(error, 'tools_tenant_id_name_key')) throw duplicateName(name)
    throw error
  }
  const json = (value: Record<string, unknown>) => tx.json(value as never)
  const versionIn = (expected: ExpectedVersions, sql: TransactionSql = tx) =>
    expected === undefined ? sql`` : sql`and version = any(${expected as number[]}::int[])`
  const columns = tx`id, name, description, kind, input_schema, config, created_at, updated_at, version`

  return {
    async list(
      page: PageRequest,
      agentName: string | undefined,
      place?: StatementPlace,
    ): Promise<{ items: ToolRow[]; total: number }> {
      const linkedTo = agentName
        ? tx`and exists (
               select 1 from agent_tools l
                 join agents a on a.tenant_id = l.tenant_id and a.id = l.agent_id
                where l.tenant_id = ${tenantId} and l.tool_id = t.id and a.name = ${agentName})`
        : tx``
      // Both statements are sent before either answer arrives: one round trip.
      const [items, [count]] = await sendStatements(
        tx,
        place,
        tx<ToolRow[]>`
          select t.id, t.name, t.description, t.kind, t.input_schema, t.config, t.created_at, t.updated_at,
                 t.version
            from tools t
           where t.tenant_id = ${tenantId} ${linkedTo}
           order by t.created_at desc, t.id desc
           limit ${page.limit} offset ${page.offset}`,
        tx<
          { total: number }[]
        >`select count(*)::int as total from tools t where t.tenant_id = ${tenantId} ${linkedTo}`,
      )
      return { items, total: count?.total ?? 0 }
    },

    async get(id: string, place?: StatementPlace): Promise<ToolRow | undefined> {
      const [[tool]] = await sendStatements(
        tx,
        place,
        tx<ToolRow[]>`select ${columns} from tools where tenant_id = ${tenantId} and id = ${id}`,
      )
      return tool
    },

    /** The names among `names` that this tenant's tools already have (the OpenAPI import's 409). */
    async namesTaken(names: readonly string[]): Promise<string[]> {
      if (names.length === 0) return []
      const rows = await tx<{ name: string }[]>`
        select name from tools where tenant_id = ${tenantId} and name = any(${names as string[]}::text[])
         order by name`
      return rows.map((row) => row.name)
    },

    /** The tools among ids that this tenant has, with what running them needs (the run loop's tools). */
    async runnable(ids: readonly string[]): Promise<RunnableToolRow[]> {
      if (ids.length === 0) return []
      return tx<RunnableToolRow[]>`
        select id, name, description, kind, input_schema, config
          from tools where tenant_id = ${tenantId} and id = any(${ids}::uuid[])
         order by name, id`
    },

    /**
     * The same for the tools linked to an agent (none for an agent this tenant does not have). A query not
     * sent yet: await it, or send it with others (commitWith).
     */
    runnableOfAgent(agentId: string): PendingRows<RunnableToolRow> {
      return tx<RunnableToolRow[]>`
        select t.id, t.name, t.description, t.kind, t.input_schema, t.config
          from agent_tools l join tools t on t.tenant_id = l.tenant_id and t.id = l.tool_id
         where l.tenant_id = ${tenantId} and l.agent_id = ${agentId}
         order by t.name, t.id`
    },

    async create(fields: ToolFields, definition: StoredDefinition, place?: StatementPlace): Promise<ToolRow> {
      try {
        const [[tool]] = await sendStatements(
          tx,
          place,
          tx<ToolRow[]>`
            insert into tools (tenant_id, name, description, kind, input_schema, config)
            values (${tenantId}, ${fields.name}, ${fields.description}, ${definition.kind},
                    ${json(definition.inputSchema)}, ${json(definition.config)})
            returning ${columns}`,
        )
        return tool!
      } catch (error) {
        return rethrowDuplicate(error, fields.name)
      }
    },

    /**
     * Updates the fields given. With `definition`, the input schema and the kind's fields are replaced too,
     * but only while the row still holds `basedOn` (what the new definition was derived from): a concurrent
     * change makes it answer undefined rather than overwrite. The kind itself never changes. With
     * `expected`, only a row at one of those versions is changed (undefined otherwise). Every update
     * increments the version, and, when it writes the name or description (which agents show), the
     * version of every agent linked to the tool, in the same statement.
     */
    async update(
      id: string,
      fields: Partial<ToolFields>,
      change?: {
        definition: StoredDefinition
        basedOn: { inputSchema: Record<string, unknown>; config: Record<string, unknown> } | undefined
      },
      expected?: ExpectedVersions,
    ): Promise<ToolRow | undefined> {
      const definition = change?.definition
      const unchangedSince = change?.basedOn
        ? tx`and input_schema = ${json(change.basedOn.inputSchema)} and config = ${json(change.basedOn.config)}`
        : tx``
      const shownByAgents = fields.name !== undefined || fields.description !== undefined
      try {
        // The linked agents are locked in id order, so two tools renamed at once cannot deadlock on them.
        const [tool] = await tx<ToolRow[]>`
          with updated as (
            update tools
               set name = coalesce(${fields.name ?? null}, name),
                   description = coalesce(${fields.description ?? null}, description),
                   input_schema = ${definition ? json(definition.inputSchema) : tx`input_schema`},
                   config = ${definition ? json(definition.config) : tx`config`},
                   updated_at = now(),
                   version = version + 1
             where tenant_id = ${tenantId} and id = ${id}
               and kind = ${definition?.kind ?? tx`kind`} ${unchangedSince} ${versionIn(expected)}
            returning ${columns}
          ), linked as (
            select a.id from agents a
             where a.tenant_id = ${tenantId} and ${shownByAgents}::boolean
               and a.id in (select l.agent_id from agent_tools l
                             where l.tenant_id = ${tenantId} and l.tool_id in (select u.id from updated u))
             order by a.id
               for no key update
          ), bumped as (
            update agents set version = version + 1
             where tenant_id = ${tenantId} and id in (select linked.id from linked)
          )
          select * from updated`
        return tool
      } catch (error) {
        return rethrowDuplicate(error, fields.name)
      }
    },

    /**
     * Deletes an unused tool (with `expected`, only at one of those versions: undefined otherwise); a
     * linked tool is kept and its agents are returned instead.
     */
    async delete(id: string, expected?: ExpectedVersions): Promise<ToolDeletion | undefined> {
      try {
        // The savepoint keeps the transaction usable when the foreign key refuses the delete.
        const deleted = await tx.savepoint(
          (sp) =>
            sp`delete from tools where tenant_id = ${tenantId} and id = ${id} ${versionIn(expected, sp)} returning id`,
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
