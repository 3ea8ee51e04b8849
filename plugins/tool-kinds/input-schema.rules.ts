// The platform's own rules for a tenant's input_schema, on top of "a valid JSON Schema 2020-12": what a
// schema may not do because validation runs on the shared event loop, in one Ajv shared by every tenant.
import type { PointerError } from './tool-kind.js'

export const MAX_SCHEMA_BYTES = 32 * 1024
/** Nesting of JSON objects and arrays; a schema level is usually two (the schema and its `properties`). */
export const MAX_SCHEMA_DEPTH = 64
/** uniqueItems compares items pairwise; a bound keeps one validation to milliseconds. */
export const MAX_UNIQUE_ITEMS = 1000

const META_SCHEMA = 'https://json-schema.org/draft/2020-12/schema'

// Where a keyword's value is a schema, a list of schemas, or a map of schemas (2020-12 and its drafts).
const schemaKeywords = new Set([
  'not', 'if', 'then', 'else', 'items', 'contains', 'additionalProperties', 'unevaluatedProperties',
  'unevaluatedItems', 'propertyNames', 'additionalItems',
]) // prettier-ignore
const listKeywords = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'])
const mapKeywords = new Set(['properties', '$defs', 'definitions', 'dependentSchemas'])

export const escapePointer = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1')

/** Depth first, before anything recursive (Ajv's meta-schema check included) sees the document. */
export function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth
  let deepest = depth + 1
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1))
    if (deepest > limit) break
  }
  return deepest
}

/** Walks every subschema of a schema that already passed the meta-schema, collecting what is refused. */
export function platformRuleErrors(schema: unknown, pointer = ''): PointerError[] {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return []
  const node = schema as Record<string, unknown>
  const errors = ownRuleErrors(node, pointer)
  for (const [keyword, value] of Object.entries(node)) {
    const at = `${pointer}/${escapePointer(keyword)}`
    if (listKeywords.has(keyword) && Array.isArray(value)) {
      value.forEach((item, index) => errors.push(...platformRuleErrors(item, `${at}/${index}`)))
    } else if (schemaKeywords.has(keyword)) {
      errors.push(...platformRuleErrors(value, at))
    } else if (mapKeywords.has(keyword) && value !== null && typeof value === 'object') {
      for (const [name, sub] of Object.entries(value)) {
        errors.push(...platformRuleErrors(sub, `${at}/${escapePointer(name)}`))
      }
    }
  }
  return errors
}

function ownRuleErrors(node: Record<string, unknown>, pointer: string): PointerError[] {
  const errors: PointerError[] = []
  const refuse = (keyword: string, message: string): void => {
    errors.push({ pointer: `${pointer}/${escapePointer(keyword)}`, message })
  }
  for (const keyword of ['$ref', '$dynamicRef']) {
    const ref = node[keyword]
    // Only references inside the document: nothing is fetched, and no tenant's schema can name another's.
    if (typeof ref === 'string' && !ref.startsWith('#'))
      refuse(keyword, 'only local references (#...) are allowed')
  }
  if ('$id' in node)
    refuse('$id', '$id is not allowed: schemas are anonymous (one validator serves every tenant)')
  if ('$schema' in node && node.$schema !== META_SCHEMA) refuse('$schema', `only ${META_SCHEMA} is supported`)
  // A tenant's regular expression would run on the shared event loop: one catastrophic backtracking pattern
  // (/(a+)+$/) stalls every request. Refused until a linear-time engine (re2js) validates patterns.
  for (const keyword of ['pattern', 'patternProperties']) {
    if (keyword in node) refuse(keyword, `${keyword} is not supported (regular expressions are refused)`)
  }
  if (node.uniqueItems === true) {
    const maxItems = node.maxItems
    if (typeof maxItems !== 'number' || maxItems > MAX_UNIQUE_ITEMS) {
      refuse('uniqueItems', `uniqueItems needs maxItems of at most ${MAX_UNIQUE_ITEMS} beside it`)
    }
  }
  return errors
}
