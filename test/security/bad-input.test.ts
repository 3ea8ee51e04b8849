// Schema-driven bad input for every /api/v1 operation of openapi.yaml. The cases are generated from the
// spec (request bodies, path, query and header parameters), so a new operation is covered without
// editing this file. Every case must answer a documented status (never a 5xx) as problem+json with an
// error_code, and the bad input must leave the tenant's data exactly as it was. The few cases that are
// valid at a boundary (a name of exactly maxLength characters, ...) must succeed; when they write, they
// run against a second tenant so the first one's data can be compared untouched.
//
// Plugin-aware: the operations are those of every plugin the tests load (the examples included), the
// resources a path names come from the fixtures each plugin declares, a non-GET operation a plugin
// declares read-only is checked as a read, and the "data unchanged" snapshot covers every plugin's
// tenantTables. Under `npm run test:plugin -- <id>`, only that plugin's operations are sent.
import { randomUUID } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { expect } from 'chai'
import type { Response } from 'supertest'
import { asTenant, buildTestApp, createTestTenant, type TestTenant } from '../helpers/api.js'
import {
  declaredFixtures,
  fixtureForField,
  fixtureProblems,
  fixturesNeeded,
  idFor,
  ownerOf,
  tenantFixtures,
  writesData,
} from '../helpers/plugin-fixtures.js'
import { successStatusOf } from '../helpers/spec-requests.js'
import { pluginUnderTest, testPlugins } from '../harness/plugins.js'
import { testStack } from '../harness/stack.js'
import type { BuiltApp } from '../../app/kernel/create-app.js'
import { buildRoutes, checkResponse } from '../../app/kernel/contract-guard.js'
import { bundleSpec, listOperations, type HttpMethod, type SpecOperation } from '../../app/kernel/spec.js'
import { fixtureMcpUrl } from '../../plugins/mcp/test/mcp-test-server.js'

/** openapi.yaml as the service has it, plus the examples' paths. */
const spec = bundleSpec(testPlugins)
const routes = buildRoutes(spec)
const fixtures = declaredFixtures(testPlugins)
let testApp: BuiltApp | undefined
/** An app with every plugin the tests load, built on first use (the test stack is up by then). */
const app = (): BuiltApp => (testApp ??= buildTestApp({ plugins: testPlugins, spec }))
/** The contract's body limit (openapi.yaml: "at most 64 KiB"), also the app's default. */
const defaultBodyLimitBytes = 64 * 1024
/** An operation's own, larger limit where it declares one (x-body-limit-bytes: the OpenAPI import). */
const bodyLimitOf = (op: SpecOperation): number =>
  Math.max(defaultBodyLimitBytes, (op.operation['x-body-limit-bytes'] as number | undefined) ?? 0)

// ---------------------------------------------------------------------------------------------------
// The spec: $refs resolved, parameters and request bodies of an operation.

