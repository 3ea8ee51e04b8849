// The operations of a document, and the http tool each becomes: path, query and header parameters and a
// JSON request body are the properties of its input_schema (path ones, and the required ones, required);
// the http config fills the URL's path from the path parameters, `query` and `headers` from theirs (an
// optional one as `{name?}`, left out when the input lacks it) and the body from `body`.
import type { HttpToolsRules } from '../http-tools/http-tools.plugin.js'
import type { OpenApiDocument } from './openapi-document.js'
import {
  DocumentErrors,
  isRecord,
  pointerOf,
  type Json,
  type JsonObject,
  type PointerError,
} from './openapi-json.js'
import { toolDescription, toolName } from './openapi-names.js'
import type { Refs } from './openapi-refs.js'
import { makeSchemaConverter } from './openapi-schema.js'

/** OpenAPI's methods; the http kind sends all but OPTIONS and TRACE. */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const
export const IMPORTABLE_METHODS: ReadonlySet<string> = new Set([
  'get',
  'put',
  'post',
  'delete',
  'head',
  'patch',
])
const LOCATIONS = ['path', 'query', 'header', 'cookie'] as const
type Location = (typeof LOCATIONS)[number]
/** OpenAPI: header parameters of these names "SHALL be ignored" (the media types and security say them). */
const ignoredHeaders = new Set(['accept', 'content-type', 'authorization'])
const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json(?:\s*;.*)?$/i

export interface DocOperation {
  method: (typeof METHODS)[number]
  path: string
  operationId?: string
  /** The operationId, or "METHOD /path" when it has none: how problems and the answer name it. */
  label: string
  /** Of the operation object. */
  pointer: string
  operation: JsonObject
  pathItem: JsonObject
  pathItemPointer: string
}

/** A parameter or body the tool does not send (optional ones only; a required one refuses the operation). */
export interface SkippedPart {
  /** Where the parameter goes (OpenAPI's `in`), or `body`. */
  location: Location | 'body'
  name: string
  reason: string
}

export interface HttpDraft {
  method: string
  url: string
  headers: Record<string, string>
  query: Record<string, string>
  body?: string
}

export interface ToolDraft {
  name: string
  description: string
  http: HttpDraft
  input_schema: JsonObject
  operation: DocOperation
  skipped: SkippedPart[]
}

/** Every operation of the document, in its order (path items' $refs followed). */
export function listOperations({ root }: OpenApiDocument, refs: Refs): DocOperation[] {
  if (root.paths === undefined) return []
  if (!isRecord(root.paths)) throw new DocumentErrors([{ pointer: '/paths', message: 'must be an object' }])
  const found: DocOperation[] = []
  for (const [path, raw] of Object.entries(root.paths)) {
    if (path.startsWith('x-')) continue
    const at = pointerOf('paths', path)
    if (!path.startsWith('/'))
      throw new DocumentErrors([{ pointer: at, message: 'a path must start with /' }])
    const { node: pathItem, pointer: pathItemPointer } = refs.follow(raw, at)
    if (!pathItem) continue
    for (const method of METHODS) {
      const operation = pathItem[method]
      if (operation === undefined) continue
      const pointer = `${pathItemPointer}/${method}`
      if (!isRecord(operation)) throw new DocumentErrors([{ pointer, message: 'must be an object' }])
      const operationId = typeof operation.operationId === 'string' ? operation.operationId : undefined
      const label = operationId ?? `${method.toUpperCase()} ${path}`
      found.push({ method, path, operationId, label, pointer, operation, pathItem, pathItemPointer })
    }
  }
  return found
}

