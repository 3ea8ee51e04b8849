import { expect } from 'chai'
import { calculator } from '../builtins/calculator.js'
import { buildRegistry, rejection } from './fixtures.js'

describe('the tool kind registry: prepareTool (create and update)', () => {
  after(async () => (await buildRegistry()).close()) // stops the sandbox workers the javascript cases started

  it('makes a tool without a kind a client tool with the default input schema', async () => {
    const registry = await buildRegistry()
    expect(await registry.prepareTool({ name: 'x', description: 'y' })).to.deep.equal({
      kind: 'client',
      inputSchema: { type: 'object' },
      config: {},
    })
  })

  it("gives a builtin tool the builtin's own input schema, unless the tool names one", async () => {
    const registry = await buildRegistry()
    const prepared = await registry.prepareTool({ kind: 'builtin', builtin: 'calculator' })
    expect(prepared).to.deep.equal({
      kind: 'builtin',
      inputSchema: calculator.inputSchema,
      config: { builtin: 'calculator' },
    })
    const own = { type: 'object', properties: { expression: { type: 'string' } } }
    expect(
      (await registry.prepareTool({ kind: 'builtin', builtin: 'calculator', input_schema: own })).inputSchema,
    ).to.equal(own)
    const schema = registry.defaultInputSchema('builtin', { builtin: 'current_time' })
    schema.mutated = true // a copy: the builtin's own schema stays as it is
    expect(registry.defaultInputSchema('builtin', { builtin: 'current_time' })).not.to.have.property(
      'mutated',
    )
    expect(registry.defaultInputSchema('client', {})).to.deep.equal({ type: 'object' })
  })

  const js = (code: string, more: Record<string, unknown> = {}) => ({ kind: 'javascript', code, ...more })
  const oversized = `export default () => 1 //${'x'.repeat(65_536)}`
  // [what, the tool's fields, the code, the pointer of one error, its message]
  // prettier-ignore
  const refused: [string, Record<string, unknown>, string, string, RegExp][] = [
    ['an unknown kind', { kind: 'python' }, 'INVALID_TOOL_CONFIG', '/kind', /must be one of: builtin, client, javascript/],
    ['a kind that is not a string', { kind: 42 }, 'INVALID_TOOL_CONFIG', '/kind', /must be one of/],
    ['an unknown builtin', { kind: 'builtin', builtin: 'weather' }, 'INVALID_TOOL_CONFIG', '/builtin', /must be one of: calculator, current_time/],
    ['a builtin tool without its builtin', { kind: 'builtin' }, 'INVALID_TOOL_CONFIG', '/builtin', /is required with kind builtin/],
    ['a field of another kind', { kind: 'builtin', builtin: 'calculator', code: 'x' }, 'INVALID_TOOL_CONFIG', '/code', /belongs to kind javascript, not builtin/],
    ['a client tool with a timeout', { timeout_ms: 100 }, 'INVALID_TOOL_CONFIG', '/timeout_ms', /belongs to kind javascript, not client/],
    ['a javascript tool without code', { kind: 'javascript' }, 'INVALID_TOOL_CONFIG', '/code', /is required with kind javascript/],
    ['oversized code', js(oversized), 'INVALID_TOOL_CONFIG', '/code', /at most 65536 bytes/],
    ['a timeout of 0', js('export default () => 1', { timeout_ms: 0 }), 'INVALID_TOOL_CONFIG', '/timeout_ms', /from 1 to 5000/],
    ['a timeout over 5 s', js('export default () => 1', { timeout_ms: 5001 }), 'INVALID_TOOL_CONFIG', '/timeout_ms', /from 1 to 5000/],
    ['a fractional timeout', js('export default () => 1', { timeout_ms: 1.5 }), 'INVALID_TOOL_CONFIG', '/timeout_ms', /an integer/],
    ['code whose default export is not a function', js('export default 42'), 'INVALID_TOOL_CONFIG', '/code', /default export must be a function/],
    ['code without a default export', js('export const f = () => 1'), 'INVALID_TOOL_CONFIG', '/code', /must be a function .* not undefined/],
    ['code that imports', js('import fs from "fs"\nexport default () => fs'), 'INVALID_TOOL_CONFIG', '/code', /import of "fs" is not allowed/],
    ['an input_schema that is not a JSON Schema', { input_schema: 'string' }, 'INVALID_INPUT_SCHEMA', '/input_schema', /must be a JSON Schema object/],
    ['an input_schema with a wrong type', { input_schema: { type: 'object', properties: { a: { type: 'strin' } } } }, 'INVALID_INPUT_SCHEMA', '/input_schema/properties/a/type', /allowed values/],
    ['an input_schema that is not an object schema', { input_schema: { type: 'array' } }, 'INVALID_INPUT_SCHEMA', '/input_schema/type', /must be "object"/],
  ]
  for (const [what, input, code, pointer, message] of refused) {
    it(`refuses ${what}: 422 ${code} at ${pointer}`, async () => {
      const error = await rejection((await buildRegistry()).prepareTool(input))
      expect(error).to.include({ code, status: 422 })
      const errors = error.details.errors as { pointer: string; message: string }[]
      expect(errors.map((e) => e.pointer)).to.include(pointer)
      expect(errors.find((e) => e.pointer === pointer)!.message).to.match(message)
    })
  }

  it('refuses code that does not compile with CODE_DOES_NOT_COMPILE and its line and column', async () => {
    const registry = await buildRegistry()
    const error = await rejection(
      registry.prepareTool({ kind: 'javascript', code: 'export default (x) => {\n  return x +;\n}' }),
    )
    expect(error).to.include({ code: 'CODE_DOES_NOT_COMPILE', status: 422 })
    expect(error.details).to.deep.equal({
      line: 2,
      column: 13,
      message: "SyntaxError: unexpected token in expression: ';'",
    })
    expect(error.message).to.equal("line 2, column 13: SyntaxError: unexpected token in expression: ';'")
    const other = await rejection(
      registry.prepareTool({
        kind: 'javascript',
        code: 'const a = 1\n\nexport default functio (x) { return x }',
      }),
    )
    expect(other.details).to.include({ line: 3, column: 28 })
  })

  it('accepts a javascript tool, applying the default timeout', async () => {
    const registry = await buildRegistry()
    const code = 'export default async ({ a, b }) => ({ sum: a + b })'
    expect(await registry.prepareTool({ kind: 'javascript', code })).to.deep.equal({
      kind: 'javascript',
      inputSchema: { type: 'object' },
      config: { code, timeout_ms: 500 },
    })
    expect((await registry.prepareTool({ kind: 'javascript', code, timeout_ms: 5000 })).config).to.deep.equal(
      { code, timeout_ms: 5000 },
    )
  })
})
