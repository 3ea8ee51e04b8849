// The report: each scenario against its ceiling and its target, as a markdown table (stdout and
// bench/results/latest.md) and as JSON (bench/results/<timestamp>.json, or --out).
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { DrainPlan } from './drain.js'
import type { JobWorkerShape } from './setup.js'
import { isMeasured, type Measurement, type Outcome } from './stats.js'

export type Mode = 'full' | 'quick' | 'smoke'

export interface CeilingEntry {
  title: string
  outcome: Outcome
}

export interface ScenarioEntry {
  title: string
  request: string
  tenant: string
  outcome: Outcome
}

export interface Machine {
  cpus: number
  cpuModel: string
  totalMemoryBytes: number
  platform: string
  arch: string
  node: string
  postgres: string
  redis: string
  /** null when pgbench is not installed (its ceilings are then unavailable). */
  pgbench: string | null
}

export interface DataSummary {
  tenants: number
  big: { tools: number; agents: number; executions: number }
  huge: { agents: number; executions: number }
  small: { tenants: number; tools: number; agents: number; executions: number }
  /** How deep the offset (and cursor) pages go. */
  offsets: { big: number; huge: number }
  loadSeconds: number
  hugeExecutionsLoadSeconds: number
  vacuumSeconds: number
  executionLogsBytes: number
  /** Marketplace listings (the search scenario's) and how long they took to load. */
  listings: number
  listingsLoadSeconds: number
}

export interface RunSettings {
  scenarioSeconds: number
  warmUp: unknown
  connections: number
  throughputConnections: number
  dbPoolMax: number
  /** How the API ran: the compiled build (dist) or the TypeScript (tsx), and WEB_CONCURRENCY. */
  apiRuntime: string
  apiWorkers: number
  apiLogLevel: string
  rateLimitRequests: number
  /** The job workers that run the background runs: in a process apart, or in the API's. */
  jobWorkers: JobWorkerShape
  /** The queue background-drain starts from, and its time limit. */
  drain: DrainPlan
  totalSeconds: number
}

export interface ReportInput {
  mode: Mode
  startedAt: string
  finishedAt: string
  machine: Machine
  settings: RunSettings
  data: DataSummary
  ceilings: Record<string, CeilingEntry>
  /** In the order they ran; the limiter decision is one of them. */
  scenarios: Record<string, ScenarioEntry>
  pgbenchScripts: Record<string, string>
}

/** Which ceilings bound a scenario: the lesser of them (the issue: "the lesser of the two ceilings"). */
const ceilingsOf: Record<string, string[]> = {
  'list-tools': ['node-http-c10', 'pgbench-list-rls'],
  'list-tools-throughput': ['node-http-c64', 'pgbench-list-rls'],
  'history-big-first': ['node-http-c10', 'pgbench-history-rls'],
  'get-agent': ['node-http-c10'],
  'history-big-offset': ['node-http-c10'],
  'history-huge-first': ['node-http-c10'],
  'history-huge-offset': ['node-http-c10'],
  'history-huge-cursor': ['node-http-c10'],
  'create-tool': ['node-http-c10'],
  'run-agent': ['node-http-c10'],
  'run-agent-tool': ['node-http-c10'],
  'run-agent-background': ['node-http-c10'],
  mixed: ['node-http-c10'],
}

export interface CeilingRatio {
  /** The ceiling used: the lesser of the available ones. */
  against: string | null
  rps: number | null
  ratio: number | null
}

function ceilingRatio(
  id: string,
  outcome: Outcome,
  ceilings: Record<string, CeilingEntry>,
): CeilingRatio | undefined {
  const candidates = ceilingsOf[id]
  if (!candidates) return undefined
  const measured = candidates
    .map((ceiling) => ({ ceiling, outcome: ceilings[ceiling]?.outcome }))
    .filter((entry): entry is { ceiling: string; outcome: Measurement } => isMeasured(entry.outcome))
    .sort((a, b) => a.outcome.rps - b.outcome.rps)
  const lesser = measured[0]
  if (!lesser || !isMeasured(outcome))
    return { against: lesser?.ceiling ?? null, rps: lesser?.outcome.rps ?? null, ratio: null }
  return {
    against: lesser.ceiling,
    rps: lesser.outcome.rps,
    ratio: Math.round((outcome.rps / lesser.outcome.rps) * 1000) / 1000,
  }
}

export interface TargetResult {
  /** The scenario or ceiling row the target belongs to. */
  row: string
  target: string
  measured: string | null
  /** null when it could not be judged (something unavailable). */
  pass: boolean | null
}

type Rows = Record<string, Outcome | undefined>

