// The trusted script each call evaluates in its fresh QuickJS context before the tenant's module. It
// captures what it needs (JSON, String, ...) before tenant code can replace them, and returns the runner.
// Everything here runs inside the VM; the host gets back only one string.

/**
 * Date: frozen at the call's start, to the whole second. `Date.now()` and `new Date()` do not advance
 * during a call, so tenant code cannot time anything on the host (another call, a cache, the machine).
 * Dates built from arguments work as usual.
 * Math.random: a per-call PRNG (mulberry32) seeded by the host's crypto, so nothing of the clock (QuickJS
 * seeds its own generator from the time) can be recovered from its output. Not for cryptography.
 */
const clockAndRandom = (nowMs: number, seed: number): string => `
  const RealDate = Date, construct = Reflect.construct, imul = Math.imul, now = ${nowMs}
  function SandboxDate(...args) {
    if (new.target === undefined) return new RealDate(now).toString()
    return construct(RealDate, args.length === 0 ? [now] : args, new.target)
  }
  SandboxDate.prototype = RealDate.prototype
  SandboxDate.now = () => now
  SandboxDate.parse = RealDate.parse
  SandboxDate.UTC = RealDate.UTC
  Object.defineProperty(RealDate.prototype, 'constructor', { value: SandboxDate, writable: true, configurable: true })
  Object.defineProperty(globalThis, 'Date', { value: SandboxDate, writable: true, configurable: true })
  let state = ${seed >>> 0}
  Math.random = function random() {
    state = (state + 0x6d2b79f5) >>> 0
    let t = imul(state ^ (state >>> 15), state | 1)
    t ^= t + imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }`

/**
 * The runner: `(fn, inputJson, maxChars) => Promise<string>`. The string's first character says what it is:
 * J = the output as JSON text, I = not JSON-able (why), L = too long (its length), T = fn threw (what).
 */
const runner = (maxMessageChars: number): string => `
  const parse = JSON.parse, stringify = JSON.stringify, toText = String, ErrorClass = Error
  const slice = Function.prototype.call.bind(String.prototype.slice)
  const describe = (thrown) => {
    try {
      if (thrown instanceof ErrorClass) return toText(thrown.name) + ': ' + toText(thrown.message)
      if (typeof thrown === 'string') return thrown
      const text = stringify(thrown)
      return text === undefined ? toText(thrown) : text
    } catch {
      return 'a thrown value that cannot be shown'
    }
  }
  const cut = (text) => slice(text, 0, ${maxMessageChars})
  return async function run(fn, inputJson, maxChars) {
    let result
    try {
      result = await fn(parse(inputJson))
    } catch (thrown) {
      return 'T' + cut(describe(thrown))
    }
    let text
    try {
      text = stringify(result)
    } catch (thrown) {
      return 'I' + cut(describe(thrown))
    }
    if (typeof text !== 'string') return 'I' + 'the result is ' + typeof result + ', which JSON cannot represent'
    return text.length > maxChars ? 'L' + text.length : 'J' + text
  }`

/** A global script whose value is the runner function. */
export const preludeSource = (options: { nowMs: number; seed: number; maxMessageChars: number }): string =>
  `(() => {\n'use strict'\n${clockAndRandom(options.nowMs, options.seed)}\n${runner(options.maxMessageChars)}\n})()`
