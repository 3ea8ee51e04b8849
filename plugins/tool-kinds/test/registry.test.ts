import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { loadToolKinds } from '../tool-kinds.loader.js'
import { calculator } from '../builtins/calculator.js'
import type { ToolKind } from '../tool-kind.js'
import { buildRegistry, neverAborted, rejection } from './fixtures.js'

const echo: ToolKind<{ prefix: string }> = {
  kind: 'echo',
  fields: ['prefix'],
  executable: true,
  prepare: (fields) => Promise.resolve({ prefix: typeof fields.prefix === 'string' ? fields.prefix : '' }),
  execute: ({ input, config, tenantId, toolId }) =>
    Promise.resolve({ output: { echoed: input, prefix: config.prefix, tenantId, toolId } }),
}
const ctx = { signal: neverAborted(), tenantId: 'tenant-a' }

describe('the tool kind registry', () => {
  after(async () => (await buildRegistry()).close()) // stops the sandbox workers the javascript cases started

  it('finds every kind file: builtin, client and javascript', async () => {
    expect((await loadToolKinds()).map((kind) => kind.kind)).to.deep.equal([
      'builtin',
      'client',
      'javascript',
    ])
    expect((await buildRegistry()).list()).to.deep.equal(['builtin', 'client', 'javascript'])
  })

  it('stops the boot when a kind file exports another kind, naming the file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kinds-'))
    writeFileSync(path.join(dir, 'wrong.kind.ts'), "export const kind = { kind: 'other', fields: [] }\n")
    let error: unknown
    await loadToolKinds(dir).catch((thrown: unknown) => (error = thrown))
    expect(String(error)).to.contain('wrong.kind.ts must export `kind` with kind "wrong"')
  })

  it('adds contributed kinds, and stops the boot on a duplicate or on a kind claiming a field of the tool', async () => {
    const registry = await buildRegistry([echo])
    expect(registry.list()).to.include('echo')
    const prepared = await registry.prepareTool({ kind: 'echo', prefix: '>' })
    expect(prepared).to.deep.equal({ kind: 'echo', inputSchema: { type: 'object' }, config: { prefix: '>' } })
    const result = await registry.run(
      { id: 't1', kind: 'echo', input_schema: { type: 'object' }, config: prepared.config },
      { a: 1 },
      ctx,
    )
    expect(result).to.deep.include({
      output: { echoed: { a: 1 }, prefix: '>', tenantId: 'tenant-a', toolId: 't1' },
    })
    let duplicate: unknown
    await buildRegistry([echo, echo]).catch((error: unknown) => (duplicate = error))
    expect(String(duplicate)).to.contain('Tool kind "echo" is registered twice')
    let claiming: unknown
    await buildRegistry([{ ...echo, kind: 'claims', fields: ['name'] }]).catch(
      (error: unknown) => (claiming = error),
    )
    expect(String(claiming)).to.contain("claims the tool's own field(s): name")
  })

  describe('prepareTool (create and update)', () => {
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
        (await registry.prepareTool({ kind: 'builtin', builtin: 'calculator', input_schema: own }))
          .inputSchema,
      ).to.equal(own)
      const schema = registry.defaultInputSchema('builtin', { builtin: 'current_time' })
      schema.mutated = true // a copy: the builtin's own schema stays as it is
      expect(registry.defaultInputSchema('builtin', { builtin: 'current_time' })).not.to.have.property(
        'mutated',
      )
      expect(registry.defaultInputSchema('client', {})).to.deep.equal({ type: 'object' })
    })

    const refused: [string, Record<string, unknown>, string, string, RegExp][] = [
      [
        'an unknown kind',
        { kind: 'python' },
        'INVALID_TOOL_CONFIG',
        '/kind',
        /must be one of: builtin, client, javascript/,
      ],
      ['a kind that is not a string', { kind: 42 }, 'INVALID_TOOL_CONFIG', '/kind', /must be one of/],
      [
        'an unknown builtin',
        { kind: 'builtin', builtin: 'weather' },
        'INVALID_TOOL_CONFIG',
        '/builtin',
        /must be one of: calculator, current_time/,
      ],
      [
        'a builtin tool without its builtin',
        { kind: 'builtin' },
        'INVALID_TOOL_CONFIG',
        '/builtin',
        /is required with kind builtin/,
      ],
      [
        'a field of another kind',
        { kind: 'builtin', builtin: 'calculator', code: 'x' },
        'INVALID_TOOL_CONFIG',
        '/code',
        /belongs to kind javascript, not builtin/,
      ],
      [
        'a client tool with a timeout',
        { timeout_ms: 100 },
        'INVALID_TOOL_CONFIG',
        '/timeout_ms',
        /belongs to kind javascript, not client/,
      ],
      [
        'a javascript tool without code',
        { kind: 'javascript' },
        'INVALID_TOOL_CONFIG',
        '/code',
        /is required with kind javascript/,
      ],
      [
        'oversized code',
        { kind: 'javascript', code: `export default () => 1 //${'x'.repeat(65_536)}` },
        'INVALID_TOOL_CONFIG',
        '/code',
        /at most 65536 bytes/,
      ],
      [
        'a timeout of 0',
        { kind: 'javascript', code: 'export default () => 1', timeout_ms: 0 },
        'INVALID_TOOL_CONFIG',
        '/timeout_ms',
        /from 1 to 5000/,
      ],
      [
        'a timeout over 5 s',
        { kind: 'javascript', code: 'export default () => 1', timeout_ms: 5001 },
        'INVALID_TOOL_CONFIG',
        '/timeout_ms',
        /from 1 to 5000/,
      ],
      [
        'code whose default export is not a function',
        { kind: 'javascript', code: 'export default 42' },
        'INVALID_TOOL_CONFIG',
        '/code',
        /default export must be a function/,
      ],
      [
        'code without a default export',
        { kind: 'javascript', code: 'export const f = () => 1' },
        'INVALID_TOOL_CONFIG',
        '/code',
        /default export must be a function .* not undefined/,
      ],
      [
        'code that imports',
        { kind: 'javascript', code: 'import fs from "fs"\nexport default () => fs' },
        'INVALID_TOOL_CONFIG',
        '/code',
        /import of "fs" is not allowed/,
      ],
      [
        'an input_schema that is not a JSON Schema',
        { input_schema: 'string' },
        'INVALID_INPUT_SCHEMA',
        '/input_schema',
        /must be a JSON Schema object/,
      ],
      [
        'an input_schema with a wrong type',
        { input_schema: { type: 'object', properties: { a: { type: 'strin' } } } },
        'INVALID_INPUT_SCHEMA',
        '/input_schema/properties/a/type',
        /allowed values/,
      ],
      [
        'an input_schema that is not an object schema',
        { input_schema: { type: 'array' } },
        'INVALID_INPUT_SCHEMA',
        '/input_schema/type',
        /must be "object"/,
      ],
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
      expect(
        (await registry.prepareTool({ kind: 'javascript', code, timeout_ms: 5000 })).config,
      ).to.deep.equal({ code, timeout_ms: 5000 })
    })
  })

  describe('run', () => {
    const calculatorTool = {
      id: 'calc',
      kind: 'builtin',
      input_schema: calculator.inputSchema,
      config: { builtin: 'calculator' },
    }

    it('runs a builtin and measures the latency', async () => {
      const result = await (await buildRegistry()).run(calculatorTool, { expression: '(1 + 2) * 3' }, ctx)
      expect(result).to.have.property('output').that.deep.equals({ result: 9 })
      expect(result.latencyMs).to.be.a('number').at.least(0)
    })

    it("returns the tool's own failure as an error result", async () => {
      const result = await (await buildRegistry()).run(calculatorTool, { expression: '1 / 0' }, ctx)
      expect(result).to.deep.include({
        error: { code: 'MATH_ERROR', message: 'division by zero at position 3' },
      })
    })

    it('refuses input that does not match the schema: 422 INVALID_TOOL_INPUT with a pointer per problem', async () => {
      const error = await rejection(
        (await buildRegistry()).run(calculatorTool, { expression: 3, extra: true }, ctx),
      )
      expect(error).to.include({ code: 'INVALID_TOOL_INPUT', status: 422 })
      expect(error.details.errors).to.deep.equal([
        { pointer: '/extra', message: 'must NOT have additional properties' },
        { pointer: '/expression', message: 'must be string' },
      ])
    })

    it('refuses to run a client tool: 409 TOOL_NOT_EXECUTABLE', async () => {
      const error = await rejection(
        (await buildRegistry()).run(
          { id: 'c', kind: 'client', input_schema: { type: 'object' }, config: {} },
          {},
          ctx,
        ),
      )
      expect(error).to.include({ code: 'TOOL_NOT_EXECUTABLE', status: 409 })
    })

    it("checks a builtin's input against its own schema when the tool's schema lets anything through", async () => {
      const loose = { ...calculatorTool, input_schema: { type: 'object' } }
      const result = await (await buildRegistry()).run(loose, { nothing: 1 }, ctx)
      expect(result).to.deep.include({
        error: {
          code: 'INVALID_INPUT',
          message:
            "calculator: /expression must have required property 'expression'; /nothing must NOT have additional properties",
        },
      })
    })

    it('answers a kind that is not installed, a cancelled call and a failing kind as error results', async () => {
      const broken: ToolKind = {
        ...echo,
        kind: 'broken',
        execute: () => Promise.reject(new Error('a bug with a host secret')),
      }
      const registry = await buildRegistry([broken])
      const unknown = await registry.run({ ...calculatorTool, kind: 'http' }, {}, ctx)
      expect(unknown).to.deep.include({
        error: { code: 'UNKNOWN_KIND', message: 'no tool kind "http" is installed' },
      })
      const controller = new AbortController()
      controller.abort()
      const cancelled = await registry.run(
        calculatorTool,
        { expression: '1' },
        { ...ctx, signal: controller.signal },
      )
      expect(cancelled).to.deep.include({ error: { code: 'CANCELLED', message: 'the call was cancelled' } })
      const failed = await registry.run(
        { id: 'b', kind: 'broken', input_schema: { type: 'object' }, config: {} },
        {},
        ctx,
      )
      expect(failed).to.deep.include({
        error: { code: 'TOOL_FAILED', message: 'the tool failed unexpectedly' },
      })
    })

    it('runs a javascript tool through the sandbox, JSON in and JSON out', async () => {
      const registry = await buildRegistry()
      const prepared = await registry.prepareTool({
        kind: 'javascript',
        code: 'export default ({ words }) => ({ count: words.length, upper: words.map((w) => w.toUpperCase()) })',
      })
      const tool = {
        id: 'js',
        kind: prepared.kind,
        input_schema: prepared.inputSchema,
        config: prepared.config,
      }
      expect(await registry.run(tool, { words: ['a', 'b'] }, ctx)).to.deep.include({
        output: { count: 2, upper: ['A', 'B'] },
      })
    })
  })

  it("gives back only the kind's fields for the API representation", async () => {
    const registry = await buildRegistry()
    expect(registry.fieldsOf({ kind: 'builtin', config: { builtin: 'calculator' } })).to.deep.equal({
      builtin: 'calculator',
    })
    expect(registry.fieldsOf({ kind: 'javascript', config: { code: 'c', timeout_ms: 500 } })).to.deep.equal({
      code: 'c',
      timeout_ms: 500,
    })
    expect(registry.fieldsOf({ kind: 'client', config: {} })).to.deep.equal({})
  })
})