type Schema = Record<string, unknown>
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function resolvePointer(ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, not ${ref}`)
  let node: unknown = spec
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    node = (node as Record<string, unknown> | undefined)?.[key]
  }
  if (node === undefined) throw new Error(`Unresolvable $ref ${ref}`)
  return node
}

/** Follows $refs until a node without one; returns its last $ref's component name too. */
function deref<T = Schema>(node: unknown): { node: T; refName?: string } {
  let current = node as Schema
  let refName: string | undefined
  for (let hops = 0; typeof current?.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error('A $ref cycle')
    refName = current.$ref.split('/').pop()
    current = resolvePointer(current.$ref) as Schema
  }
  return { node: current as T, refName }
}

const schemaOf = (node: unknown): Schema => deref(node).node

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema: Schema
  refName?: string
}

interface OperationInfo {
  op: SpecOperation
  label: string
  parameters: Parameter[]
  bodySchema?: Schema
  /** The documented success status of a plain request (successStatusOf). */
  successStatus: number
}

function describeOperation(op: SpecOperation): OperationInfo {
  const pathItem = spec.paths[op.path] as { parameters?: unknown[] }
  const byKey = new Map<string, Parameter>()
  for (const raw of [...(pathItem.parameters ?? []), ...((op.operation.parameters as unknown[]) ?? [])]) {
    const { node, refName } = deref<Parameter>(raw)
    byKey.set(`${node.in}:${node.name}`, { ...node, schema: schemaOf(node.schema), refName })
  }
  const content = deref<{ content?: Record<string, { schema?: unknown }> }>(op.operation.requestBody).node
  const jsonSchema = content?.content?.['application/json']?.schema
  return {
    op,
    label: `${op.operationId} (${op.method.toUpperCase()} ${op.path})`,
    parameters: [...byKey.values()],
    bodySchema: jsonSchema === undefined ? undefined : schemaOf(jsonSchema),
    successStatus: successStatusOf(op),
  }
}

// ---------------------------------------------------------------------------------------------------
// A small JSON Schema check for strings, the way ajv counts: code points, patterns with the u flag.

const typesOf = (schema: Schema): string[] =>
  schema.type === undefined ? [] : ([schema.type].flat() as string[])

const codePoints = (value: string): number => [...value].length

const uuidPattern = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i

function stringIsValid(schema: Schema, value: string): boolean {
  const length = codePoints(value)
  if (typeof schema.minLength === 'number' && length < schema.minLength) return false
  if (typeof schema.maxLength === 'number' && length > schema.maxLength) return false
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return false
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false
  if (schema.format === 'uuid' && !uuidPattern.test(value)) return false
  return true
}

// ---------------------------------------------------------------------------------------------------
// The arranged tenant: what the operation's path and body name, made by the plugins' fixtures.

interface Fixture {
  tenant: TestTenant
  api: ReturnType<typeof asTenant>
  /** Fixture ids by blanked path ('/api/v1/agents/{}'). */
  ids: Map<string, string>
}

async function arrange(label: string, info?: OperationInfo): Promise<Fixture> {
  const tenant = await createTestTenant(label)
  const api = asTenant(tenant, app())
  // The fixture tool is a javascript tool: the platform can run it (POST /tools/{id}/test), and a PUT
  // naming its kind (the sample below does) fits it.
  const made = tenantFixtures(testPlugins, async (path, body) => {
    const sent = path === '/api/v1/tools' ? { ...(body as object), ...toolKind } : (body as object)
    const res = await api.post(path).send(sent)
    return { status: res.status, body: res.body as unknown }
  })
  const ids = await made.make(info ? fixturesNeeded(spec, info.op, fixtures) : [])
  return { tenant, api, ids }
}

/**
 * Every plugin's tenant tables, and the one core table an operation writes (idempotency_keys). The
 * kernel's own writes (api_keys.last_used_at, authentication failures in audit_events) are not an
 * operation's.
 */
const snapshotTables = [
  ...new Set([...testPlugins.flatMap((plugin) => plugin.tenantTables ?? []), 'idempotency_keys']),
]

/** GET /limits creates the month's budget row, empty, when missing: as good as no row. */
const isEmptyBudgetRow = (text: string): boolean => {
  const row = JSON.parse(text) as Record<string, unknown>
  return ['tokens_used', 'tokens_reserved', 'cost_used_usd', 'cost_reserved_usd'].every(
    (c) => Number(row[c]) === 0,
  )
}

/** Every row of the tenant in the tables a request could write, as comparable JSON text. */
async function snapshot(tenantId: string): Promise<Record<string, string[]>> {
  const { superSql } = testStack()
  const result: Record<string, string[]> = {}
  for (const table of snapshotTables) {
    const rows = await superSql<{ row: string }[]>`
      select to_jsonb(t)::text as row from ${superSql(table)} t where tenant_id = ${tenantId}`
    result[table] = rows
      .map((r) => r.row)
      .filter((row) => !(table === 'budget_usage' && isEmptyBudgetRow(row)))
      .sort()
  }
  return result
}

/** The fixture a path parameter names (a plugin declares it; the first test lists any that is missing). */
function pathValue(info: OperationInfo, parameter: Parameter, fx: Fixture): string {
  const id = idFor(fx.ids, info.op.path, parameter.name)
  if (id === undefined) throw new Error(`no fixture for {${parameter.name}} of ${info.op.path}`)
  return id
}

// ---------------------------------------------------------------------------------------------------
// Valid request bodies from the schema, with unique strings so creates never collide on names.

let sequence = 0

/** Fields whose valid values the schema cannot tell (a model id from GET /api/v1/models). */
/**
 * Fields whose valid values the schema cannot tell: a model id from GET /api/v1/models; a tool's kind,
 * the code of a javascript tool and an object input schema (the fixture tool is such a tool).
 */
const toolKind = {
  kind: 'javascript',
  code: 'export default (input) => input',
  input_schema: { type: 'object' },
} satisfies Record<string, Json>
/**
 * `url`: an MCP server's (the mcp plugin's fixture server, a real one of the SDK on 127.0.0.1).
 * The OpenAPI import (POST /api/v1/tools/import): a document of one operation whose operationId (its tool's
 * name) is new each time, so valid writes in one tenant never conflict; the operation selected by
 * "METHOD /path"; a base URL the test's egress policy lets a tool store.
 */
const importDocument = (): Json => ({
  openapi: '3.1.0',
  info: { title: 'Bad input', version: '1' },
  paths: {
    '/fuzz': { get: { operationId: `fuzz_${++sequence}`, responses: { '200': { description: 'ok' } } } },
  },
})
const semanticValues: Record<string, Json | (() => Json)> = {
  model: 'gpt-4o',
  url: fixtureMcpUrl,
  ...toolKind,
  document: importDocument,
  operations: ['GET /fuzz'],
  base_url: 'https://api.example.com/v1',
  // A marketplace version: greater each time, as a listing's next version must be.
  version: () => `1.${++sequence}.0`,
}
const semanticValue = (name: string): Json => {
  const value = semanticValues[name]!
  return typeof value === 'function' ? value() : value
}
/**
 * Fields the valid sample leaves out: `builtin` belongs to another kind than the sample's (javascript), and
 * `timeout_ms` is the compile check's own deadline, which 1 ms (its minimum) would make flaky. Their
 * bounds are checked in plugins/catalog/test/tools.kinds.api.test.ts. `http` also belongs to another kind
 * (its bounds: plugins/http-tools/test/).
 */
const omittedFields = new Set(['builtin', 'timeout_ms', 'http'])

function sample(schemaNode: unknown, fx: Fixture, name = ''): Json {
  const schema = schemaOf(schemaNode)
  if (name in semanticValues) return semanticValue(name)
  if ('const' in schema) return schema.const as Json
  if (Array.isArray(schema.enum)) return schema.enum[0] as Json
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...(schema.allOf.map((part) => sample(part, fx, name)) as object[])) as Json
  }
  const alternatives = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined
  if (Array.isArray(alternatives)) return sample(alternatives[0], fx, name)
  const type = typesOf(schema).find((t) => t !== 'null')
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {}
      for (const [key, value] of Object.entries((schema.properties as Record<string, unknown>) ?? {}))
        if (!omittedFields.has(key)) out[key] = sample(value, fx, key)
      return out
    }
    case 'array': {
      const count = Math.max(1, (schema.minItems as number | undefined) ?? 0)
      return Array.from({ length: count }, () => sample(schema.items, fx, name))
    }
    case 'integer':
    case 'number':
      return (schema.default as number | undefined) ?? (schema.minimum as number | undefined) ?? 1
    case 'boolean':
      return (schema.default as boolean | undefined) ?? false
    case 'string': {
      if (schema.format === 'uuid') return fx.ids.get(fixtureForField(name, fx.ids) ?? '') ?? randomUUID()
      if (schema.format === 'date-time') return new Date().toISOString()
      if (schema.format === 'date') return new Date().toISOString().slice(0, 10)
      const text = `v${++sequence}-${name || 'text'}`
      const max = schema.maxLength as number | undefined
      return max === undefined ? text : text.slice(0, max)
    }
    default:
      return null
  }
}

type Segment = string | number

function applyAt(root: Json, path: Segment[], change: { value: Json } | { remove: true }): Json {
  if (path.length === 0) return 'remove' in change ? null : change.value
  const copy = structuredClone(root) as Record<string, Json> | Json[]
  let parent = copy as Record<Segment, Json>
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<Segment, Json>
  const last = path.at(-1)!
  if ('remove' in change) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1)
    else delete parent[last]
  } else parent[last] = change.value
  return copy
}

// ---------------------------------------------------------------------------------------------------
// Cases.

interface Outgoing {
  method: HttpMethod
  url: string
  headers: Record<string, string | string[]>
  body?: string | Buffer
}

type Expectation =
  /** A refusal with one of these statuses and error codes. */
  | { kind: 'refuse'; statuses: number[]; codes: string[] }
  /** Valid input: the documented success status; check names what else must hold. */
  | { kind: 'succeed'; check?: (res: Response, out: Outgoing) => string | undefined }
  /** Valid by the schema but maybe not by meaning: any documented status but a 5xx; a write must not succeed. */
  | { kind: 'no-fault' }

interface Case {
  name: string
  expect: Expectation
  build: (fx: Fixture) => Outgoing
  /** Run in a tenant of its own like a valid write (see stateDependentFields). */
  alone?: boolean
}

/**
 * Fields whose valid values depend on the state of the resource the request names: the call ids a run
 * waiting for tool outputs waits for (POST /executions/{id}/tool-outputs). A request valid by the schema may
 * then be refused (409 INVALID_EXECUTION_STATE, 422 INVALID_TOOL_OUTPUTS), so its valid cases cannot be
 * required to succeed: they must not fault, and run alone like writes (a refusal is kept under an
 * Idempotency-Key). plugins/runs/test/loop.api.test.ts covers the successful answers. Likewise the version
 * an install or upgrade names (published, not yanked, newer than the one installed; a second install of a
 * listing clashes on its tool names): plugins/marketplace/test/install*.test.ts covers the successes.
 */
const stateDependentFields = new Set(['tool_call_id', 'version'])

/**
 * Operations whose valid requests the fixtures cannot make succeed, for the same reason: rating a
 * marketplace listing needs another tenant's published one, and a fixture is the caller's own (403
 * MARKETPLACE_OWN_LISTING_RATING). plugins/marketplace/test/discover.listing.test.ts covers the successes.
 */
const stateDependentOperations = new Set(['rateMarketplaceListing'])

const namesStateDependentField = (node: unknown, seen = new Set<unknown>()): boolean => {
  const schema = schemaOf(node)
  if (seen.has(schema)) return false
  seen.add(schema)
  const properties = (schema.properties as Record<string, unknown> | undefined) ?? {}
  return (
    Object.keys(properties).some((key) => stateDependentFields.has(key)) ||
    Object.values(properties).some((child) => namesStateDependentField(child, seen)) ||
    (schema.items !== undefined && namesStateDependentField(schema.items, seen))
  )
}

const refuse = (statuses: number[], codes: string[]): Expectation => ({ kind: 'refuse', statuses, codes })
const validationError = refuse([400], ['VALIDATION_ERROR'])

interface RequestParts {
  path?: Record<string, string>
  query?: string
  headers?: Record<string, string | string[]>
  /** A JSON value to send as application/json, or raw bytes/text with the content type given in headers. */
  body?: { json: Json } | { raw: string | Buffer; contentType?: string } | { none: true }
}

function buildRequest(info: OperationInfo, fx: Fixture, parts: RequestParts = {}): Outgoing {
  let url = info.op.path
  for (const parameter of info.parameters.filter((p) => p.in === 'path')) {
    const value = parts.path?.[parameter.name] ?? pathValue(info, parameter, fx)
    url = url.replace(`{${parameter.name}}`, value)
  }
  if (parts.query !== undefined) url += `?${parts.query}`
  const headers: Record<string, string | string[]> = { ...parts.headers }
  let body: string | Buffer | undefined
  const wanted = parts.body ?? (info.bodySchema ? { json: sample(info.bodySchema, fx) } : { none: true })
  if ('json' in wanted) {
    // JSON.stringify escapes lone surrogates, so they travel as "\ud800" and are not replaced by U+FFFD.
    body = JSON.stringify(wanted.json)
    headers['Content-Type'] ??= 'application/json'
  } else if ('raw' in wanted) {
    body = wanted.raw
    if (wanted.contentType !== undefined) headers['Content-Type'] ??= wanted.contentType
  }
  return { method: info.op.method, url, headers, body }
}

/** A write, unless it is a GET or its plugin declares it read-only (readOnlyOperations). */
const mutating = (info: OperationInfo) => writesData(testPlugins, info.op)

/** Values of the wrong JSON type for a schema, by the types it allows. */
function wrongTypeValues(schema: Schema): [string, Json][] {
  const types = typesOf(schema)
  if (types.length === 0) return []
  const candidates: [string, Json, string[]][] = [
    ['a number', 123, ['number', 'integer']],
    ['a fractional number', 1.5, ['number']],
    ['a numeric string', '1', ['string']],
    ['the string "true"', 'true', ['string']],
    ['a string', 'x', ['string']],
    ['a boolean', true, ['boolean']],
    ['an object', { a: 1 }, ['object']],
    ['an array', ['x'], ['array']],
    ['null', null, ['null']],
  ]
  const wanted: Record<string, string[]> = {
    string: ['a number', 'a boolean', 'an object', 'an array', 'null'],
    integer: ['a numeric string', 'a string', 'a fractional number', 'a boolean', 'an object', 'null'],
    number: ['a numeric string', 'a boolean', 'null', 'an object'],
    boolean: ['the string "true"', 'a number', 'null', 'an object'],
    array: ['a string', 'an object', 'a number', 'null'],
    object: ['a string', 'an array', 'a number', 'null'],
  }
  const names = new Set(types.flatMap((t) => wanted[t] ?? []))
  return candidates
    .filter(([name, , allowedBy]) => names.has(name) && !allowedBy.some((t) => types.includes(t)))
    .map(([name, value]) => [name, value])
}

interface BodyMutation {
  name: string
  path: Segment[]
  change: { value: Json } | { remove: true }
  expect: Expectation
}

const show = (path: Segment[]) => '/' + path.join('/')

/** Echo check for a top-level string sent and answered back (name, prompt, ...). */
const echoes =
  (path: Segment[]) =>
  (res: Response, out: Outgoing): string | undefined => {
    if (path.length !== 1 || typeof out.body !== 'string') return undefined
    const key = String(path[0])
    const body = res.body as Record<string, unknown>
    if (!(key in body)) return undefined
    const expected = (JSON.parse(out.body) as Record<string, Json>)[key]
    return body[key] === expected
      ? undefined
      : `answered ${key} ${JSON.stringify(body[key])}, not what was sent`
  }

function stringMutations(schema: Schema, path: Segment[], semantic: boolean, write: boolean): BodyMutation[] {
  const mutations: BodyMutation[] = []
  const judge = (value: string): Expectation =>
    !stringIsValid(schema, value)
      ? validationError
      : semantic || !write
        ? { kind: 'no-fault' }
        : { kind: 'succeed', check: echoes(path) }
  const add = (name: string, value: string, expectation = judge(value)) =>
    mutations.push({ name: `${show(path)} ${name}`, path, change: { value }, expect: expectation })
  if (schema.format === 'uuid') {
    const id = randomUUID()
    add('not a uuid', 'not-a-uuid')
    add('empty', '')
    add('a uuid one character short', id.slice(0, -1))
    add('a uuid with one character more', `${id}0`)
    add('a uuid with a non-hex digit', `${id.slice(0, -1)}g`)
    add('a uuid in braces', `{${id}}`)
    add('a uuid without hyphens', id.replace(/-/g, ''))
    add('a uuid with a NUL', `${id}\u0000`)
    add('the nil uuid (wrong version)', '00000000-0000-0000-0000-000000000000', { kind: 'no-fault' })
    add('a uuid with a wrong variant', '12345678-1234-1234-c234-123456789abc', { kind: 'no-fault' })
    add('a urn:uuid', `urn:uuid:${id}`, { kind: 'no-fault' })
    return mutations
  }
  if (schema.format === 'date-time' || schema.format === 'date') {
    add('not a date', 'not-a-date')
    add('month 13', '2024-13-01T00:00:00Z')
    return mutations
  }
  if (Array.isArray(schema.enum)) {
    add('not in the enum', 'not-in-the-enum')
    add('empty', '')
    add('in upper case', String(schema.enum[0]).toUpperCase())
  }
  const min = schema.minLength as number | undefined
  const max = schema.maxLength as number | undefined
  const lengths = new Set([
    0,
    1,
    ...(min === undefined ? [] : [min - 1, min]),
    ...(max === undefined ? [] : [max, max + 1]),
  ])
  for (const length of [...lengths].filter((l) => l >= 0).sort((a, b) => a - b))
    if (!Array.isArray(schema.enum)) add(`of ${length} × 'é'`, 'é'.repeat(length))
  if (max !== undefined && !Array.isArray(schema.enum)) {
    add(`of ${max} × '😀' (code points)`, '😀'.repeat(max))
    add(`of ${max + 1} × '😀' (code points)`, '😀'.repeat(max + 1))
  }
  add('with a NUL byte', 'a\u0000b')
  add('with a lone high surrogate', '\ud800')
  add('with a lone low surrogate inside', 'a\udc00b')
  add('with a reversed surrogate pair', '\udc00\ud800')
  add('with a control character', 'a\u0001b')
  add('with a leading space', ' a')
  add('with a trailing space', 'a ')
  return mutations
}

/** Every mutation of a valid body the schema at path forbids (or allows, at a boundary). */
function bodyMutations(
  schemaNode: unknown,
  base: Json,
  path: Segment[],
  name: string,
  write: boolean,
): BodyMutation[] {
  const schema = schemaOf(schemaNode)
  const semantic = name in semanticValues
  const mutations: BodyMutation[] = []
  const add = (what: string, change: BodyMutation['change'], expectation: Expectation = validationError) =>
    mutations.push({ name: `${show(path)} ${what}`, path, change, expect: expectation })
  if (path.length > 0) for (const [what, value] of wrongTypeValues(schema)) add(`as ${what}`, { value })
  const types = typesOf(schema)
  if (types.includes('object')) {
    const properties = (schema.properties as Record<string, unknown> | undefined) ?? {}
    for (const key of (schema.required as string[] | undefined) ?? [])
      mutations.push({
        name: `${show([...path, key])} missing`,
        path: [...path, key],
        change: { remove: true },
        expect: validationError,
      })
    if (schema.additionalProperties === false) {
      add('with an unknown field', { value: { ...(base as Record<string, Json>), unexpected_field: 'x' } })
      add('with an unknown null field', {
        value: { ...(base as Record<string, Json>), unexpected_field: null },
      })
    }
    if (
      ((schema.minProperties as number | undefined) ?? 0) > 0 ||
      ((schema.required as string[]) ?? []).length > 0
    )
      add('as an empty object', { value: {} })
    for (const [key, child] of Object.entries(properties)) {
      const value = (base as Record<string, Json>)[key]
      if (value !== undefined) mutations.push(...bodyMutations(child, value, [...path, key], key, write))
    }
  } else if (types.includes('array')) {
    const items = schemaOf(schema.items)
    const first = (base as Json[])[0]!
    const fresh = () => (items.format === 'uuid' ? randomUUID() : sample(items, dummyFixture, name))
    if (schema.uniqueItems === true) add('with a duplicate item', { value: [first, first] })
    if (typeof schema.maxItems === 'number') {
      const max = schema.maxItems
      add(`with ${max + 1} items (maxItems ${max})`, { value: Array.from({ length: max + 1 }, fresh) })
      // Valid items (not ids, which name nothing here) make a valid write: it must succeed. Unless they
      // must be unique: the samples of an enum's items repeat (a duplicate is refused, above).
      const full: Expectation =
        write && !semantic && items.format !== 'uuid' && schema.uniqueItems !== true
          ? { kind: 'succeed' }
          : { kind: 'no-fault' }
      add(`with ${max} items`, { value: Array.from({ length: max }, fresh) }, full)
    }
    if (typeof schema.minItems === 'number' && schema.minItems > 0)
      add(`with ${schema.minItems - 1} items (minItems)`, {
        value: (base as Json[]).slice(0, schema.minItems - 1),
      })
    else add('empty', { value: [] }, write && !semantic ? { kind: 'succeed' } : { kind: 'no-fault' })
    mutations.push(...bodyMutations(items, first, [...path, 0], name, write))
  } else if (types.includes('string')) {
    mutations.push(...stringMutations(schema, path, semantic || schema.format === 'uuid', write))
  } else if (types.includes('integer') || types.includes('number')) {
    const ok: Expectation = write && !semantic ? { kind: 'succeed' } : { kind: 'no-fault' }
    if (typeof schema.minimum === 'number') {
      add(`below the minimum`, { value: schema.minimum - 1 })
      add(`at the minimum`, { value: schema.minimum }, ok)
    }
    if (typeof schema.maximum === 'number') {
      add(`above the maximum`, { value: schema.maximum + 1 })
      add(`at the maximum`, { value: schema.maximum }, ok)
    }
  }
  return mutations
}

/** Stands in for a fixture where only the shape of a sample matters. */
const dummyFixture: Fixture = {
  tenant: { tenantId: '', name: '', apiKey: '' },
  api: undefined as unknown as Fixture['api'],
  ids: new Map([...fixtures.keys()].map((key) => [key, randomUUID()])),
}

function bodyCases(info: OperationInfo): Case[] {
  const schema = info.bodySchema
  if (!schema) return []
  const write = mutating(info)
  const cases: Case[] = []
  const json = (name: string, expectation: Expectation, body: (fx: Fixture) => Json) =>
    cases.push({
      name,
      expect: expectation,
      build: (fx) => buildRequest(info, fx, { body: { json: body(fx) } }),
    })
  const raw = (name: string, expectation: Expectation, text: string, contentType?: string) =>
    cases.push({
      name,
      expect: expectation,
      build: (fx) => buildRequest(info, fx, { body: { raw: text, contentType } }),
    })
  const rawFromValid = (name: string, expectation: Expectation, edit: (valid: string) => string) =>
    cases.push({
      name,
      expect: expectation,
      build: (fx) =>
        buildRequest(info, fx, {
          body: { raw: edit(JSON.stringify(sample(schema, fx))), contentType: 'application/json' },
        }),
    })

  for (const mutation of bodyMutations(schema, sample(schema, dummyFixture), [], '', write)) {
    json(`body ${mutation.name}`, mutation.expect, (fx) =>
      applyAt(sample(schema, fx), mutation.path, mutation.change),
    )
  }
  // Lone surrogates sent as JSON escapes: make sure the text on the wire really is "\ud800". A body
  // without a string member (POST /tools/{id}/test's {"input": {}}) has nowhere to put it.
  const surrogate = validationErrorIfPatterned(schema)
  if (surrogate)
    rawFromValid('body with a raw "\\ud800" escape in the first string', surrogate, (valid) =>
      valid.replace(/:"/, ':"\\ud800'),
    )
  // Prototype keys are own properties after JSON.parse: they are unknown fields, nothing more.
  rawFromValid('body with a "__proto__" member', validationError, (valid) =>
    valid.replace(/^\{/, '{"__proto__":{"polluted":true},'),
  )
  rawFromValid('body with a "constructor" member', validationError, (valid) =>
    valid.replace(/^\{/, '{"constructor":{"prototype":{"polluted":true}},'),
  )

  const malformed = refuse([400], ['MALFORMED_JSON'])
  for (const [name, text] of [
    ['truncated JSON', '{"name": '],
    ['unquoted keys', '{name: "x"}'],
    ['single quotes', "{'name': 'x'}"],
    ['a trailing comma', '{"name": "x",}'],
    ['trailing garbage', '{"name": "x"} x'],
    ['a bare NaN', 'NaN'],
    ['a NUL byte', '\u0000'],
    ['an unterminated string', '{"name": "x'],
  ] as const)
    raw(`malformed JSON: ${name}`, malformed, text, 'application/json')
  // A top-level scalar is not an object: the parser refuses it in strict mode, or the validator does.
  const notObject = refuse([400], ['MALFORMED_JSON', 'VALIDATION_ERROR'])
  for (const text of ['"just a string"', '42', 'true', 'null'])
    raw(`a bare JSON ${text}`, notObject, text, 'application/json')
  raw('a bare JSON array', validationError, '[]', 'application/json')
  raw('a JSON array of the valid body', validationError, '[{}]', 'application/json')
  raw('an array nested 20000 deep', notObject, '['.repeat(20000) + ']'.repeat(20000), 'application/json')
  rawFromValid('an unknown field holding an object nested 5000 deep', notObject, (valid) =>
    valid.replace(/^\{/, `{"deep":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)},`),
  )
  if (requiresSomething(schema))
    raw('an empty body with a JSON content type', validationError, '', 'application/json')
  cases.push({
    name: 'no body and no content type',
    expect: refuse([400, 415], ['VALIDATION_ERROR', 'UNSUPPORTED_MEDIA_TYPE']),
    build: (fx) => buildRequest(info, fx, { body: { none: true } }),
  })

  const unsupported = refuse([415], ['UNSUPPORTED_MEDIA_TYPE'])
  for (const contentType of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/xml',
    'multipart/form-data; boundary=x',
    'application/merge-patch+json',
    'application/json; charset=iso-8859-1',
  ])
    cases.push({
      name: `the valid body as ${contentType}`,
      expect: unsupported,
      build: (fx) =>
        buildRequest(info, fx, { body: { raw: JSON.stringify(sample(schema, fx)), contentType } }),
    })
  // A body that does not inflate per its (supported) Content-Encoding cannot be read: a 400.
  for (const encoding of ['gzip', 'deflate', 'br'])
    cases.push({
      name: `Content-Encoding: ${encoding} that is not ${encoding}`,
      expect: refuse([400], ['VALIDATION_ERROR', 'MALFORMED_JSON']),
      build: (fx) =>
        buildRequest(info, fx, {
          body: { raw: JSON.stringify(sample(schema, fx)), contentType: 'application/json' },
          headers: { 'Content-Encoding': encoding },
        }),
    })
  cases.push({
    name: 'an unknown Content-Encoding',
    expect: unsupported,
    build: (fx) =>
      buildRequest(info, fx, {
        body: { raw: JSON.stringify(sample(schema, fx)), contentType: 'application/json' },
        headers: { 'Content-Encoding': 'x-bogus' },
      }),
  })

  const bodyLimitBytes = bodyLimitOf(info.op)
  const tooLarge = refuse([413], ['PAYLOAD_TOO_LARGE'])
  rawFromValid(`a body over ${bodyLimitBytes} bytes`, tooLarge, (valid) =>
    valid.replace(/^\{/, `{"padding":"${'x'.repeat(bodyLimitBytes + 1024)}",`),
  )
  rawFromValid(`a body of ${bodyLimitBytes + 1} bytes`, tooLarge, (valid) => {
    const prefix = '{"padding":"'
    // prefix + padding + '",' + the valid body without its '{'
    const padding = bodyLimitBytes + 1 - prefix.length - 2 - (Buffer.byteLength(valid) - 1)
    return valid.replace(/^\{/, `${prefix}${'x'.repeat(padding)}",`)
  })
  cases.push({
    name: 'a gzip body that inflates beyond the limit',
    expect: tooLarge,
    build: (fx) =>
      buildRequest(info, fx, {
        body: {
          raw: gzipSync(
            JSON.stringify(sample(schema, fx)).replace(
              /^\{/,
              `{"padding":"${' '.repeat(4 * bodyLimitBytes)}",`,
            ),
          ),
          contentType: 'application/json',
        },
        headers: { 'Content-Encoding': 'gzip' },
      }),
  })
  return cases
}

