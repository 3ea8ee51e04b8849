// A valid request for any operation of openapi.yaml, built from the spec: path parameters from the
// fixtures the plugins declare (admin ones from the tenant and key given), a request body of the required
// fields (sampled from the schema), and Idempotency-Key where declared.
// Tests that must cover every operation enumerate the spec with it, so a new operation is covered without
// editing them. (test/security/bad-input.test.ts builds bad requests the same way, with more cases.)
import { randomUUID } from 'node:crypto'
import type { OpenApiDocument, SpecOperation } from '../../app/kernel/spec.js'
import { fixtureMcpUrl } from '../../plugins/mcp/test/mcp-test-server.js'
import { fixtureForField, idFor } from './plugin-fixtures.js'

type Schema = Record<string, unknown>
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** The resources a request may name. */
export interface RequestFixture {
  /** The plugins' fixtures made for the request, by path (TenantFixtures.make in plugin-fixtures.ts). */
  ids: ReadonlyMap<string, string>
  /** Admin operations: the tenant and the key they act on. */
  tenantId: string
  keyId: string
}

export interface SpecRequest {
  method: string
  /** Path with parameters filled in. */
  path: string
  headers: Record<string, string>
  body?: Json
  /** The 2xx a plain request answers with (successStatusOf). */
  successStatus: number
}

/**
 * Values the schema cannot tell: a model id (GET /api/v1/models lists them); the call id a waiting run waits
 * for (the runs plugin's fixture execution waits for the mock's first call, call_1_1); an OpenAPI document
 * to import (POST /api/v1/tools/import), and a base URL the test's egress policy lets a tool store.
 */
const semanticValues: Record<string, Json> = {
  model: 'gpt-4o',
  tool_call_id: 'call_1_1',
  url: fixtureMcpUrl,
  document: {
    openapi: '3.1.0',
    info: { title: 'Spec request', version: '1' },
    paths: { '/things': { get: { operationId: 'listThings', responses: { '200': { description: 'ok' } } } } },
  },
  base_url: 'https://api.example.com/v1',
}

/**
 * The status a plain request to the operation answers with: 201 for a POST that documents it (a create;
 * another 2xx it documents is a variant a parameter selects, as the OpenAPI import's dry run answers 200),
 * else the first 2xx.
 */
export function successStatusOf(op: SpecOperation): number {
  const statuses = Object.keys(op.operation.responses as Record<string, unknown>).filter((s) =>
    s.startsWith('2'),
  )
  if (statuses.length === 0) throw new Error(`${op.operationId} documents no 2xx`)
  return Number(op.method === 'post' && statuses.includes('201') ? '201' : statuses[0])
}

export function specRequests(spec: OpenApiDocument) {
  const resolve = (ref: string): unknown => {
    let node: unknown = spec
    for (const key of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[key]
    return node
  }
  const deref = <T = Schema>(node: unknown): T => {
    let current = node as Schema | undefined
    while (current && typeof current.$ref === 'string') current = resolve(current.$ref) as Schema
    return current as T
  }

  let sequence = 0
  /** A valid value: required properties only (or the first one when at least one is needed). */
  const sample = (node: unknown, fx: RequestFixture, name = ''): Json => {
    const schema = deref(node)
    if (name in semanticValues) return semanticValues[name]!
    if ('const' in schema) return schema.const as Json
    if (Array.isArray(schema.enum)) return schema.enum[0] as Json
    const alternatives = (schema.oneOf ?? schema.anyOf ?? schema.allOf) as unknown[] | undefined
    if (Array.isArray(alternatives)) return sample(alternatives[0], fx, name)
    const type = [schema.type].flat().find((t) => t !== 'null')
    switch (type) {
      case 'object': {
        const properties = (schema.properties as Record<string, unknown> | undefined) ?? {}
        const required = (schema.required as string[] | undefined) ?? []
        const wanted =
          required.length > 0 || !schema.minProperties ? required : Object.keys(properties).slice(0, 1)
        return Object.fromEntries(wanted.map((key) => [key, sample(properties[key], fx, key)]))
      }
      case 'array':
        return Array.from({ length: Math.max(1, (schema.minItems as number | undefined) ?? 0) }, () =>
          sample(schema.items, fx, name),
        )
      case 'integer':
      case 'number':
        return (schema.default as number | undefined) ?? (schema.minimum as number | undefined) ?? 1
      case 'boolean':
        return (schema.default as boolean | undefined) ?? false
      case 'string':
        if (schema.format === 'uuid') return fx.ids.get(fixtureForField(name, fx.ids) ?? '') ?? randomUUID()
        if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString()
        return `v${++sequence}-${name || 'text'}`.slice(0, (schema.maxLength as number | undefined) ?? 100)
      default:
        return null
    }
  }

  const pathValue = (op: SpecOperation, name: string, fx: RequestFixture): string => {
    const byName: Record<string, string> = { tenantId: fx.tenantId, keyId: fx.keyId }
    if (op.path.startsWith('/admin/') && byName[name]) return byName[name]
    const id = idFor(fx.ids, op.path, name)
    if (id === undefined) throw new Error(`${op.operationId}: no fixture made for {${name}} of ${op.path}`)
    return id
  }

  return (op: SpecOperation, fx: RequestFixture): SpecRequest => {
    const pathItem = spec.paths[op.path] as { parameters?: unknown[] }
    const parameters = [
      ...(pathItem.parameters ?? []),
      ...((op.operation.parameters as unknown[]) ?? []),
    ].map((p) => deref<{ name: string; in: string; required?: boolean }>(p))
    let path = op.path
    for (const p of parameters.filter((p) => p.in === 'path'))
      path = path.replace(`{${p.name}}`, pathValue(op, p.name, fx))
    const headers: Record<string, string> = {}
    if (parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
      headers['Idempotency-Key'] = randomUUID()
    const requestBody = deref<{ content?: Record<string, { schema?: unknown }> } | undefined>(
      op.operation.requestBody,
    )
    const bodySchema = requestBody?.content?.['application/json']?.schema
    return {
      method: op.method.toUpperCase(),
      path,
      headers,
      ...(bodySchema === undefined ? {} : { body: sample(bodySchema, fx) }),
      successStatus: successStatusOf(op),
    }
  }
}
