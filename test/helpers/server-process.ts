// The server as a real process (`node --import tsx app/main.ts`, or any command), against the test stack's
// PostgreSQL and Redis, with its JSON log lines at hand: for the tests of what only a process shows
// (workers, signals, the compiled build).
import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import { freePort, testStack } from '../harness/stack.js'

export interface ServerProcess {
  child: ChildProcess
  port: number
  baseUrl: string
  output: () => string
  /** Resolves with the exit code (null when killed by a signal) once the process exited. */
  exited: Promise<number | null>
}

const running: ChildProcess[] = []

/**
 * Starts `command` (default: the TypeScript server) on a free port with the stack's app role and Redis, and
 * waits for the log line `readyMessage`. `env` adds to or overrides that environment.
 */
export async function startServerProcess(
  env: Record<string, string>,
  options: { command?: string[]; readyMessage?: string; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const { database, redis } = testStack()
  const port = await freePort()
  const [file, ...args] = options.command ?? [process.execPath, '--import', 'tsx', 'app/main.ts']
  const child = spawn(file!, args, {
    env: {
      PATH: process.env.PATH ?? '',
      // Under c8 the child's coverage counts too (workers inherit it).
      ...(process.env.NODE_V8_COVERAGE ? { NODE_V8_COVERAGE: process.env.NODE_V8_COVERAGE } : {}),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.appUrl,
      MIGRATE_ON_START: 'false',
      REDIS_URL: redis.url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.push(child)
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const started: ServerProcess = {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
  }
  const ready = options.readyMessage ?? 'listening'
  await until(
    () => logLines(started, ready).length > 0,
    options.timeoutMs ?? 120_000,
    () => child.exitCode !== null,
    () => output,
  )
  return started
}

/** SIGKILLs every process a test started and left running (a failed test must not leave servers behind). */
export function killServerProcesses(): void {
  for (const child of running.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}

export async function until(
  condition: () => boolean,
  timeoutMs: number,
  failed: () => boolean = () => false,
  describe: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (failed()) throw new Error(`gave up waiting: the process exited\n${describe()}`)
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms\n${describe()}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The JSON log lines the process wrote with this message. */
export const logLines = (server: Pick<ServerProcess, 'output'>, msg: string): Record<string, unknown>[] =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === msg)

export interface PlainResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/**
 * One request on a connection of its own (no keep-alive agent), so that successive requests reach the
 * cluster's workers in turn rather than all going to the worker that owns a pooled connection.
 */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<PlainResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body)
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...options.headers,
        },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.once('error', reject)
    req.end(payload)
  })
}
