// The sandbox abuse list of issue 15, part 2: nothing of the host is reachable, nothing leaks between calls.
import { expect } from 'chai'
import { createSandbox, type Sandbox } from '../sandbox.js'

// Everything ECMAScript defines, and nothing else, may be global inside the sandbox.
const standardGlobals = new Set(
  (
    'Object Function Array Number parseFloat parseInt Infinity NaN undefined Boolean String Symbol Date Promise RegExp ' +
    'Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError InternalError globalThis JSON ' +
    'Math ArrayBuffer SharedArrayBuffer DataView Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Int32Array ' +
    'Uint32Array Float16Array Float32Array Float64Array BigInt64Array BigUint64Array BigInt Map Set WeakMap WeakSet WeakRef ' +
    'FinalizationRegistry Proxy Reflect Iterator decodeURI decodeURIComponent encodeURI encodeURIComponent escape unescape ' +
    'eval isFinite isNaN'
  ).split(' '),
)
const hostNames = (
  'process require module exports global Buffer fetch XMLHttpRequest WebSocket setTimeout setInterval ' +
  'setImmediate clearTimeout queueMicrotask console performance navigator std os Deno Bun importScripts postMessage ' +
  '__dirname __filename crypto structuredClone'
).split(' ')

describe('the javascript sandbox: isolation', () => {
  let sandbox: Sandbox
  before(() => (sandbox = createSandbox({ workers: 1 })))
  after(() => sandbox.close())

  const run = (code: string, input: unknown = {}) => sandbox.run(code, input, { timeoutMs: 500 })

  it('exposes only ECMAScript globals: no process, require, fetch, timers or console', async () => {
    const result = await run('export default () => Object.getOwnPropertyNames(globalThis)')
    const names = (result as { output: string[] }).output
    expect(names.filter((name) => !standardGlobals.has(name))).to.deep.equal([])
    const probe = `export default (names) => names.filter((name) => { try { return eval('typeof ' + name) !== 'undefined' } catch { return false } })`
    expect(await run(probe, hostNames)).to.deep.equal({ output: [] })
  })

  it('gives no way out through constructors, this or the Function constructor', async () => {
    const escapes = [
      "export default () => (function () {}).constructor('return process')()",
      "export default () => Function('return this')().process.version",
      'export default () => this.process',
      "export default () => (async () => {}).constructor('return require')()",
      'export default () => Reflect.getPrototypeOf(globalThis).constructor.constructor("return process")()',
    ]
    for (const code of escapes) {
      const result = await run(code)
      expect(result, code).to.have.nested.property('error.code', 'THREW')
      expect((result as { error: { message: string } }).error.message, code).to.match(
        /ReferenceError|TypeError/,
      )
    }
  })

  it('refuses import and require', async () => {
    expect(await run('import fs from "node:fs"\nexport default () => 1')).to.deep.equal({
      error: {
        code: 'THREW',
        message: 'the module\'s top level failed: Error: import of "node:fs" is not allowed',
      },
    })
    expect(
      await run('export default () => import("fs").then(() => "loaded", (e) => String(e))'),
    ).to.deep.equal({
      output: 'Error: import of "fs" is not allowed',
    })
    expect(await run('export default () => require("fs")')).to.deep.equal({
      error: { code: 'THREW', message: "ReferenceError: 'require' is not defined" },
    })
  })

  it("cannot pollute the host's prototypes: the host only parses the JSON text the tool produced", async () => {
    const polluter = `export default () => {
      Object.prototype.polluted = 'yes'; Array.prototype.polluted = 'yes'
      return JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}')
    }`
    const result = (await run(polluter)) as { output: Record<string, unknown> }
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined)
    expect(([] as unknown as Record<string, unknown>).polluted).to.equal(undefined)
    expect(Object.getPrototypeOf(result.output)).to.equal(Object.prototype)
    expect(Object.hasOwn(result.output, '__proto__')).to.equal(true) // data, not a prototype
    expect((result.output as { polluted?: unknown }).polluted).to.equal(undefined)
  })

  it('keeps nothing from one call to the next (a fresh runtime each time)', async () => {
    const counter =
      'export default () => { globalThis.count = (globalThis.count ?? 0) + 1; Object.prototype.seen = true; return globalThis.count }'
    expect(await run(counter)).to.deep.equal({ output: 1 })
    expect(await run(counter)).to.deep.equal({ output: 1 })
    expect(await run('export default () => ({}).seen ?? "clean"')).to.deep.equal({ output: 'clean' })
  })

  it('freezes the clock at the start of the call, to the second, so nothing can be timed', async () => {
    const before = Math.floor(Date.now() / 1000) * 1000
    const clock = `export default () => {
      const start = Date.now(); let spins = 0
      while (Date.now() === start && spins < 1e5) spins++
      return { start, later: new Date().getTime(), spins, string: typeof Date(), epoch: new Date(0).toISOString(), utc: Date.UTC(2020, 0, 1), isDate: new Date() instanceof Date }
    }`
    const { output } = (await run(clock)) as { output: Record<string, unknown> }
    expect(output).to.deep.include({
      spins: 1e5,
      string: 'string',
      epoch: '1970-01-01T00:00:00.000Z',
      utc: 1577836800000,
      isDate: true,
    })
    expect(output.later).to.equal(output.start)
    expect(output.start).to.be.a('number').within(before, Date.now())
    expect((output.start as number) % 1000).to.equal(0)
  })

  it('gives Math.random a generator of its own per call, in [0, 1)', async () => {
    const random = 'export default () => Array.from({ length: 5 }, () => Math.random())'
    const first = ((await run(random)) as { output: number[] }).output
    const second = ((await run(random)) as { output: number[] }).output
    for (const value of [...first, ...second]) expect(value).to.be.within(0, 1).and.not.equal(1)
    expect(new Set(first).size).to.equal(5)
    expect(first).not.to.deep.equal(second)
  })
})
