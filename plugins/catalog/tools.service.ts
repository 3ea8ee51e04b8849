// Rules for tools inside one transaction: what "not found" and "in use" mean, and the API representation
// (the kind's fields spread beside the common ones; other kinds' fields absent). No SQL, no HTTP.
import { appError, toPage, type Cradle, type Page, type PageRequest } from '../../app/plugin-kit.js'
import type { StoredDefinition, ToolFields, ToolRow, ToolsRepo } from './tools.repo.js'

/** A tool as the API shows it: id, name, description, kind, input_schema, the kind's fields, timestamps. */
export type Tool = Omit<ToolRow, 'config'> & Record<string, unknown>

export const toolNotFound = (id: string) => appError('TOOL_NOT_FOUND', `No tool with id ${id}.`, { id })

interface Deps {
  catalogToolsRepo: ToolsRepo
  toolKindsRegistry: Cradle['toolKindsRegistry']
}

export function makeToolsService({ catalogToolsRepo: repo, toolKindsRegistry: kinds }: Deps) {
  const represent = ({ config, created_at, updated_at, ...common }: ToolRow): Tool => ({
    ...common,
    ...kinds.fieldsOf({ kind: common.kind, config }),
    created_at,
    updated_at,
  })

  const stored = async (id: string): Promise<ToolRow> =>
    (await repo.get(id)) ?? Promise.reject(toolNotFound(id))

  return {
    represent,
    /** The row itself (kind, input_schema, config), for changing or running the tool. */
    stored,

    async list(page: PageRequest, agentName?: string): Promise<Page<Tool>> {
      const { items, total } = await repo.list(page, agentName)
      return toPage(items.map(represent), total, page)
    },

    get: async (id: string): Promise<Tool> => represent(await stored(id)),

    async create(fields: ToolFields, definition: StoredDefinition): Promise<Tool> {
      return represent(await repo.create(fields, definition))
    },

    /** Name and description only: no kind field is touched, so nothing needs the kind registry. */
    async rename(id: string, fields: Partial<ToolFields>): Promise<Tool> {
      const tool = await repo.update(id, fields)
      if (!tool) throw toolNotFound(id)
      return represent(tool)
    },

    /**
     * Stores a new definition; undefined when the row no longer holds `basedOn` (changed meanwhile: the
     * caller derives the definition again). A tool that is gone is TOOL_NOT_FOUND.
     */
    async redefine(
      id: string,
      fields: Partial<ToolFields>,
      definition: StoredDefinition,
      basedOn?: { inputSchema: Record<string, unknown>; config: Record<string, unknown> },
    ): Promise<Tool | undefined> {
      const tool = await repo.update(id, fields, { definition, basedOn })
      if (tool) return represent(tool)
      const current = await repo.get(id)
      if (!current) throw toolNotFound(id)
      if (current.kind !== definition.kind) throw kindImmutable(current.kind, definition.kind)
      return undefined
    },

    async delete(id: string): Promise<void> {
      const outcome = await repo.delete(id)
      if (!outcome) throw toolNotFound(id)
      if (!outcome.deleted) {
        const names = outcome.dependents.map((agent) => agent.name).join(', ')
        throw appError('TOOL_IN_USE', `The tool is used by agents: ${names}. Unlink it first.`, {
          dependent_agents: outcome.dependents,
        })
      }
    },
  }
}

export const kindImmutable = (kind: string, requested: string) =>
  appError(
    'TOOL_KIND_IMMUTABLE',
    `A tool's kind cannot change: this tool is ${kind}, the request says ${requested}. Create a new tool instead.`,
    { kind, requested_kind: requested },
  )

export type ToolsService = ReturnType<typeof makeToolsService>
