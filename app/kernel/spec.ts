// The HTTP contract: openapi.yaml is the base document plus each plugin's fragment, merged by
// `npm run spec`. The app validates against the merged document and mounts handlers from it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import jsYaml from 'js-yaml'
import { stringify } from 'yaml'
import { coreErrors, type ErrorDefinition } from '../errors/catalog.js'
import { coreErrorDetails } from '../errors/details-schemas.js'
import type { PluginDefinition } from './plugin.js'
import { declareIntegerFormats } from './integer-formats.js'
import { declareNotAcceptable } from './not-acceptable.js'
import { deriveProblemSchemas } from './problem-schemas.js'
import { declareSharedHeaders } from './shared-headers.js'

export type OpenApiDocument = Record<string, unknown> & {
  paths: Record<string, Record<string, unknown>>
  components: Record<string, Record<string, unknown>>
  tags?: { name: string }[]
}

export const projectRoot = path.resolve(import.meta.dirname, '../..')
export const specPath = path.join(projectRoot, 'openapi.yaml')
export const basePath = path.join(projectRoot, 'app/openapi.base.yaml')
/** The kernel's own fragments: administration and the audit log. */
const kernelFragments = [path.join(projectRoot, 'app/admin/admin.openapi.yaml')]

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const
export type HttpMethod = (typeof httpMethods)[number]

export interface SpecOperation {
  operationId: string
  method: HttpMethod
  path: string
  /** Express route syntax: /api/v1/tools/{id} becomes /api/v1/tools/:id */
  routePath: string
  operation: Record<string, unknown>
}

// js-yaml's core schema reads the documents as yaml's does (the spec tests compare them), ~7x faster: 0.1 s
// for openapi.yaml at every start instead of 0.75. Rendering (renderSpec) stays with yaml.
export const readYaml = (file: string): OpenApiDocument =>
  jsYaml.load(readFileSync(file, 'utf8'), { schema: jsYaml.CORE_SCHEMA }) as OpenApiDocument

export const loadSpec = (file = specPath): OpenApiDocument => readYaml(file)

/** The fragments bundleSpec merges into the base document (app/openapi.base.yaml), each with its owner. */
export const specFragments = (plugins: readonly PluginDefinition[]): { owner: string; file: string }[] => [
  ...kernelFragments.map((file) => ({ owner: 'kernel', file })),
  ...plugins.flatMap((plugin) =>
    [plugin.spec ?? []].flat().map((file) => ({ owner: plugin.id, file: path.join(plugin.dir, file) })),
  ),
]

/** Merges plugin fragments into the base document; a path or component defined twice differently is an error. */
export function bundleSpec(plugins: readonly PluginDefinition[], base = readYaml(basePath)): OpenApiDocument {
  const doc = structuredClone(base)
  for (const { owner, file } of specFragments(plugins)) mergeFragment(doc, owner, readYaml(file))
  declareNotAcceptable(doc)
  deriveProblemSchemas(doc, errorCatalogOf(plugins))
  declareSharedHeaders(doc)
  declareIntegerFormats(doc)
  return doc
}

/** The kernel's codes (with their details schemas) and the plugins' codes. */
export function errorCatalogOf(plugins: readonly PluginDefinition[]): Record<string, ErrorDefinition> {
  const core = Object.fromEntries(
    Object.entries(coreErrors).map(([code, definition]) => [
      code,
      { ...definition, details: coreErrorDetails[code as keyof typeof coreErrors] },
    ]),
  )
  return Object.assign(core, ...plugins.map((plugin) => plugin.errors ?? {})) as Record<
    string,
    ErrorDefinition
  >
}

function mergeFragment(doc: OpenApiDocument, pluginId: string, fragment: OpenApiDocument): void {
  mergePaths(doc.paths, fragment.paths ?? {}, `${pluginId}: path`)
  for (const [section, entries] of Object.entries(fragment.components ?? {})) {
    doc.components[section] ??= {}
    mergeSection(doc.components[section], entries, `${pluginId}: components.${section}`)
  }
  for (const tag of fragment.tags ?? []) {
    if (!(doc.tags ?? []).some((t) => t.name === tag.name)) (doc.tags ??= []).push(tag)
  }
}

/**
 * Paths merge by method: two fragments may each define methods of one path (a plugin's parts in fragments
 * of their own, as the marketplace's publish and discover); a method or path-level field both define must
 * be the same.
 */
function mergePaths(
  target: Record<string, Record<string, unknown>>,
  source: Record<string, Record<string, unknown>>,
  what: string,
): void {
  for (const [key, item] of Object.entries(source)) {
    const existing = target[key]
    if (existing === undefined) {
      target[key] = item
      continue
    }
    const conflict = Object.keys(item).find(
      (field) => field in existing && !isDeepStrictEqual(existing[field], item[field]),
    )
    if (conflict !== undefined) {
      throw new Error(`Spec conflict: ${what} "${key}" is already defined differently (${conflict})`)
    }
    target[key] = { ...existing, ...item }
  }
}

function mergeSection(target: Record<string, unknown>, source: Record<string, unknown>, what: string): void {
  for (const [key, value] of Object.entries(source)) {
    if (key in target && !isDeepStrictEqual(target[key], value)) {
      throw new Error(`Spec conflict: ${what} "${key}" is already defined differently`)
    }
    target[key] = value
  }
}

/**
 * `make` of a document, made once per document: a service builds one app from one document; the tests build
 * dozens from one, and what the app derives from it alone (the YAML it serves, its serialisers, its
 * validator) need not be derived again for each.
 */
export function perDocument<T>(make: (spec: OpenApiDocument) => T): (spec: OpenApiDocument) => T {
  const made = new WeakMap<OpenApiDocument, T>()
  return (spec) => {
    if (!made.has(spec)) made.set(spec, make(spec))
    return made.get(spec)!
  }
}

export const renderSpec = (doc: OpenApiDocument): string =>
  '# Generated by `npm run spec` from app/openapi.base.yaml and plugins/*/*.openapi.yaml. Edit those.\n' +
  stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })

export function listOperations(doc: OpenApiDocument): SpecOperation[] {
  const operations: SpecOperation[] = []
  for (const [specPathKey, item] of Object.entries(doc.paths)) {
    for (const method of httpMethods) {
      const operation = item[method] as Record<string, unknown> | undefined
      if (!operation) continue
      const operationId = operation.operationId
      if (typeof operationId !== 'string')
        throw new Error(`Spec: ${method.toUpperCase()} ${specPathKey} has no operationId`)
      operations.push({
        operationId,
        method,
        path: specPathKey,
        routePath: specPathKey.replace(/\{([^}]+)\}/g, ':$1'),
        operation,
      })
    }
  }
  return operations
}
