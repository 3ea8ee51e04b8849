// Rules for agents: tool links must name this tenant's tools; missing agents are AGENT_NOT_FOUND.
import { appError, toPage, type Page, type PageRequest } from '../../app/plugin-kit.js'
import type { Agent, AgentFields, AgentsRepo } from './agents.repo.js'

export interface AgentChange extends Partial<AgentFields> {
  tool_ids?: string[]
}

const notFound = (id: string) => appError('AGENT_NOT_FOUND', `No agent with id ${id}.`, { id })

export function makeAgentsService({ catalogAgentsRepo: repo }: { catalogAgentsRepo: AgentsRepo }) {
  // Another tenant's tool is as unknown as a missing one: the lookup runs under row-level security.
  const requireTools = async (toolIds: readonly string[]): Promise<void> => {
    const missing = await repo.missingTools(toolIds)
    if (missing.length > 0) {
      throw appError('UNKNOWN_TOOL', `No tools with ids ${missing.join(', ')}.`, { tool_ids: missing })
    }
  }

  const get = async (id: string): Promise<Agent> => (await repo.get(id)) ?? Promise.reject(notFound(id))

  return {
    get,

    async list(page: PageRequest, toolName?: string): Promise<Page<Agent>> {
      const { items, total } = await repo.list(page, toolName)
      return toPage(items, total, page)
    },

    async create({
      tool_ids: toolIds = [],
      ...fields
    }: AgentFields & { tool_ids?: string[] }): Promise<Agent> {
      await requireTools(toolIds)
      const id = await repo.create(fields)
      if (toolIds.length > 0) await repo.setTools(id, toolIds)
      return get(id)
    },

    async update(id: string, { tool_ids: toolIds, ...fields }: AgentChange): Promise<Agent> {
      if (!(await repo.update(id, fields))) throw notFound(id)
      if (toolIds) {
        await requireTools(toolIds)
        await repo.setTools(id, toolIds)
      }
      return get(id)
    },

    async delete(id: string): Promise<void> {
      if (!(await repo.delete(id))) throw notFound(id)
    },
  }
}

export type AgentsService = ReturnType<typeof makeAgentsService>
