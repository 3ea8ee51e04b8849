import { expect } from 'chai'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse, stringify } from 'yaml'
import { coreErrors, type ErrorCode, type ErrorDefinition } from '../../app/errors/catalog.js'
import type { PluginDefinition } from '../../app/kernel/plugin.js'
import {
  basePath,
  bundleSpec,
  errorCatalogOf,
  listOperations,
  loadSpec,
  readYaml,
  renderSpec,
  specFragments,
  specPath,
  type OpenApiDocument,
  type SpecOperation,
} from '../../app/kernel/spec.js'
import { examples, plugins } from '../../plugins/index.js'

type Json = Record<string, unknown>

// The kernel's codes plus those of the service's plugins: what openapi.yaml must document. (Discovery
// imports every plugin file, so an example's or a disabled plugin's codes are registered too; they are
// not the service's.)
const errorCatalog: Record<string, ErrorDefinition> = Object.assign(
  { ...coreErrors },
  ...plugins.map((plugin) => plugin.errors ?? {}),
)
const spec = loadSpec()
const operations = listOperations(spec)
const label = (op: { method: string; path: string }) => `${op.method.toUpperCase()} ${op.path}`

const componentResponse = (ref: string): Json | undefined =>
  spec.components.responses?.[ref.replace('#/components/responses/', '')] as Json | undefined

const resolve = (response: Json): Json =>
  typeof response.$ref === 'string' ? (componentResponse(response.$ref) ?? {}) : response

const errorCodesOf = (response: Json): string[] => (response['x-error-codes'] as string[] | undefined) ?? []

/** Every `x-error-codes` list in the document, wherever it is, with where it was found. */
function allErrorCodeLists(node: unknown, where = '#'): { where: string; codes: unknown }[] {
  if (node === null || typeof node !== 'object') return []
  return Object.entries(node as Json).flatMap(([key, value]) =>
    key === 'x-error-codes'
      ? [{ where, codes: value }]
      : allErrorCodeLists(value, `${where}/${key.replaceAll('/', '~1')}`),
  )
}

/** Codes on each documented status of each operation, after resolving $refs. */
const documentedCodes = operations.flatMap((op) =>
  Object.entries(op.operation.responses as Record<string, Json>).map(([status, response]) => ({
    where: `${label(op)} ${status}`,
    status,
    ref: typeof response.$ref === 'string' ? response.$ref : undefined,
    codes: errorCodesOf(resolve(response)),
  })),
)

const globalErrorCodes = (spec['x-global-error-codes'] as { codes: Record<string, string> }).codes

/**
 * Catalog codes the spec does not document, each with why no client can receive it. Anything else in the
 * catalog that a response does not list is a code the API can send but the contract hides.
 */
const undocumentedOnPurpose: Partial<Record<ErrorCode, string>> = {
  CONFLICT:
    'the fallback for a constraint violation no repository expected; repositories map the ones they expect to specific codes (DUPLICATE_TOOL_NAME...), so reaching it is a bug',
  RUN_CANCELLED:
    'recorded on an execution whose client disconnected; nobody is there to receive it as a response (the Execution schema describes it)',
  WORKER_LOST:
    'recorded on a background run none of whose workers finished it (or a foreground run whose process died); no request is answered with it (the Execution schema describes it)',
  SECRETS_UNRESOLVED:
    "thrown by the secrets resolver to the tool kinds that use it (plugins/README.md), which record it as their tool call's error; no operation answers it",
}

