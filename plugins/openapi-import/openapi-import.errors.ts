// The OpenAPI import's own error codes. A base_url the http kind refuses is the kind's INVALID_TOOL_CONFIG
// or EGRESS_DENIED (pointer /base_url); a name another tool has is OPENAPI_IMPORT_NAME_CONFLICT.
import { detailsObject, type ErrorDefinition } from '../../app/plugin-kit.js'

const names = (description: string) => ({ type: 'array', description, items: { type: 'string' } })

export const openapiImportErrors = {
  /** details.errors: [{pointer, message}], pointers into the OpenAPI document ('' is the whole of it). */
  OPENAPI_IMPORT_INVALID_DOCUMENT: {
    status: 422,
    kind: 'input',
    title: 'The document cannot be imported',
    details: detailsObject({
      errors: {
        type: 'array',
        items: detailsObject({
          pointer: {
            type: 'string',
            description:
              'A JSON pointer into the OpenAPI document: /paths/~1pets/get, /openapi; empty: all of it.',
          },
          message: { type: 'string' },
        }),
      },
    }),
  },
  /** details: {limit_bytes, size_bytes}. The document (its text, or an object's JSON) is over 1 MiB. */
  OPENAPI_IMPORT_DOCUMENT_TOO_LARGE: {
    status: 413,
    kind: 'input',
    title: 'The OpenAPI document is too large',
    details: detailsObject({
      limit_bytes: { type: 'integer', minimum: 1, description: 'The largest document accepted, in bytes.' },
      size_bytes: { type: 'integer', minimum: 1, description: "This document's size, in bytes of UTF-8." },
    }),
  },
  /** details.operations: the entries of `operations` that name no operation of the document. */
  OPENAPI_IMPORT_UNKNOWN_OPERATIONS: {
    status: 422,
    kind: 'input',
    title: 'Unknown operations',
    details: detailsObject({
      operations: names('The entries that match no operationId (nor "METHOD /path") of the document.'),
    }),
  },
  /** details: {count, limit}. */
  OPENAPI_IMPORT_TOO_MANY_OPERATIONS: {
    status: 422,
    kind: 'input',
    title: 'Too many operations for one import',
    details: detailsObject({
      count: { type: 'integer', minimum: 0, description: 'How many operations were selected.' },
      limit: { type: 'integer', minimum: 1, description: 'The most one import creates.' },
    }),
  },
  /** details: {existing, repeated}. Nothing was created. */
  OPENAPI_IMPORT_NAME_CONFLICT: {
    status: 409,
    kind: 'conflict',
    title: 'Tool names conflict',
    details: detailsObject({
      existing: names("Names the tenant's tools already have."),
      repeated: {
        type: 'array',
        description: 'Names two or more selected operations would both get.',
        items: detailsObject({
          name: { type: 'string' },
          operations: names('The operations (operationId, or "METHOD /path") that would get it.'),
        }),
      },
    }),
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof openapiImportErrors, ErrorDefinition> {}
}
