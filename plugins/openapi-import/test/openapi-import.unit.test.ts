// The import's pure parts: reading a document (YAML hazards included), tool names and descriptions, and
// an OpenAPI schema as the JSON Schema 2020-12 an input_schema is.
import { expect } from 'chai'
import '../../tool-kinds/tool-kinds.plugin.js'
import '../openapi-import.plugin.js' // registers the plugin's error codes
import { DomainError } from '../../../app/plugin-kit.js'
import { makeInputSchemas } from '../../tool-kinds/input-schemas.js'
import { readDocument } from '../openapi-document.js'
import { DocumentErrors, type Json, type JsonObject } from '../openapi-json.js'
import { toolDescription, toolName } from '../openapi-names.js'
import { makeRefs } from '../openapi-refs.js'
import { makeSchemaConverter } from '../openapi-schema.js'

const problemOf = (work: () => unknown): { pointer: string; message: string } => {
  try {
    work()
  } catch (error) {
    expect(error).to.be.instanceOf(DocumentErrors)
    return (error as DocumentErrors).errors[0]!
  }
  return expect.fail('accepted')
}

const readProblem = async (document: unknown): Promise<{ pointer: string; message: string }> => {
  try {
    await readDocument(document)
  } catch (error) {
    expect(error).to.be.instanceOf(DocumentErrors)
    return (error as DocumentErrors).errors[0]!
  }
  return expect.fail('accepted')
}

const convert = (schema: Json, dialect: '3.0' | '3.1' = '3.0', schemas: JsonObject = {}): Json => {
  const root: JsonObject = { openapi: '3.0.3', components: { schemas } }
  return makeSchemaConverter(makeRefs(root), dialect).convert(schema, '/s')
}

describe('reading an OpenAPI document', function () {
  this.timeout(30_000)

  it('reads YAML text, JSON text and a JSON object alike, and tells 3.0 from 3.1', async () => {
    const yaml = await readDocument('openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n')
    expect(yaml).to.deep.equal({
      root: { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} },
      dialect: '3.0',
    })
    expect(await readDocument(JSON.stringify(yaml.root))).to.deep.equal(yaml)
    expect(await readDocument(yaml.root)).to.deep.equal(yaml)
    expect((await readDocument({ openapi: '3.1.1', paths: {} })).dialect).to.equal('3.1')
  })

  it('refuses what is not OpenAPI 3.x, saying where', async () => {
    expect((await readProblem({ swagger: '2.0' })).pointer).to.equal('/swagger')
    for (const openapi of [undefined, 3, '2.0', '3', '4.0.0', '3.0'])
      expect((await readProblem({ openapi })).pointer, String(openapi)).to.equal('/openapi')
    expect((await readProblem('- a list')).message).to.include('an object')
    expect((await readProblem('a: 1\na: 2')).message).to.match(/line 2.*unique/)
    expect((await readProblem('a: 1\n---\nb: 2')).message).to.include('more than one YAML document')
  })

  it('refuses a YAML alias bomb, a tag JSON has no type for, NULs and absurd nesting without expanding them', async () => {
    let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    let previous = 'a'
    for (const name of 'bcdefghijk') {
      bomb += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`
      previous = name
    }
    expect((await readProblem(bomb)).message).to.include('alias')
    expect((await readProblem('openapi: 3.1.0\nx: !!binary aGk=')).pointer).to.equal('/x')
    expect((await readProblem({ openapi: '3.1.0', info: { title: 'a\u0000b' } })).pointer).to.equal(
      '/info/title',
    )
    expect((await readProblem({ openapi: '3.1.0', ['\ud800']: 1 })).message).to.include('key')
    const deepJson = `{"openapi":"3.1.0","x":${'['.repeat(5000)}${']'.repeat(5000)}}`
    expect((await readProblem(deepJson)).message).to.include('levels deep')
  })

  it('refuses, in its worker, YAML the yaml package would recurse on or take exponential time over', async () => {
    // Unclosed flow collections, compact and indented nesting, nested explicit keys: each of these
    // stalled the event loop for seconds, or exhausted the stack (after which V8 may abort the process).
    const cases = [
      '['.repeat(200_000),
      `openapi: 3.1.0\nx: ${'['.repeat(3000)}${']'.repeat(3000)}`,
      `${'- '.repeat(50_000)}x`,
      `${'? '.repeat(400)}x`,
      Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x',
    ]
    for (const text of cases) {
      const problem = await readProblem(text)
      expect(problem.message, text.slice(0, 40)).to.include('nests more than 100 levels deep')
    }
  })

  it('reads a large YAML document off the event loop, which stays responsive meanwhile', async () => {
    const text =
      'openapi: 3.1.0\ninfo: {title: big, version: "1"}\npaths:\n' +
      Array.from(
        { length: 5000 },
        (_, i) => `  /p${i}:\n    get: {operationId: o${i}, summary: "x [y] {z}"}`,
      ).join('\n')
    // A timer due at once fires before the read completes only if the read leaves the event loop free.
    let fired = false
    setTimeout(() => (fired = true), 0)
    const document = await readDocument(text)
    expect(fired, 'the timer fired while the document was read').to.equal(true)
    expect(Object.keys(document.root.paths as object)).to.have.length(5000)
  })

  it('refuses a document over 1 MiB in bytes (not characters)', async () => {
    const text = `openapi: 3.1.0\n# ${'é'.repeat(600_000)}\n`
    expect(text.length).to.be.below(1024 * 1024)
    try {
      await readDocument(text)
      expect.fail('accepted')
    } catch (error) {
      expect(error).to.be.instanceOf(DomainError)
      expect((error as DomainError).code).to.equal('OPENAPI_IMPORT_DOCUMENT_TOO_LARGE')
    }
  })
})

