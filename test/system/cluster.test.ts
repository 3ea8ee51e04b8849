// WEB_CONCURRENCY=2: the real server process as a cluster's primary with two workers (node:cluster) on one
// port, against the test stack's PostgreSQL and Redis. Both workers answer; a tenant's quota is exact
// whichever worker counts (Redis); /metrics is every worker's, summed; a worker that dies is replaced; and
// SIGTERM to the primary drains every worker (slow runs in flight complete) before it exits 0.
import http from 'node:http'
import { expect } from 'chai'
import { processTree } from '../../bench/process-cpu.js'
import {
  startFakeOpenAI,
  type FakeOpenAI,
  type FakeReply,
} from '../../plugins/models/test/fakes/openai-server.js'
import { parseEvents } from '../../plugins/runs/test/sse.js'
import { testStack } from '../harness/stack.js'
import { createTestTenant, type TestTenant } from '../helpers/api.js'
import {
  killServerProcesses,
  logLines,
  request,
  startServerProcess,
  until,
  type ServerProcess,
} from '../helpers/server-process.js'

const metricsToken = 'a-metrics-token-for-the-cluster-test-0123456789'

/** The workers (by cluster id) that logged a completed request of this tenant, with the statuses. */
function workersServing(server: ServerProcess, tenant: TestTenant): Map<number, number[]> {
  const served = new Map<number, number[]>()
  for (const line of logLines(server, 'request completed')) {
    if (line.tenantId !== tenant.tenantId) continue
    const worker = line.worker as number
    served.set(worker, [...(served.get(worker) ?? []), line.status as number])
  }
  return served
}

/** The value of one series of the exposition, e.g. counter{route="/api/v1/tools",method="GET",status="200"}. */
function series(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key!, value!]),
    )
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3])
  }
  return undefined
}

const listTools = (server: ServerProcess, tenant: TestTenant) =>
  request(`${server.baseUrl}/api/v1/tools`, { headers: { 'X-API-Key': tenant.apiKey } })

