import { expect } from 'chai'
import { makeInputSchemas } from '../input-schemas.js'

const schemas = makeInputSchemas()
const accepts = (schema: unknown): void => {
  expect(schemas.validateInputSchema(schema), JSON.stringify(schema)).to.deep.equal([])
}
const pointersOf = (schema: unknown): string[] => schemas.validateInputSchema(schema).map((e) => e.pointer)

describe('tool input schemas (JSON Schema 2020-12)', () => {
  it('accepts object schemas with properties, references inside the document, formats and annotations', () => {
    accepts({ type: 'object' })
    accepts({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        city: { type: 'string', description: 'a city', minLength: 1 },
        when: { type: 'string', format: 'date-time' },
        pattern: { $ref: '#/$defs/unit' }, // a property may be named like a keyword
        tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 10 },
      },
      required: ['city'],
      additionalProperties: false,
      $defs: { unit: { enum: ['metric', 'imperial'] } },
      'x-example': { city: 'Paris' }, // unknown keywords are annotations
    })
  })

  it('refuses what is not a JSON Schema, pointing into the schema', () => {
    expect(pointersOf('a string')).to.deep.equal([''])
    expect(pointersOf([])).to.deep.equal([''])
    expect(pointersOf(null)).to.deep.equal([''])
    expect(pointersOf({ type: 'object', properties: { a: { type: 'strin' } } })).to.include(
      '/properties/a/type',
    )
    expect(pointersOf({ type: 'object', required: 'a' })).to.include('/required')
    expect(pointersOf({ type: 'object', properties: { n: { minimum: 'one' } } })).to.include(
      '/properties/n/minimum',
    )
  })

  it('refuses a schema that is not an object schema', () => {
    expect(schemas.validateInputSchema({ type: 'string' })).to.deep.equal([
      { pointer: '/type', message: 'must be "object": a tool takes an object of arguments' },
    ])
    expect(pointersOf({ properties: {} })).to.deep.equal(['/type'])
  })

  it('refuses remote references, $id, another dialect, regular expressions and unbounded uniqueItems', () => {
    expect(
      pointersOf({ type: 'object', properties: { a: { $ref: 'https://evil.example/schema.json' } } }),
    ).to.deep.equal(['/properties/a/$ref'])
    expect(pointersOf({ type: 'object', $id: 'https://tenant.example/s' })).to.deep.equal(['/$id'])
    expect(pointersOf({ type: 'object', $schema: 'http://json-schema.org/draft-07/schema#' })).to.deep.equal([
      '/$schema',
    ])
    expect(
      pointersOf({ type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+$' } } }),
    ).to.deep.equal(['/properties/a/pattern'])
    expect(pointersOf({ type: 'object', patternProperties: { '^x': {} } })).to.deep.equal([
      '/patternProperties',
    ])
    expect(pointersOf({ type: 'object', anyOf: [{ propertyNames: { pattern: 'a' } }] })).to.deep.equal([
      '/anyOf/0/propertyNames/pattern',
    ])
    expect(
      pointersOf({ type: 'object', properties: { t: { type: 'array', uniqueItems: true } } }),
    ).to.deep.equal(['/properties/t/uniqueItems'])
  })

  it('bounds the size and the depth before anything recursive reads the schema', () => {
    const big = { type: 'object', description: 'x'.repeat(40_000) }
    expect(schemas.validateInputSchema(big)[0]!.message).to.match(/at most 32768 bytes/)
    let deep: Record<string, unknown> = { type: 'object' }
    for (let i = 0; i < 100; i++) deep = { type: 'object', properties: { a: deep } }
    expect(schemas.validateInputSchema(deep)[0]!.message).to.match(/nest at most 64 levels/)
  })

  it('validates inputs with a JSON pointer per problem, at the offending property', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'number' },
        list: { type: 'array', items: { type: 'string' } },
        'x/y': { type: 'string' },
      },
      required: ['a', 'b'],
      additionalProperties: false,
    }
    expect(schemas.validateInput(schema, { a: 1, b: 2 })).to.deep.equal([
      { pointer: '/b', message: 'must NOT have additional properties' },
    ])
    expect(
      schemas.validateInput({ ...schema, properties: { ...schema.properties, b: {} } }, { a: 1, b: 2 }),
    ).to.deep.equal([])
    const errors = schemas.validateInput(schema, { a: 'one', list: ['ok', 3], 'x/y': 1, extra: true })
    expect(errors).to.deep.include({ pointer: '/a', message: 'must be number' })
    expect(errors).to.deep.include({ pointer: '/list/1', message: 'must be string' })
    expect(errors).to.deep.include({ pointer: '/x~1y', message: 'must be string' })
    expect(errors).to.deep.include({ pointer: '/b', message: "must have required property 'b'" })
    expect(errors).to.deep.include({ pointer: '/extra', message: 'must NOT have additional properties' })
    expect(schemas.validateInput({ type: 'object' }, 'not an object')).to.deep.equal([
      { pointer: '', message: 'must be object' },
    ])
  })

  it('checks formats (ajv-formats)', () => {
    const schema = { type: 'object', properties: { email: { type: 'string', format: 'email' } } }
    expect(schemas.validateInput(schema, { email: 'a@example.com' })).to.deep.equal([])
    expect(schemas.validateInput(schema, { email: 'nope' })).to.deep.equal([
      { pointer: '/email', message: 'must match format "email"' },
    ])
  })
})
