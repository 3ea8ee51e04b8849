// The contract's request (and, in tests, response) validation: express-openapi-validator, configured once.
import * as OpenApiValidator from 'express-openapi-validator'
import { perDocument, type OpenApiDocument } from './spec.js'

/**
 * One validator per document and response setting, shared by every app a process builds from that document
 * (perDocument). The library compiles an operation's schemas on its first request (~0.04 s of CPU; ~0.1 s
 * with responses validated, after the local patch that gives each schema only the components it reaches),
 * and reads the whole document once per instance (~0.5 s, mostly bundling its $refs). A service builds one
 * app, so this changes nothing there; the tests build dozens from one document and paid it in every one.
 *
 * Sharing is sound because the library keeps one per-app state only: it copies the path parameters it
 * coerced into req.params through `app.param`, installed on the first app that sees a request. Its request
 * validator sets req.params itself too, and every path parameter of this contract is a string.
 */
const validatorOf = (validateResponses: boolean) =>
  perDocument((spec: OpenApiDocument) =>
    OpenApiValidator.middleware({
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
    }),
  )
const requestsOnly = validatorOf(false)
const requestsAndResponses = validatorOf(true)

export const contractValidator = (spec: OpenApiDocument, validateResponses: boolean) =>
  (validateResponses ? requestsAndResponses : requestsOnly)(spec)
