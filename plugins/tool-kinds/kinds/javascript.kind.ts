// javascript: {"kind": "javascript", "code": "export default (input) => ...", "timeout_ms": 500}: tenant
// code run in the QuickJS sandbox (sandbox.ts). The sandbox's workers are one pool per process.
import { appError } from '../../../app/plugin-kit.js'
import {
  DEFAULT_TIMEOUT_MS,
  MAX_CODE_BYTES,
  MAX_TIMEOUT_MS,
  createSandbox,
  type Sandbox,
} from '../sandbox.js'
import type { PointerError, ToolKind } from '../tool-kind.js'
import { codeDoesNotCompile, invalidToolConfig } from '../tool-kinds.problems.js'

export type JavascriptConfig = {
  code: string
  timeout_ms: number
}

// Started on first use (a process without javascript tools starts no worker); sized by start().
let workers = 2
let sandbox: Sandbox | undefined
const currentSandbox = (): Sandbox => (sandbox ??= createSandbox({ workers }))

export const kind: ToolKind<JavascriptConfig> = {
  kind: 'javascript',
  fields: ['code', 'timeout_ms'],
  executable: true,

  async prepare(fields) {
    const config = readFields(fields)
    const outcome = await currentSandbox().check(config.code, config.timeout_ms)
    if (outcome.ok) return config
    if (outcome.problem === 'syntax') throw codeDoesNotCompile(outcome)
    if (outcome.message.startsWith('SANDBOX_UNAVAILABLE')) {
      throw appError('SERVICE_UNAVAILABLE', 'The JavaScript sandbox is unavailable; try again', {
        reason: 'sandbox_unavailable',
      })
    }
    throw invalidToolConfig([{ pointer: '/code', message: outcome.message }])
  },

  execute({ input, config, signal }) {
    return currentSandbox().run(config.code, input, { timeoutMs: config.timeout_ms, signal })
  },

  start(settings) {
    workers = settings.sandboxWorkers // applies to the next pool started
  },

  async stop() {
    const closing = sandbox
    sandbox = undefined
    await closing?.close()
  },
}

function readFields(fields: Record<string, unknown>): JavascriptConfig {
  const errors: PointerError[] = []
  const { code, timeout_ms: timeoutMs = DEFAULT_TIMEOUT_MS } = fields
  if (typeof code !== 'string' || code.trim() === '') {
    errors.push({
      pointer: '/code',
      message: 'is required with kind javascript: an ES module with a default export',
    })
  } else if (Buffer.byteLength(code) > MAX_CODE_BYTES) {
    errors.push({ pointer: '/code', message: `must be at most ${MAX_CODE_BYTES} bytes` })
  }
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isInteger(timeoutMs) ||
    timeoutMs < 1 ||
    timeoutMs > MAX_TIMEOUT_MS
  ) {
    errors.push({ pointer: '/timeout_ms', message: `must be an integer from 1 to ${MAX_TIMEOUT_MS}` })
  }
  if (errors.length > 0) throw invalidToolConfig(errors)
  return { code: code as string, timeout_ms: timeoutMs as number }
}
