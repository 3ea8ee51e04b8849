// The compiled response serialisers (app/kernel/serializers.ts). Every e2e test also compares each compiled
// body with JSON.stringify's (the VALIDATE_RESPONSES check, reported as a contract violation); these tests
// cover what the e2e paths may not reach: every documented property of every 2xx body survives, and a
// member a closed schema does not declare never leaves the process.
import { expect } from 'chai'
import express from 'express'
import supertest from 'supertest'
import { compileSerializers, jsonWriter, type Serialize } from '../../app/kernel/serializers.js'
import { listOperations, loadSpec } from '../../app/kernel/spec.js'

type Json = Record<string, unknown>

const spec = loadSpec()
const serializers = compileSerializers(spec)

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const resolveSchema = (schema: Json): Json => {
  const ref = schema.$ref
  if (typeof ref !== 'string') return schema
  return resolveSchema(spec.components.schemas![ref.replace('#/components/schemas/', '')] as Json)
}

const leakedMember = 'undocumented_member'

/**
 * A value of the schema with every declared property filled in (the first branch of a oneOf or anyOf,
 * every branch of an allOf, the non-null type of a nullable one). With `leak`, every object whose schema is
 * closed (additionalProperties: false) also carries a member it does not declare.
 */
function fill(raw: Json, leak: boolean): unknown {
  const schema = resolveSchema(raw)
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((branch) => fill(branch as Json, leak)))
  }
  const branches = schema.oneOf ?? schema.anyOf
  // An object with its own properties, narrowed by variants (AuditEvent): the serialiser writes its own
  // properties (the variants only constrain them), so the value is made from those.
  if (Array.isArray(branches) && !isObject(schema.properties)) return fill(branches[0] as Json, leak)
  if ('const' in schema) return schema.const
  if (Array.isArray(schema.enum)) return schema.enum[0]
  const types = [schema.type].flat().filter((type) => type !== 'null')
  const type = types[0] ?? (isObject(schema.properties) ? 'object' : undefined)
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return '2026-01-02T03:04:05.678Z'
      if (schema.format === 'uuid') return '5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b'
      return 'some text with "quotes", \\ and \u2028 in it'
    case 'integer':
      return 7
    case 'number':
      return 0.25
    case 'boolean':
      return true
    case 'array':
      return [fill((schema.items as Json | undefined) ?? {}, leak)]
    case 'object': {
      const value: Json = {}
      for (const [name, property] of Object.entries((schema.properties as Json | undefined) ?? {})) {
        value[name] = fill(property as Json, leak)
      }
      if (isObject(schema.additionalProperties)) value.another_key = fill(schema.additionalProperties, leak)
      else if (schema.additionalProperties === false) {
        if (leak) value[leakedMember] = 'leaked'
      } else value.open_member = { nested: ['any', 1, null] }
      return value
    }
    default:
      // No type: any JSON value.
      return { any: ['json', 1, true, null] }
  }
}

/** The 2xx application/json bodies the spec declares, by operation and status. */
function jsonBodies(): { operationId: string; status: number; schema: Json }[] {
  const found: { operationId: string; status: number; schema: Json }[] = []
  for (const { operationId, operation } of listOperations(spec)) {
    for (const [status, declared] of Object.entries(operation.responses as Json)) {
      if (!/^2\d\d$/.test(status)) continue
      let response = declared as Json
      if (typeof response.$ref === 'string') {
        response = spec.components.responses![response.$ref.replace('#/components/responses/', '')] as Json
      }
      const schema = ((response.content as Json | undefined)?.['application/json'] as Json | undefined)
        ?.schema as Json | undefined
      if (schema) found.push({ operationId, status: Number(status), schema })
    }
  }
  return found
}