const p95Below =
  (row: string, limitMs: number) =>
  (rows: Rows): TargetResult => {
    const outcome = rows[row]
    const target = `p95 < ${limitMs} ms`
    if (!isMeasured(outcome)) return { row, target, measured: null, pass: null }
    const errors = outcome.errors > 0 ? ` (${outcome.errors} errors)` : ''
    return {
      row,
      target,
      measured: `${outcome.p95} ms${errors}`,
      pass: outcome.p95 < limitMs && outcome.errors === 0,
    }
  }

/** The issue's CPU budgets: the API's CPU time per answered request (see ApiCpu in stats.ts). */
const cpuBelow =
  (row: string, limitMs: number) =>
  (rows: Rows): TargetResult => {
    const outcome = rows[row]
    const target = `API CPU ≤ ${limitMs} ms/req`
    if (!isMeasured(outcome) || !outcome.apiCpu) return { row, target, measured: null, pass: null }
    const { msPerRequest } = outcome.apiCpu
    return { row, target, measured: `${msPerRequest} ms`, pass: msPerRequest <= limitMs }
  }

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function rlsCost(endpoint: 'list' | 'history') {
  return (rows: Rows): TargetResult => {
    const [rls, bypass] = [rows[`pgbench-${endpoint}-rls`], rows[`pgbench-${endpoint}-bypass`]]
    const row = `pgbench-${endpoint}-rls`
    const target = 'RLS cost < 10% of bypass tps'
    if (!isMeasured(rls) || !isMeasured(bypass)) return { row, target, measured: null, pass: null }
    const aggregate = 1 - rls.rps / bypass.rps
    const pairs = rls.roundsRps?.length === bypass.roundsRps?.length ? (rls.roundsRps?.length ?? 0) : 0
    if (pairs < 2) return { row, target, measured: percent(aggregate), pass: aggregate < 0.1 }
    // The median of the paired rounds: one disturbed round does not decide it.
    const cost = 1 - median(rls.roundsRps!.map((rps, i) => rps / bypass.roundsRps![i]!))
    return {
      row,
      target,
      measured: `${percent(cost)} (median of ${pairs} paired rounds; overall ${percent(aggregate)})`,
      pass: cost < 0.1,
    }
  }
}

function listThroughput(rows: Rows, ceilings: Record<string, CeilingEntry>): TargetResult {
  const row = 'list-tools-throughput'
  const target = '≥ 50% of the lesser ceiling'
  const outcome = rows[row]
  const ratio = outcome ? ceilingRatio(row, outcome, ceilings) : undefined
  if (!ratio || ratio.ratio === null) return { row, target, measured: null, pass: null }
  return {
    row,
    target,
    measured: `${Math.round(ratio.ratio * 100)}% of ${ratio.against}`,
    pass: ratio.ratio >= 0.5,
  }
}

function cursorVsFirst(rows: Rows): TargetResult {
  const row = 'history-huge-cursor'
  const [cursor, first] = [rows[row], rows['history-huge-first']]
  const target = 'p95 ≤ 1.5× first page (huge)'
  if (!isMeasured(cursor) || !isMeasured(first)) return { row, target, measured: null, pass: null }
  const factor = cursor.p95 / first.p95
  return { row, target, measured: `${factor.toFixed(2)}× (${first.p95} ms)`, pass: factor <= 1.5 }
}

/** A run that calls one builtin tool makes two model steps and a tool step: its p95 within 2× a plain run's. */
function toolRunVsPlain(rows: Rows): TargetResult {
  const row = 'run-agent-tool'
  const [tool, plain] = [rows[row], rows['run-agent']]
  const target = 'p95 ≤ 2× run agent'
  if (!isMeasured(tool) || !isMeasured(plain)) return { row, target, measured: null, pass: null }
  const factor = tool.p95 / plain.p95
  const errors = tool.errors > 0 ? `, ${tool.errors} errors` : ''
  return {
    row,
    target,
    measured: `${factor.toFixed(2)}× (${tool.p95} ms vs ${plain.p95} ms${errors})`,
    pass: factor <= 2 && tool.errors === 0,
  }
}

