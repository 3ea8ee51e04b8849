// The upgrade of an installed agent as a three-way comparison: the package as installed (the base), the
// package of the version asked for (the target) and the agent and its tools as they are now (local).
// What the target changes and the tenant did not touch is a change; what both changed differently is a
// conflict, never overwritten. Field by field: the agent's role and description; each tool's description,
// input_schema and each of its kind's fields (`code`, `http`...), tools matched by the package's tool
// name through the ids the install recorded. Names are the tenant's: the agent's name and a tool's name
// are never changed by an upgrade. Pure: the service reads and writes around it.
import { isDeepStrictEqual } from 'node:util'

/** A tool as the catalog stores it: what prepareTool makes of a package's tool, or the tool row. */
export interface ToolDefinition {
  description: string
  kind: string
  input_schema: Record<string, unknown>
  config: Record<string, unknown>
}

export interface LocalTool extends ToolDefinition {
  id: string
  version: number
}

export interface AgentFieldsOfPackage {
  role: string
  description: string
}

export type ChangeKind = 'added' | 'removed' | 'modified'
export type ConflictReason = 'edited_locally' | 'deleted_locally' | 'name_taken' | 'kind_changed'

/** One entry of the answer: the agent's field, or a tool (whole, or one field of it). */
export interface UpgradeEntry {
  tool?: string
  field?: string
  change: ChangeKind
  reason?: ConflictReason
  installed?: unknown
  target?: unknown
  current?: unknown
}

export interface ToolUpdate {
  name: string
  local: LocalTool
  description?: string
  /** The definition to store (input_schema and the kind's fields, local ones kept where not changed). */
  definition?: { kind: string; inputSchema: Record<string, unknown>; config: Record<string, unknown> }
}

export interface UpgradePlan {
  changes: UpgradeEntry[]
  conflicts: UpgradeEntry[]
  agentFields: Partial<AgentFieldsOfPackage>
  toolUpdates: ToolUpdate[]
  /** Tools of the target to create (the package's name): conflicts excluded. */
  toolAdds: string[]
  /** Installed tools the target drops, unedited: unlinked, and deleted unless another agent uses them. */
  toolRemovals: { name: string; id: string }[]
  /** The mapping after the upgrade, for the tools kept (added ones are set once created). */
  keptToolIds: Record<string, string>
}

export interface PlanInput {
  base: { agent: AgentFieldsOfPackage; tools: Map<string, ToolDefinition> }
  target: { agent: AgentFieldsOfPackage; tools: Map<string, ToolDefinition> }
  local: { agent: AgentFieldsOfPackage; tools: Map<string, LocalTool | undefined> }
  /** Names of the tenant's tools, among the ones the target adds. */
  takenToolNames: ReadonlySet<string>
}

const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b)

/** The comparable fields of a tool: description, input_schema and each kind field on its own. */
function fieldsOf(tool: ToolDefinition): Map<string, unknown> {
  const fields = new Map<string, unknown>([
    ['description', tool.description],
    ['input_schema', tool.input_schema],
  ])
  for (const [key, value] of Object.entries(tool.config)) fields.set(key, value)
  return fields
}

const differs = (a: ToolDefinition, b: ToolDefinition) => a.kind !== b.kind || !same(fieldsOf(a), fieldsOf(b))

/**
 * One field three ways: nothing when the target leaves it as installed or the tenant already has the
 * target's value; a change when the tenant left it as installed; else a conflict.
 */
function compare(installed: unknown, target: unknown, current: unknown): 'none' | 'change' | 'conflict' {
  if (same(installed, target) || same(current, target)) return 'none'
  return same(current, installed) ? 'change' : 'conflict'
}

