// A tool's name and description from its operation. Names keep to what model providers accept as a
// function name ([A-Za-z0-9_-], at most 64 characters), which the catalog's own rules (1 to 100
// characters, no control characters or outer spaces) also accept.
import type { JsonObject } from './openapi-json.js'

export const MAX_NAME_LENGTH = 64
/** The catalog's limit (LongText, the tools.description check), in code points. */
export const MAX_DESCRIPTION_LENGTH = 1000

const sanitise = (text: string): string =>
  text
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[_-]+$/, '')

/**
 * The operationId with every run of other characters as one `_` (`pets.list` is `pets_list`); without an
 * operationId (or one of no such character), `method_path`: GET /pets/{petId} is `get_pets_petId`.
 */
export function toolName(method: string, path: string, operationId: string | undefined): string {
  const fromId = operationId === undefined ? '' : sanitise(operationId)
  return fromId || sanitise(`${method.toLowerCase()}/${path}`) || method.toLowerCase()
}

/** Code points, not UTF-16 units: a cut never splits a surrogate pair. */
function truncate(text: string, max: number): string {
  const points = [...text]
  return points.length <= max
    ? text
    : `${points
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
}

/** The summary and the description (each once), else "METHOD /path"; cut to the catalog's limit. */
export function toolDescription(method: string, path: string, operation: JsonObject): string {
  const parts = [operation.summary, operation.description]
    .filter((part): part is string => typeof part === 'string')
    .map((part) => part.trim())
    .filter((part, i, all) => part !== '' && all.indexOf(part) === i)
  const text = parts.length > 0 ? parts.join('\n\n') : `${method.toUpperCase()} ${path}`
  return truncate(text, MAX_DESCRIPTION_LENGTH)
}
