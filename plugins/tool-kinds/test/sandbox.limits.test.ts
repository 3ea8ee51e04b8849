// The sandbox abuse list of issue 15, part 1: CPU, memory, stack and output, each a tool error.
import { expect } from 'chai'
import { createSandbox, type Sandbox } from '../sandbox.js'

describe('the javascript sandbox: limits', () => {
  let sandbox: Sandbox
  before(() => (sandbox = createSandbox({ workers: 2 })))
  after(() => sandbox.close())

  const run = (code: string, input: unknown = {}, timeoutMs = 500) => sandbox.run(code, input, { timeoutMs })
  const errorCode = async (code: string, timeoutMs = 500): Promise<string> => {
    const result = await run(code, {}, timeoutMs)
    expect(result, JSON.stringify(result)).to.have.property('error')
    return (result as { error: { code: string } }).error.code
  }

  it('stops `while (true) {}` at the deadline, even inside try/catch', async () => {
    expect(await run('export default () => { while (true) {} }')).to.deep.equal({
      error: { code: 'TIMEOUT', message: 'the tool ran longer than its 500 ms' },
    })
    expect(
      await errorCode('export default () => { try { while (true) {} } catch { return "escaped" } }'),
    ).to.equal('TIMEOUT')
    expect(await errorCode('export default async () => { for (;;) await null }', 100)).to.equal('TIMEOUT')
    expect(await errorCode('export default () => /(a+)+$/.test("a".repeat(40) + "b")', 100)).to.equal(
      'TIMEOUT',
    )
  })

  it('stops a loop at the top level of the module too', async () => {
    expect(await run('for (;;) {}\nexport default () => 1')).to.deep.equal({
      error: { code: 'TIMEOUT', message: "the module's top level: the tool ran longer than its 500 ms" },
    })
  })

  it('ends a call QuickJS cannot interrupt by terminating its worker, and the next call still runs', async () => {
    // QuickJS's JSON.stringify of deep nesting is a long C loop that never polls the interrupt handler.
    const stuck =
      'export default () => { const a = JSON.parse("[".repeat(30000) + "]".repeat(30000)); JSON.stringify(a); return 1 }'
    expect(await errorCode(stuck, 50)).to.equal('TIMEOUT')
    expect(await run('export default () => "alive"')).to.deep.equal({ output: 'alive' })
  })

  it('refuses to allocate 1 GB, at once or bit by bit, with MEMORY_LIMIT', async () => {
    expect(await run('export default () => new ArrayBuffer(2 ** 30).byteLength')).to.deep.equal({
      error: { code: 'MEMORY_LIMIT', message: 'the tool used more than 32 MB of memory' },
    })
    expect(await errorCode('export default () => "x".repeat(2 ** 29).length')).to.equal('MEMORY_LIMIT')
    expect(
      await errorCode('export default () => { const a = []; for (;;) a.push(new Uint8Array(1e6)) }', 5000),
    ).to.equal('MEMORY_LIMIT')
    expect(
      await errorCode('export default () => { const a = []; for (;;) a.push({ n: a.length }) }', 5000),
    ).to.equal('MEMORY_LIMIT')
    expect(
      await errorCode('export default () => { const a = []; for (;;) a.push(new Array(1e5).fill(1)) }', 5000),
    ).to.equal('MEMORY_LIMIT')
  })

  it('still gives a call about 32 MB, and memory back after a call hit the limit', async () => {
    const fill = (mb: number) =>
      `export default () => { const a = []; for (let i = 0; i < ${mb}; i++) a.push(new Uint8Array(1e6)); return a.length }`
    expect(await run(fill(24), {}, 5000)).to.deep.equal({ output: 24 })
    expect(await errorCode(fill(64), 5000)).to.equal('MEMORY_LIMIT')
    expect(await run(fill(24), {}, 5000)).to.deep.equal({ output: 24 })
  })

  it('answers deep recursion with STACK_OVERFLOW (the host stack is never reached)', async () => {
    expect(await run('export default function f() { return f() + 1 }')).to.deep.equal({
      error: { code: 'STACK_OVERFLOW', message: 'the tool overflowed its stack (recursion too deep)' },
    })
    expect(
      await errorCode('export default () => JSON.parse("[".repeat(100000) + "]".repeat(100000))'),
    ).to.equal('STACK_OVERFLOW')
    expect(
      await errorCode(
        'export default () => new Function("return " + "(".repeat(60000) + "1" + ")".repeat(60000))()',
      ),
    ).to.equal('STACK_OVERFLOW')
    expect(
      await run(
        'export default () => { let d = 0; const f = () => (d++, f()); try { f() } catch { return d > 100 } }',
      ),
    ).to.deep.equal({ output: true })
  })

  it('refuses an output over 64 KB once serialised, counted in bytes', async () => {
    expect(await run('export default () => "x".repeat(70000)')).to.deep.equal({
      error: {
        code: 'OUTPUT_TOO_LARGE',
        message: 'the output is 70002 characters of JSON; at most 65536 bytes are allowed',
      },
    })
    expect(await errorCode('export default () => "é".repeat(40000)')).to.equal('OUTPUT_TOO_LARGE')
    expect(await run('export default () => "x".repeat(65000)'))
      .to.have.property('output')
      .with.length(65000)
  })

  it('refuses code over 64 KB without running it', async () => {
    const result = await run(`export default () => 1 //${'x'.repeat(70_000)}`)
    expect(result).to.deep.equal({
      error: { code: 'INVALID_CODE', message: 'the code is longer than 65536 bytes' },
    })
  })
})