export function planUpgrade({ base, target, local, takenToolNames }: PlanInput): UpgradePlan {
  const plan: UpgradePlan = {
    changes: [],
    conflicts: [],
    agentFields: {},
    toolUpdates: [],
    toolAdds: [],
    toolRemovals: [],
    keptToolIds: {},
  }

  for (const field of ['role', 'description'] as const) {
    const [installed, next, current] = [base.agent[field], target.agent[field], local.agent[field]]
    const outcome = compare(installed, next, current)
    if (outcome === 'change') {
      plan.agentFields[field] = next
      plan.changes.push({ field, change: 'modified', installed, target: next })
    }
    if (outcome === 'conflict')
      plan.conflicts.push({
        field,
        change: 'modified',
        reason: 'edited_locally',
        installed,
        target: next,
        current,
      })
  }

  const names = [...new Set([...base.tools.keys(), ...target.tools.keys()])].sort()
  for (const name of names) {
    const installed = base.tools.get(name)
    const next = target.tools.get(name)
    const current = local.tools.get(name)
    // A tool of both the install never made (its name was taken then) is added now, like a new one.
    if (installed && next && local.tools.has(name)) planKeptTool(plan, name, installed, next, current)
    else if (installed && !next) planRemovedTool(plan, name, installed, current)
    else if (next) {
      if (takenToolNames.has(name)) plan.conflicts.push({ tool: name, change: 'added', reason: 'name_taken' })
      else {
        plan.toolAdds.push(name)
        plan.changes.push({ tool: name, change: 'added' })
      }
    }
  }
  return plan
}

function planKeptTool(
  plan: UpgradePlan,
  name: string,
  installed: ToolDefinition,
  next: ToolDefinition,
  current: LocalTool | undefined,
): void {
  if (!current) {
    // The tenant deleted its copy: a changed tool is not brought back.
    if (differs(installed, next))
      plan.conflicts.push({ tool: name, change: 'modified', reason: 'deleted_locally' })
    return
  }
  plan.keptToolIds[name] = current.id
  if (installed.kind !== next.kind) {
    // A tool's kind never changes in the catalog: the tenant replaces it itself if it wants the new one.
    plan.conflicts.push({
      tool: name,
      field: 'kind',
      change: 'modified',
      reason: 'kind_changed',
      installed: installed.kind,
      target: next.kind,
      current: current.kind,
    })
    return
  }
  const [was, will, now] = [fieldsOf(installed), fieldsOf(next), fieldsOf(current)]
  const update: ToolUpdate = { name, local: current }
  const config = { ...current.config }
  let inputSchema = current.input_schema
  let redefined = false
  for (const field of new Set([...was.keys(), ...will.keys()])) {
    const outcome = compare(was.get(field), will.get(field), now.get(field))
    if (outcome === 'conflict') {
      plan.conflicts.push({
        tool: name,
        field,
        change: 'modified',
        reason: 'edited_locally',
        installed: was.get(field),
        target: will.get(field),
        current: now.get(field),
      })
    }
    if (outcome !== 'change') continue
    plan.changes.push({
      tool: name,
      field,
      change: 'modified',
      installed: was.get(field),
      target: will.get(field),
    })
    if (field === 'description') update.description = next.description
    else if (field === 'input_schema') {
      inputSchema = next.input_schema
      redefined = true
    } else {
      if (will.has(field)) config[field] = will.get(field)
      else delete config[field]
      redefined = true
    }
  }
  if (redefined) update.definition = { kind: current.kind, inputSchema, config }
  if (redefined || update.description !== undefined) plan.toolUpdates.push(update)
}

function planRemovedTool(
  plan: UpgradePlan,
  name: string,
  installed: ToolDefinition,
  current: LocalTool | undefined,
): void {
  if (!current) return // already gone
  if (differs(installed, current)) {
    // Edited since: the tenant's work stays (unlinked from nothing, now its own tool).
    plan.conflicts.push({ tool: name, change: 'removed', reason: 'edited_locally' })
    return
  }
  plan.toolRemovals.push({ name, id: current.id })
  plan.changes.push({ tool: name, change: 'removed' })
}
