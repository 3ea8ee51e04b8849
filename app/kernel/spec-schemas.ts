// Validates values against schemas of openapi.yaml by JSON pointer (Ajv, JSON Schema 2020-12 as OpenAPI
// 3.1 uses it). For checks a test or the contract guard makes beyond express-openapi-validator, which
// never validates error responses: problems, headers, examples.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type { OpenApiDocument } from './spec.js'

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule.default

const specId = 'urn:mini-agent-platform:openapi'

export const escapePointer = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1')

/** A pointer from its segments: pointerOf('paths', '/api/v1/tools', 'get') is /paths/~1api~1v1~1tools/get. */
export const pointerOf = (...segments: string[]): string => '/' + segments.map(escapePointer).join('/')

export interface SpecSchemas {
  /** Problems of the value against the schema at the pointer (e.g. #/components/schemas/Tool); [] when valid. */
  validate(pointer: string, value: unknown): string[]
}

export function makeSpecSchemas(spec: OpenApiDocument): SpecSchemas {
  // strict: false: OpenAPI adds keywords JSON Schema does not know (discriminator, example, x-...).
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false })
  addFormats(ajv)
  ajv.addSchema({ ...structuredClone(spec), $id: specId })
  const validators = new Map<string, ValidateFunction>()
  const describe = (errors: ErrorObject[] | null | undefined): string[] =>
    (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
  return {
    validate(pointer, value) {
      const fragment = pointer.startsWith('#') ? pointer : `#${pointer}`
      let validator = validators.get(fragment)
      if (!validator) {
        validator = ajv.compile({ $ref: `${specId}${fragment}` })
        validators.set(fragment, validator)
      }
      return validator(value) ? [] : describe(validator.errors)
    },
  }
}