export function evaluateTargets(input: ReportInput): TargetResult[] {
  const rows: Rows = {
    ...Object.fromEntries(Object.entries(input.ceilings).map(([id, entry]) => [id, entry.outcome])),
    ...Object.fromEntries(Object.entries(input.scenarios).map(([id, entry]) => [id, entry.outcome])),
  }
  return [
    p95Below('create-tool', 50)(rows),
    p95Below('list-tools', 100)(rows),
    p95Below('get-agent', 100)(rows),
    p95Below('run-agent', 500)(rows),
    p95Below('enqueue-one-client', 20)(rows),
    p95Below('history-big-first', 200)(rows),
    p95Below('history-big-offset', 200)(rows),
    p95Below('limiter', 10)(rows),
    p95Below('search-listings', 50)(rows),
    cpuBelow('get-agent', 0.35)(rows),
    cpuBelow('create-tool', 0.45)(rows),
    cpuBelow('list-tools', 0.8)(rows),
    cpuBelow('run-agent', 0.8)(rows),
    cpuBelow('history-big-first', 0.6)(rows),
    cpuBelow('history-big-offset', 0.6)(rows),
    listThroughput(rows, input.ceilings),
    rlsCost('list')(rows),
    rlsCost('history')(rows),
    cursorVsFirst(rows),
    toolRunVsPlain(rows),
  ]
}

// ---------------------------------------------------------------------------------------------- table

const thousands = (value: number, digits = 0) =>
  value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const rpsText = (rps: number) => thousands(rps, rps < 100 ? 1 : 0)
const msText = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : thousands(ms))
const verdict = (pass: boolean | null) => (pass === null ? 'n/a' : pass ? 'PASS' : 'MISS')

function tableRow(
  title: string,
  outcome: Outcome,
  ratio: CeilingRatio | undefined,
  targets: TargetResult[],
): string {
  const measured = isMeasured(outcome)
  const numbers = measured
    ? [rpsText(outcome.rps), msText(outcome.p50), msText(outcome.p95), msText(outcome.p99)]
    : [`${outcome.status}: ${outcome.reason}`, '', '', '']
  const cpu = measured && outcome.apiCpu ? outcome.apiCpu.msPerRequest.toFixed(3) : ''
  const errors = measured && outcome.errors > 0 ? ` (${outcome.errors} errors)` : ''
  const versus = ratio?.ratio != null ? `${ratio.ratio.toFixed(2)} × ${ratio.against}` : ratio ? 'n/a' : ''
  // A row may have several targets (latency and CPU): one after the other in each column.
  const each = (cell: (target: TargetResult) => string) => targets.map(cell).join(' · ')
  return `| ${title}${errors} | ${outcome.connections ?? ''} | ${numbers.join(' | ')} | ${cpu} | ${versus} | ${each(
    (target) => target.target,
  )} | ${each((target) => target.measured ?? 'n/a')} | ${each((target) => verdict(target.pass))} |`
}

export function markdownTable(input: ReportInput, targets: TargetResult[]): string {
  const targetsOf = (row: string) => targets.filter((target) => target.row === row)
  const lines = [
    '| Scenario | Conns | rps | p50 ms | p95 ms | p99 ms | API CPU ms/req | Ratio to ceiling | Target | Measured | Result |',
    '| --- | --: | --: | --: | --: | --: | --: | --- | --- | --- | --- |',
  ]
  for (const [id, entry] of Object.entries(input.scenarios)) {
    lines.push(
      tableRow(entry.title, entry.outcome, ceilingRatio(id, entry.outcome, input.ceilings), targetsOf(id)),
    )
  }
  for (const [id, entry] of Object.entries(input.ceilings)) {
    lines.push(tableRow(`Ceiling: ${entry.title}`, entry.outcome, undefined, targetsOf(id)))
  }
  return lines.join('\n')
}

/** Where the background scenarios' job workers ran, and what that means for the enqueue's figures. */
function jobWorkerLines(workers: JobWorkerShape): string[] {
  const settings = `JOBS_TENANT_CONCURRENCY ${workers.tenantConcurrency}`
  return workers.placement === 'process'
    ? [
        `- Background runs: ${workers.total} job workers in one worker process apart from the API (npm run worker,`,
        `  WORKER_CONCURRENCY ${workers.perProcess}, ${settings}, WORKER_NICE ${workers.nice}; the API runs none), as`,
        "  docker-compose.yml runs them. They run the enqueue scenario's runs during its measured time, on the same",
        '  2 cores, at a lower CPU priority than the API (nice): its latency includes what CPU they still take, and',
        "  its CPU per request includes the worker process's.",
      ]
    : [
        `- Background runs: ${workers.total} job workers in the API's processes (WEB_CONCURRENCY ${workers.processes} ×`,
        `  WORKER_CONCURRENCY ${workers.perProcess}, ${settings}). They run the enqueue scenario's runs during its`,
        '  measured time, in the same processes: its latency and CPU per request include their share.',
      ]
}

