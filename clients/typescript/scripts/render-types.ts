// The client's generated module, rendered from the text of openapi.yaml: openapi-typescript's `paths`,
// `components` and `operations`, plus what it ignores and the hand-written parts need at run time or in types:
// which operations accept an Idempotency-Key, and the schema of each server-sent event (`x-sse-events`).
import path from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import { parse } from 'yaml'

export const clientRoot = path.resolve(import.meta.dirname, '..')
/** The generated module, and the spec it is generated from. */
export const generatedTypesPath = path.join(clientRoot, 'src/generated/openapi.ts')
export const specPath = path.resolve(clientRoot, '../../openapi.yaml')

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const header = `// Generated from openapi.yaml by clients/typescript/scripts/generate.ts (npm run client:generate).
// Do not edit: a test fails when this file is stale.
/* eslint-disable */
`

/** `#/components/<kind>/<name>` -> the object it names. */
function resolve(doc: Json, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') return value
  const [, ...parts] = value.$ref.split('/')
  let target: unknown = doc
  for (const part of parts)
    target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
  return target
}

function* operationsOf(doc: Json): Generator<{ path: string; method: string; item: Json; operation: Json }> {
  const paths = isObject(doc.paths) ? doc.paths : {}
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue
    for (const method of httpMethods) {
      const operation = item[method]
      if (isObject(operation)) yield { path, method, item, operation }
    }
  }
}

/** "POST /api/v1/tools" for every operation with an `Idempotency-Key` header parameter. */
function idempotentOperations(doc: Json): string[] {
  const found: string[] = []
  for (const { path, method, item, operation } of operationsOf(doc)) {
    const parameters = [item.parameters, operation.parameters].flatMap((list): unknown[] =>
      Array.isArray(list) ? list : [],
    )
    const accepts = parameters.some((p) => {
      const parameter = resolve(doc, p)
      return (
        isObject(parameter) &&
        parameter.in === 'header' &&
        typeof parameter.name === 'string' &&
        parameter.name.toLowerCase() === 'idempotency-key'
      )
    })
    if (accepts) found.push(`${method.toUpperCase()} ${path}`)
  }
  return found
}

/** The TypeScript type of an event's data: a components.schemas reference, else unknown. */
function eventDataType(schema: unknown): string {
  if (isObject(schema) && typeof schema.$ref === 'string') {
    const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref)
    if (match) return `components["schemas"][${JSON.stringify(match[1])}]`
  }
  return 'unknown'
}

/** path -> method -> event name -> data type, from `x-sse-events` on the text/event-stream media types. */
function sseEvents(doc: Json): string {
  const byPath = new Map<string, string[]>()
  for (const { path, method, operation } of operationsOf(doc)) {
    const responses = isObject(operation.responses) ? operation.responses : {}
    const events = new Map<string, string>()
    for (const response of Object.values(responses)) {
      const resolved = resolve(doc, response)
      const content = isObject(resolved) && isObject(resolved.content) ? resolved.content : {}
      const media = content['text/event-stream']
      const declared = isObject(media) ? media['x-sse-events'] : undefined
      if (!isObject(declared)) continue
      for (const [name, schema] of Object.entries(declared)) events.set(name, eventDataType(schema))
    }
    if (events.size === 0) continue
    const members = [...events].map(([name, type]) => `      ${JSON.stringify(name)}: ${type}`).join('\n')
    const methods = byPath.get(path) ?? []
    methods.push(`    ${method}: {\n${members}\n    }`)
    byPath.set(path, methods)
  }
  const entries = [...byPath].map(
    ([path, methods]) => `  ${JSON.stringify(path)}: {\n${methods.join('\n')}\n  }`,
  )
  return entries.length === 0 ? '{}' : `{\n${entries.join('\n')}\n}`
}

export async function renderClientTypes(specText: string): Promise<string> {
  const parsed: unknown = parse(specText)
  if (!isObject(parsed)) throw new Error('openapi.yaml is not an object')
  // defaultNonNullable: false keeps fields with a default optional in request bodies (`stream` of a run);
  // emptyObjectsUnknown: an object without declared members (a tool's input_schema, a problem's details)
  // holds unknown values, not none.
  const ast = await openapiTS(specText, {
    defaultNonNullable: false,
    emptyObjectsUnknown: true,
    silent: true,
  })
  const idempotent = idempotentOperations(parsed)
  return `${header}
${astToString(ast)}
/**
 * The data of each server-sent event, by path, method and event name (\`x-sse-events\` in openapi.yaml).
 * An operation missing here streams events typed \`{ event: string; data: unknown }\`.
 */
export type SseEvents = ${sseEvents(parsed)}

/** The operations that accept an \`Idempotency-Key\` header, as "METHOD /path". */
export const idempotentOperations: readonly string[] = ${JSON.stringify(idempotent, null, 2)}
`
}
