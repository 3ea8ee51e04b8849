// Typed problems for generators: `npm run spec` gives every error code a schema `Problem_<CODE>`
// (error_code and status consts, details as the code declares them) and makes the problem+json schema of
// every response that lists x-error-codes a oneOf of those, discriminated by error_code. A fragment
// writes `schema: { $ref: '#/components/schemas/Problem' }` (or nothing) and the codes; the rest is derived.
import { problemTypeUri, type DetailsSchema, type ErrorDefinition } from '../errors/catalog.js'
import type { OpenApiDocument } from './spec.js'

type Json = Record<string, unknown>

export const problemSchemaName = (code: string): string => `Problem_${code}`
const problemRef = (code: string): string => `#/components/schemas/${problemSchemaName(code)}`
const genericProblemRef = '#/components/schemas/Problem'

/** The schema of one code's problem document. */
export function problemSchema(code: string, definition: ErrorDefinition, details: DetailsSchema): Json {
  return {
    type: 'object',
    description: `${definition.title} (${code}).`,
    additionalProperties: false,
    required: ['type', 'title', 'status', 'detail', 'instance', 'error_code', 'details'],
    properties: {
      type: { type: 'string', const: problemTypeUri(code) },
      title: { type: 'string', description: 'Short, stable summary of the error_code.' },
      status: { type: 'integer', const: definition.status },
      detail: { type: 'string', description: 'What went wrong in this occurrence.' },
      instance: {
        type: 'string',
        description: 'urn:request:<request id>; quote it when reporting a problem.',
      },
      error_code: { type: 'string', const: code },
      details,
    },
  }
}

/** One code: its schema; several: a oneOf discriminated by error_code, which TypeScript narrows on. */
export function problemUnion(codes: readonly string[]): Json {
  if (codes.length === 1) return { $ref: problemRef(codes[0]!) }
  return {
    oneOf: codes.map((code) => ({ $ref: problemRef(code) })),
    discriminator: {
      propertyName: 'error_code',
      mapping: Object.fromEntries(codes.map((code) => [code, problemRef(code)])),
    },
  }
}

/** Every `$ref` to a Problem_<CODE> schema anywhere in the document (a hand-written oneOf, Execution.error). */
function referencedCodes(node: unknown, found: Set<string>): Set<string> {
  if (node === null || typeof node !== 'object') return found
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/Problem_'))
      found.add(value.slice('#/components/schemas/Problem_'.length))
    else referencedCodes(value, found)
  }
  return found
}

function typeResponse(response: Json, where: string): string[] {
  const codes = response['x-error-codes']
  if (!Array.isArray(codes)) return []
  const content = ((response.content ??= {}) as Record<string, Json>)['application/problem+json'] ?? {}
  const schema = content.schema as Json | undefined
  if (schema !== undefined && !(Object.keys(schema).length === 1 && schema.$ref === genericProblemRef)) {
    throw new Error(
      `${where}: the problem schema is derived from x-error-codes; write schema: { $ref: '${genericProblemRef}' }`,
    )
  }
  ;(response.content as Record<string, Json>)['application/problem+json'] = {
    ...content,
    schema: problemUnion(codes as string[]),
  }
  return codes as string[]
}

/**
 * Types every error response of the document in place and adds a Problem_<CODE> schema for each code it
 * uses. A code without a declared details schema, or not in the catalog, stops the build.
 */
export function deriveProblemSchemas(doc: OpenApiDocument, catalog: Record<string, ErrorDefinition>): void {
  const used = new Set<string>()
  for (const [name, response] of Object.entries(doc.components.responses ?? {})) {
    for (const code of typeResponse(response as Json, `components.responses.${name}`)) used.add(code)
  }
  for (const [pathKey, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const responses = (operation as { responses?: Record<string, Json> } | undefined)?.responses
      if (typeof responses !== 'object' || responses === null) continue
      for (const [status, response] of Object.entries(responses)) {
        if (typeof response.$ref === 'string') continue
        const where = `${method.toUpperCase()} ${pathKey} ${status}`
        for (const code of typeResponse(response, where)) used.add(code)
      }
    }
  }
  referencedCodes(doc, used)
  const global = doc['x-global-error-codes'] as { codes?: Json } | undefined
  for (const code of Object.keys(global?.codes ?? {})) used.add(code)

  const schemas = (doc.components.schemas ??= {})
  const codes = [...used].sort()
  schemas.Problem = {
    description:
      'Any problem document this API sends (RFC 9457, with error_code and details); each error response narrows it to the codes in its x-error-codes.',
    ...problemUnion(codes),
  }
  for (const code of codes) {
    const definition = catalog[code]
    if (!definition) throw new Error(`Spec: error code ${code} is in no error catalog`)
    if (!definition.details) {
      throw new Error(
        `Spec: error code ${code} declares no details schema (ErrorDefinition.details; noDetails when empty)`,
      )
    }
    schemas[problemSchemaName(code)] = problemSchema(code, definition, definition.details)
  }
}