describe('openapi.yaml', () => {
  it('is exactly what npm run spec generates from the base document and the plugins, so it is never stale', () => {
    const committed = readFileSync(specPath, 'utf8')
    expect(committed === renderSpec(bundleSpec(plugins)), 'openapi.yaml is stale: run npm run spec').to.equal(
      true,
    )
  })

  it('is read by readYaml (js-yaml, core schema) exactly as yaml reads it, with every fragment', () => {
    // The served plugins' fragments and the examples' (the tests serve those too).
    const fragments = specFragments([...plugins, ...examples]).map(({ file }) => file)
    const documents = [specPath, basePath, ...fragments]
    expect(documents.length).to.be.greaterThan(16)
    for (const file of documents) {
      expect(readYaml(file), file).to.deep.equal(parse(readFileSync(file, 'utf8')))
    }
  })

  it('has operations under /api/v1 and outside it', () => {
    expect(operations.some((op) => op.path.startsWith('/api/v1/'))).to.equal(true)
    expect(operations.some((op) => !op.path.startsWith('/api/v1/'))).to.equal(true)
  })

  it('secures every /api/v1 operation with ApiKeyAuth through the global security requirement', () => {
    expect(spec.security).to.deep.equal([{ ApiKeyAuth: [] }])
    for (const op of operations.filter((o) => o.path.startsWith('/api/v1/'))) {
      expect(op.operation, label(op)).not.to.have.property('security')
    }
  })

  it('documents 400, 401, 403, 429, 500 and 503 for every /api/v1 operation', () => {
    for (const op of operations.filter((o) => o.path.startsWith('/api/v1/'))) {
      expect(op.operation.responses, label(op)).to.include.all.keys('400', '401', '403', '429', '500', '503')
    }
  })

  it('secures every /admin/v1 operation with the admin bearer token, /metrics with the metrics token, and marks the rest outside /api/v1 public', () => {
    const outside = operations.filter((o) => !o.path.startsWith('/api/v1/'))
    const secured = (o: SpecOperation) => o.path.startsWith('/admin/v1/') || o.path === '/metrics'
    for (const op of outside.filter((o) => o.path.startsWith('/admin/v1/'))) {
      expect(op.operation.security, label(op)).to.deep.equal([{ AdminBearer: [] }])
      expect(op.operation.responses, label(op)).to.include.all.keys('401', '404', '429', '500', '503')
    }
    const metrics = outside.filter((o) => o.path === '/metrics')
    expect(metrics.map((op) => op.operationId)).to.deep.equal(['getMetrics'])
    for (const op of metrics) {
      expect(op.operation.security, label(op)).to.deep.equal([{ MetricsBearer: [] }])
      expect(op.operation.responses, label(op)).to.include.all.keys('401', '404', '429', '500', '503')
    }
    for (const op of outside.filter((o) => !secured(o))) {
      expect(op.operation.security, label(op)).to.deep.equal([])
    }
  })

  it('documents 413 and 415 for every operation that takes a request body', () => {
    const withBody = operations.filter((op) => op.operation.requestBody !== undefined)
    expect(withBody, 'operations with a request body').not.to.be.empty
    for (const op of withBody) {
      expect(op.operation.responses, label(op)).to.include.all.keys('413', '415')
    }
  })

  it('lists only error codes from the catalog in every x-error-codes, anywhere in the document', () => {
    const lists = allErrorCodeLists(spec)
    expect(lists.length, 'x-error-codes lists').to.be.greaterThan(5)
    for (const { where, codes } of lists) {
      expect(codes, where).to.be.an('array').that.is.not.empty
      for (const code of codes as unknown[]) expect(errorCatalog, where).to.have.property(String(code))
    }
  })

  it("gives each listed code its catalog status: every operation response's codes match its status", () => {
    for (const { where, status, codes } of documentedCodes) {
      for (const code of codes) {
        expect(String(errorCatalog[code as ErrorCode]!.status), `${code} on ${where}`).to.equal(status)
      }
    }
  })

  it('gives the codes of each shared response one status, the one every operation uses it with', () => {
    for (const [name, response] of Object.entries(spec.components.responses ?? {}) as [string, Json][]) {
      const statuses = new Set(errorCodesOf(response).map((code) => errorCatalog[code as ErrorCode]!.status))
      expect(statuses.size, `components.responses.${name}`).to.be.at.most(1)
      const usedWith = new Set(
        documentedCodes.filter((d) => d.ref === `#/components/responses/${name}`).map((d) => d.status),
      )
      for (const status of statuses) {
        expect(
          [...usedWith].every((s) => s === String(status)),
          `components.responses.${name}`,
        ).to.equal(true)
      }
    }
  })

  it('lists only catalog codes in x-global-error-codes, each described with its catalog status', () => {
    expect(globalErrorCodes).to.have.all.keys('NOT_FOUND', 'METHOD_NOT_ALLOWED')
    for (const [code, description] of Object.entries(globalErrorCodes)) {
      expect(errorCatalog, code).to.have.property(code)
      expect(description, code).to.match(new RegExp(`^${errorCatalog[code as ErrorCode]!.status}\\b`))
    }
  })

  it('documents every catalog code a client can receive, and only the listed exceptions are missing', () => {
    const inSpec = new Set([
      ...allErrorCodeLists(spec).flatMap(({ codes }) => codes as string[]),
      ...Object.keys(globalErrorCodes),
    ])
    const missing = Object.keys(errorCatalog).filter((code) => !inSpec.has(code))
    expect(missing.sort()).to.deep.equal(Object.keys(undocumentedOnPurpose).sort())
  })

  it('declares the details of every code in the catalog, so every problem type is generated', () => {
    for (const [code, definition] of Object.entries(errorCatalogOf(plugins))) {
      expect(definition.details, code).to.be.an('object')
    }
  })

  it('gives every operation a unique camelCase operationId', () => {
    const operationIds = operations.map((op) => op.operationId)
    expect(new Set(operationIds).size, 'distinct operationIds').to.equal(operationIds.length)
    for (const operationId of operationIds) expect(operationId).to.match(/^[a-z][a-zA-Z0-9]*$/)
  })
})