function requiresSomething(schema: Schema): boolean {
  return (
    ((schema.required as string[] | undefined) ?? []).length > 0 ||
    ((schema.minProperties as number) ?? 0) > 0
  )
}

/**
 * A lone surrogate in the body's first string property: refused by its pattern, else at least not a 5xx;
 * undefined when the body has no string property.
 */
function validationErrorIfPatterned(schema: Schema): Expectation | undefined {
  const first = Object.entries((schema.properties as Record<string, unknown>) ?? {})
    .filter(([key]) => !omittedFields.has(key))
    .map(([, property]) => schemaOf(property))
    .find((s) => typesOf(s).includes('string') && s.format === undefined)
  if (!first) return undefined
  return !stringIsValid(first, '\ud800') ? validationError : { kind: 'no-fault' }
}

function pathCases(info: OperationInfo): Case[] {
  const cases: Case[] = []
  for (const parameter of info.parameters.filter((p) => p.in === 'path')) {
    const isUuid = parameter.schema.format === 'uuid'
    const at = (name: string, expectation: Expectation, value: (fx: Fixture) => string) =>
      cases.push({
        name: `path ${parameter.name} ${name}`,
        expect: expectation,
        build: (fx) => buildRequest(info, fx, { path: { [parameter.name]: value(fx) } }),
      })
    const real = (fx: Fixture) => pathValue(info, parameter, fx)
    // A parameter that is a name, not a uuid (a secret's): a near miss may be a valid name of nothing (404).
    const nearMiss: Expectation = isUuid ? validationError : { kind: 'no-fault' }
    at('not a uuid', nearMiss, () => 'not-a-uuid')
    // A slug (a marketplace listing's) may be all digits: then it is a name of nothing, not a bad value.
    const digits = isUuid || !stringIsValid(parameter.schema, '12345') ? validationError : nearMiss
    at('a number', digits, () => '12345')
    at('the real id with a character more', nearMiss, (fx) => `${real(fx)}x`)
    at('the real id one character short', nearMiss, (fx) => real(fx).slice(0, -1))
    at('the real id without hyphens', nearMiss, (fx) => real(fx).replace(/-/g, ''))
    at('the real id in braces', validationError, (fx) => `%7B${real(fx)}%7D`)
    at('the real id with a trailing space', validationError, (fx) => `${real(fx)}%20`)
    at('a NUL byte', validationError, () => '%00')
    at('the real id and a NUL byte', validationError, (fx) => `${real(fx)}%00`)
    at('2000 characters long', validationError, () => 'a'.repeat(2000))
    at('an encoded slash', refuse([400, 404], ['VALIDATION_ERROR', 'NOT_FOUND']), (fx) => `${real(fx)}%2Fx`)
    at('a malformed percent-encoding', refuse([400], ['VALIDATION_ERROR']), () => '%zz')
    at('a truncated UTF-8 percent-encoding', refuse([400], ['VALIDATION_ERROR']), () => '%E0%A4%A')
    at('an encoded lone surrogate', refuse([400], ['VALIDATION_ERROR']), () => '%ED%A0%80')
    at('an encoded emoji', validationError, () => '%F0%9F%98%80')
    if (isUuid) {
      at('the nil uuid (wrong version)', { kind: 'no-fault' }, () => '00000000-0000-0000-0000-000000000000')
      at('the max uuid', { kind: 'no-fault' }, () => 'ffffffff-ffff-ffff-ffff-ffffffffffff')
      at(
        'a uuid with version 9 and variant c',
        { kind: 'no-fault' },
        () => '12345678-1234-9234-c234-123456789abc',
      )
      at('an unknown v4 uuid in upper case', { kind: 'no-fault' }, () => randomUUID().toUpperCase())
      at('a urn:uuid', { kind: 'no-fault' }, () => `urn:uuid:${randomUUID()}`)
    }
  }
  return cases
}