describe('a cluster of two workers (WEB_CONCURRENCY=2)', function () {
  // Each worker compiles the TypeScript through tsx at its start: slow on a loaded machine.
  this.timeout(240_000)
  afterEach(function () {
    if (this.currentTest?.state === 'failed') killServerProcesses()
  })

  describe('serving', () => {
    let server: ServerProcess

    before(async () => {
      server = await startServerProcess({
        WEB_CONCURRENCY: '2',
        RATE_LIMIT_REQUESTS: '12',
        METRICS_TOKEN: metricsToken,
      })
    })
    after(async () => {
      // Unless a failed test already killed it: SIGTERM stops the cluster cleanly.
      if (server.child.exitCode !== null || server.child.signalCode !== null) return
      server.child.kill('SIGTERM')
      expect(await server.exited, server.output()).to.equal(0)
    })

    it('listens once on one port, with two workers that both answer', async () => {
      expect(logLines(server, 'listening')).to.have.lengthOf(1)
      expect(logLines(server, 'listening')[0]).to.include({ workers: 2, url: server.baseUrl })
      expect(logLines(server, 'worker listening')).to.have.lengthOf(2)
      const tenant = await createTestTenant('cluster-both')
      for (let i = 0; i < 10; i++) expect((await listTools(server, tenant)).status).to.equal(200)
      await until(() => [...workersServing(server, tenant).values()].flat().length === 10, 10_000)
      expect([...workersServing(server, tenant).keys()]).to.have.lengthOf(2)
    })

    it("keeps a tenant's quota exact across the workers: 12 of 20 requests pass, whichever worker counts", async () => {
      const tenant = await createTestTenant('cluster-quota')
      const answers = await Promise.all(Array.from({ length: 20 }, () => listTools(server, tenant)))
      const statuses = answers.map((answer) => answer.status)
      expect(statuses.filter((status) => status === 200)).to.have.lengthOf(12)
      expect(statuses.filter((status) => status === 429)).to.have.lengthOf(8)
      await until(() => [...workersServing(server, tenant).values()].flat().length === 20, 10_000)
      const served = workersServing(server, tenant)
      expect([...served.keys()], 'both workers counted against the one quota').to.have.lengthOf(2)
    })

    it("serves every worker's metrics, summed, on GET /metrics, whichever worker answers", async () => {
      // The two tests above: 10 + 12 answers of 200 and 8 of 429 to GET /api/v1/tools, spread over the workers.
      const perWorker = [...logLines(server, 'request completed')]
        .filter((line) => line.route === '/api/v1/tools' && line.status === 200)
        .reduce((counts, line) => counts.set(line.worker, (counts.get(line.worker) ?? 0) + 1), new Map())
      expect(Math.max(...perWorker.values())).to.be.below(22)
      for (let i = 0; i < 4; i++) {
        const answer = await request(`${server.baseUrl}/metrics`, {
          headers: { Authorization: `Bearer ${metricsToken}` },
        })
        expect(answer.status, answer.body).to.equal(200)
        expect(answer.headers['content-type']).to.match(/^text\/plain/)
        const labels = { route: '/api/v1/tools', method: 'GET' }
        const count = 'http_request_duration_seconds_count'
        expect(series(answer.body, count, { ...labels, status: '200' })).to.equal(22)
        expect(series(answer.body, count, { ...labels, status: '429' })).to.equal(8)
        // A gauge is summed too: two pools of DB_POOL_MAX (10).
        expect(series(answer.body, 'db_pool_max_connections', {})).to.equal(20)
      }
      const unauthorised = await request(`${server.baseUrl}/metrics`)
      expect(unauthorised.status).to.equal(401)
    })

    it('replaces a worker that dies, logs it, and keeps answering', async () => {
      const [victim] = logLines(server, 'worker listening')
      const pid = victim!.pid as number
      process.kill(pid, 'SIGKILL')
      await until(
        () => logLines(server, 'replacement worker listening').length === 1,
        120_000,
        undefined,
        server.output,
      )
      const [died] = logLines(server, 'worker died; starting a replacement')
      expect(died).to.include({ pid, signal: 'SIGKILL', worker: victim!.worker })
      const [replacement] = logLines(server, 'replacement worker listening')
      expect(replacement!.pid).to.be.a('number').and.not.equal(pid)

      const tenant = await createTestTenant('cluster-replaced')
      for (let i = 0; i < 6; i++) expect((await listTools(server, tenant)).status).to.equal(200)
      await until(() => [...workersServing(server, tenant).values()].flat().length === 6, 10_000)
      expect([...workersServing(server, tenant).keys()]).to.include(replacement!.worker)
      expect(workersServing(server, tenant).size).to.equal(2)
    })
  })

  describe('a restart storm', () => {
    it('gives up, stops and exits 1 when workers keep dying, waiting longer before each replacement', async () => {
      const server = await startServerProcess({ WEB_CONCURRENCY: '2' })
      const primary = server.child.pid!
      const killed = new Set<number>()
      // Every worker, as soon as it appears (replacements included): a crash loop.
      while (
        server.child.exitCode === null &&
        logLines(server, 'workers keep dying: giving up').length === 0
      ) {
        for (const pid of processTree(primary).slice(1)) {
          if (killed.has(pid)) continue
          killed.add(pid)
          process.kill(pid, 'SIGKILL')
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(await server.exited, server.output()).to.equal(1)
      const replaced = logLines(server, 'worker died; starting a replacement')
      expect(replaced.map((line) => line.restartInMs)).to.deep.equal([0, 500, 1000, 2000, 4000])
      expect(logLines(server, 'workers keep dying: giving up')[0]).to.include({ exits: 6, windowSeconds: 60 })
    })
  })

  describe('SIGTERM to the primary', () => {
    let fake: FakeOpenAI
    before(async () => (fake = await startFakeOpenAI()))
    after(() => fake.close())

    it('has every worker drain its runs in flight (JSON and stream), then exits 0', async () => {
      // Four chunks 300 ms apart: each run takes about 1.2 s at the model.
      const slow: FakeReply = { kind: 'text', text: ['Drained ', 'by ', 'every ', 'worker.'], delayMs: 300 }
      fake.next(slow)
      fake.next(slow)
      const server = await startServerProcess({
        WEB_CONCURRENCY: '2',
        OPENAI_BASE_URL: fake.baseUrl,
        SHUTDOWN_TIMEOUT_SECONDS: '10',
      })
      const tenant = await createTestTenant('cluster-drain')
      const key = { 'X-API-Key': tenant.apiKey }
      const agent = await request(`${server.baseUrl}/api/v1/agents`, {
        method: 'POST',
        headers: key,
        body: { name: 'drainer', role: 'Finisher', description: 'Finishes what it started' },
      })
      expect(agent.status, agent.body).to.equal(201)
      const runUrl = `${server.baseUrl}/api/v1/agents/${(JSON.parse(agent.body) as { id: string }).id}/run`
      const prompt = 'Finish before you go'

      const stream = streamed(runUrl, key, { prompt, model: 'gpt-4o', stream: true })
      const json = request(runUrl, { method: 'POST', headers: key, body: { prompt, model: 'gpt-4o' } })
      await until(() => fake.requests.length === 2 && stream.text().includes('execution.created'), 20_000)

      server.child.kill('SIGTERM')
      const [jsonReply, streamText, code] = await Promise.all([json, stream.done, server.exited])

      expect(code, server.output()).to.equal(0)
      expect(jsonReply.status, jsonReply.body).to.equal(200)
      expect(JSON.parse(jsonReply.body)).to.include({
        status: 'completed',
        response: 'Drained by every worker.',
      })
      const last = parseEvents(streamText).at(-1)!
      expect(last.event).to.equal('execution.completed')
      expect(last.data).to.include({ status: 'completed', response: 'Drained by every worker.' })
      // Each worker drained and stopped on its own, without cutting anything; then the primary stopped.
      expect(logLines(server, 'stopped').filter((line) => line.worker !== undefined)).to.have.lengthOf(2)
      for (const line of logLines(server, 'stopped').filter((l) => l.worker !== undefined))
        expect(line).to.include({ cutRequests: 0 })
      expect(logLines(server, 'stopped').find((line) => line.worker === undefined)).to.include({
        workers: 2,
        failed: 0,
      })
      const rows = await testStack().superSql<{ status: string }[]>`
        select status from execution_logs where tenant_id = ${tenant.tenantId}`
      expect(rows.map((row) => row.status)).to.deep.equal(['completed', 'completed'])
    })
  })
})

/** A POST whose streamed answer is readable as it arrives. */
function streamed(url: string, headers: Record<string, string>, body: unknown) {
  let text = ''
  const done = new Promise<string>((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { ...headers, 'Content-Type': 'application/json' } },
      (res) => {
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve(text))
      },
    )
    req.once('error', reject)
    req.end(JSON.stringify(body))
  })
  return { text: () => text, done }
}
