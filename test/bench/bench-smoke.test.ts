// `npm run bench` still runs end to end: the benchmark in --smoke mode (its own PostgreSQL, Redis and API
// child, tiny data, about a second per scenario), checked for the shape of its JSON, not for its numbers.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect } from 'chai'
import { measurePgbenchCeilings } from '../../bench/ceilings.js'
import type { EmbeddedDatabase } from '../../db/embedded.js'

const scenarioIds = [
  'list-tools',
  'list-tools-throughput',
  'get-agent',
  'history-big-first',
  'history-big-offset',
  'history-huge-first',
  'history-huge-offset',
  'history-huge-cursor',
  'search-listings',
  'create-tool',
  'run-agent',
  'run-agent-tool',
  'install-listing',
  'mixed',
  'enqueue-one-client',
  'run-agent-background',
  'background-drain',
  'limiter',
  'sandbox-cold',
  'sandbox-warm',
]
const httpCeilingIds = ['node-http-c10', 'node-http-c64', 'express-c10', 'express-c64']
const pgbenchCeilingIds = [
  'pgbench-list-rls',
  'pgbench-list-bypass',
  'pgbench-history-rls',
  'pgbench-history-bypass',
]

interface Outcome {
  status: string
  reason?: string
  rps?: number
  p50?: number
  p95?: number
  p99?: number
  errors?: number
}

function runBench(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, output }))
  })
}

function expectMeasured(label: string, outcome: Outcome): void {
  expect(outcome.status, `${label}: ${JSON.stringify(outcome)}`).to.equal('ok')
  for (const field of ['rps', 'p50', 'p95', 'p99'] as const) {
    expect(outcome[field], `${label}.${field}`).to.be.a('number').and.satisfy(Number.isFinite)
  }
}

function expectMeasuredOrUnavailable(label: string, outcome: Outcome): void {
  if (outcome.status === 'unavailable') {
    expect(outcome.reason, `${label}.reason`).to.be.a('string').and.not.equal('')
    return
  }
  expectMeasured(label, outcome)
}

