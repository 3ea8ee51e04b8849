// Rules for tools inside one transaction: what "not found" and "in use" mean, and the API representation
// (the kind's fields spread beside the common ones; other kinds' fields absent). No SQL, no HTTP.
import {
  appError,
  entityTag,
  preconditionFailed,
  toPage,
  type Cradle,
  type Page,
  type PageRequest,
  type StatementPlace,
  type Tagged,
} from '../../app/plugin-kit.js'
import type { ExpectedVersions, StoredDefinition, ToolFields, ToolRow, ToolsRepo } from './tools.repo.js'

/** A tool as the API shows it: id, name, description, kind, input_schema, the kind's fields, timestamps. */
export type Tool = Omit<ToolRow, 'config' | 'version'> & Record<string, unknown>

export const toolEtag = (tool: Pick<ToolRow, 'id' | 'version'>): string => entityTag(tool.id, tool.version)

/** Refuses a write whose If-Match names none of the versions the tool is at (412, with the current ETag). */
export function requireVersion(current: ToolRow, expected: ExpectedVersions): void {
  if (expected !== undefined && !expected.includes(current.version))
    throw preconditionFailed(toolEtag(current))
}

export const toolNotFound = (id: string) => appError('TOOL_NOT_FOUND', `No tool with id ${id}.`, { id })

interface Deps {
  catalogToolsRepo: ToolsRepo
  toolKindsRegistry: Cradle['toolKindsRegistry']
}

export function makeToolsService({ catalogToolsRepo: repo, toolKindsRegistry: kinds }: Deps) {
  // Each field named, not `{ config, version, ...common }`: V8 copies an object rest in its runtime, and
  // for a page of 100 tools that copy was 7% of the list's CPU (bench/ab.ts --prof).
  const represent = (row: ToolRow): Tool => ({
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    input_schema: row.input_schema,
    ...kinds.fieldsOf(row),
    created_at: row.created_at,
    updated_at: row.updated_at,
  })
  const tagged = (row: ToolRow): Tagged<Tool> => ({ body: represent(row), etag: toolEtag(row) })

  /** Why a conditional write found nothing: the tool is gone (404), or at another version (412). */
  const missed = async (id: string, expected: ExpectedVersions): Promise<never> => {
    const current = await stored(id)
    // Only If-Match makes a write of an existing tool miss. The tool may have moved on since, even to a
    // version the header names: the write still missed, and the tag to retry with is today's.
    if (expected === undefined) throw new Error(`tool ${id} exists but was not written`)
    throw preconditionFailed(toolEtag(current))
  }

  const stored = async (id: string, place?: StatementPlace): Promise<ToolRow> =>
    (await repo.get(id, place)) ?? Promise.reject(toolNotFound(id))

  return {
    represent,
    /** The row itself (kind, input_schema, config), for changing or running the tool. */
    stored,

    async list(page: PageRequest, agentName?: string, place?: StatementPlace): Promise<Page<Tool>> {
      const { items, total } = await repo.list(page, agentName, place)
      return toPage(items.map(represent), total, page)
    },

    get: async (id: string, place?: StatementPlace): Promise<Tagged<Tool>> => tagged(await stored(id, place)),

    /** Which of these names the tenant's tools already have, sorted. */
    namesTaken: (names: readonly string[]): Promise<string[]> => repo.namesTaken(names),

    async create(
      fields: ToolFields,
      definition: StoredDefinition,
      place?: StatementPlace,
    ): Promise<Tagged<Tool>> {
      return tagged(await repo.create(fields, definition, place))
    },

    /**
     * Name and description only: no kind field is touched, so nothing needs the kind registry. With
     * `expected` (If-Match), only a tool at one of those versions changes: PRECONDITION_FAILED otherwise.
     */
    async rename(
      id: string,
      fields: Partial<ToolFields>,
      expected?: ExpectedVersions,
    ): Promise<Tagged<Tool>> {
      const tool = await repo.update(id, fields, undefined, expected)
      return tool ? tagged(tool) : missed(id, expected)
    },

    /**
     * Stores a new definition; undefined when the row no longer holds `basedOn` (changed meanwhile: the
     * caller derives the definition again). A tool that is gone is TOOL_NOT_FOUND; with `expected`
     * (If-Match), a tool at another version is PRECONDITION_FAILED.
     */
    async redefine(
      id: string,
      fields: Partial<ToolFields>,
      definition: StoredDefinition,
      basedOn?: { inputSchema: Record<string, unknown>; config: Record<string, unknown> },
      expected?: ExpectedVersions,
    ): Promise<Tagged<Tool> | undefined> {
      const tool = await repo.update(id, fields, { definition, basedOn }, expected)
      if (tool) return tagged(tool)
      const current = await stored(id)
      requireVersion(current, expected)
      if (current.kind !== definition.kind) throw kindImmutable(current.kind, definition.kind)
      return undefined
    },

    /** With `expected` (If-Match), only a tool at one of those versions is deleted. */
    async delete(id: string, expected?: ExpectedVersions): Promise<void> {
      const outcome = await repo.delete(id, expected)
      if (!outcome) return missed(id, expected)
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
