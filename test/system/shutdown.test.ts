// Graceful shutdown of the real server process (`node --import tsx app/main.ts`) on SIGTERM: readiness goes
// 503, no new connections, runs in flight (JSON and server-sent events) finish and are recorded, the
// process exits 0; past SHUTDOWN_TIMEOUT_SECONDS what still runs is cut and the process exits anyway.
// The server uses the test stack's PostgreSQL and Redis, and a fake OpenAI server that answers slowly.
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { expect } from 'chai'
import {
  startFakeOpenAI,
  type FakeOpenAI,
  type FakeReply,
} from '../../plugins/models/test/fakes/openai-server.js'
import { parseEvents } from '../../plugins/runs/test/sse.js'
import { freePort, testStack } from '../harness/stack.js'
import { createTestTenant, type TestTenant } from '../helpers/api.js'

interface Api {
  child: ChildProcess
  port: number
  baseUrl: string
  output: () => string
  /** Resolves with the exit code and when the process exited. */
  exited: Promise<{ code: number | null; at: number }>
}

const children: ChildProcess[] = []

async function startApi(
  fake: FakeOpenAI,
  env: Record<string, string>,
  [command, ...args]: string[] = [process.execPath, '--import', 'tsx', 'app/main.ts'],
): Promise<Api> {
  const { database, redis } = testStack()
  const port = await freePort()
  const child = spawn(command!, args, {
    env: {
      PATH: process.env.PATH ?? '',
      // Under c8 the child's coverage counts too.
      ...(process.env.NODE_V8_COVERAGE ? { NODE_V8_COVERAGE: process.env.NODE_V8_COVERAGE } : {}),
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.appUrl,
      MIGRATE_ON_START: 'false',
      REDIS_URL: redis.url,
      OPENAI_BASE_URL: fake.baseUrl,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, at: Date.now() })),
  )
  await until(
    () => output.includes('"msg":"listening"'),
    60_000,
    () => child.exitCode !== null,
    () => output,
  )
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited }
}

async function until(
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
const logLines = (api: Api, msg: string): Record<string, unknown>[] =>
  api
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === msg)

async function createAgent(api: Api, tenant: TestTenant): Promise<string> {
  const res = await fetch(`${api.baseUrl}/api/v1/agents`, {
    method: 'POST',
    headers: { 'X-API-Key': tenant.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'drainer', role: 'Finisher', description: 'Finishes what it started' }),
  })
  expect(res.status).to.equal(201)
  return ((await res.json()) as { id: string }).id
}

interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * One HTTP/1.1 connection written by hand, so a test can send a second request on a connection whose
 * first answer is still under way (a kept-alive client during the drain) and read every header.
 */
class RawConnection {
  private received = Buffer.alloc(0)
  readonly closed: Promise<void>

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => (this.received = Buffer.concat([this.received, chunk])))
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()))
    socket.on('error', () => undefined)
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1' })
      socket.once('connect', () => resolve(new RawConnection(socket)))
      socket.once('error', reject)
    })
  }

  send(method: string, path: string, headers: Record<string, string> = {}, body?: unknown): void {
    const payload = body === undefined ? '' : JSON.stringify(body)
    const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: keep-alive']
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
    if (body !== undefined) {
      lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(payload)}`)
    }
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n${payload}`)
  }

  text(): string {
    return this.received.toString('utf8')
  }

  /** The client goes away without waiting for its answer. */
  destroy(): void {
    this.socket.destroy()
  }

  /** The complete responses received so far (Content-Length or chunked bodies). */
  responses(): RawResponse[] {
    const responses: RawResponse[] = []
    let rest = this.received
    for (;;) {
      const end = rest.indexOf('\r\n\r\n')
      if (end < 0) return responses
      const [statusLine, ...headerLines] = rest.subarray(0, end).toString('latin1').split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of headerLines) {
        const colon = line.indexOf(':')
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
      }
      let body = rest.subarray(end + 4)
      let content: Buffer
      if (headers['transfer-encoding'] === 'chunked') {
        const parts: Buffer[] = []
        for (;;) {
          const lineEnd = body.indexOf('\r\n')
          if (lineEnd < 0) return responses
          const size = parseInt(body.subarray(0, lineEnd).toString('latin1'), 16)
          if (body.length < lineEnd + 2 + size + 2) return responses
          parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size))
          body = body.subarray(lineEnd + 2 + size + 2)
          if (size === 0) break
        }
        content = Buffer.concat(parts)
      } else {
        const length = Number(headers['content-length'] ?? 0)
        if (body.length < length) return responses
        content = body.subarray(0, length)
        body = body.subarray(length)
      }
      responses.push({ status: Number(statusLine!.split(' ')[1]), headers, body: content.toString('utf8') })
      rest = body
    }
  }
}

