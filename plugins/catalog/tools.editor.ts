// Creating and changing tools. The kind registry checks a definition (kind, input_schema, the kind's
// fields) outside any transaction, since a javascript tool's code is compiled in the sandbox, which can
// take up to its time limit; the rows are read and written in short transactions around it.
import { isDeepStrictEqual } from 'node:util'
import {
  appError,
  lastInTransaction,
  type Cradle,
  type Tagged,
  type TenantTransaction,
} from '../../app/plugin-kit.js'
import type { ExpectedVersions, StoredDefinition, ToolFields, ToolRow } from './tools.repo.js'
import { kindImmutable, requireVersion, type Tool } from './tools.service.js'

/** What the editor needs of the request: its units of work. */
export interface ToolScope {
  inTransaction: TenantTransaction
}

/** A request body: name and description, plus the definition (kind, input_schema, the kind's fields). */
export type ToolBody = Partial<ToolFields> & { kind?: string; input_schema?: unknown } & Record<
    string,
    unknown
  >

/** A PATCH racing another change of the same tool's definition derives its own again, this many times. */
const PATCH_ATTEMPTS = 3

const split = ({ name, description, ...definition }: ToolBody) => ({
  fields: { ...(name === undefined ? {} : { name }), ...(description === undefined ? {} : { description }) },
  definition,
})

export function makeToolEditor({ toolKindsRegistry: kinds }: Pick<Cradle, 'toolKindsRegistry'>) {
  const prepare = async (definition: Record<string, unknown>): Promise<StoredDefinition> =>
    kinds.prepareTool(definition)

  /** The definition a PATCH leads to: the stored one with the patch's fields over it. */
  const patched = (current: ToolRow, patch: Record<string, unknown>): Record<string, unknown> => {
    // An input_schema the kind gave by default follows the kind's fields (another builtin, its schema).
    const defaulted = isDeepStrictEqual(
      current.input_schema,
      kinds.defaultInputSchema(current.kind, current.config),
    )
    return {
      ...kinds.fieldsOf(current),
      ...(defaulted ? {} : { input_schema: current.input_schema }),
      ...patch,
      kind: current.kind,
    }
  }

  const refuseKindChange = (current: ToolRow, requested: unknown): void => {
    if (requested !== undefined && requested !== current.kind) {
      throw kindImmutable(current.kind, typeof requested === 'string' ? requested : JSON.stringify(requested))
    }
  }

  return {
    async create(scope: ToolScope, body: ToolBody): Promise<Tagged<Tool>> {
      const { fields, definition } = split(body)
      const prepared = await prepare(definition)
      // The insert is the transaction's only statement: it leaves with the COMMIT.
      return scope.inTransaction((s) =>
        s.catalogToolsService.create(fields as ToolFields, prepared, lastInTransaction),
      )
    },

    /**
     * PUT: everything replaced; an absent kind is client, so a PUT must carry the tool's kind. With
     * `expected` (If-Match), a stale version is refused before the definition is checked, and again by
     * the write itself if the tool changes meanwhile.
     */
    async replace(
      scope: ToolScope,
      id: string,
      body: ToolBody,
      expected?: ExpectedVersions,
    ): Promise<Tagged<Tool>> {
      const { fields, definition } = split(body)
      const current = await scope.inTransaction((s) => s.catalogToolsService.stored(id))
      requireVersion(current, expected)
      refuseKindChange(current, definition.kind ?? 'client')
      const prepared = await prepare({ ...definition, kind: current.kind })
      const tool = await scope.inTransaction((s) =>
        s.catalogToolsService.redefine(id, fields, prepared, undefined, expected),
      )
      // Without basedOn only a deleted tool (TOOL_NOT_FOUND) or another version (PRECONDITION_FAILED),
      // both thrown, can miss; the kind never changes.
      if (!tool) throw new Error(`tool ${id} was not replaced`)
      return tool
    },

    /**
     * PATCH: only what is given changes; the merged definition is checked again when it is touched. With
     * `expected` (If-Match), a tool at another version is refused (412) rather than derived again.
     */
    async update(
      scope: ToolScope,
      id: string,
      body: ToolBody,
      expected?: ExpectedVersions,
    ): Promise<Tagged<Tool>> {
      const { fields, definition } = split(body)
      const { kind: requestedKind, ...patch } = definition
      // A rename touches no kind field: no check, no compile, one transaction.
      if (Object.keys(patch).length === 0) {
        return scope.inTransaction(async (s) => {
          const current = await s.catalogToolsService.stored(id)
          requireVersion(current, expected)
          refuseKindChange(current, requestedKind)
          return s.catalogToolsService.rename(id, fields, expected)
        })
      }
      for (let attempt = 1; attempt <= PATCH_ATTEMPTS; attempt++) {
        const current = await scope.inTransaction((s) => s.catalogToolsService.stored(id))
        requireVersion(current, expected)
        refuseKindChange(current, requestedKind)
        const prepared = await prepare(patched(current, patch))
        const basedOn = { inputSchema: current.input_schema, config: current.config }
        const tool = await scope.inTransaction((s) =>
          s.catalogToolsService.redefine(id, fields, prepared, basedOn, expected),
        )
        if (tool) return tool
      }
      throw appError(
        'TOOL_CHANGED_CONCURRENTLY',
        'The tool kept changing while this change was checked; send it again.',
        { id },
      )
    },
  }
}

export type ToolEditor = ReturnType<typeof makeToolEditor>