describe('bundleSpec', () => {
  let dir: string
  const base = (): OpenApiDocument => readYaml(path.join(path.dirname(specPath), 'app/openapi.base.yaml'))

  const fragmentPlugin = (fragment: Json): PluginDefinition => {
    writeFileSync(path.join(dir, 'fake.openapi.yaml'), stringify(fragment))
    return { id: 'fake', dir, spec: 'fake.openapi.yaml' }
  }

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'map-spec-test-'))
  })

  after(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('merges a fragment: its paths, components and tags join the base document', () => {
    const fake = fragmentPlugin({
      tags: [{ name: 'fake' }, { name: 'system' }],
      paths: { '/api/v1/fakes': { get: { operationId: 'listFakes', responses: {} } } },
      components: { schemas: { Fake: { type: 'string' } }, examples: { AFake: { value: 'x' } } },
    })
    const doc = bundleSpec([fake])
    expect(doc.paths).to.include.keys('/health', '/api/v1/fakes')
    expect(doc.components.schemas).to.include.keys('Uuid', 'Fake')
    expect(doc.components.examples).to.deep.equal({ AFake: { value: 'x' } })
    expect((doc.tags ?? []).map((t) => t.name)).to.deep.equal(['system', 'admin', 'audit', 'fake'])
  })

  it('leaves the base document it was given untouched', () => {
    const original = base()
    const copy = structuredClone(original)
    bundleSpec([fragmentPlugin({ paths: { '/api/v1/fakes': { get: { operationId: 'listFakes' } } } })], copy)
    expect(copy).to.deep.equal(original)
  })

  it('rejects a fragment that redefines a path differently, naming the plugin and the path', () => {
    const fake = fragmentPlugin({
      paths: { '/health': { get: { operationId: 'getHealthDifferently', responses: {} } } },
    })
    expect(() => bundleSpec([fake])).to.throw(
      'Spec conflict: fake: path "/health" is already defined differently',
    )
  })

  it('rejects a fragment that redefines a component differently, naming the section and the name', () => {
    const fake = fragmentPlugin({ components: { schemas: { Uuid: { type: 'string', format: 'uri' } } } })
    expect(() => bundleSpec([fake])).to.throw(
      'Spec conflict: fake: components.schemas "Uuid" is already defined differently',
    )
  })

  it('rejects two plugins that define the same path differently', () => {
    const fakeFragment = { paths: { '/api/v1/fakes': { get: { operationId: 'listFakes' } } } }
    writeFileSync(
      path.join(dir, 'other.openapi.yaml'),
      stringify({ paths: { '/api/v1/fakes': { get: {} } } }),
    )
    const other: PluginDefinition = { id: 'other', dir, spec: 'other.openapi.yaml' }
    expect(() => bundleSpec([fragmentPlugin(fakeFragment), other])).to.throw(
      'other: path "/api/v1/fakes" is already defined differently',
    )
  })

  it("merges two fragments' methods of one path (a plugin's parts), refusing a method both define differently", () => {
    const fake = fragmentPlugin({
      paths: { '/api/v1/fakes': { post: { operationId: 'createFake', responses: {} } } },
    })
    writeFileSync(
      path.join(dir, 'other.openapi.yaml'),
      stringify({ paths: { '/api/v1/fakes': { get: { operationId: 'listFakes', responses: {} } } } }),
    )
    const other: PluginDefinition = { id: 'other', dir, spec: 'other.openapi.yaml' }
    const doc = bundleSpec([fake, other])
    expect(doc.paths['/api/v1/fakes']).to.have.all.keys('post', 'get')
    expect(
      listOperations(doc)
        .filter((op) => op.path === '/api/v1/fakes')
        .map((op) => op.operationId),
    ).to.have.members(['createFake', 'listFakes'])
    writeFileSync(
      path.join(dir, 'other.openapi.yaml'),
      stringify({ paths: { '/api/v1/fakes': { post: { operationId: 'createOther', responses: {} } } } }),
    )
    expect(() => bundleSpec([fake, other])).to.throw(
      'Spec conflict: other: path "/api/v1/fakes" is already defined differently (post)',
    )
  })

  it('types the problems of a fragment: Problem_<CODE> per code, a oneOf discriminated by error_code per response', () => {
    const fake: PluginDefinition = {
      ...fragmentPlugin({
        paths: {
          '/api/v1/fakes': {
            get: {
              operationId: 'listFakes',
              responses: {
                '409': {
                  description: 'x',
                  'x-error-codes': ['FAKE_TAKEN', 'CONFLICT'],
                  content: {
                    'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
                  },
                },
              },
            },
          },
        },
      }),
      errors: {
        FAKE_TAKEN: {
          status: 409,
          kind: 'conflict',
          title: 'Taken',
          details: { type: 'object', required: ['by'], properties: { by: { type: 'string' } } },
        },
      },
    }
    const doc = bundleSpec([fake])
    const response = (doc.paths['/api/v1/fakes']!.get as Json).responses as Record<string, Json>
    expect((response['409']!.content as Json)['application/problem+json']).to.deep.equal({
      schema: {
        oneOf: [
          { $ref: '#/components/schemas/Problem_FAKE_TAKEN' },
          { $ref: '#/components/schemas/Problem_CONFLICT' },
        ],
        discriminator: {
          propertyName: 'error_code',
          mapping: {
            FAKE_TAKEN: '#/components/schemas/Problem_FAKE_TAKEN',
            CONFLICT: '#/components/schemas/Problem_CONFLICT',
          },
        },
      },
    })
    const taken = doc.components.schemas?.Problem_FAKE_TAKEN as { properties: Json }
    expect(taken.properties.error_code).to.deep.equal({ type: 'string', const: 'FAKE_TAKEN' })
    expect(taken.properties.status).to.deep.equal({ type: 'integer', const: 409, format: 'int32' })
    expect(taken.properties.details).to.deep.equal(fake.errors!.FAKE_TAKEN!.details)
  })

  it('refuses a hand-written problem schema, and a code without a details schema, naming them', () => {
    const response = (schema: Json) => ({
      paths: {
        '/api/v1/fakes': {
          get: {
            operationId: 'listFakes',
            responses: {
              '409': {
                description: 'x',
                'x-error-codes': ['FAKE_TAKEN'],
                content: { 'application/problem+json': { schema } },
              },
            },
          },
        },
      },
    })
    const errors = { FAKE_TAKEN: { status: 409, kind: 'conflict', title: 'Taken' } as const }
    const handWritten = { ...fragmentPlugin(response({ type: 'object' })), errors }
    expect(() => bundleSpec([handWritten])).to.throw('GET /api/v1/fakes 409: the problem schema is derived')
    const undeclared = { ...fragmentPlugin(response({ $ref: '#/components/schemas/Problem' })), errors }
    expect(() => bundleSpec([undeclared])).to.throw('error code FAKE_TAKEN declares no details schema')
  })

  it('accepts a fragment that redefines a path and a component identically', () => {
    const fromBase = base()
    const fake = fragmentPlugin({
      paths: { '/health': fromBase.paths['/health'] },
      components: { schemas: { Uuid: fromBase.components.schemas?.Uuid } },
    })
    // Equal to bundling nothing: the base with the kernel's own fragments.
    expect(bundleSpec([fake])).to.deep.equal(bundleSpec([]))
  })
})