const encode = (value: string) => encodeURIComponent(value)

/** A page answers the limit and offset it used: a boundary value must come back as sent. */
const echoesNumber =
  (name: string, value: number) =>
  (res: Response): string | undefined => {
    const answered = (res.body as Record<string, unknown>)[name]
    return answered === undefined || answered === value
      ? undefined
      : `answered ${name} ${JSON.stringify(answered)}, not ${value}`
  }

function queryCases(info: OperationInfo): Case[] {
  const cases: Case[] = []
  const at = (name: string, expectation: Expectation, query: string) =>
    cases.push({
      name: `query ${name}`,
      expect: expectation,
      build: (fx) => buildRequest(info, fx, { query }),
    })
  at('an unknown parameter', validationError, 'unexpected_param=1')
  at('an unknown parameter without a value', validationError, 'unexpected_param')
  at('an unknown parameter in brackets', validationError, 'unexpected_param[a]=1')
  const read = !mutating(info)
  // The query parser drops prototype keys: on a read it is as if they were not sent (no pollution is
  // checked after the barrage); on a write the request would be valid, so it is not sent there.
  if (read) at('"__proto__[polluted]"', { kind: 'no-fault' }, '__proto__[polluted]=1')
  for (const parameter of info.parameters.filter((p) => p.in === 'query')) {
    const { name, schema } = parameter
    const types = typesOf(schema)
    const valueExpectation = (valid: boolean, echoed?: number): Expectation =>
      !valid
        ? validationError
        : !read
          ? { kind: 'no-fault' }
          : { kind: 'succeed', check: echoed === undefined ? undefined : echoesNumber(name, echoed) }
    if (types.includes('integer') || types.includes('number')) {
      const min = schema.minimum as number | undefined
      const max = schema.maximum as number | undefined
      const inRange = (n: number) => (min === undefined || n >= min) && (max === undefined || n <= max)
      for (const n of new Set([
        -1,
        0,
        1,
        ...(min === undefined ? [] : [min - 1, min]),
        ...(max === undefined ? [] : [max, max + 1]),
        1e12,
      ]))
        at(`${name}=${n}`, valueExpectation(inRange(n), n), `${name}=${n}`)
      at(`${name}=1e12`, valueExpectation(inRange(1e12)), `${name}=1e12`)
      at(`${name}=99999999999999999999999`, validationError, `${name}=99999999999999999999999`)
      at(`${name}=-99999999999999999999999`, validationError, `${name}=-99999999999999999999999`)
      for (const bad of ['abc', '1.5', '', 'NaN', 'Infinity', '-Infinity', 'true', '1,2', '%00'])
        at(`${name}=${bad}`, validationError, `${name}=${bad}`)
      for (const odd of ['0x10', '%201', '1e1', '-0', '%2B5'])
        at(`${name}=${odd} (a number by coercion)`, { kind: 'no-fault' }, `${name}=${odd}`)
    } else if (types.includes('string')) {
      const check = (value: string, label = JSON.stringify(value)) =>
        at(`${name}=${label}`, valueExpectation(stringIsValid(schema, value)), `${name}=${encode(value)}`)
      if (Array.isArray(schema.enum)) {
        check('not-in-the-enum')
        check('')
        check(String(schema.enum[0]).toUpperCase())
        check(`${String(schema.enum[0])} `)
        check(schema.enum.slice(0, 2).join(','))
        for (const value of schema.enum as string[]) check(value)
      } else if (schema.format === 'date-time') {
        for (const bad of [
          'yesterday',
          '',
          '2024-13-01T00:00:00Z',
          '2024-02-30T00:00:00Z',
          '2024-01-01T25:00:00Z',
          '2024-01-01T00:60:00Z',
          '2024-01-01',
          '2024-01-01 00:00:00Z x',
          '1700000000',
          '2024-01-01T00:00:00Z\u0000',
        ])
          at(`${name}=${JSON.stringify(bad)}`, validationError, `${name}=${encode(bad)}`)
        for (const edge of [
          '2024-01-01T00:00:00',
          '0000-01-01T00:00:00Z',
          '0001-01-01T00:00:00Z',
          '9999-12-31T23:59:59Z',
          '2024-01-01T00:00:00.123456789+14:00',
          '2024-01-01T00:00:00-23:59',
          '2016-12-31T23:59:60Z',
          `2024-01-01T00:00:00.${'1'.repeat(500)}Z`,
          '2024-01-01t00:00:00z',
        ])
          at(`${name}=${JSON.stringify(edge)}`, { kind: 'no-fault' }, `${name}=${encode(edge)}`)
      } else if (schema.format === 'uuid') {
        for (const bad of ['not-a-uuid', '', '12345', `${randomUUID()}x`, '%00'])
          at(`${name}=${JSON.stringify(bad)}`, validationError, `${name}=${bad}`)
        at(`${name}=the nil uuid`, { kind: 'no-fault' }, `${name}=00000000-0000-0000-0000-000000000000`)
        at(`${name}=a urn:uuid`, { kind: 'no-fault' }, `${name}=${encode(`urn:uuid:${randomUUID()}`)}`)
      } else {
        const min = schema.minLength as number | undefined
        const max = schema.maxLength as number | undefined
        // Valid strings may still be refused by meaning (a cursor that does not decode): no-fault.
        const judge = (value: string): Expectation =>
          stringIsValid(schema, value) ? { kind: 'no-fault' } : validationError
        const add = (label: string, value: string) =>
          at(`${name}=${label}`, judge(value), `${name}=${encode(value)}`)
        for (const length of new Set([
          0,
          1,
          ...(min === undefined ? [] : [min]),
          ...(max === undefined ? [] : [max, max + 1]),
        ]))
          add(`${length} × 'é'`, 'é'.repeat(length))
        if (max !== undefined && max <= 500) {
          add(`${max} × '😀'`, '😀'.repeat(max))
          add(`${max + 1} × '😀'`, '😀'.repeat(max + 1))
        }
        add('with a NUL byte', 'a\u0000b')
        add('with a control character', 'a\u0001b')
        add('with a leading space', ' a')
        at(`${name}=an encoded lone surrogate`, { kind: 'no-fault' }, `${name}=%ED%A0%80`)
        at(`${name}=a malformed percent-encoding`, { kind: 'no-fault' }, `${name}=%zz`)
      }
    }
    // Shapes the extended query parser builds: repeated, bracketed, nested.
    const [valid, other] = [sampleQueryValue(schema, 0), sampleQueryValue(schema, 1)]
    at(`${name} twice`, validationError, `${name}=${valid}&${name}=${valid}`)
    at(`${name} twice with different values`, validationError, `${name}=${valid}&${name}=${other}`)
    at(`${name}[]`, validationError, `${name}[]=${valid}`)
    at(`${name}[a]`, validationError, `${name}[a]=${valid}`)
    at(`${name}[a][b]`, validationError, `${name}[a][b]=${valid}`)
  }
  return cases
}

