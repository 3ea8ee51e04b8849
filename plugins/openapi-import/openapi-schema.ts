// An OpenAPI Schema Object as the JSON Schema 2020-12 a tool's input_schema is (plugins/tool-kinds'
// rules): local $refs inlined (a recursive schema is refused: the input_schema must stand alone), the 3.0
// dialect translated (nullable, boolean exclusiveMinimum/Maximum, example), what the platform refuses or
// what only describes responses dropped (pattern, patternProperties, readOnly properties, uniqueItems
// without a small maxItems), OpenAPI's own annotations (discriminator, xml, externalDocs, x-*) dropped.
import { DocumentErrors, isRecord, pointerOf, type Json, type JsonObject } from './openapi-json.js'
import type { Refs } from './openapi-refs.js'

/** Schema objects produced per operation: a document whose $refs fan out exponentially stops here. */
const MAX_NODES = 10_000
/** Schema levels once $refs are inlined; the input_schema allows 64 levels of JSON (about two a level). */
const MAX_LEVELS = 30
/** As plugins/tool-kinds/input-schema.rules.ts: uniqueItems only beside maxItems of at most this. */
const MAX_UNIQUE_ITEMS = 1000

// Keywords whose value is a schema, a list of schemas, or a map of schemas (2020-12 and OpenAPI 3.0).
const schemaKeywords = new Set([
  'not', 'if', 'then', 'else', 'contains', 'additionalProperties', 'unevaluatedProperties',
  'unevaluatedItems', 'propertyNames', 'additionalItems', 'contentSchema',
]) // prettier-ignore
const listKeywords = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems'])
const mapKeywords = new Set(['properties', 'dependentSchemas'])
/**
 * Left out: regular expressions (the platform refuses them: they would run on the shared event loop),
 * OpenAPI's annotations, and what only names or identifies schemas (their $refs are inlined).
 */
const dropped = new Set([
  'pattern', 'patternProperties', 'discriminator', 'xml', 'externalDocs', '$schema', '$id', '$anchor',
  '$dynamicAnchor', '$defs', 'definitions', '$comment', 'nullable', 'example',
]) // prettier-ignore
/** Siblings of a $ref that only describe: merged into the referenced schema rather than an allOf. */
const annotations = new Set([
  'description', 'title', 'summary', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly',
]) // prettier-ignore

const refused = (pointer: string, message: string) => new DocumentErrors([{ pointer, message }])

export interface SchemaConverter {
  /** The schema at `pointer` as JSON Schema 2020-12. Throws DocumentErrors. */
  convert(schema: Json | undefined, pointer: string): Json
}

/** One converter per operation: its node budget covers the operation's whole input_schema. */
export function makeSchemaConverter(refs: Refs, dialect: '3.0' | '3.1'): SchemaConverter {
  let nodes = 0

  const convert = (schema: Json | undefined, pointer: string, expanding: string[], level: number): Json => {
    if (typeof schema === 'boolean') return schema
    if (!isRecord(schema)) throw refused(pointer, 'must be a schema (an object)')
    if (++nodes > MAX_NODES)
      throw refused(pointer, `is too large once its $refs are resolved (over ${MAX_NODES} schemas)`)
    if (level > MAX_LEVELS)
      throw refused(pointer, `nests more than ${MAX_LEVELS} schemas deep once its $refs are resolved`)
    if ('$ref' in schema) return inline(schema, pointer, expanding, level)
    return keywords(schema, pointer, expanding, level)
  }

  const inline = (schema: JsonObject, pointer: string, expanding: string[], level: number): Json => {
    const { $ref: ref, ...siblings } = schema
    if (typeof ref !== 'string') throw refused(`${pointer}/$ref`, 'must be a string')
    if (expanding.includes(ref)) {
      const cycle = [...expanding.slice(expanding.indexOf(ref)), ref].join(' -> ')
      throw refused(
        `${pointer}/$ref`,
        `a $ref cycle (${cycle}): a recursive schema cannot be an input_schema; leave this operation out`,
      )
    }
    const target = refs.target(ref, `${pointer}/$ref`)
    const resolved = convert(target.node, target.pointer, [...expanding, ref], level)
    // OpenAPI 3.0 ignores a $ref's siblings; 3.1 applies them as well.
    const extra = dialect === '3.0' ? {} : (keywords(siblings, pointer, expanding, level) as JsonObject)
    if (Object.keys(extra).length === 0) return resolved
    if (isRecord(resolved) && Object.keys(extra).every((key) => annotations.has(key)))
      return { ...resolved, ...extra }
    return { allOf: [resolved], ...extra }
  }

  const keywords = (schema: JsonObject, pointer: string, expanding: string[], level: number): Json => {
    const out: JsonObject = {}
    const sub = (value: Json, at: string) => convert(value, at, expanding, level + 1)
    for (const [keyword, value] of Object.entries(schema)) {
      const at = `${pointer}${pointerOf(keyword)}`
      if (keyword.startsWith('x-') || dropped.has(keyword)) continue
      if (keyword === '$dynamicRef' || keyword === '$recursiveRef') {
        throw refused(at, `${keyword} is not supported: only $refs to #/... can be resolved`)
      }
      if (keyword === 'items') {
        // An array of schemas is a tuple (older drafts): 2020-12 says prefixItems.
        if (Array.isArray(value)) out.prefixItems = value.map((item, i) => sub(item, `${at}/${i}`))
        else out.items = sub(value, at)
      } else if (schemaKeywords.has(keyword) && (isRecord(value) || typeof value === 'boolean')) {
        out[keyword] = sub(value, at)
      } else if (listKeywords.has(keyword) && Array.isArray(value)) {
        out[keyword] = value.map((item, i) => sub(item, `${at}/${i}`))
      } else if (mapKeywords.has(keyword) && isRecord(value)) {
        out[keyword] = Object.fromEntries(
          Object.entries(value).map(([name, item]) => [name, sub(item, `${at}${pointerOf(name)}`)]),
        )
      } else {
        out[keyword] = value // data (enum, const, default, examples...) is copied, never resolved
      }
    }
    if (dialect === '3.0') translate30(schema, out)
    // `example` (3.0's, deprecated in 3.1) as 2020-12's `examples`.
    if ('example' in schema && !('examples' in out)) out.examples = [schema.example]
    dropReadOnly(out)
    if (out.uniqueItems === true && !(typeof out.maxItems === 'number' && out.maxItems <= MAX_UNIQUE_ITEMS))
      delete out.uniqueItems
    return out
  }

  return { convert: (schema, pointer) => convert(schema, pointer, [], 0) }
}

/** OpenAPI 3.0's dialect as 2020-12: nullable, boolean exclusive bounds. */
function translate30(schema: JsonObject, out: JsonObject): void {
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null']
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
  }
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[exclusive] !== 'boolean') continue
    if (out[exclusive] === true && typeof out[bound] === 'number') {
      out[exclusive] = out[bound]
      delete out[bound]
    } else delete out[exclusive]
  }
}

/** readOnly properties are sent by the server, never by a client: not part of a request's input. */
function dropReadOnly(out: JsonObject): void {
  if (!isRecord(out.properties)) return
  const readOnly = Object.entries(out.properties)
    .filter(([, property]) => isRecord(property) && property.readOnly === true)
    .map(([name]) => name)
  if (readOnly.length === 0) return
  out.properties = Object.fromEntries(
    Object.entries(out.properties).filter(([name]) => !readOnly.includes(name)),
  )
  if (Array.isArray(out.required))
    out.required = out.required.filter((name) => !readOnly.includes(name as string))
}
