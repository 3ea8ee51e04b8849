// Every integer in the contract says how wide it is (format: int32 or int64), as generators and the OWASP
// ruleset expect. `npm run spec` adds the format where a fragment leaves it out: int32 when the schema's own
// bounds (or const) fit in 32 bits, else int64, which every integer this server writes fits (a JavaScript number is an
// exact integer up to 2^53). Examples, defaults and enum/const values are data, not schemas: left alone.
import type { OpenApiDocument } from './spec.js'

const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 }
const dataKeys = new Set(['example', 'examples', 'default', 'enum', 'const'])

const isIntegerSchema = (node: Record<string, unknown>): boolean =>
  node.type === 'integer' || (Array.isArray(node.type) && node.type.includes('integer'))

const lowerBound = (node: Record<string, unknown>): unknown => node.minimum ?? node.exclusiveMinimum
const upperBound = (node: Record<string, unknown>): unknown => node.maximum ?? node.exclusiveMaximum

const inInt32 = (value: unknown): boolean =>
  typeof value === 'number' && value >= int32.min && value <= int32.max

/** int32 when the schema's own bounds (or its const or enum values) fit in 32 bits. */
function widthOf(node: Record<string, unknown>): 'int32' | 'int64' {
  if (node.const !== undefined) return inInt32(node.const) ? 'int32' : 'int64'
  if (Array.isArray(node.enum)) return node.enum.every(inInt32) ? 'int32' : 'int64'
  return inInt32(lowerBound(node)) && inInt32(upperBound(node)) ? 'int32' : 'int64'
}

function visit(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const record = node as Record<string, unknown>
  if (isIntegerSchema(record) && record.format === undefined) record.format = widthOf(record)
  for (const [key, value] of Object.entries(record)) if (!dataKeys.has(key)) visit(value)
}

/** Gives every integer schema of the document a format, in place. */
export function declareIntegerFormats(doc: OpenApiDocument): void {
  visit(doc.paths)
  visit(doc.components)
}