describe('npm run bench (smoke)', function () {
  this.timeout(300_000)
  let dir: string

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'map-bench-smoke-'))
  })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('measures every scenario and ceiling and writes the report JSON', async () => {
    const out = path.join(dir, 'result.json')
    const { code, output } = await runBench(out)
    expect(code, output.slice(-4000)).to.equal(0)
    const report = JSON.parse(readFileSync(out, 'utf8'))

    expect(report).to.include({ schemaVersion: 1, mode: 'smoke' })
    expect(report.machine.cpus).to.be.a('number').above(0)
    for (const field of ['cpuModel', 'node', 'postgres', 'redis'])
      expect(report.machine[field]).to.be.a('string')
    expect(report.machine.pgbench === null || typeof report.machine.pgbench === 'string').to.equal(true)
    expect(report.settings.scenarioSeconds).to.be.a('number')
    expect(report.data.tenants).to.equal(10)
    expect(report.data.huge.executions).to.be.a('number')
    expect(report.data.loadSeconds).to.be.a('number')

    expect(Object.keys(report.scenarios)).to.have.members(scenarioIds)
    for (const id of scenarioIds) {
      const { outcome } = report.scenarios[id]
      expectMeasured(id, outcome)
      // Not a number check: a non-2xx answer means the scenario itself is broken (a 400, a 429, a 500).
      expect(outcome.errors, `${id}: ${JSON.stringify(outcome)}`).to.equal(0)
    }
    expect(report.scenarios['list-tools'].ceiling).to.include.keys('against', 'rps', 'ratio')

    // As production runs it: the compiled build, a worker per core; its CPU per request in every HTTP scenario.
    expect(report.settings).to.include({ apiRuntime: 'dist', apiWorkers: os.availableParallelism() })
    // The service: the API's processes (a cluster's primary and its workers) and the job worker process.
    const processes = (report.settings.apiWorkers > 1 ? report.settings.apiWorkers + 1 : 1) + 1
    // The limiter and the sandbox are measured in-process, without HTTP: no API CPU to report.
    const inProcess = new Set(['limiter', 'sandbox-cold', 'sandbox-warm'])
    for (const id of scenarioIds.filter((scenario) => !inProcess.has(scenario))) {
      const { apiCpu, count } = report.scenarios[id].outcome
      expect(apiCpu, id).to.include({ processes, requests: count })
      expect(apiCpu.msPerRequest, id).to.be.a('number').above(0)
      expect(apiCpu.cpuSeconds, id).to.be.a('number').above(0)
    }
    const cpuTargets = report.targets.filter((target: { target: string }) =>
      target.target.startsWith('API CPU'),
    )
    expect(cpuTargets.map((target: { row: string }) => target.row)).to.have.members([
      'get-agent',
      'create-tool',
      'list-tools',
      'run-agent',
      'history-big-first',
      'history-big-offset',
    ])
    expect(report.table).to.include('| API CPU ms/req |')

    // Background runs: the enqueue answers 202; the drain's row counts runs completed by the job workers,
    // four in one worker process apart from the API (as docker-compose.yml runs them), one tenant allowed all
    // of them at once; the service's CPU counts that process too.
    expect(report.scenarios['run-agent-background'].outcome.statusCodes).to.have.keys('202')
    expect(report.scenarios['enqueue-one-client'].outcome).to.include({ connections: 1 })
    expect(report.scenarios['enqueue-one-client'].outcome.statusCodes).to.have.keys('202')
    const workers = report.settings.jobWorkers
    expect(workers).to.include({ placement: 'process', processes: 1, perProcess: 4, total: 4 })
    expect(workers.tenantConcurrency).to.equal(workers.total)
    const drain = report.scenarios['background-drain'].outcome
    expect(drain.connections).to.equal(workers.total)
    expect(drain.count).to.be.at.least(report.settings.drain.addedRuns)
    expect(drain.notes.join(' ')).to.match(/the top-up's enqueue, job workers held: \d+ requests/)
    expect(drain.notes.join(' '), JSON.stringify(drain)).not.to.match(/time limit|jobs found for/)
    const enqueueTarget = report.targets.find(
      (target: { row: string }) => target.row === 'enqueue-one-client',
    )
    expect(enqueueTarget).to.include({ target: 'p95 < 20 ms' })
    expect(enqueueTarget.measured).to.be.a('string')

    expect(Object.keys(report.ceilings)).to.have.members([...httpCeilingIds, ...pgbenchCeilingIds])
    for (const id of httpCeilingIds) expectMeasured(id, report.ceilings[id].outcome)
    for (const id of pgbenchCeilingIds) {
      const { outcome } = report.ceilings[id]
      if (report.machine.pgbench === null) expect(outcome.status).to.equal('unavailable')
      expectMeasuredOrUnavailable(id, outcome)
    }

    expect(report.targets).to.be.an('array').with.length.above(8)
    for (const target of report.targets) {
      expect(target).to.have.keys('row', 'target', 'measured', 'pass')
      expect(target.pass === null || typeof target.pass === 'boolean').to.equal(true)
    }
    expect(report.table).to.be.a('string').and.include('| Scenario |')
  })

  it('reports the database ceilings as unavailable when pgbench is missing', async () => {
    const saved = process.env.PGBENCH_BIN
    process.env.PGBENCH_BIN = path.join(dir, 'no-such-pgbench')
    try {
      // Without pgbench nothing touches the database.
      const { outcomes } = await measurePgbenchCeilings({
        database: {} as EmbeddedDatabase,
        tenantId: '00000000-0000-0000-0000-000000000000',
        seconds: 1,
        clients: 10,
        log: () => undefined,
      })
      expect(Object.keys(outcomes)).to.have.members(pgbenchCeilingIds)
      for (const id of pgbenchCeilingIds) {
        expect(outcomes[id]).to.include({ status: 'unavailable' })
        expect((outcomes[id] as Outcome).reason).to.match(/pgbench is not on PATH/)
      }
    } finally {
      if (saved === undefined) delete process.env.PGBENCH_BIN
      else process.env.PGBENCH_BIN = saved
    }
  })
})