/** A valid value for a query parameter; index picks another one. */
function sampleQueryValue(schema: Schema, index: number): string {
  const types = typesOf(schema)
  if (types.includes('integer') || types.includes('number'))
    return String(((schema.minimum as number | undefined) ?? 0) + 1 + index)
  if (Array.isArray(schema.enum)) return encode(String(schema.enum[index % schema.enum.length]))
  if (schema.format === 'uuid') return randomUUID()
  if (schema.format === 'date-time') return encode(`202${index}-01-01T00:00:00Z`)
  return `abc${index}`
}

function headerCases(info: OperationInfo): Case[] {
  const cases: Case[] = []
  const write = mutating(info)
  for (const parameter of info.parameters.filter((p) => p.in === 'header')) {
    const { name, schema } = parameter
    if (!typesOf(schema).includes('string')) continue
    const at = (label: string, value: string | string[], expectation?: Expectation) => {
      const valid = typeof value === 'string' && stringIsValid(schema, value)
      cases.push({
        name: `header ${name} ${label}`,
        expect:
          expectation ?? (valid ? (write ? { kind: 'succeed' } : { kind: 'no-fault' }) : validationError),
        build: (fx) => buildRequest(info, fx, { headers: { [name]: value } }),
      })
    }
    const max = (schema.maxLength as number | undefined) ?? 255
    at('empty', '')
    at(`of ${max + 1} characters`, 'k'.repeat(max + 1))
    at('of 4096 characters', 'k'.repeat(4096))
    at('with a space inside', 'my key')
    at('with a tab inside', 'my\tkey')
    at("with a Latin-1 'é'", 'cl\u00e9')
    at('sent twice', [`k-${randomUUID()}`, `k-${randomUUID()}`], validationError)
    at(`of ${max} characters`, `${randomUUID()}`.padEnd(max, 'k'))
    at('of 1 character', '!')
    at('of visible ASCII punctuation', `~!#$%&'*+-.^_\`|${randomUUID()}`)
    // A valid key with an invalid body stores nothing under the key.
    if (info.bodySchema)
      cases.push({
        name: `header ${name} valid, with a body missing every field`,
        expect: validationError,
        build: (fx) =>
          buildRequest(info, fx, { headers: { [name]: `k-${randomUUID()}` }, body: { json: {} } }),
      })
  }
  return cases
}