describe('compiled response serialisers', () => {
  const bodies = jsonBodies()

  it('has one for every 2xx JSON body the spec declares, and for nothing else', () => {
    expect(bodies.length).to.be.greaterThan(20)
    const compiled = [...serializers].flatMap(([operationId, byStatus]) =>
      [...byStatus.keys()].map((status) => `${operationId} ${status}`),
    )
    expect(compiled.sort()).to.deep.equal(bodies.map((b) => `${b.operationId} ${b.status}`).sort())
  })

  it('writes every documented property of every body, as JSON.stringify would', () => {
    for (const { operationId, status, schema } of bodies) {
      const value = fill(schema, false)
      const text = serializers.get(operationId)!.get(status)!(value)
      expect(JSON.parse(text), `${operationId} ${status}`).to.deep.equal(JSON.parse(JSON.stringify(value)))
    }
  })

  it('drops every member a closed schema does not declare, at any depth', () => {
    let closed = 0
    for (const { operationId, status, schema } of bodies) {
      const leaky = fill(schema, true)
      if (!JSON.stringify(leaky).includes(leakedMember)) continue
      closed++
      let text: string
      try {
        text = serializers.get(operationId)!.get(status)!(leaky)
      } catch (error) {
        // A oneOf/anyOf body picks its branch by validating the value: one matching no branch (a closed
        // branch with an extra member) is refused with an error, and nothing is written.
        expect(String(error), `${operationId} ${status}`).to.include('does not match schema definition')
        continue
      }
      expect(text, `${operationId} ${status}`).not.to.include(leakedMember)
      expect(JSON.parse(text), `${operationId} ${status}`).to.deep.equal(fill(schema, false))
    }
    expect(closed).to.be.greaterThan(20)
  })

  it('writes a tool as the API represents it: no stored column leaks, the kind fields and dates do not change', () => {
    const serialize = serializers.get('getTool')!.get(200)!
    const createdAt = new Date('2026-03-04T05:06:07.089Z')
    const tool = {
      id: '5b0e7c9e-3f4a-4d8e-9a51-0c1d2e3f4a5b',
      name: 'adder',
      description: 'Adds',
      kind: 'javascript',
      input_schema: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] },
      code: 'export default ({ a }) => a',
      timeout_ms: 500,
      created_at: createdAt,
      updated_at: createdAt,
    }
    const text = serialize({
      ...tool,
      tenant_id: 'f6b2d1c0-0000-4000-8000-000000000000',
      config: { secret: 1 },
    })
    expect(text).not.to.include('tenant_id').and.not.to.include('secret')
    // Members in the schema's order, required ones first: the same JSON, not always the same text.
    expect(JSON.parse(text)).to.deep.equal(JSON.parse(JSON.stringify(tool)))
  })

  describe('the writer', () => {
    const appWith = (serialize: Serialize, verify?: (mismatch: string) => void) => {
      const app = express()
      const write = jsonWriter(new Map([[200, serialize]]), verify && ((_res, mismatch) => verify(mismatch)))
      app.get('/', (_req, res) => write(res, 200, { a: 1, b: 'two' }))
      app.get('/other', (_req, res) => write(res, 201, { c: 3 }))
      return app
    }

    it('sends the compiled text as application/json; a status without a serialiser goes through res.json', async () => {
      const app = appWith(() => '{"compiled":true}')
      const res = await supertest(app).get('/')
      expect(res.headers['content-type']).to.equal('application/json; charset=utf-8')
      expect(res.text).to.equal('{"compiled":true}')
      const other = await supertest(app).get('/other')
      expect(other.text).to.equal('{"c":3}')
    })

    it('reports a compiled body that differs from JSON.stringify when verifying, and sends the compiled one', async () => {
      const mismatches: string[] = []
      const app = appWith(
        () => '{"a":1}',
        (mismatch) => mismatches.push(mismatch),
      )
      const res = await supertest(app).get('/')
      expect(res.body).to.deep.equal({ a: 1 })
      expect(mismatches).to.have.length(1)
      expect(mismatches[0]).to.include('differs from JSON.stringify')
      const agreeing: string[] = []
      await supertest(appWith(JSON.stringify, (m) => agreeing.push(m))).get('/')
      expect(agreeing).to.deep.equal([])
    })
  })
})
