// JSON Schema 2020-12 for tool inputs (Ajv): checks a tenant's input_schema when a tool is written, and
// validates each call's input against it, with the compiled validators kept in a small LRU cache.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { LruCache } from './lru-cache.js'
import {
  MAX_SCHEMA_BYTES,
  MAX_SCHEMA_DEPTH,
  depthOf,
  escapePointer,
  platformRuleErrors,
} from './input-schema.rules.js'
import type { PointerError } from './tool-kind.js'

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule.default

/** Enough for a client to fix its schema or input; a list past this says little more. */
const MAX_ERRORS = 20

export interface InputSchemas {
  /** Problems with a tenant's input_schema, pointers relative to the schema; empty when it is accepted. */
  validateInputSchema(schema: unknown): PointerError[]
  /** Problems of an input against an (accepted) schema, pointers relative to the input. */
  validateInput(schema: Record<string, unknown>, input: unknown): PointerError[]
}

export function makeInputSchemas(cacheSize = 500): InputSchemas {
  // strict: false: 2020-12 allows unknown keywords (annotations); tool schemas written for models carry some.
  // addUsedSchema: false: nothing a tenant compiles is registered in the shared instance.
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, addUsedSchema: false })
  addFormats(ajv)
  const compiled = new LruCache<string, ValidateFunction>(cacheSize)

  const compile = (schema: Record<string, unknown>, text = JSON.stringify(schema)): ValidateFunction => {
    let validate = compiled.get(text)
    if (!validate) {
      validate = ajv.compile(schema)
      compiled.set(text, validate)
    }
    return validate
  }

  return {
    validateInputSchema(schema) {
      if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
        return [{ pointer: '', message: 'must be a JSON Schema object' }]
      }
      // Depth first: it bounds every recursive step after it (stringify, the walk, Ajv's meta-schema check).
      if (depthOf(schema, MAX_SCHEMA_DEPTH) > MAX_SCHEMA_DEPTH) {
        return [{ pointer: '', message: `must nest at most ${MAX_SCHEMA_DEPTH} levels deep` }]
      }
      const text = JSON.stringify(schema)
      if (Buffer.byteLength(text) > MAX_SCHEMA_BYTES) {
        return [{ pointer: '', message: `must be at most ${MAX_SCHEMA_BYTES} bytes as JSON` }]
      }
      // The platform's rules before Ajv: Ajv itself throws on a $schema it does not know (or would fetch).
      const ruleErrors = platformRuleErrors(schema)
      if (ruleErrors.length > 0) return ruleErrors.slice(0, MAX_ERRORS)
      if (!ajv.validateSchema(schema)) return toPointerErrors(ajv.errors ?? [])
      if ((schema as Record<string, unknown>).type !== 'object') {
        return [{ pointer: '/type', message: 'must be "object": a tool takes an object of arguments' }]
      }
      try {
        compile(schema as Record<string, unknown>, text)
      } catch (error) {
        return [{ pointer: '', message: `does not compile: ${(error as Error).message}` }]
      }
      return []
    },

    validateInput(schema, input) {
      const validate = compile(schema)
      return validate(input) ? [] : toPointerErrors(validate.errors ?? [])
    },
  }
}

/** Ajv's instancePath is already a JSON pointer; point at the offending property itself where Ajv names it. */
function toPointerErrors(errors: ErrorObject[]): PointerError[] {
  const seen = new Set<string>()
  const result: PointerError[] = []
  for (const error of errors) {
    const params = error.params as { missingProperty?: string; additionalProperty?: string }
    const property = params.missingProperty ?? params.additionalProperty
    const pointer =
      property === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(property)}`
    const message = error.message ?? `fails ${error.keyword}`
    const key = `${pointer}\u0000${message}`
    if (seen.has(key)) continue
    seen.add(key)
    result.push({ pointer, message })
    if (result.length === MAX_ERRORS) break
  }
  return result
}