/** A name usable as `{name}` in a template and as an input property: [A-Za-z_][A-Za-z0-9_]*. */
export const inputName = (name: string): string => {
  const safe = name.replace(/[^A-Za-z0-9_]/g, '_')
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`
}

/** Percent-encodes what a URL path may not hold as is; `%` stays (the path may already be encoded). */
const encodeLiteral = (text: string): string =>
  text.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu, (char) => encodeURIComponent(char))

interface Parameter {
  name: string
  in: Location
  node: JsonObject
  pointer: string
}

/** The path item's parameters, overridden by the operation's (same name and location). */
function parametersOf(op: DocOperation, refs: Refs, problems: PointerError[]): Parameter[] {
  const byKey = new Map<string, Parameter>()
  const sources: [Json | undefined, string][] = [
    [op.pathItem.parameters, `${op.pathItemPointer}/parameters`],
    [op.operation.parameters, `${op.pointer}/parameters`],
  ]
  for (const [list, at] of sources) {
    if (list === undefined) continue
    if (!Array.isArray(list)) {
      problems.push({ pointer: at, message: 'must be an array' })
      continue
    }
    list.forEach((raw, i) => {
      const { node, pointer } = refs.follow(raw, `${at}/${i}`)
      const location = node?.in
      if (!node || typeof node.name !== 'string' || !LOCATIONS.includes(location as Location)) {
        problems.push({
          pointer,
          message: 'a parameter needs a name and `in` (path, query, header or cookie)',
        })
        return
      }
      const name = node.name
      const key = `${location as Location}:${location === 'header' ? name.toLowerCase() : name}`
      byKey.set(key, { name, in: location as Location, node, pointer })
    })
  }
  return [...byKey.values()]
}

const typesOf = (schema: JsonObject): string[] | undefined =>
  typeof schema.type === 'string'
    ? [schema.type]
    : Array.isArray(schema.type)
      ? schema.type.filter((t): t is string => typeof t === 'string')
      : undefined

/**
 * A parameter's schema narrowed to what one text value can carry: undefined when it only allows arrays
 * or objects (http tools send scalars: one query value, one header, one path segment).
 */
function scalarSchema(schema: Json): JsonObject | undefined {
  if (schema === true) return {}
  if (!isRecord(schema)) return undefined
  const types = typesOf(schema)
  if (types === undefined) return { ...schema }
  const scalars = types.filter((t) => t !== 'array' && t !== 'object')
  if (scalars.length === 0) return undefined
  if (scalars.length === types.length) return { ...schema }
  return { ...schema, type: scalars.length === 1 ? scalars[0]! : scalars }
}

/** The tool an operation becomes, or DocumentErrors listing every problem of the operation. */
export function buildDraft(
  op: DocOperation,
  baseUrl: string,
  refs: Refs,
  dialect: OpenApiDocument['dialect'],
  { isSettableHeader }: HttpToolsRules,
): ToolDraft {
  const problems: PointerError[] = []
  const skipped: SkippedPart[] = []
  const converter = makeSchemaConverter(refs, dialect)
  const properties: JsonObject = {}
  const required: string[] = []
  const propertyOwner = new Map<string, string>()
  const headers: Record<string, string> = {}
  const query: Record<string, string> = {}
  const pathParams = new Map<string, string>()
  const templateNames = new Set([...op.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!))
  if (!IMPORTABLE_METHODS.has(op.method)) {
    throw new DocumentErrors([
      { pointer: op.pointer, message: `${op.method.toUpperCase()} operations cannot be http tools` },
    ])
  }

  const claim = (property: string, owner: string, pointer: string): boolean => {
    const other = propertyOwner.get(property)
    if (other !== undefined) {
      problems.push({
        pointer,
        message: `${owner} and ${other} would both be the input property "${property}"`,
      })
      return false
    }
    propertyOwner.set(property, owner)
    return true
  }

  const convert = (schema: Json | undefined, pointer: string): Json | undefined => {
    try {
      return converter.convert(schema, pointer)
    } catch (error) {
      if (!(error instanceof DocumentErrors)) throw error
      problems.push(...error.errors)
      return undefined
    }
  }

  for (const parameter of parametersOf(op, refs, problems)) {
    const { name, node, pointer } = parameter
    const isRequired = parameter.in === 'path' || node.required === true
    const skip = (reason: string) => {
      if (isRequired) problems.push({ pointer, message: `${reason}, and the parameter is required` })
      else skipped.push({ location: parameter.in, name, reason })
    }
    if (parameter.in === 'path' && !templateNames.has(name)) {
      skipped.push({ location: 'path', name, reason: 'the path has no {' + name + '}' })
      continue
    }
    if (parameter.in === 'cookie') {
      skip('http tools send no cookies')
      continue
    }
    if (parameter.in === 'header' && ignoredHeaders.has(name.toLowerCase())) {
      skipped.push({
        location: 'header',
        name,
        reason: 'OpenAPI ignores Accept, Content-Type and Authorization parameters',
      })
      continue
    }
    if (parameter.in === 'header' && !isSettableHeader(name)) {
      skip('the platform does not let a tool set this header')
      continue
    }
    if (node.schema === undefined && node.content !== undefined) {
      skip('a parameter described by `content` is not sent as one plain value')
      continue
    }
    const converted = convert(node.schema ?? { type: 'string' }, `${pointer}/schema`)
    if (converted === undefined) continue
    const schema = scalarSchema(converted)
    if (!schema) {
      skip('arrays and objects cannot be sent as one value')
      continue
    }
    const property = inputName(name)
    if (!claim(property, `${parameter.in} parameter "${name}"`, pointer)) continue
    if (typeof node.description === 'string' && node.description.trim() !== '')
      schema.description = node.description.trim()
    if (property !== name)
      schema.description = `The ${parameter.in} parameter "${name}".${typeof schema.description === 'string' ? ` ${schema.description}` : ''}`
    if (node.deprecated === true) schema.deprecated = true
    if (node.example !== undefined && schema.examples === undefined) schema.examples = [node.example]
    properties[property] = schema
    if (isRequired) required.push(property)
    const template = isRequired ? `{${property}}` : `{${property}?}`
    if (parameter.in === 'path') pathParams.set(name, property)
    else if (parameter.in === 'query') query[name] = template
    else headers[name] = template
  }

  let body: string | undefined
  if (op.operation.requestBody !== undefined) {
    const { node: requestBody, pointer } = refs.follow(op.operation.requestBody, `${op.pointer}/requestBody`)
    const isRequired = requestBody?.required === true
    const skip = (reason: string) => {
      if (isRequired) problems.push({ pointer, message: `${reason}, and the body is required` })
      else skipped.push({ location: 'body', name: 'body', reason })
    }
    const content = requestBody?.content
    const mediaTypes = isRecord(content) ? Object.keys(content) : []
    const mediaType =
      mediaTypes.find((type) => /^application\/json\b/i.test(type) && JSON_MEDIA.test(type)) ??
      mediaTypes.find((type) => JSON_MEDIA.test(type))
    if (!isRecord(content)) problems.push({ pointer: `${pointer}/content`, message: 'must be an object' })
    else if (mediaType === undefined)
      skip(`http tools send JSON bodies only (the operation takes ${mediaTypes.join(', ') || 'none'})`)
    else if (op.method === 'get' || op.method === 'head')
      skip(`a ${op.method.toUpperCase()} request has no body`)
    else {
      const media = content[mediaType]
      const mediaPointer = `${pointer}/content${pointerOf(mediaType)}`
      const schema = convert(
        isRecord(media) && media.schema !== undefined ? media.schema : true,
        `${mediaPointer}/schema`,
      )
      if (schema !== undefined && claim('body', 'the request body', pointer)) {
        const described =
          typeof requestBody?.description === 'string' && requestBody.description.trim() !== ''
            ? { ...(isRecord(schema) ? schema : {}), description: requestBody.description.trim() }
            : schema
        properties.body = described === true ? {} : described
        if (isRequired) required.push('body')
        body = isRequired ? '{body}' : '{body?}'
        if (!/^application\/json\s*(;|$)/i.test(mediaType)) headers['Content-Type'] = mediaType
      }
    }
  }

  let url = baseUrl.replace(/\/+$/, '')
  url += op.path.replace(/\{([^{}]*)\}|[^{}]+|[{}]/g, (match, name: string | undefined) => {
    if (name === undefined) {
      if (match === '{' || match === '}') {
        problems.push({ pointer: pointerOf('paths', op.path), message: 'has an unbalanced { or }' })
        return ''
      }
      return encodeLiteral(match)
    }
    const property = pathParams.get(name)
    if (property === undefined && !problems.some((p) => p.message.includes(`{${name}}`)))
      problems.push({ pointer: op.pointer, message: `the path's {${name}} has no path parameter` })
    return `{${property ?? name}}`
  })

  if (problems.length > 0) throw new DocumentErrors(problems)
  return {
    name: toolName(op.method, op.path, op.operationId),
    description: toolDescription(op.method, op.path, op.operation),
    http: { method: op.method.toUpperCase(), url, headers, query, ...(body === undefined ? {} : { body }) },
    input_schema: {
      type: 'object',
      properties,
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: false,
    },
    operation: op,
    skipped,
  }
}
