import { expect } from 'chai'
import { declareIntegerFormats } from '../../app/kernel/integer-formats.js'
import { loadSpec, type OpenApiDocument } from '../../app/kernel/spec.js'

type Json = Record<string, unknown>

/** Every integer schema of the document, with where it is (skipping data: examples, defaults, enum, const). */
function integerSchemas(node: unknown, at = '#', found: [string, Json][] = []): [string, Json][] {
  if (typeof node !== 'object' || node === null) return found
  const record = node as Json
  const type = record.type
  if (type === 'integer' || (Array.isArray(type) && type.includes('integer'))) found.push([at, record])
  for (const [key, value] of Object.entries(record)) {
    if (!['example', 'examples', 'default', 'enum', 'const'].includes(key))
      integerSchemas(value, `${at}/${key}`, found)
  }
  return found
}

describe('integer formats (npm run spec)', () => {
  it('gives every integer of openapi.yaml a format, as the OWASP ruleset asks', () => {
    const integers = integerSchemas(loadSpec())
    expect(integers.length).to.be.greaterThan(50)
    const missing = integers.filter(([, schema]) => !['int32', 'int64'].includes(String(schema.format)))
    expect(missing.map(([at]) => at)).to.deep.equal([])
  })

  it('says int32 only when the bounds or const fit in 32 bits, else int64, and leaves data alone', () => {
    const doc = {
      paths: {},
      components: {
        schemas: {
          page: { type: 'integer', minimum: 1, maximum: 100 },
          budget: { type: ['integer', 'null'], minimum: 1, maximum: 1_000_000_000_000 },
          count: { type: 'integer', minimum: 0 },
          status: { type: 'integer', const: 409 },
          given: { type: 'integer', format: 'int32' },
          withExample: { type: 'object', examples: [{ type: 'integer' }] },
        },
      },
    } as unknown as OpenApiDocument
    declareIntegerFormats(doc)
    const schemas = doc.components.schemas as Record<string, Json>
    expect(schemas.page!.format).to.equal('int32')
    expect(schemas.budget!.format).to.equal('int64')
    expect(schemas.count!.format).to.equal('int64')
    expect(schemas.status!.format).to.equal('int32')
    expect(schemas.given!.format).to.equal('int32')
    expect(schemas.withExample!.examples).to.deep.equal([{ type: 'integer' }])
  })
})
