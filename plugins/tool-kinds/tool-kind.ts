// The seam every kind of tool implements: one file in kinds/ (or a kind contributed by another plugin)
// behind this one interface, as model providers are behind plugins/models/provider.ts.
import type { TenantTransaction } from '../../app/plugin-kit.js'
import type { Egress } from '../egress/egress.js'
import type { ToolKindsConfig } from './tool-kinds.config.js'
export type { TenantTransaction } from '../../app/plugin-kit.js'

/** What the registry hands every kind, from its container, with each preparation and each call. */
export interface ToolKindServices {
  /**
   * The one egress module (the egress plugin's `egress` in the container, the operator's EGRESS_* policy):
   * whatever a kind sends off the machine goes through it. Passed per call, never kept: the kinds are module
   * singletons that several containers (the tests' apps) share.
   */
  egress: Egress
}

export interface ToolKind<Config = Record<string, unknown>> {
  /** 'builtin', 'javascript', 'client', ...; also the file name kinds/<kind>.kind.ts. */
  kind: string
  /** The top-level tool fields this kind owns, e.g. ['builtin'] or ['code', 'timeout_ms']. */
  fields: readonly string[]
  /** false for client tools: the platform never runs them. */
  executable: boolean
  /** Checks and normalises the kind's fields (defaults applied); throws appError('INVALID_TOOL_CONFIG' | 'CODE_DOES_NOT_COMPILE', ...). */
  prepare(fields: Record<string, unknown>, services: ToolKindServices): Promise<Config>
  execute(call: ToolCallContext<Config>): Promise<ToolResult>
  /**
   * Optional (an addition to the shared design): the input schema a tool of this kind gets when it names
   * none. A builtin knows its own; an MCP tool would take the server's. Default: {"type": "object"}.
   */
  defaultInputSchema?(config: Config): Record<string, unknown>
  /** Optional: called once when a registry is built, with the tool kinds' settings (the sandbox's workers). */
  start?(settings: ToolKindsConfig): void
  /** Optional: called when the registry is disposed (shutdown), to release workers or connections. */
  stop?(): Promise<void>
}

export interface ToolCallContext<Config> extends ToolKindServices {
  /** Already validated against the tool's input_schema. */
  input: unknown
  config: Config
  /** Aborted on cancel: stop work and return an error result. */
  signal: AbortSignal
  tenantId: string
  toolId: string
  executionId?: string
  /**
   * One short transaction of the call's tenant with its scoped services (e.g. `secretsResolver`), for a kind
   * that needs tenant data at call time. The call itself runs outside any transaction: keep this brief.
   */
  inTransaction: TenantTransaction
}

export type ToolResult =
  /** JSON-serialisable. */
  | { output: unknown }
  /** e.g. TIMEOUT, MEMORY_LIMIT, OUTPUT_TOO_LARGE, THREW, INVALID_OUTPUT. */
  | { error: { code: string; message: string } }

/** An error result; a kind's own failure is a value the model (or the caller) sees, not an exception. */
export const toolError = (code: string, message: string): ToolResult => ({ error: { code, message } })

/** What the catalog stores for a tool once prepareTool accepted it. */
export interface PreparedTool {
  kind: string
  inputSchema: Record<string, unknown>
  /** The kind's fields, normalised (defaults applied); stored as the tool's `config`. */
  config: Record<string, unknown>
}

/** A stored tool, as run() needs it. */
export interface RunnableTool {
  id: string
  kind: string
  input_schema: Record<string, unknown>
  config: Record<string, unknown>
}

/** One validation problem: a JSON pointer into the checked document, and what is wrong there. */
export interface PointerError {
  pointer: string
  message: string
}
