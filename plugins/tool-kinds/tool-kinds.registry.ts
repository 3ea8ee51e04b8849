// The kind registry (singleton service toolKindsRegistry): what the catalog calls to accept a tool, and what
// the run loop and POST /tools/{id}/test call to run one. It holds no tenant state.
import { appError, type Cradle } from '../../app/plugin-kit.js'
import { makeInputSchemas } from './input-schemas.js'
import {
  toolError,
  type PointerError,
  type PreparedTool,
  type RunnableTool,
  type TenantTransaction,
  type ToolKind,
  type ToolKindServices,
  type ToolResult,
} from './tool-kind.js'
import {
  checkInputSchema,
  fieldOwners,
  indexKinds,
  kindOf,
  pick,
  refuseForeignFields,
} from './tool-kinds.checks.js'
import { invalidToolInput } from './tool-kinds.problems.js'

export interface ToolKindsRegistry {
  list(): string[]
  get(kind: string): ToolKind | undefined
  /** Validates kind + fields + input_schema for create/update; returns what to store, defaults applied. */
  prepareTool(input: {
    kind?: unknown
    input_schema?: unknown
    [field: string]: unknown
  }): Promise<PreparedTool>
  /**
   * Validates the input (422 INVALID_TOOL_INPUT) and runs the kind (409 TOOL_NOT_EXECUTABLE for a client
   * tool). Never throws for the tool's own failure: that is an { error } result.
   */
  run(tool: RunnableTool, input: unknown, ctx: RunContext): Promise<ToolResult & { latencyMs: number }>
  /** Problems of an input against a tool's input_schema, pointers relative to the input. */
  validateInput(schema: Record<string, unknown>, input: unknown): PointerError[]
  /** The kind's fields of a stored tool, for its API representation (other kinds' fields are absent). */
  fieldsOf(tool: { kind: string; config: Record<string, unknown> }): Record<string, unknown>
  /** The input_schema a tool of this kind gets when it names none (a builtin's own; else {"type": "object"}). */
  defaultInputSchema(kind: string, fields: Record<string, unknown>): Record<string, unknown>
  /** Stops what the kinds started (the sandbox's workers). */
  close(): Promise<void>
}

export interface RunContext {
  signal: AbortSignal
  tenantId: string
  executionId?: string
  /** The caller's tenant transaction, handed to the kind (ToolCallContext.inTransaction). */
  inTransaction: TenantTransaction
}

export function buildToolKindsRegistry(
  deps: Pick<Cradle, 'egress' | 'toolKindsConfig'> & { logger?: Cradle['logger'] },
  kinds: readonly ToolKind[],
  extraKinds: readonly ToolKind[] = [],
): ToolKindsRegistry {
  const byKind = indexKinds([...kinds, ...extraKinds])
  const owners = fieldOwners(byKind)
  const schemas = makeInputSchemas()
  for (const kind of byKind.values()) kind.start?.(deps.toolKindsConfig)
  const services: ToolKindServices = { egress: deps.egress }
  const defaultInputSchema = (kind: ToolKind | undefined, config: Record<string, unknown>) =>
    kind?.defaultInputSchema?.(config) ?? { type: 'object' }

  return {
    list: () => [...byKind.keys()],
    get: (kind) => byKind.get(kind),

    async prepareTool(input) {
      const kind = kindOf(byKind, input.kind)
      refuseForeignFields(kind, owners, input)
      if (input.input_schema !== undefined) checkInputSchema(schemas, input.input_schema)
      const config = await kind.prepare(pick(input, kind.fields), services)
      const inputSchema =
        (input.input_schema as Record<string, unknown> | undefined) ?? defaultInputSchema(kind, config)
      return { kind: kind.kind, inputSchema, config }
    },

    async run(tool, input, ctx) {
      const started = performance.now()
      const timed = (result: ToolResult) => ({
        ...result,
        latencyMs: Math.round(performance.now() - started),
      })
      const kind = byKind.get(tool.kind)
      if (!kind) return timed(toolError('UNKNOWN_KIND', `no tool kind "${tool.kind}" is installed`))
      if (!kind.executable) {
        throw appError('TOOL_NOT_EXECUTABLE', `A ${kind.kind} tool is run by the caller, not the platform`)
      }
      const errors = schemas.validateInput(tool.input_schema, input)
      if (errors.length > 0) throw invalidToolInput(errors)
      if (ctx.signal.aborted) return timed(toolError('CANCELLED', 'the call was cancelled'))
      const { signal, tenantId, executionId, inTransaction } = ctx
      try {
        const call = {
          input,
          config: tool.config,
          signal,
          tenantId,
          toolId: tool.id,
          executionId,
          inTransaction,
          ...services,
        }
        return timed(await kind.execute(call))
      } catch (error) {
        // A kind's bug, not the tool's failure: logged here, and a plain error for the model or the caller.
        deps.logger?.error({ err: error, toolId: tool.id, kind: kind.kind }, 'tool kind failed')
        return timed(toolError('TOOL_FAILED', 'the tool failed unexpectedly'))
      }
    },

    validateInput: (schema, input) => schemas.validateInput(schema, input),
    fieldsOf: (tool) => pick(tool.config, byKind.get(tool.kind)?.fields ?? []),
    defaultInputSchema: (kind, fields) => defaultInputSchema(byKind.get(kind), fields),

    async close() {
      await Promise.all([...byKind.values()].map((kind) => kind.stop?.() ?? Promise.resolve()))
    },
  }
}
