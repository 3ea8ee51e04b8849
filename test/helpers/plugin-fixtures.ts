// The fixtures plugins declare (definePlugin's `fixtures`), for the tests that call every operation (the
// schema fuzzer, the isolation tests, the pool-of-one test): which fixture a path parameter or a body
// field names, what is declared wrong or missing, and making them for one tenant through the API.
import type { FixtureApi, FixtureFactory, PluginDefinition } from '../../app/plugin-kit.js'
import type { OpenApiDocument, SpecOperation } from '../../app/kernel/spec.js'

type Schema = Record<string, unknown>

/** A path with its parameters' names blanked: `/api/v1/agents/{id}/run` → `/api/v1/agents/{}/run`. */
const blank = (path: string): string => path.replace(/\{[^}]*\}/g, '{}')

/** The names of a path's parameters, in order. */
export const pathParameters = (path: string): string[] =>
  [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!)

/** The path up to and including one of its parameters: what a fixture for it is declared under. */
export function fixturePath(path: string, parameter: string): string {
  const marker = `{${parameter}}`
  const end = path.indexOf(marker)
  if (end < 0) throw new Error(`${path} has no ${marker}`)
  return path.slice(0, end + marker.length)
}

export interface DeclaredFixture {
  plugin: string
  /** As the plugin wrote it. */
  path: string
  create: FixtureFactory
}

/** Every declared fixture, by its blanked path; two plugins declaring the same one is an error. */
export function declaredFixtures(plugins: readonly PluginDefinition[]): Map<string, DeclaredFixture> {
  const fixtures = new Map<string, DeclaredFixture>()
  for (const plugin of plugins) {
    for (const [path, create] of Object.entries(plugin.fixtures ?? {})) {
      const key = blank(path)
      const previous = fixtures.get(key)
      if (previous) throw new Error(`fixtures['${path}'] is declared by ${previous.plugin} and ${plugin.id}`)
      fixtures.set(key, { plugin: plugin.id, path, create })
    }
  }
  return fixtures
}

/** The plugin whose handler serves an operation (undefined for the kernel's). */
export const ownerOf = (plugins: readonly PluginDefinition[], operationId: string) =>
  plugins.find((plugin) => Object.hasOwn(plugin.operations ?? {}, operationId))

/** Whether an operation may change data: every method but GET, unless its plugin declares it read-only. */
export const writesData = (plugins: readonly PluginDefinition[], op: SpecOperation): boolean =>
  op.method !== 'get' &&
  !(ownerOf(plugins, op.operationId)?.readOnlyOperations ?? []).includes(op.operationId)

/**
 * The fixture a body field names: `agent_id` and `agent_ids` name what `.../agents/{id}` is declared for,
 * `example_note_id` what `.../example-notes/{id}` is (the path segment before the parameter, singular).
 */
export function fixtureForField(field: string, fixtures: ReadonlyMap<string, unknown>): string | undefined {
  const stem = /^(.+?)_ids?$/.exec(field)?.[1]
  if (!stem) return undefined
  const names = (key: string, segment = key.split('/').at(-2)?.replace(/-/g, '_').replace(/s$/, '')) =>
    segment !== undefined && (stem === segment || stem.endsWith(`_${segment}`))
  return [...fixtures.keys()].find((key) => key.endsWith('{}') && names(key))
}

/** Names of the properties holding uuids (or arrays of them) anywhere in a request body schema. */
export function uuidFields(spec: OpenApiDocument, node: unknown, seen = new Set<unknown>()): string[] {
  const schema = deref(spec, node)
  if (!schema || seen.has(schema)) return []
  seen.add(schema)
  const names: string[] = []
  for (const [name, child] of Object.entries((schema.properties as Record<string, unknown>) ?? {})) {
    const property = deref(spec, child)
    const item = deref(spec, property?.items)
    if (property?.format === 'uuid' || item?.format === 'uuid') names.push(name)
    names.push(...uuidFields(spec, child, seen))
  }
  for (const key of ['items', 'allOf', 'oneOf', 'anyOf'] as const) {
    for (const part of [schema[key] ?? []].flat()) names.push(...uuidFields(spec, part, seen))
  }
  return names
}

function deref(spec: OpenApiDocument, node: unknown): Schema | undefined {
  let current = node as Schema | undefined
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 20; hops++) {
    let target: unknown = spec
    for (const key of current.$ref.slice(2).split('/')) target = (target as Schema | undefined)?.[key]
    current = target as Schema | undefined
  }
  return current
}

const jsonBodySchema = (spec: OpenApiDocument, op: SpecOperation): unknown =>
  (deref(spec, op.operation.requestBody)?.content as Record<string, Schema> | undefined)?.['application/json']
    ?.schema

