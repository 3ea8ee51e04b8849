// Rules for tools: what "not found" and "in use" mean. No SQL, no HTTP.
import { appError, toPage, type Page, type PageRequest } from '../../app/plugin-kit.js'
import type { Tool, ToolFields, ToolsRepo } from './tools.repo.js'

const notFound = (id: string) => appError('TOOL_NOT_FOUND', `No tool with id ${id}.`, { id })

export function makeToolsService({ catalogToolsRepo: repo }: { catalogToolsRepo: ToolsRepo }) {
  return {
    async list(page: PageRequest, agentName?: string): Promise<Page<Tool>> {
      const { items, total } = await repo.list(page, agentName)
      return toPage(items, total, page)
    },

    async get(id: string): Promise<Tool> {
      return (await repo.get(id)) ?? Promise.reject(notFound(id))
    },

    create: (fields: ToolFields): Promise<Tool> => repo.create(fields),

    async update(id: string, fields: Partial<ToolFields>): Promise<Tool> {
      return (await repo.update(id, fields)) ?? Promise.reject(notFound(id))
    },

    async delete(id: string): Promise<void> {
      const outcome = await repo.delete(id)
      if (!outcome) throw notFound(id)
      if (!outcome.deleted) {
        const names = outcome.dependents.map((agent) => agent.name).join(', ')
        throw appError('TOOL_IN_USE', `The tool is used by agents: ${names}. Unlink it first.`, {
          dependent_agents: outcome.dependents,
        })
      }
    },
  }
}

export type ToolsService = ReturnType<typeof makeToolsService>
