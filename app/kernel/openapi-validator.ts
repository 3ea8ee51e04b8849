// The contract's request (and, in tests, response) validation: express-openapi-validator, configured once.
import * as OpenApiValidator from 'express-openapi-validator'
import type { OpenApiDocument } from './spec.js'

/**
 * One validator per document and response setting, shared by every app a process builds from that document.
 * The library compiles an operation's schemas on its first request, each with every component of this
 * contract: ~0.1 s per operation, ~0.5 s with responses validated, and its preprocessing of the whole
 * document once more per instance. A service builds one app, so this changes nothing there; the tests build
 * dozens from one document and paid it in every one.
 *
 * Sharing is sound because the library keeps no per-app state but one: it copies the path parameters it
 * coerced into req.params through `app.param`, installed on the first app that sees a request. Every path
 * parameter of this contract is a string, so the copy changes nothing, and the operations read req.params.
 */
type Validator = ReturnType<typeof OpenApiValidator.middleware>
const validators = new WeakMap<OpenApiDocument, Map<boolean, Validator>>()

export function contractValidator(spec: OpenApiDocument, validateResponses: boolean): Validator {
  const bySetting = validators.get(spec) ?? new Map<boolean, Validator>()
  validators.set(spec, bySetting)
  const known = bySetting.get(validateResponses)
  if (known) return known
  const made = OpenApiValidator.middleware({
    apiSpec: spec as never,
    validateRequests: {
      allowUnknownQueryParameters: false,
      // Only the body: parameters (text on the wire) are always coerced to their types by the validator.
      // A JSON body must carry the spec's types: {"name": 123} is a VALIDATION_ERROR, not the name "123".
      coerceTypes: false,
      removeAdditional: false,
      allErrors: true,
    },
    validateResponses: validateResponses ? { removeAdditional: false } : false,
    validateSecurity: false,
    validateFormats: true,
    ajvFormats: { mode: 'full' },
    ignorePaths: /^\/(docs|openapi\.yaml)(\/|$)/,
  })
  bySetting.set(validateResponses, made)
  return made
}
