// Reading the document: JSON or YAML text, or a JSON object already parsed with the request; at most
// 1 MiB; nested at most MAX_DEPTH levels; no NUL or lone surrogate anywhere (PostgreSQL's jsonb refuses
// both, and a tool's name or schema would carry them); and OpenAPI 3.x. Nothing here is fetched.
import { appError } from '../../app/plugin-kit.js'
import { DocumentErrors, escapeToken, isRecord, type Json, type JsonObject } from './openapi-json.js'
import { readYaml } from './openapi-yaml.js'

export const MAX_DOCUMENT_BYTES = 1024 * 1024
/** Far deeper than any real API description; bounds every recursive walk that follows. */
export const MAX_DEPTH = 100
/** YAML aliases expanded at most this often: a "billion laughs" document is refused, not expanded. */
const MAX_YAML_ALIASES = 100

export interface OpenApiDocument {
  root: JsonObject
  /** 3.0 documents use OpenAPI's schema dialect (nullable, boolean exclusiveMinimum); 3.1 and later JSON Schema's. */
  dialect: '3.0' | '3.1'
}

const invalid = (pointer: string, message: string) => new DocumentErrors([{ pointer, message }])

/** The document as JSON, or OPENAPI_IMPORT_DOCUMENT_TOO_LARGE / OPENAPI_IMPORT_INVALID_DOCUMENT. */
export async function readDocument(document: unknown): Promise<OpenApiDocument> {
  const text = typeof document === 'string' ? document : JSON.stringify(document)
  const size = Buffer.byteLength(text)
  if (size > MAX_DOCUMENT_BYTES) {
    throw appError(
      'OPENAPI_IMPORT_DOCUMENT_TOO_LARGE',
      `The document is ${size} bytes; at most ${MAX_DOCUMENT_BYTES} can be imported.`,
      { limit_bytes: MAX_DOCUMENT_BYTES, size_bytes: size },
    )
  }
  const root = typeof document === 'string' ? await parseText(document) : (document as Json)
  checkShape(root, '', 0)
  if (!isRecord(root)) throw invalid('', 'must be an OpenAPI document: an object, as JSON or YAML')
  return { root, dialect: dialectOf(root) }
}

async function parseText(text: string): Promise<Json> {
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text) as Json
    } catch {
      // Not JSON after all: YAML (a superset) reads it or says where it is wrong.
    }
  }
  const outcome = await readYaml(text, { maxDepth: MAX_DEPTH, maxAliases: MAX_YAML_ALIASES })
  if (outcome.ok) return outcome.value as Json
  const where = outcome.line === undefined ? '' : ` (line ${outcome.line}, column ${outcome.column})`
  throw invalid('', `cannot be read as JSON or YAML${where}: ${outcome.message}`)
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const unsafe = (text: string): boolean => text.includes('\u0000') || loneSurrogate.test(text)

/** Depth first, then every key and string: refused at the first problem, so a hostile one costs little. */
function checkShape(value: unknown, pointer: string, depth: number): void {
  if (typeof value === 'string') {
    if (unsafe(value)) throw invalid(pointer, 'holds a NUL character or a lone surrogate')
    return
  }
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw invalid(pointer, 'is not a finite number')
    if (
      value === undefined ||
      typeof value === 'function' ||
      typeof value === 'symbol' ||
      typeof value === 'bigint'
    )
      throw invalid(pointer, 'is not a JSON value')
    return
  }
  if (depth >= MAX_DEPTH) throw invalid(pointer, `nests more than ${MAX_DEPTH} levels deep`)
  if (value instanceof Map || value instanceof Set || value instanceof Date || value instanceof Uint8Array)
    throw invalid(pointer, 'is not a JSON value (a YAML tag JSON has no type for)')
  for (const [key, child] of Object.entries(value)) {
    const at = `${pointer}/${escapeToken(key)}`
    if (unsafe(key)) throw invalid(at, 'the key holds a NUL character or a lone surrogate')
    checkShape(child, at, depth + 1)
  }
}

function dialectOf(root: JsonObject): '3.0' | '3.1' {
  if ('swagger' in root) {
    throw invalid('/swagger', 'OpenAPI 2.0 (Swagger) cannot be imported: convert it to OpenAPI 3 first')
  }
  const version = root.openapi
  const match = typeof version === 'string' ? /^3\.(\d+)\.\d+(-[\w.]+)?$/.exec(version) : null
  if (!match) {
    throw invalid('/openapi', 'must name an OpenAPI 3.x version, e.g. "3.0.3" or "3.1.0"')
  }
  return match[1] === '0' ? '3.0' : '3.1'
}