/** The fixtures (blanked paths) an operation names: its path parameters and its body's id fields. */
export function fixturesNeeded(
  spec: OpenApiDocument,
  op: SpecOperation,
  fixtures: ReadonlyMap<string, unknown>,
): string[] {
  const fromPath = pathParameters(op.path).map((name) => blank(fixturePath(op.path, name)))
  const body = jsonBodySchema(spec, op)
  const fromBody = body === undefined ? [] : uuidFields(spec, body).map((f) => fixtureForField(f, fixtures))
  return [...new Set([...fromPath, ...fromBody.filter((key): key is string => key !== undefined)])]
}

/**
 * What the plugins declare wrong or leave out for the given /api/v1 operations, one line each: a path
 * parameter no fixture is declared for, a fixture that names no path, a read-only operation that is not
 * one of the plugin's non-GET operations.
 */
export function fixtureProblems(
  plugins: readonly PluginDefinition[],
  operations: readonly SpecOperation[],
): string[] {
  const problems: string[] = []
  let fixtures = new Map<string, DeclaredFixture>()
  try {
    fixtures = declaredFixtures(plugins)
  } catch (error) {
    problems.push((error as Error).message)
  }
  const paths = operations.map((op) => blank(op.path))
  for (const op of operations.filter((o) => o.path.startsWith('/api/v1/'))) {
    for (const name of pathParameters(op.path)) {
      const wanted = fixturePath(op.path, name)
      if (!fixtures.has(blank(wanted))) {
        const owner = ownerOf(plugins, op.operationId)?.id ?? 'the kernel'
        problems.push(
          `${op.operationId} (${op.method.toUpperCase()} ${op.path}): no plugin declares fixtures['${wanted}'] ` +
            `(${owner} should, in its definePlugin)`,
        )
      }
    }
  }
  for (const [key, fixture] of fixtures) {
    if (!/\{[^}]*\}$/.test(fixture.path))
      problems.push(`${fixture.plugin}: fixtures['${fixture.path}'] must end with a path parameter`)
    else if (!paths.some((path) => path === key || path.startsWith(`${key}/`)))
      problems.push(`${fixture.plugin}: fixtures['${fixture.path}'] is the start of no operation's path`)
  }
  for (const plugin of plugins) {
    for (const operationId of plugin.readOnlyOperations ?? []) {
      const op = operations.find((o) => o.operationId === operationId)
      if (!op || !Object.hasOwn(plugin.operations ?? {}, operationId) || op.method === 'get')
        problems.push(
          `${plugin.id}: readOnlyOperations names ${operationId}, not one of its non-GET operations`,
        )
    }
  }
  return problems
}

/** POSTs a JSON body as the tenant under test. */
export type PostAsTenant = (path: string, body: unknown) => Promise<{ status: number; body: unknown }>

export interface TenantFixtures {
  /** The id of a fixture (by its path, names blanked or not), made on first use. */
  id(path: string): Promise<string>
  /** Makes every fixture in paths (in parallel where they do not depend on each other); id -> path. */
  make(paths: Iterable<string>): Promise<Map<string, string>>
}

/** One tenant's fixtures: each made once, through the API, by the factory its plugin declares. */
export function tenantFixtures(plugins: readonly PluginDefinition[], post: PostAsTenant): TenantFixtures {
  const fixtures = declaredFixtures(plugins)
  const made = new Map<string, Promise<string>>()
  const api: FixtureApi = {
    create: async (path, body, options) => {
      const res = await post(path, body)
      // A resource named by its name (a secret) has no id: its name is what its path names; one named by
      // another field (a listing's slug) says which.
      const answer = res.body as Record<string, unknown> | undefined
      const id = options?.key === undefined ? (answer?.id ?? answer?.name) : answer?.[options.key]
      if (res.status < 200 || res.status > 299 || typeof id !== 'string')
        throw new Error(`POST ${path} answered ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`)
      return id
    },
    fixture: (path) => id(path),
  }
  const id = (path: string): Promise<string> => {
    const key = blank(path)
    let promise = made.get(key)
    if (!promise) {
      const fixture = fixtures.get(key)
      promise = fixture
        ? fixture.create(api).catch((error: unknown) => {
            throw new Error(
              `${fixture.plugin}'s fixture '${fixture.path}' failed: ${(error as Error).message}`,
            )
          })
        : Promise.reject(new Error(`no plugin declares fixtures['${path}']`))
      made.set(key, promise)
    }
    return promise
  }
  return {
    id,
    async make(paths) {
      const keys = [...new Set([...paths].map(blank))]
      const ids = await Promise.all(keys.map(id))
      return new Map(keys.map((key, i) => [key, ids[i]!]))
    },
  }
}

/** The id for a path parameter out of made fixtures (from TenantFixtures.make). */
export function idFor(ids: ReadonlyMap<string, string>, path: string, parameter: string): string | undefined {
  return ids.get(blank(fixturePath(path, parameter)))
}
