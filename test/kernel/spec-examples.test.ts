// Examples in openapi.yaml are checked like responses: each must be valid against the schema beside it,
// so docs and example-driven tools (Dredd, Prism) never show or send what the API would refuse.
import { expect } from 'chai'
import { makeSpecSchemas, pointerOf } from '../../app/kernel/spec-schemas.js'
import { listOperations, loadSpec } from '../../app/kernel/spec.js'

type Json = Record<string, unknown>

const spec = loadSpec()
const schemas = makeSpecSchemas(spec)

interface Example {
  where: string
  /** Pointer of the schema the example must match. */
  schema: string
  value: unknown
}

/** Every example: of a schema (examples: [...]), a media type or a parameter (example, examples.*.value). */
function collectExamples(node: unknown, pointer: string, found: Example[]): Example[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return found
  const object = node as Json
  const isSchemaHolder = 'schema' in object && typeof object.schema === 'object'
  if (isSchemaHolder) {
    const schema = `${pointer}/schema`
    if ('example' in object) found.push({ where: `${pointer}/example`, schema, value: object.example })
    for (const [name, example] of Object.entries((object.examples ?? {}) as Record<string, Json>)) {
      if ('value' in example)
        found.push({ where: `${pointer}/examples/${name}`, schema, value: example.value })
    }
  }
  const inSchemas = pointer.startsWith('/components/schemas/')
  if (inSchemas && Array.isArray(object.examples)) {
    object.examples.forEach((value, i) =>
      found.push({ where: `${pointer}/examples/${i}`, schema: pointer, value }),
    )
  }
  for (const [key, value] of Object.entries(object)) {
    if (key === 'examples' || key === 'example') continue
    collectExamples(value, `${pointer}${pointerOf(key)}`, found)
  }
  return found
}

/** A media type has an example of its own, or its schema is a component with `examples`. */
function hasExample(media: Json | undefined, doc: typeof spec): boolean {
  if (!media) return true
  if ('example' in media || Object.keys(media.examples ?? {}).length > 0) return true
  const ref = (media.schema as Json | undefined)?.$ref
  if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return false
  const component = doc.components.schemas?.[ref.replace('#/components/schemas/', '')] as Json | undefined
  return Array.isArray(component?.examples) && component.examples.length > 0
}

/** `METHOD /path request|status` of each JSON request body or 2xx JSON response lacking an example. */
function operationsWithoutExamples(doc = spec): string[] {
  const deref = (node: Json | undefined, kind: 'requestBodies' | 'responses'): Json | undefined =>
    typeof node?.$ref === 'string'
      ? (doc.components as Record<string, Record<string, Json> | undefined>)[kind]?.[
          node.$ref.replace(`#/components/${kind}/`, '')
        ]
      : node
  const jsonOf = (node: Json | undefined): Json | undefined =>
    (node?.content as Record<string, Json> | undefined)?.['application/json']
  const missing: string[] = []
  for (const op of listOperations(doc)) {
    const name = `${op.method.toUpperCase()} ${op.path}`
    const body = deref(op.operation.requestBody as Json | undefined, 'requestBodies')
    if (!hasExample(jsonOf(body), doc)) missing.push(`${name} request`)
    for (const [status, response] of Object.entries((op.operation.responses ?? {}) as Json)) {
      if (!/^2\d\d$/.test(status)) continue
      if (!hasExample(jsonOf(deref(response as Json, 'responses')), doc)) missing.push(`${name} ${status}`)
    }
  }
  return missing
}

describe('openapi.yaml examples', () => {
  const examples = collectExamples(spec, '', [])

  it('has examples to check: request bodies, responses, parameters and schemas', () => {
    expect(examples.length).to.be.greaterThan(10)
  })

  it('gives each example a value valid against the schema beside it', () => {
    for (const { where, schema, value } of examples) {
      expect(schemas.validate(schema, value), where).to.deep.equal([])
    }
  })

  it('gives every path parameter an example (Dredd refuses a URI parameter without one)', () => {
    const resolve = (parameter: Json): Json =>
      typeof parameter.$ref === 'string'
        ? (spec.components.parameters?.[parameter.$ref.replace('#/components/parameters/', '')] as Json)
        : parameter
    for (const op of listOperations(spec)) {
      const item = spec.paths[op.path] as { parameters?: Json[] }
      const parameters = [
        ...(item.parameters ?? []),
        ...((op.operation.parameters as Json[] | undefined) ?? []),
      ]
      for (const parameter of parameters.map(resolve).filter((p) => p.in === 'path')) {
        expect(
          parameter.example,
          `${op.method.toUpperCase()} ${op.path} {${String(parameter.name)}}`,
        ).to.be.a('string')
      }
    }
  })

  it('gives every JSON request body and 2xx JSON response an example (media type or its schema)', () => {
    const missing = operationsWithoutExamples()
    expect(missing, missing.join('\n')).to.deep.equal([])
  })

  it('finds a JSON body without an example (the check can fail)', () => {
    const bare = {
      paths: {
        '/x': {
          post: {
            operationId: 'x',
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
            responses: { '201': { content: { 'application/json': { schema: { type: 'object' } } } } },
          },
        },
      },
      components: {},
    } as unknown as typeof spec
    expect(operationsWithoutExamples(bare)).to.deep.equal(['POST /x request', 'POST /x 201'])
  })

  it('fails an example that breaks its schema (the check can fail)', () => {
    expect(schemas.validate('/components/schemas/Tool', { id: 'not-a-uuid' })).not.to.be.empty
  })
})
