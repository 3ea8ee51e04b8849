// Every operation that answers with a body may answer 406 NOT_ACCEPTABLE (app/http/content-negotiation.ts):
// `npm run spec` documents it on each, referencing components.responses.NotAcceptable, so no fragment
// writes it.
import { successMediaTypes } from '../http/content-negotiation.js'
import type { OpenApiDocument } from './spec.js'

const notAcceptable = { $ref: '#/components/responses/NotAcceptable' }

export function declareNotAcceptable(doc: OpenApiDocument): void {
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item) as Record<string, unknown>[]) {
      const responses = operation.responses as Record<string, unknown> | undefined
      if (typeof responses !== 'object' || responses === null) continue
      if (successMediaTypes(operation).length === 0 || '406' in responses) continue
      // Kept in status order, as written by hand.
      const entries = [...Object.entries(responses), ['406', notAcceptable] as const]
      operation.responses = Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)))
    }
  }
}
