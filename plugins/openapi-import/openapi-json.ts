// JSON values, JSON pointers and the problems found in a document, each with a pointer into it.
import { appError } from '../../app/plugin-kit.js'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export interface PointerError {
  pointer: string
  message: string
}

export const isRecord = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

export const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1')
export const unescapeToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~')

/** A pointer from its tokens: pointerOf('paths', '/pets', 'get') is /paths/~1pets/get. */
export const pointerOf = (...tokens: (string | number)[]): string =>
  tokens.map((token) => `/${escapeToken(String(token))}`).join('')

/** Problems with the document; the service turns them into one OPENAPI_IMPORT_INVALID_DOCUMENT. */
export class DocumentErrors extends Error {
  constructor(readonly errors: PointerError[]) {
    super(errors.map((e) => `${e.pointer || '/'}: ${e.message}`).join('; '))
  }
}

/** At most this many problems are listed: enough to fix a document, and a bounded answer. */
const MAX_LISTED = 50

export const invalidDocument = (errors: PointerError[]) =>
  appError(
    'OPENAPI_IMPORT_INVALID_DOCUMENT',
    `The document cannot be imported: ${new DocumentErrors(errors.slice(0, 5)).message}${errors.length > 5 ? '; ...' : ''}`,
    { errors: errors.slice(0, MAX_LISTED) },
  )