function casesFor(info: OperationInfo): Case[] {
  const cases = [...bodyCases(info), ...pathCases(info), ...queryCases(info), ...headerCases(info)]
  const stateDependent =
    stateDependentOperations.has(info.op.operationId) ||
    (info.bodySchema !== undefined && namesStateDependentField(info.bodySchema))
  if (!stateDependent) return cases
  return cases.map((c) =>
    c.expect.kind === 'succeed' ? { ...c, expect: { kind: 'no-fault' }, alone: true } : c,
  )
}

// ---------------------------------------------------------------------------------------------------
// Sending and judging.

async function send(fx: Fixture, out: Outgoing): Promise<Response> {
  let test = fx.api[out.method as 'get'](out.url)
  for (const [header, value] of Object.entries(out.headers)) test = test.set(header, value as string)
  // superagent would serialize a Buffer as JSON ({"type":"Buffer",...}); send its bytes as they are.
  if (Buffer.isBuffer(out.body)) test = test.serialize((bytes: unknown) => bytes as string).send(out.body)
  else if (out.body !== undefined) test = test.send(out.body)
  return await test
}

function judge(info: OperationInfo, testCase: Case, out: Outgoing, res: Response): string | undefined {
  const code = (res.body as { error_code?: unknown } | undefined)?.error_code
  const errorCode = typeof code === 'string' ? code : undefined
  if (res.status >= 500) return `a ${res.status} ${errorCode ?? ''}`
  const pathname = new URL(out.url, 'http://localhost').pathname
  const undocumented = checkResponse(spec, routes, out.method.toUpperCase(), pathname, res.status, errorCode)
  if (undocumented) return `undocumented: ${undocumented}`
  if (res.status >= 400) {
    if (!/^application\/problem\+json/.test(String(res.headers['content-type'])))
      return `a ${res.status} as ${res.headers['content-type']}, not application/problem+json`
    if (!errorCode) return `a ${res.status} without error_code`
    if ((res.body as { status?: unknown }).status !== res.status)
      return `a problem whose status is not ${res.status}`
  }
  const expectation = testCase.expect
  switch (expectation.kind) {
    case 'refuse':
      if (!expectation.statuses.includes(res.status) || !expectation.codes.includes(errorCode ?? ''))
        return `expected ${expectation.statuses.join('/')} ${expectation.codes.join('/')}`
      if (
        errorCode === 'PAYLOAD_TOO_LARGE' &&
        (res.body as { details?: { limit_bytes?: unknown } }).details?.limit_bytes !== bodyLimitOf(info.op)
      )
        return `PAYLOAD_TOO_LARGE without details.limit_bytes ${bodyLimitOf(info.op)}`
      return undefined
    case 'succeed': {
      if (res.status !== info.successStatus) return `expected the success status ${info.successStatus}`
      return expectation.check?.(res, out)
    }
    case 'no-fault':
      // Cases run alone are in a scratch tenant: a state-dependent write may succeed there.
      return mutating(info) && res.status < 400 && testCase.alone !== true
        ? `a ${res.status}: a write succeeded in the tenant under test`
        : undefined
  }
}

