// What a javascript tool can do and how each failure reads: JSON in and out, throws, promises, cancel,
// and the compile check create/update relies on.
import { expect } from 'chai'
import { createSandbox, type Sandbox } from '../sandbox.js'

describe('the javascript sandbox: calls', () => {
  let sandbox: Sandbox
  before(() => (sandbox = createSandbox({ workers: 1 })))
  after(() => sandbox.close())

  const run = (code: string, input: unknown = {}, timeoutMs = 500) => sandbox.run(code, input, { timeoutMs })

  it('passes the input as JSON and takes the output back as JSON, sync or async', async () => {
    const input = { text: 'héllo ✓', list: [1, 2.5, null, true], nested: { deep: { a: 'b' } } }
    expect(await run('export default (input) => input', input)).to.deep.equal({ output: input })
    expect(
      await run('export default async ({ list }) => { await null; return list.length }', input),
    ).to.deep.equal({ output: 4 })
    expect(await run('export default function (x) { return x.n * 2 }', { n: 21 })).to.deep.equal({
      output: 42,
    })
    expect(
      await run('await null\nconst twice = (n) => 2 * n\nexport default ({ n }) => twice(n)', { n: 4 }),
    ).to.deep.equal({ output: 8 })
    expect(await run('export default () => ({ when: new Date(0), skipped: undefined })')).to.deep.equal({
      output: { when: '1970-01-01T00:00:00.000Z' },
    })
  })

  it('answers THREW with the thrown message, cut to 1000 characters', async () => {
    expect(await run('export default () => { throw new TypeError("bad input") }')).to.deep.equal({
      error: { code: 'THREW', message: 'TypeError: bad input' },
    })
    expect(await run('export default async () => { throw "a string" }')).to.deep.equal({
      error: { code: 'THREW', message: 'a string' },
    })
    expect(await run('export default () => { throw { reason: 42 } }')).to.deep.equal({
      error: { code: 'THREW', message: '{"reason":42}' },
    })
    const long = (await run('export default () => { throw new Error("x".repeat(5000)) }')) as {
      error: { message: string }
    }
    expect(long.error.message).to.have.length(1000)
  })

  it('answers INVALID_OUTPUT for what JSON cannot represent', async () => {
    const invalid = {
      'export default () => undefined':
        'the output is not JSON: the result is undefined, which JSON cannot represent',
      'export default () => () => 1':
        'the output is not JSON: the result is function, which JSON cannot represent',
      'export default () => 10n': 'the output is not JSON: TypeError: Do not know how to serialize a BigInt',
      'export default () => { const a = {}; a.self = a; return a }':
        'the output is not JSON: TypeError: circular reference',
    }
    for (const [code, message] of Object.entries(invalid)) {
      expect(await run(code), code).to.deep.equal({ error: { code: 'INVALID_OUTPUT', message } })
    }
  })

  it('answers NEVER_SETTLED for a promise that never settles, in the call or at the top level', async () => {
    expect(await run('export default () => new Promise(() => {})')).to.deep.equal({
      error: {
        code: 'NEVER_SETTLED',
        message: 'the promise the tool returned never settles (nothing is left to run)',
      },
    })
    expect(
      await run('export default async () => { await new Promise(() => {}); return 1 }'),
    ).to.have.nested.property('error.code', 'NEVER_SETTLED')
    expect(await run('await new Promise(() => {})\nexport default () => 1')).to.deep.equal({
      error: { code: 'NEVER_SETTLED', message: "the module's top level awaits a promise that never settles" },
    })
  })

  it('answers CANCELLED when the signal is aborted: before the call, while it runs, or while it waits', async () => {
    const aborted = new AbortController()
    aborted.abort()
    expect(
      await sandbox.run('export default () => 1', {}, { timeoutMs: 500, signal: aborted.signal }),
    ).to.deep.equal({
      error: { code: 'CANCELLED', message: 'the call was cancelled' },
    })
    const running = new AbortController()
    const waiting = new AbortController()
    const spin = sandbox.run(
      'export default () => { for (;;) {} }',
      {},
      { timeoutMs: 5000, signal: running.signal },
    )
    const queued = sandbox.run('export default () => 1', {}, { timeoutMs: 500, signal: waiting.signal }) // one worker: it waits
    waiting.abort()
    expect(await queued).to.deep.equal({ error: { code: 'CANCELLED', message: 'the call was cancelled' } })
    expect(sandbox.stats()).to.deep.include({ busy: 1, queued: 0 })
    running.abort()
    // Under load the abort may land while the module's top level still evaluates: the phase is named then.
    const spun = (await spin) as { error: { code: string; message: string } }
    expect(spun.error.code).to.equal('CANCELLED')
    expect(spun.error.message).to.match(/^(the module's top level: )?the call was cancelled$/)
    expect(await run('export default () => "next"')).to.deep.equal({ output: 'next' })
  })

  describe('check (create and update)', () => {
    const check = (code: string) => sandbox.check(code, 500)

    it('accepts a module whose default export is a function, without calling it', async () => {
      expect(await check('export default () => { for (;;) {} }')).to.deep.equal({ ok: true })
      expect(await check('export default async function tool(input) { return input }')).to.deep.equal({
        ok: true,
      })
    })

    it('reports a syntax error with its line and column', async () => {
      expect(await check('export default (x) => {\n  return x +;\n}')).to.deep.equal({
        ok: false, problem: 'syntax', line: 2, column: 13, message: "SyntaxError: unexpected token in expression: ';'",
      }) // prettier-ignore
      expect(await check('export default () => 1\n\n\nlet let = 2')).to.deep.include({
        problem: 'syntax',
        line: 4,
        column: 5,
      })
      expect(await check('export default () => `open')).to.deep.include({ problem: 'syntax', line: 1 })
      expect(await check('module.exports = () => 1')).to.deep.include({ ok: false, problem: 'module' }) // not a module export
    })

    it('reports a module that is not a tool: no function default export, or a top level that fails', async () => {
      expect(await check('export const tool = () => 1')).to.deep.equal({
        ok: false, problem: 'module', message: 'the default export must be a function (input) => output, not undefined',
      }) // prettier-ignore
      expect(await check('throw new Error("no")\nexport default () => 1')).to.deep.equal({
        ok: false, problem: 'module', message: "the module's top level failed: Error: no",
      }) // prettier-ignore
      expect(await check('for (;;) {}\nexport default () => 1')).to.deep.include({
        ok: false,
        problem: 'module',
      })
    })
  })
})
