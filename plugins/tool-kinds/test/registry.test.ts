import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'chai'
import { loadToolKinds } from '../tool-kinds.loader.js'
import { calculator } from '../builtins/calculator.js'
import type { ToolKind } from '../tool-kind.js'
import { buildRegistry, neverAborted, noTransaction, rejection } from './fixtures.js'
import { scratchDir } from '../../../test/helpers/scratch-dir.js'

const echo: ToolKind<{ prefix: string }> = {
  kind: 'echo',
  fields: ['prefix'],
  executable: true,
  prepare: (fields) => Promise.resolve({ prefix: typeof fields.prefix === 'string' ? fields.prefix : '' }),
  execute: ({ input, config, tenantId, toolId }) =>
    Promise.resolve({ output: { echoed: input, prefix: config.prefix, tenantId, toolId } }),
}
const ctx = { signal: neverAborted(), tenantId: 'tenant-a', inTransaction: noTransaction }

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
    const dir = scratchDir('kinds-')
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