const describeResponse = (res: Response): string => {
  const text = res.text ?? ''
  return `${res.status} ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`
}

const describeRequest = (out: Outgoing): string => {
  const body =
    out.body === undefined ? '' : Buffer.isBuffer(out.body) ? ` <${out.body.length} bytes>` : ` ${out.body}`
  const url = out.url.length > 160 ? `${out.url.slice(0, 160)}…` : out.url
  const shown = body.length > 200 ? `${body.slice(0, 200)}… (${body.length} chars)` : body
  return `${out.method.toUpperCase()} ${url} ${JSON.stringify(out.headers)}${shown}`
}

async function runCases(
  info: OperationInfo,
  cases: Case[],
  fx: Fixture,
  parallel: number,
): Promise<string[]> {
  const failures: string[] = []
  for (let i = 0; i < cases.length; i += parallel) {
    await Promise.all(
      cases.slice(i, i + parallel).map(async (testCase) => {
        const out = testCase.build(fx)
        let res: Response
        try {
          res = await send(fx, out)
        } catch (error) {
          failures.push(`${info.op.operationId} [${testCase.name}]: the request failed: ${String(error)}`)
          return
        }
        const problem = judge(info, testCase, out, res)
        if (problem)
          failures.push(
            `${info.op.operationId} [${testCase.name}]: ${problem}\n    request: ${describeRequest(out)}\n    response: ${describeResponse(res)}`,
          )
      }),
    )
  }
  return failures
}