describe('tool names and descriptions', () => {
  it('keeps an operationId to [A-Za-z0-9_-], 64 characters; derives method_path without one', () => {
    expect(toolName('get', '/pets', 'listPets')).to.equal('listPets')
    expect(toolName('get', '/pets', 'pets.list v2')).to.equal('pets_list_v2')
    expect(toolName('get', '/pets', '--ünïcode--')).to.equal('n_code')
    expect(toolName('get', '/pets', 'x'.repeat(80))).to.have.length(64)
    expect(toolName('get', '/pets/{petId}', undefined)).to.equal('get_pets_petId')
    expect(toolName('delete', '/', undefined)).to.equal('delete')
    expect(toolName('post', '/a', '!!!')).to.equal('post_a')
  })

  it('joins summary and description, falls back to METHOD /path, and cuts at 1000 code points', () => {
    expect(toolDescription('get', '/p', { summary: 'S', description: 'D' })).to.equal('S\n\nD')
    expect(toolDescription('get', '/p', { summary: 'Same', description: 'Same' })).to.equal('Same')
    expect(toolDescription('get', '/p', { summary: '  ' })).to.equal('GET /p')
    const long = toolDescription('get', '/p', { description: '😀'.repeat(1500) })
    expect([...long]).to.have.length(1000)
    expect(long.endsWith('…')).to.equal(true)
  })
})

describe('OpenAPI schemas as input_schema', () => {
  const schemas = makeInputSchemas()

  it("translates 3.0's nullable, boolean exclusive bounds and example", () => {
    expect(
      convert({
        type: 'object',
        properties: {
          a: { type: 'string', nullable: true, enum: ['x'] },
          n: { type: 'number', minimum: 1, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false },
          e: { type: 'string', example: 'hi' },
        },
      }),
    ).to.deep.equal({
      type: 'object',
      properties: {
        a: { type: ['string', 'null'], enum: ['x', null] },
        n: { type: 'number', exclusiveMinimum: 1, maximum: 9 },
        e: { type: 'string', examples: ['hi'] },
      },
    })
  })

  it('drops what the platform refuses and what describes only responses or OpenAPI itself', () => {
    const converted = convert({
      type: 'object',
      required: ['id', 'name'],
      'x-internal': true,
      discriminator: { propertyName: 'kind' },
      properties: {
        id: { type: 'string', readOnly: true },
        name: { type: 'string', pattern: '^(a+)+$', xml: { name: 'n' } },
        tags: { type: 'array', uniqueItems: true, items: { type: 'string' } },
        few: { type: 'array', uniqueItems: true, maxItems: 5 },
      },
      patternProperties: { '^x': { type: 'string' } },
    })
    expect(converted).to.deep.equal({
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        few: { type: 'array', uniqueItems: true, maxItems: 5 },
      },
    })
    expect(schemas.validateInputSchema(converted)).to.deep.equal([])
  })

  it('inlines $refs (siblings ignored in 3.0; annotations merged, others as allOf in 3.1) and never resolves data', () => {
    const components = {
      Id: { type: 'string', format: 'uuid' },
      Pet: { type: 'object', properties: { id: { $ref: '#/components/schemas/Id' } } },
    }
    const ref = { $ref: '#/components/schemas/Pet', description: 'A pet', maxProperties: 3 }
    expect(convert(ref, '3.0', components)).to.deep.equal({
      type: 'object',
      properties: { id: { type: 'string', format: 'uuid' } },
    })
    const described = { $ref: '#/components/schemas/Id', description: 'The id' }
    expect(convert(described, '3.1', components)).to.deep.equal({
      type: 'string',
      format: 'uuid',
      description: 'The id',
    })
    expect(convert(ref, '3.1', components)).to.deep.equal({
      allOf: [{ type: 'object', properties: { id: { type: 'string', format: 'uuid' } } }],
      description: 'A pet',
      maxProperties: 3,
    })
    const data = { type: 'object', default: { $ref: 'https://evil.example/x' }, enum: [{ $ref: '#/nope' }] }
    expect(convert(data)).to.deep.equal(data)
  })

  it('refuses external and recursive $refs, and $refs that fan out beyond any input_schema', () => {
    expect(problemOf(() => convert({ $ref: 'https://evil.example/s.json' })).message).to.include(
      'external references are not fetched',
    )
    expect(problemOf(() => convert({ $ref: './s.yaml#/S' })).pointer).to.equal('/s/$ref')
    const cyclic = {
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
      B: { allOf: [{ $ref: '#/components/schemas/A' }] },
    }
    const cycle = problemOf(() => convert({ $ref: '#/components/schemas/A' }, '3.0', cyclic))
    expect(cycle.pointer).to.equal('/components/schemas/B/allOf/0/$ref')
    expect(cycle.message).to.include(
      '#/components/schemas/A -> #/components/schemas/B -> #/components/schemas/A',
    )
    // Ten levels of ten references each: 10^10 schemas if expanded.
    const fan: JsonObject = { L10: { type: 'string' } }
    for (let level = 9; level >= 0; level--)
      fan[`L${level}`] = {
        type: 'object',
        properties: Object.fromEntries(
          Array.from({ length: 10 }, (_, i) => [`p${i}`, { $ref: `#/components/schemas/L${level + 1}` }]),
        ),
      }
    expect(problemOf(() => convert({ $ref: '#/components/schemas/L0' }, '3.0', fan)).message).to.include(
      'too large once its $refs are resolved',
    )
  })
})
