// Rules for agents: tool links must name this tenant's tools; missing agents are AGENT_NOT_FOUND; a
// change or deletion with If-Match applies only to the version it names (PRECONDITION_FAILED otherwise).
import {
  appError,
  entityTag,
  preconditionFailed,
  toPage,
  type Page,
  type PageRequest,
  type StatementPlace,
  type Tagged,
} from '../../app/plugin-kit.js'
import type { Agent, AgentFields, AgentRow, AgentSource, AgentsRepo } from './agents.repo.js'
import type { ExpectedVersions } from './tools.repo.js'

export interface AgentChange extends Partial<AgentFields> {
  tool_ids?: string[]
}

const notFound = (id: string) => appError('AGENT_NOT_FOUND', `No agent with id ${id}.`, { id })

// `source` is shown only on installed agents (absent, not null, on the others). Each field named: an
// object rest (`{ version, source, ...agent }`) is copied in V8's runtime, slower by far (tools.service.ts).
const represent = (row: AgentRow): Agent => ({
  id: row.id,
  name: row.name,
  role: row.role,
  description: row.description,
  tools: row.tools,
  ...(row.source === null ? {} : { source: row.source }),
  created_at: row.created_at,
  updated_at: row.updated_at,
})
const tagged = (row: AgentRow): Tagged<Agent> => ({
  body: represent(row),
  etag: entityTag(row.id, row.version),
})

export function makeAgentsService({ catalogAgentsRepo: repo }: { catalogAgentsRepo: AgentsRepo }) {
  // Another tenant's tool is as unknown as a missing one: the lookup runs under row-level security.
  const requireTools = async (toolIds: readonly string[]): Promise<void> => {
    const missing = await repo.missingTools(toolIds)
    if (missing.length > 0) {
      throw appError('UNKNOWN_TOOL', `No tools with ids ${missing.join(', ')}.`, { tool_ids: missing })
    }
  }

  const stored = async (id: string, place?: StatementPlace): Promise<AgentRow> =>
    (await repo.get(id, place)) ?? Promise.reject(notFound(id))

  /** Why a write found nothing: the agent is gone (404), or (If-Match) at another version (412). */
  const missed = async (id: string, expected: ExpectedVersions): Promise<never> => {
    const current = await stored(id)
    // Only If-Match makes a write of an existing agent miss. The agent may have moved on since, even to a
    // version the header names: the write still missed, and the tag to retry with is today's.
    if (expected === undefined) throw new Error(`agent ${id} exists but was not written`)
    throw preconditionFailed(entityTag(current.id, current.version))
  }

  return {
    /** The agent as the API shows it (other plugins use it to check that an agent exists). */
    get: async (id: string): Promise<Agent> => represent(await stored(id)),

    /**
     * The agent's card (agents.repo.ts card()): a query not sent, for another plugin to select from in a
     * statement of its own. It has no row for an agent this tenant does not have: answer notFound(id) then.
     */
    card: (id: string) => repo.card(id),

    /** AGENT_NOT_FOUND, as get() rejects with it. */
    notFound,

    /** The agent with its ETag. */
    read: async (id: string, place?: StatementPlace): Promise<Tagged<Agent>> =>
      tagged(await stored(id, place)),

    async list(page: PageRequest, toolName?: string, place?: StatementPlace): Promise<Page<Agent>> {
      const { items, total } = await repo.list(page, toolName, place)
      return toPage(items.map(represent), total, page)
    },

    async create({
      tool_ids: toolIds = [],
      ...fields
    }: AgentFields & { tool_ids?: string[] }): Promise<Tagged<Agent>> {
      await requireTools(toolIds)
      const id = await repo.create(fields)
      if (toolIds.length > 0) await repo.setTools(id, toolIds)
      return tagged(await stored(id))
    },

    // The installed-agent seam (issue 20): the marketplace creates an agent with its provenance and moves
    // the provenance on at an upgrade. Nothing in the public agent API reaches these two.

    /** An agent with its `source` (the marketplace's install), as create() makes one otherwise. */
    async createInstalled(
      { tool_ids: toolIds = [], name, role, description }: AgentFields & { tool_ids?: string[] },
      source: AgentSource,
    ): Promise<Tagged<Agent>> {
      await requireTools(toolIds)
      const id = await repo.create({ name, role, description }, source)
      if (toolIds.length > 0) await repo.setTools(id, toolIds)
      return tagged(await stored(id))
    },

    /** The agent's new provenance (the marketplace's upgrade); its version moves on. */
    async setSource(id: string, source: AgentSource): Promise<Tagged<Agent>> {
      if (!(await repo.setSource(id, source))) throw notFound(id)
      return tagged(await stored(id))
    },

    /** Which of these names the tenant's agents already have, sorted. */
    namesTaken: (names: readonly string[]): Promise<string[]> => repo.namesTaken(names),

    /**
     * The fields given, and the links when tool_ids is given, in one transaction. The agent's row is
     * written first, with the version check (If-Match), so a stale request changes no link either.
     */
    async update(
      id: string,
      { tool_ids: toolIds, ...fields }: AgentChange,
      expected?: ExpectedVersions,
    ): Promise<Tagged<Agent>> {
      if (!(await repo.update(id, fields, expected))) return missed(id, expected)
      if (toolIds) {
        await requireTools(toolIds)
        await repo.setTools(id, toolIds)
      }
      return tagged(await stored(id))
    },

    async delete(id: string, expected?: ExpectedVersions): Promise<void> {
      if (!(await repo.delete(id, expected))) await missed(id, expected)
    },
  }
}

export type AgentsService = ReturnType<typeof makeAgentsService>