function preamble(input: ReportInput): string {
  const { machine, data, settings } = input
  const workers = settings.jobWorkers
  const n = (value: number) => thousands(value)
  return [
    `# Benchmarks: ${input.mode} run of ${input.startedAt}`,
    '',
    `- Machine: ${machine.cpus} × ${machine.cpuModel}, ${Math.round(machine.totalMemoryBytes / 2 ** 30)} GiB, ` +
      `${machine.platform}; Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}, ` +
      `${machine.pgbench ?? 'no pgbench'}.`,
    `- Data: ${data.tenants} tenants. big: ${n(data.big.tools)} tools, ${n(data.big.agents)} agents, ` +
      `${n(data.big.executions)} executions; huge: ${n(data.huge.executions)} executions; ` +
      `${data.small.tenants} small: ${data.small.tools} tools, ${data.small.agents} agents, ` +
      `${data.small.executions} executions each. execution_logs ${n(data.executionLogsBytes / 2 ** 20)} MiB. ` +
      `Marketplace: ${n(data.listings)} listings (${data.listingsLoadSeconds} s).`,
    `- Load: ${data.loadSeconds} s in all (the huge tenant's executions: ${data.hugeExecutionsLoadSeconds} s), ` +
      `then VACUUM (ANALYZE) ${data.vacuumSeconds} s.`,
    `- Each scenario: warm-up ${JSON.stringify(settings.warmUp)}, then ${settings.scenarioSeconds} s at ` +
      `${settings.connections} connections (throughput: ${settings.throughputConnections}); the API runs ` +
      `${settings.apiRuntime === 'dist' ? 'the compiled build' : 'the TypeScript through tsx'} as ` +
      `${settings.apiWorkers === 1 ? 'one process' : `${settings.apiWorkers} workers (WEB_CONCURRENCY)`} ` +
      `(DB_POOL_MAX ${settings.dbPoolMax} each, LOG_LEVEL ${settings.apiLogLevel}, quotas never reached). ` +
      `Whole run: ${settings.totalSeconds} s.`,
    "- API CPU ms/req: user + system CPU time of the service's processes (the API's workers, and the job",
    '  worker process when it runs apart) during the measured run, from /proc, divided by the requests answered.',
    '  Ceilings are single processes.',
    ...jobWorkerLines(workers),
    '  The drain row: with the job fetches held, what the enqueue scenario left queued and',
    `  ${thousands(settings.drain.addedRuns)} runs more (the enqueue alone: its notes); then runs completed/s ` +
      `until none is left (limit ${settings.drain.timeLimitSeconds} s),`,
    "  p50..p99 = each run's time in its worker, API CPU per run completed, Conns = job workers.",
    '- Latencies are those of successful answers; percentiles from every sample (pgbench: its per-transaction',
    '  log). Ceilings: bare node:http and one Express 5 route serving a real list body; pgbench running the',
    "  endpoints' SQL in the API's transaction (BEGIN; set_config; statements pipelined; COMMIT) as map_app",
    "  (RLS) and as a BYPASSRLS role. Ratio = rps / the lesser of the scenario's ceilings.",
    '',
  ].join('\n')
}

export interface Report {
  json: Record<string, unknown>
  markdown: string
  table: string
}

export function buildReport(input: ReportInput): Report {
  const targets = evaluateTargets(input)
  const table = markdownTable(input, targets)
  const scenarios = Object.fromEntries(
    Object.entries(input.scenarios).map(([id, entry]) => [
      id,
      {
        ...entry,
        ...(ceilingRatio(id, entry.outcome, input.ceilings)
          ? { ceiling: ceilingRatio(id, entry.outcome, input.ceilings) }
          : {}),
      },
    ]),
  )
  const json = {
    schemaVersion: 1,
    mode: input.mode,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    machine: input.machine,
    settings: input.settings,
    data: input.data,
    ceilings: input.ceilings,
    scenarios,
    targets,
    pgbenchScripts: input.pgbenchScripts,
    table,
  }
  return { json, table, markdown: `${preamble(input)}\n${table}\n` }
}

/** bench/results/<timestamp>.json, and latest.json + latest.md for full runs; or only `out` when given. */
export function writeReport(
  report: Report,
  options: { mode: Mode; startedAt: string; out?: string; dir: string },
): string[] {
  const text = `${JSON.stringify(report.json, null, 2)}\n`
  if (options.out) {
    mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true })
    writeFileSync(options.out, text)
    return [options.out]
  }
  mkdirSync(options.dir, { recursive: true })
  // Colons are not allowed in file names everywhere.
  const file = path.join(options.dir, `${options.startedAt.replace(/:/g, '-')}.json`)
  writeFileSync(file, text)
  if (options.mode !== 'full') return [file]
  writeFileSync(path.join(options.dir, 'latest.json'), text)
  writeFileSync(path.join(options.dir, 'latest.md'), report.markdown)
  return [file, path.join(options.dir, 'latest.json'), path.join(options.dir, 'latest.md')]
}
