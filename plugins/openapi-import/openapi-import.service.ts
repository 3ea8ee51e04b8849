// The import: the document read and checked, its operations selected and each turned into an http tool,
// every tool checked by the kind registry as POST /api/v1/tools would check it, all outside any
// transaction; then, in ONE transaction, the names checked against the tenant's tools and every tool
// created through the catalog's service: a conflict or any failure leaves nothing behind.
import { appError, DomainError, type Cradle } from '../../app/plugin-kit.js'
import type { Tool } from '../catalog/tools.service.js'
import type { ToolScope } from '../catalog/tools.editor.js'
import type { PreparedTool } from '../tool-kinds/tool-kind.js'
import { readDocument } from './openapi-document.js'
import { DocumentErrors, invalidDocument, type PointerError } from './openapi-json.js'
import {
  buildDraft,
  IMPORTABLE_METHODS,
  listOperations,
  type DocOperation,
  type SkippedPart,
  type ToolDraft,
} from './openapi-operations.js'
import { makeRefs } from './openapi-refs.js'

/** The most tools one import creates; select fewer with `operations`. */
export const MAX_OPERATIONS = 100

export interface ImportRequest {
  document: unknown
  base_url: string
  /** operationIds, or "METHOD /path" for an operation without one; all importable operations when absent. */
  operations?: string[]
}

interface PlannedTool {
  draft: ToolDraft
  prepared: PreparedTool
}

export interface ImportPlan {
  tools: PlannedTool[]
}

/** What the answer says of each operation: which tool it became, and what that tool does not send. */
export interface ImportedOperation {
  operation_id?: string
  method: string
  path: string
  tool_name: string
  skipped: SkippedPart[]
}

/** A tool as it would be created: the representation of GET /api/v1/tools/{id}, without id and times. */
export type ToolPreview = Pick<Tool, 'name' | 'description' | 'kind' | 'input_schema'> &
  Record<string, unknown>

