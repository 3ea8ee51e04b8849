// Response bodies serialised by functions compiled at boot from the spec's response schemas
// (fast-json-stringify), one per operation and 2xx status with an application/json body. A compiled
// function writes only what its schema declares: a property an `additionalProperties: false` schema does not
// list never reaches the client, whatever a service put in the object. Where the schema leaves an object
// open (no `additionalProperties`, which JSON Schema reads as "anything"), the members pass through as
// JSON.stringify would write them, so nothing the contract allows is dropped either.
import { isDeepStrictEqual } from 'node:util'
import type { Response } from 'express'
import fastJson from 'fast-json-stringify'
import { listOperations, type OpenApiDocument } from './spec.js'

export type Serialize = (body: unknown) => string

/** Per operationId, per 2xx status: the compiled serialiser of its JSON body. */
export type Serializers = ReadonlyMap<string, ReadonlyMap<number, Serialize>>

type Schema = Record<string, unknown>

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The keywords whose value is one subschema, a list of them, or a map of them (JSON Schema 2020-12). */
const oneSchema = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'] as const
const schemaLists = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const
const schemaMaps = ['properties', 'patternProperties', '$defs', 'definitions'] as const

const describesObject = (schema: Schema): boolean =>
  schema.type === 'object' ||
  (Array.isArray(schema.type) && schema.type.includes('object')) ||
  isObject(schema.properties)

/**
 * A copy fit for fast-json-stringify: an object schema without `additionalProperties` gets
 * `additionalProperties: true` (JSON Schema's own default, which fast-json-stringify reads as false), and
 * local references (#/components/...) point into the document registered as `spec`.
 */
export function prepareSchema(schema: unknown): unknown {
  if (!isObject(schema)) return schema
  const copy: Schema = { ...schema }
  if (typeof copy.$ref === 'string' && copy.$ref.startsWith('#/')) copy.$ref = `spec${copy.$ref}`
  for (const key of oneSchema) if (isObject(copy[key])) copy[key] = prepareSchema(copy[key])
  for (const key of schemaLists) {
    if (Array.isArray(copy[key])) copy[key] = (copy[key] as unknown[]).map(prepareSchema)
  }
  for (const key of schemaMaps) {
    const map = copy[key]
    if (isObject(map)) {
      copy[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, prepareSchema(sub)]))
    }
  }
  if (describesObject(copy) && copy.additionalProperties === undefined) copy.additionalProperties = true
  // An object whose own properties are written, narrowed by a oneOf/anyOf of variants (AuditEvent, per
  // action): the variants only constrain what the properties already declare, and fast-json-stringify
  // merges each variant into the object and then demands the variant's members wrongly ("id is required").
  if (isObject(copy.properties)) {
    delete copy.oneOf
    delete copy.anyOf
  }
  return copy
}

/** The response object itself, following a $ref into components.responses. */
function resolveResponse(spec: OpenApiDocument, response: unknown): Schema | undefined {
  if (!isObject(response)) return undefined
  const ref = response.$ref
  if (typeof ref !== 'string') return response
  const found = spec.components.responses?.[ref.replace('#/components/responses/', '')]
  return isObject(found) ? found : undefined
}

/**
 * Compiles every 2xx application/json response body of the spec. A schema fast-json-stringify cannot
 * compile stops the boot (the error names the operation and status).
 */
export function compileSerializers(spec: OpenApiDocument): Serializers {
  // Component schemas reference each other as #/components/schemas/...; registered under $id "spec".
  const external = { spec: { $id: 'spec', components: prepareComponents(spec.components) } }
  const byText = new Map<string, Serialize>()
  const serializers = new Map<string, Map<number, Serialize>>()
  for (const { operationId, operation } of listOperations(spec)) {
    const responses = (operation.responses ?? {}) as Record<string, unknown>
    for (const [status, declared] of Object.entries(responses)) {
      if (!/^2\d\d$/.test(status)) continue
      const content = resolveResponse(spec, declared)?.content
      const json = isObject(content) ? content['application/json'] : undefined
      if (!isObject(json) || !isObject(json.schema)) continue
      const schema = prepareSchema(json.schema) as Schema
      const text = JSON.stringify(schema)
      let serialize = byText.get(text)
      if (!serialize) {
        try {
          serialize = fastJson(schema, {
            schema: external as unknown as Record<string, fastJson.Schema>,
          }) as Serialize
        } catch (error) {
          throw new Error(`${operationId} ${status}: its response schema does not compile: ${String(error)}`)
        }
        byText.set(text, serialize)
      }
      let forOperation = serializers.get(operationId)
      if (!forOperation) serializers.set(operationId, (forOperation = new Map<number, Serialize>()))
      forOperation.set(Number(status), serialize)
    }
  }
  return serializers
}

/** Each component schema prepared; the other component sections are not schemas and are left out. */
function prepareComponents(components: Schema): Schema {
  const schemas = isObject(components.schemas) ? components.schemas : {}
  return {
    schemas: Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [name, prepareSchema(schema)]),
    ),
  }
}

/** Writes a 2xx JSON body of one operation. */
export type JsonWriter = (res: Response, status: number, body: unknown) => void

/**
 * The writer of one operation's JSON bodies: its compiled serialiser for the status, else res.json (a
 * status the spec has no JSON body for, which the contract guard reports in tests anyway).
 *
 * With `verify` (tests, VALIDATE_RESPONSES), every compiled body is also compared with what JSON.stringify
 * makes of the same object, as parsed JSON (member order aside); a difference is reported through verify.
 * The body then goes out through res.json, parsed back from the compiled text, so the response validator
 * (which wraps res.json) checks exactly what the client receives.
 */
export function jsonWriter(
  forOperation: ReadonlyMap<number, Serialize> | undefined,
  verify?: (res: Response, mismatch: string) => void,
): JsonWriter {
  return (res, status, body) => {
    const serialize = forOperation?.get(status)
    if (!serialize) {
      res.json(body)
      return
    }
    const text = serialize(body)
    if (!verify) {
      res.type('application/json').send(text)
      return
    }
    const sent: unknown = JSON.parse(text)
    const generic: unknown = JSON.parse(JSON.stringify(body) ?? 'null')
    if (!isDeepStrictEqual(sent, generic)) {
      verify(res, `compiled body differs from JSON.stringify's: ${text} <> ${JSON.stringify(generic)}`)
    }
    res.json(sent)
  }
}