/** The error code of a fresh TCP connection to the port, or 'connected'. */
const connectOutcome = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
  })

describe('graceful shutdown of the server process (shutdown)', function () {
  this.timeout(90_000)
  let fake: FakeOpenAI
  let tenant: TestTenant

  beforeEach(async () => {
    fake = await startFakeOpenAI()
    tenant = await createTestTenant('shutdown')
  })
  afterEach(async () => {
    // A failed test must not leave its server behind.
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
    await fake.close()
  })

  it('on SIGTERM: 503 and no new connections, runs in flight (JSON and stream) finish and are recorded, exit 0', async () => {
    // Five chunks 300 ms apart: each run takes about 1.5 s at the model.
    const slow: FakeReply = {
      kind: 'text',
      text: ['Drained ', 'but ', 'not ', 'cut ', 'short.'],
      delayMs: 300,
    }
    fake.next(slow)
    fake.next(slow)
    const api = await startApi(fake, { SHUTDOWN_TIMEOUT_SECONDS: '10' })
    const agentId = await createAgent(api, tenant)
    const key = { 'X-API-Key': tenant.apiKey }
    const prompt = 'Finish before you go'

    const jsonRun = await RawConnection.open(api.port)
    jsonRun.send('POST', `/api/v1/agents/${agentId}/run`, key, { prompt, model: 'gpt-4o' })
    const streamRun = await RawConnection.open(api.port)
    streamRun.send('POST', `/api/v1/agents/${agentId}/run`, key, { prompt, model: 'gpt-4o', stream: true })
    // Both runs are at the model and the stream is under way.
    await until(
      () => fake.requests.length === 2 && streamRun.text().includes('event: execution.created'),
      10_000,
    )

    const signalledAt = Date.now()
    api.child.kill('SIGTERM')
    // Logged once the listener is closed.
    const draining = 'shutting down: not ready, no new connections, waiting for requests in flight'
    await until(() => logLines(api, draining).length === 1, 5_000, undefined, api.output)
    expect(logLines(api, draining)[0]).to.include({ inFlight: 2 })

    // The listener is closed: a new connection is refused at once.
    expect(await connectOutcome(api.port)).to.equal('ECONNREFUSED')
    // A request on a connection that is still open (the stream's) is served: not ready, and the
    // connection closes after it.
    streamRun.send('GET', '/ready')

    await Promise.all([jsonRun.closed, streamRun.closed])
    const exit = await api.exited
    const [runReply, ...afterRun] = jsonRun.responses()
    expect(afterRun).to.deep.equal([])
    expect(runReply, jsonRun.text()).to.include({ status: 200 })
    // An answer begun during the drain tells the client not to reuse the connection.
    expect(runReply!.headers.connection).to.equal('close')
    const execution = JSON.parse(runReply!.body) as { id: string; status: string; response: string }
    expect(execution).to.include({ status: 'completed', response: 'Drained but not cut short.' })

    const [streamReply, readyReply] = streamRun.responses()
    expect(streamReply, streamRun.text()).to.include({ status: 200 })
    const events = parseEvents(streamReply!.body)
    const last = events.at(-1)!
    expect(last.event).to.equal('execution.completed')
    expect(last.data).to.include({ status: 'completed', response: 'Drained but not cut short.' })
    expect(readyReply, streamRun.text()).to.include({ status: 503 })
    expect(readyReply!.headers.connection).to.equal('close')
    expect(JSON.parse(readyReply!.body)).to.nested.include({
      error_code: 'SERVICE_UNAVAILABLE',
      'details.checks.accepting_requests': 'down',
    })

    expect(exit.code, api.output()).to.equal(0)
    expect(exit.at - signalledAt).to.be.below(10_000)
    expect(logLines(api, 'stopped')[0]).to.include({ cutRequests: 0 })
    const streamed = (last.data as { id: string }).id
    const rows = await testStack().superSql<{ id: string; status: string }[]>`
      select id, status from execution_logs where tenant_id = ${tenant.tenantId} order by id`
    expect(rows.map(({ id, status }) => ({ id, status }))).to.have.deep.members([
      { id: execution.id, status: 'completed' },
      { id: streamed, status: 'completed' },
    ])
  })

  it("under npm start, SIGTERM to npm's own process stops the server too: one PID stops everything", async () => {
    // npm forwards the signal to its child; `exec` in the script makes that child the server itself
    // rather than a shell that would die and leave the server running (as tsx's child did).
    const api = await startApi(fake, {}, ['npm', 'start', '--silent'])
    api.child.kill('SIGTERM')
    const { code } = await api.exited
    expect(code, api.output()).to.equal(0)
    expect(logLines(api, 'signal received')).to.have.length(1)
    expect(await connectOutcome(api.port), 'the server port after npm exited').to.equal('ECONNREFUSED')
  })

  it('past SHUTDOWN_TIMEOUT_SECONDS: the run still going is cut, recorded as cancelled, and the process exits 0', async () => {
    fake.next({ kind: 'hang' })
    const api = await startApi(fake, { SHUTDOWN_TIMEOUT_SECONDS: '1', PROVIDER_TIMEOUT_MS: '600000' })
    const agentId = await createAgent(api, tenant)
    const run = await RawConnection.open(api.port)
    run.send(
      'POST',
      `/api/v1/agents/${agentId}/run`,
      { 'X-API-Key': tenant.apiKey },
      { prompt: 'Wait', model: 'gpt-4o' },
    )
    await until(() => fake.requests.length === 1, 10_000)

    const signalledAt = Date.now()
    api.child.kill('SIGTERM')
    await run.closed
    const cutAfter = Date.now() - signalledAt
    const exit = await api.exited

    expect(run.responses(), 'no answer: the connection was destroyed').to.deep.equal([])
    // Bounds that tell the 1 s deadline from the provider's 600 s timeout with room for a loaded machine
    // (the whole suite on 2 cores): the cut comes at the deadline, never before it.
    expect(cutAfter, api.output()).to.be.within(900, 4_000)
    expect(exit.code, api.output()).to.equal(0)
    expect(exit.at - signalledAt, 'exits soon after the deadline').to.be.below(10_000)
    expect(logLines(api, 'stopped')[0]).to.include({ cutRequests: 1 })
    const [warning] = api
      .output()
      .split('\n')
      // The shutdown's own warning: boot may warn too (the secrets plugin, generating a key on first start).
      .filter((line) => line.includes('"level":40') && line.includes('cutRequests'))
    expect(JSON.parse(warning!)).to.include({ cutRequests: 1, timeoutSeconds: 1 })
    const rows = await testStack().superSql<{ status: string }[]>`
      select status from execution_logs where tenant_id = ${tenant.tenantId}`
    expect(rows.map((row) => row.status)).to.deep.equal(['cancelled'])
  })

  it('a client that goes away during the drain: its run is still recorded (cancelled) before the pool closes', async () => {
    // The connection ends before the handler does: the process must wait for the handler, not only for
    // its connections, or it closed the container and the pool under the run recording its outcome.
    fake.next({ kind: 'hang' })
    const api = await startApi(fake, { SHUTDOWN_TIMEOUT_SECONDS: '10', PROVIDER_TIMEOUT_MS: '600000' })
    const agentId = await createAgent(api, tenant)
    const run = await RawConnection.open(api.port)
    run.send(
      'POST',
      `/api/v1/agents/${agentId}/run`,
      { 'X-API-Key': tenant.apiKey },
      { prompt: 'Leave early', model: 'gpt-4o' },
    )
    await until(() => fake.requests.length === 1, 10_000)
    api.child.kill('SIGTERM')
    const draining = 'shutting down: not ready, no new connections, waiting for requests in flight'
    await until(() => logLines(api, draining).length === 1, 5_000, undefined, api.output)
    run.destroy()
    const exit = await api.exited

    expect(exit.code, api.output()).to.equal(0)
    expect(logLines(api, 'stopped')[0]).to.include({ cutRequests: 0 })
    const errors = api
      .output()
      .split('\n')
      .filter((line) => line.includes('"level":50'))
    expect(errors, 'errors logged').to.deep.equal([])
    const rows = await testStack().superSql<{ status: string }[]>`
      select status from execution_logs where tenant_id = ${tenant.tenantId}`
    expect(rows.map((row) => row.status)).to.deep.equal(['cancelled'])
  })

  it('a second signal cuts the requests still running at once instead of waiting for the deadline', async () => {
    fake.next({ kind: 'hang' })
    const api = await startApi(fake, { SHUTDOWN_TIMEOUT_SECONDS: '60', PROVIDER_TIMEOUT_MS: '600000' })
    const agentId = await createAgent(api, tenant)
    const run = await RawConnection.open(api.port)
    run.send(
      'POST',
      `/api/v1/agents/${agentId}/run`,
      { 'X-API-Key': tenant.apiKey },
      { prompt: 'Wait', model: 'gpt-4o' },
    )
    await until(() => fake.requests.length === 1, 10_000)

    api.child.kill('SIGTERM')
    await until(() => logLines(api, 'signal received').length === 1, 5_000, undefined, api.output)
    const secondAt = Date.now()
    api.child.kill('SIGINT')
    await run.closed
    const exit = await api.exited

    expect(exit.code, api.output()).to.equal(0)
    // Far from the 60 s deadline, with room for a loaded machine.
    expect(exit.at - secondAt, 'no wait for the 60 s deadline').to.be.below(10_000)
    expect(logLines(api, 'second signal: cutting the requests still running')).to.have.lengthOf(1)
    expect(logLines(api, 'stopped')[0]).to.include({ cutRequests: 1 })
  })
})