export function makeOpenApiImporter({
  toolKindsRegistry: kinds,
  httpToolsRules: rules,
}: Pick<Cradle, 'toolKindsRegistry' | 'httpToolsRules'>) {
  /** The base URL passes the checks any http tool's URL passes (pointer /base_url when refused). */
  async function checkBaseUrl(baseUrl: string): Promise<void> {
    try {
      await kinds.prepareTool({ kind: 'http', http: { url: baseUrl } })
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      if (error.code === 'EGRESS_DENIED')
        throw appError('EGRESS_DENIED', error.message, { ...error.details, pointer: '/base_url' })
      if (error.code === 'INVALID_TOOL_CONFIG') {
        const messages = (error.details.errors as PointerError[]).map((e) => e.message)
        throw appError('INVALID_TOOL_CONFIG', `/base_url: ${messages.join('; ')}`, {
          errors: messages.map((message) => ({ pointer: '/base_url', message })),
        })
      }
      throw error
    }
  }

  function select(all: DocOperation[], wanted: string[] | undefined): DocOperation[] {
    if (wanted === undefined) return all.filter((op) => IMPORTABLE_METHODS.has(op.method))
    const matches = (op: DocOperation, entry: string) =>
      entry === op.operationId || entry === `${op.method.toUpperCase()} ${op.path}`
    const unknown = wanted.filter((entry) => !all.some((op) => matches(op, entry)))
    if (unknown.length > 0) {
      throw appError(
        'OPENAPI_IMPORT_UNKNOWN_OPERATIONS',
        `No operation of the document is ${unknown.map((e) => JSON.stringify(e)).join(', ')}.`,
        { operations: unknown },
      )
    }
    return all.filter((op) => wanted.some((entry) => matches(op, entry)))
  }

  /** A tool the registry refuses is a problem of its operation, named by the operation's pointer. */
  async function prepare(draft: ToolDraft): Promise<PreparedTool | PointerError[]> {
    try {
      return await kinds.prepareTool({ kind: 'http', http: draft.http, input_schema: draft.input_schema })
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      if (error.code !== 'INVALID_TOOL_CONFIG' && error.code !== 'INVALID_INPUT_SCHEMA') throw error
      return (error.details.errors as PointerError[]).map((e) => ({
        pointer: draft.operation.pointer,
        message: `its http tool is refused: ${e.pointer}: ${e.message}`,
      }))
    }
  }

  /** 409 OPENAPI_IMPORT_NAME_CONFLICT naming every name two operations share or a tool already has. */
  async function refuseConflicts(services: Cradle, plan: ImportPlan): Promise<void> {
    const byName = new Map<string, string[]>()
    for (const { draft } of plan.tools)
      byName.set(draft.name, [...(byName.get(draft.name) ?? []), draft.operation.label])
    const repeated = [...byName]
      .filter(([, operations]) => operations.length > 1)
      .map(([name, operations]) => ({ name, operations }))
    const existing = await services.catalogToolsService.namesTaken([...byName.keys()])
    if (existing.length === 0 && repeated.length === 0) return
    throw nameConflict(existing, repeated)
  }

  return {
    refuseConflicts,

    /** Everything but the database: 413, 422 and EGRESS_DENIED come from here. */
    async plan(request: ImportRequest): Promise<ImportPlan> {
      await checkBaseUrl(request.base_url)
      const drafts: ToolDraft[] = []
      const problems: PointerError[] = []
      try {
        const document = await readDocument(request.document)
        const refs = makeRefs(document.root)
        const selected = select(listOperations(document, refs), request.operations)
        if (selected.length === 0)
          throw new DocumentErrors([{ pointer: '/paths', message: 'has no operation an http tool can call' }])
        if (selected.length > MAX_OPERATIONS) {
          throw appError(
            'OPENAPI_IMPORT_TOO_MANY_OPERATIONS',
            `${selected.length} operations are selected; one import creates at most ${MAX_OPERATIONS} (select some with operations).`,
            { count: selected.length, limit: MAX_OPERATIONS },
          )
        }
        for (const op of selected) {
          try {
            drafts.push(buildDraft(op, request.base_url, refs, document.dialect, rules))
          } catch (error) {
            if (!(error instanceof DocumentErrors)) throw error
            problems.push(...error.errors)
          }
        }
      } catch (error) {
        if (error instanceof DocumentErrors) throw invalidDocument(error.errors)
        throw error
      }
      if (problems.length > 0) throw invalidDocument(problems)
      const tools: PlannedTool[] = []
      for (const draft of drafts) {
        const prepared = await prepare(draft)
        if (Array.isArray(prepared)) problems.push(...prepared)
        else tools.push({ draft, prepared })
      }
      if (problems.length > 0) throw invalidDocument(problems)
      return { tools }
    },

    /** The tools as they would be created (a dry run). */
    preview: (plan: ImportPlan): ToolPreview[] =>
      plan.tools.map(({ draft, prepared }) => ({
        name: draft.name,
        description: draft.description,
        kind: prepared.kind,
        input_schema: prepared.inputSchema,
        ...kinds.fieldsOf({ kind: prepared.kind, config: prepared.config }),
      })),

    /** Creates every tool in one transaction, after checking the names in it; all or nothing. */
    async create(scope: ToolScope, plan: ImportPlan): Promise<Tool[]> {
      return scope.inTransaction(async (services) => {
        await refuseConflicts(services, plan)
        try {
          // One statement per tool, pipelined: the first failure rolls every one of them back.
          const created = await Promise.all(
            plan.tools.map(({ draft, prepared }) =>
              services.catalogToolsService.create(
                { name: draft.name, description: draft.description },
                prepared,
              ),
            ),
          )
          return created.map((tool) => tool.body)
        } catch (error) {
          // A tool of that name created meanwhile (after the check): the same 409, nothing created.
          if (error instanceof DomainError && error.code === 'DUPLICATE_TOOL_NAME')
            throw nameConflict([String(error.details.name)], [])
          throw error
        }
      })
    },

    operations: (plan: ImportPlan): ImportedOperation[] =>
      plan.tools.map(({ draft }) => ({
        ...(draft.operation.operationId === undefined ? {} : { operation_id: draft.operation.operationId }),
        method: draft.operation.method.toUpperCase(),
        path: draft.operation.path,
        tool_name: draft.name,
        skipped: draft.skipped,
      })),
  }
}

const nameConflict = (existing: string[], repeated: { name: string; operations: string[] }[]) =>
  appError(
    'OPENAPI_IMPORT_NAME_CONFLICT',
    [
      existing.length > 0 ? `Tools named ${existing.join(', ')} already exist.` : '',
      ...repeated.map((r) => `Operations ${r.operations.join(', ')} would all be named ${r.name}.`),
      'Nothing was created.',
    ]
      .filter(Boolean)
      .join(' '),
    { existing, repeated },
  )

export type OpenApiImporter = ReturnType<typeof makeOpenApiImporter>