function diffSnapshots(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  const changes: string[] = []
  for (const table of snapshotTables) {
    const was = new Set(before[table])
    const is = new Set(after[table])
    for (const row of after[table] ?? [])
      if (!was.has(row)) changes.push(`${table}: new or changed row ${row}`)
    for (const row of before[table] ?? [])
      if (!is.has(row)) changes.push(`${table}: removed or changed row ${row}`)
  }
  return changes
}

// ---------------------------------------------------------------------------------------------------

describe('bad input for every operation', function () {
  this.timeout(60_000)

  const allOperations = listOperations(spec).filter((op) => op.path.startsWith('/api/v1/'))
  const operations = allOperations
    .filter((op) => !pluginUnderTest || ownerOf(testPlugins, op.operationId) === pluginUnderTest)
    .map(describeOperation)

  it('finds the /api/v1 operations of openapi.yaml and of the examples', () => {
    if (pluginUnderTest) {
      const own = Object.keys(pluginUnderTest.operations ?? {})
      expect(operations.map((info) => info.op.operationId)).to.have.members(own)
      return
    }
    expect(operations.length, 'operations under /api/v1').to.be.greaterThan(10)
    const withBody = operations.filter((info) => info.bodySchema).map((info) => info.op.operationId)
    expect(withBody, 'operations with a JSON body').to.include.members([
      'createTool',
      'createAgent',
      'runAgent',
      'updateExampleNote',
    ])
  })

  it('has a fixture declared by a plugin for every path parameter, and no fixture naming nothing', () => {
    expect(fixtureProblems(testPlugins, listOperations(spec))).to.deep.equal([])
  })

  it('snapshots every tenant table of every plugin', () => {
    const declared = testPlugins.flatMap((plugin) => plugin.tenantTables ?? [])
    expect(declared).to.include.members(['tools', 'execution_logs', 'example_notes'])
    expect(snapshotTables).to.include.members(declared)
  })

  for (const info of operations) {
    const cases = casesFor(info)
    const counts = (['refuse', 'no-fault', 'succeed'] as const)
      .map((kind) => `${cases.filter((c) => c.expect.kind === kind).length} ${kind}`)
      .join(', ')
    it(`${info.label}: ${cases.length} cases (${counts})`, async () => {
      const names = cases.map((c) => c.name)
      expect(new Set(names).size, 'case names are unique').to.equal(names.length)
      const main = await arrange('bad-input', info)
      const writes = cases.filter((c) => (c.expect.kind === 'succeed' || c.alone === true) && mutating(info))
      const others = cases.filter((c) => !writes.includes(c))
      const before = await snapshot(main.tenant.tenantId)
      const failures = await runCases(info, others, main, 12)
      const after = await snapshot(main.tenant.tenantId)
      failures.push(
        ...diffSnapshots(before, after).map((change) => `${info.op.operationId}: data changed: ${change}`),
      )
      if (writes.length > 0) {
        // Valid boundary values that write: in a tenant of their own, one at a time.
        const scratch = await arrange('bad-input-valid', info)
        failures.push(...(await runCases(info, writes, scratch, 1)))
      }
      expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').to.equal(undefined)
      expect(
        failures.length,
        `${failures.length} of ${cases.length} cases failed:\n${failures.join('\n')}\n`,
      ).to.equal(0)
    })
  }

  // The catalog's own cases: left out when another plugin is under test.
  if (!pluginUnderTest || pluginUnderTest.id === 'catalog')
    describe('characters are counted as code points, like JSON Schema and PostgreSQL char_length', () => {
      let fx: Fixture
      beforeEach(async () => {
        fx = await arrange('bad-input-chars')
      })

      const storedName = async (id: string) => {
        const [row] = await testStack().superSql<{ chars: number; octets: number; name: string }[]>`
        select char_length(name) as chars, octet_length(name) as octets, name from tools where id = ${id}`
        return row
      }

      it("createTool accepts a name of 100 × 'é' and refuses 101", async () => {
        const name = 'é'.repeat(100)
        const ok = await fx.api.post('/api/v1/tools').send({ name, description: 'accented' })
        expect(ok.status, ok.text).to.equal(201)
        expect(ok.body.name).to.equal(name)
        expect(await storedName(ok.body.id)).to.deep.equal({ chars: 100, octets: 200, name })
        const tooLong = await fx.api
          .post('/api/v1/tools')
          .send({ name: 'é'.repeat(101), description: 'accented' })
        expect(tooLong.status, tooLong.text).to.equal(400)
        expect(tooLong.body.error_code).to.equal('VALIDATION_ERROR')
        expect(tooLong.body.details.errors.map((e: { path: string }) => e.path)).to.include('/body/name')
      })

      it("createTool accepts a name of 100 × '😀' (200 UTF-16 units) and refuses 101", async () => {
        const name = '😀'.repeat(100)
        expect(name.length, 'UTF-16 code units').to.equal(200)
        const ok = await fx.api.post('/api/v1/tools').send({ name, description: 'astral' })
        expect(ok.status, ok.text).to.equal(201)
        expect(ok.body.name).to.equal(name)
        expect(await storedName(ok.body.id)).to.deep.equal({ chars: 100, octets: 400, name })
        const tooLong = await fx.api
          .post('/api/v1/tools')
          .send({ name: '😀'.repeat(101), description: 'astral' })
        expect(tooLong.status, tooLong.text).to.equal(400)
        expect(tooLong.body.error_code).to.equal('VALIDATION_ERROR')
      })

      it('createTool refuses a name holding a lone surrogate sent as a raw \\ud800 escape, and stores nothing', async () => {
        const before = await snapshot(fx.tenant.tenantId)
        const res = await fx.api
          .post('/api/v1/tools')
          .set('Content-Type', 'application/json')
          .send('{"name":"\\ud800","description":"lone"}')
        expect(res.status, res.text).to.equal(400)
        expect(res.body.error_code).to.equal('VALIDATION_ERROR')
        expect(await snapshot(fx.tenant.tenantId)).to.deep.equal(before)
      })
    })
})
