// The steps of accepting a tool, each with its 422: which kind, whose fields, what input schema.
import { appError } from '../../app/plugin-kit.js'
import type { InputSchemas } from './input-schemas.js'
import type { ToolKind } from './tool-kind.js'
import { invalidToolConfig, joined } from './tool-kinds.problems.js'

/** `kind` absent is a client tool (every tool created before kinds existed is one). */
export function kindOf(byKind: ReadonlyMap<string, ToolKind>, requested: unknown): ToolKind {
  const name = requested === undefined ? 'client' : requested
  const kind = typeof name === 'string' ? byKind.get(name) : undefined
  if (kind) return kind
  throw invalidToolConfig([{ pointer: '/kind', message: `must be one of: ${[...byKind.keys()].join(', ')}` }])
}

/** A field another kind owns (code on a builtin tool) is refused rather than silently dropped. */
export function refuseForeignFields(
  kind: ToolKind,
  owners: ReadonlyMap<string, string>,
  input: Record<string, unknown>,
): void {
  const foreign = [...owners.keys()].filter(
    (field) => !kind.fields.includes(field) && input[field] !== undefined,
  )
  if (foreign.length === 0) return
  throw invalidToolConfig(
    foreign.map((field) => ({
      pointer: `/${field}`,
      message: `belongs to kind ${owners.get(field)}, not ${kind.kind}`,
    })),
  )
}

/** INVALID_INPUT_SCHEMA with pointers into the tool (/input_schema/...). */
export function checkInputSchema(schemas: InputSchemas, schema: unknown): void {
  const errors = schemas
    .validateInputSchema(schema)
    .map((e) => ({ pointer: `/input_schema${e.pointer}`, message: e.message }))
  if (errors.length > 0) throw appError('INVALID_INPUT_SCHEMA', joined(errors), { errors })
}

/** The fields of the tool resource itself; no kind may claim one. */
const coreFields = new Set(['id', 'name', 'description', 'kind', 'input_schema', 'created_at', 'updated_at'])

/** Two kinds of one name (ours and a contributed one, or two contributed) stop the boot, naming both. */
export function refuseDuplicateKinds(kinds: readonly { kind: string; origin: string }[]): void {
  const origins = new Map<string, string>()
  for (const { kind, origin } of kinds) {
    const first = origins.get(kind)
    if (first) throw new Error(`Tool kind "${kind}" is defined twice: by ${first} and by ${origin}`)
    origins.set(kind, origin)
  }
}

/** A kind that is not kebab-case, a duplicate, or a kind claiming a field of the tool itself stops the boot. */
export function indexKinds(kinds: readonly ToolKind[]): Map<string, ToolKind> {
  const byKind = new Map<string, ToolKind>()
  for (const kind of kinds) {
    if (!/^[a-z][a-z0-9-]*$/.test(kind.kind)) throw new Error(`Tool kind "${kind.kind}" is not kebab-case`)
    if (byKind.has(kind.kind)) throw new Error(`Tool kind "${kind.kind}" is registered twice`)
    const claimed = kind.fields.filter((field) => coreFields.has(field))
    if (claimed.length > 0) {
      throw new Error(`Tool kind "${kind.kind}" claims the tool's own field(s): ${claimed.join(', ')}`)
    }
    byKind.set(kind.kind, kind)
  }
  return byKind
}

/** field -> the (first) kind that owns it. */
export function fieldOwners(byKind: ReadonlyMap<string, ToolKind>): Map<string, string> {
  const owners = new Map<string, string>()
  for (const kind of byKind.values())
    for (const field of kind.fields) if (!owners.has(field)) owners.set(field, kind.kind)
  return owners
}

export const pick = (source: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(
    fields.filter((field) => source[field] !== undefined).map((field) => [field, source[field]]),
  )
