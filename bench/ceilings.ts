// What the API could at best do on this machine, measured in the same run:
//   * HTTP: bare node:http, and one bare Express 5 route, answering a real list body (child processes);
//   * PostgreSQL: pgbench running the very statements the list-tools and history endpoints send, inside the
//     transaction the API wraps them in (BEGIN; set_config; the statements, pipelined; COMMIT), as map_app
//     under row-level security, and the same as a role that bypasses it: the difference is what RLS costs.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { inTenantTransaction } from '../db/client.js'
import { loadConfig } from '../app/config.js'
import type { EmbeddedDatabase } from '../db/embedded.js'
import { makeToolsRepo } from '../plugins/catalog/tools.repo.js'
import { makeHistoryRepo } from '../plugins/runs/history.repo.js'
import { makeHistoryService } from '../plugins/runs/history.service.js'
import { measureHttp, warmUp, type Span } from './http-load.js'
import { startFixedJsonServer, type Log } from './setup.js'
import { describeOutcome, measurement, type Outcome } from './stats.js'

export const bypassRole = 'map_bench_bypass'
/** Read at each use, so a test can point it elsewhere. */
const pgbenchBinary = (): string => process.env.PGBENCH_BIN ?? 'pgbench'

export interface CeilingSettings {
  seconds: number
  warmUp: Span
  connections: number
  throughputConnections: number
}

// ---------------------------------------------------------------------------------------------- HTTP

/** node:http and Express 5 serving `listBody` (a JSON text), each at both concurrencies. */
export async function measureHttpCeilings(
  listBody: string,
  settings: CeilingSettings,
  log: Log,
): Promise<Record<string, Outcome>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'map-bench-body-'))
  const bodyFile = path.join(dir, 'list.json')
  writeFileSync(bodyFile, listBody)
  const results: Record<string, Outcome> = {}
  try {
    for (const kind of ['node-http', 'express'] as const) {
      const server = await startFixedJsonServer(kind, bodyFile)
      try {
        for (const connections of [settings.connections, settings.throughputConnections]) {
          const load = { url: server.url, connections, requests: [{ path: '/api/v1/tools?limit=100' }] }
          await warmUp(load, settings.warmUp)
          const id = `${kind}-c${connections}`
          results[id] = await measureHttp(load, { seconds: settings.seconds })
          log(`ceiling ${id}: ${describeOutcome(results[id])}`)
        }
      } finally {
        await server.stop()
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return results
}

// ------------------------------------------------------------------------------------- the statements

interface Statement {
  query: string
  parameters: unknown[]
}

/** The statements a transaction sent, as postgres.js wrote them, without BEGIN/COMMIT (and its catalog read). */
async function recordStatements(
  appUrl: string,
  tenantId: string,
  work: (tx: postgres.TransactionSql) => Promise<unknown>,
): Promise<Statement[]> {
  const statements: Statement[] = []
  const recording = postgres(appUrl, {
    max: 1,
    onnotice: () => undefined,
    transform: { undefined: null },
    debug: (_connection, query, parameters) => statements.push({ query, parameters }),
  })
  try {
    await inTenantTransaction(recording, tenantId, work)
  } finally {
    await recording.end({ timeout: 5 })
  }
  const seen = new Set<string>()
  return statements.filter(({ query }) => {
    // postgres.js may report a statement twice (described, then run), and first reads the array types.
    if (seen.has(query) || /^\s*(begin|commit)\b/i.test(query) || /pg_catalog\.pg_type/.test(query))
      return false
    seen.add(query)
    return true
  })
}

/** What `GET /tools?limit=100` and `GET /history` (first page) send, taken from the repositories themselves. */
export async function endpointStatements(
  appUrl: string,
  tenantId: string,
): Promise<{ list: Statement[]; history: Statement[] }> {
  const list = await recordStatements(appUrl, tenantId, (tx) =>
    makeToolsRepo({ tx, tenantId }).list({ limit: 100, offset: 0 }, undefined),
  )
  const history = await recordStatements(appUrl, tenantId, (tx) =>
    makeHistoryService({ runsHistoryRepo: makeHistoryRepo({ tx, tenantId, config: loadConfig({}) }) }).list({
      filters: {},
      limit: 20,
      offset: 0,
    }),
  )
  return { list, history }
}

const stringLiteral = /'(?:[^']|'')*'/g

/**
 * One statement for a pgbench script: $n becomes :<prefix>_n (pgbench binds its variables as parameters with
 * -M prepared, as postgres.js does). pgbench reads any :name as a variable, even inside a string literal, so
 * a literal holding a colon (the to_char format 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') is written as the same
 * value in escape syntax, E'...\072...'.
 */
function pgbenchStatement(
  statement: Statement,
  prefix: string,
): { text: string; variables: Record<string, string> } {
  const variables: Record<string, string> = {}
  const parts = statement.query.split(stringLiteral)
  const literals = statement.query.match(stringLiteral) ?? []
  const text = parts
    .map((part, i) => {
      const code = part.replace(/\$(\d+)/g, (_match, n: string) => {
        variables[`${prefix}_${n}`] = String(statement.parameters[Number(n) - 1])
        return `:${prefix}_${n}`
      })
      const literal = literals[i]
      if (literal === undefined) return code
      return (
        code + (literal.includes(':') ? `E${literal.replace(/\\/g, '\\\\').replace(/:/g, '\\072')}` : literal)
      )
    })
    .join('')
  return { text: text.trim(), variables }
}

/**
 * The API's transaction as a pgbench script: BEGIN, the set_config statement (the first recorded), the
 * endpoint's statements sent together in a pipeline (the repositories send them with Promise.all), COMMIT.
 */
export function pgbenchScript(statements: Statement[]): {
  script: string
  variables: Record<string, string>
} {
  const converted = statements.map((statement, i) => pgbenchStatement(statement, `s${i}`))
  const [setConfig, ...rest] = converted
  if (!setConfig || !/set_config/.test(setConfig.text)) throw new Error('expected set_config first')
  const script = [
    'begin;',
    `${setConfig.text};`,
    '\\startpipeline',
    ...rest.map((statement) => `${statement.text};`),
    '\\endpipeline',
    'commit;',
    '',
  ].join('\n')
  const variables: Record<string, string> = {}
  for (const statement of converted) Object.assign(variables, statement.variables)
  return { script, variables }
}

// ------------------------------------------------------------------------------------------ pgbench

export const pgbenchVersion = (): string | undefined => {
  const probe = spawnSync(pgbenchBinary(), ['--version'], { encoding: 'utf8' })
  return probe.error || probe.status !== 0 ? undefined : probe.stdout.trim()
}

/** A LOGIN BYPASSRLS role with SELECT on what the scripts read; bench-only (its database is thrown away). */
async function createBypassRole(database: EmbeddedDatabase): Promise<string> {
  const password = randomBytes(18).toString('base64url')
  const databaseName = new URL(database.appUrl).pathname.slice(1)
  const superuser = postgres(database.superuserUrl.replace(/\/[^/]*$/, `/${databaseName}`), {
    max: 1,
    onnotice: () => undefined,
  })
  try {
    const [exists] = await superuser`select 1 from pg_roles where rolname = ${bypassRole}`
    await superuser.unsafe(
      `${exists ? 'alter' : 'create'} role ${bypassRole} login bypassrls password '${password}'`,
    )
    await superuser.unsafe(`grant connect on database ${databaseName} to ${bypassRole}`)
    await superuser.unsafe(`grant usage on schema public to ${bypassRole}`)
    // Read-only, bench-only: whatever the captured endpoint SQL reads.
    await superuser.unsafe(`grant select on all tables in schema public to ${bypassRole}`)
  } finally {
    await superuser.end({ timeout: 5 })
  }
  const url = new URL(database.appUrl)
  url.username = bypassRole
  url.password = password
  return url.toString()
}

interface PgbenchRun {
  url: string
  scriptFile: string
  variables: Record<string, string>
  clients: number
  seconds: number
}

interface PgbenchResult {
  tps: number
  latencyAverageMs: number
  transactions: number
  failed: number
  /** Per-transaction latencies from pgbench's --log (microseconds in the log, milliseconds here). */
  latencies: number[]
}

function spawnPgbench(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgbenchBinary(), args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, output }))
  })
}

/** The third field of each line of every --log file: the transaction's elapsed time in microseconds. */
function readLatencies(logDir: string): number[] {
  const latencies: number[] = []
  for (const file of readdirSync(logDir)) {
    for (const line of readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
      const micros = Number(line.split(' ')[2])
      if (line && Number.isFinite(micros)) latencies.push(micros / 1000)
    }
  }
  return latencies
}

const field = (output: string, pattern: RegExp): number => {
  const match = pattern.exec(output)
  return match ? Number(match[1]) : NaN
}

async function runPgbench(run: PgbenchRun): Promise<PgbenchResult> {
  const url = new URL(run.url)
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'map-bench-pgbench-'))
  const args = [
    ...[
      '-h',
      url.hostname,
      '-p',
      url.port,
      '-U',
      decodeURIComponent(url.username),
      '-d',
      url.pathname.slice(1),
    ],
    ...['-n', '-M', 'prepared', '-c', String(run.clients), '-j', '2', '-T', String(run.seconds)],
    ...['-f', run.scriptFile, '--log', `--log-prefix=${path.join(logDir, 'tx')}`],
    ...Object.entries(run.variables).flatMap(([name, value]) => ['-D', `${name}=${value}`]),
  ]
  try {
    mkdirSync(logDir, { recursive: true })
    const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password), PGAPPNAME: 'map-bench' }
    const { code, output } = await spawnPgbench(args, env)
    if (code !== 0) throw new Error(`pgbench exited with ${code}:\n${output.slice(-4000)}`)
    return {
      tps: field(output, /^tps = ([\d.]+)/m),
      latencyAverageMs: field(output, /^latency average = ([\d.]+) ms/m),
      transactions: field(output, /^number of transactions actually processed: (\d+)/m),
      failed: field(output, /^number of failed transactions: (\d+)/m) || 0,
      latencies: readLatencies(logDir),
    }
  } finally {
    rmSync(logDir, { recursive: true, force: true })
  }
}

/** Several runs of one script as one measurement: summed transactions and time, all latencies. */
function combine(runs: PgbenchResult[], clients: number, seconds: number): Outcome {
  const latencies = runs.flatMap((run) => run.latencies)
  const transactions = runs.reduce((sum, run) => sum + run.transactions, 0)
  // pgbench's tps excludes connection setup; the time it measured is transactions / tps.
  const measuredSeconds = runs.reduce((sum, run) => sum + run.transactions / run.tps, 0)
  const outcome = measurement({
    samples: latencies,
    durationSeconds: measuredSeconds || seconds,
    errors: runs.reduce((sum, run) => sum + run.failed, 0),
    connections: clients,
    notes: [
      `pgbench: ${transactions} transactions, tps ${runs.map((run) => run.tps).join(' / ')}, ` +
        `latency average ${runs.map((run) => run.latencyAverageMs).join(' / ')} ms; ` +
        'percentiles from the per-transaction --log',
    ],
  })
  if (outcome.status !== 'ok') return outcome
  if (latencies.length !== transactions) {
    outcome.notes?.push(`the log holds ${latencies.length} of ${transactions} transactions`)
  }
  return { ...outcome, roundsRps: runs.map((run) => Math.round(run.tps * 10) / 10) }
}

/**
 * How the time is cut into alternating rounds. RLS costs a few percent at most, about what the machine
 * drifts between two runs, so a long run is cut into rounds, RLS and bypass alternating (and which goes
 * first alternating too), and the report compares them round by round. Full runs: 5 rounds of 4 s per role.
 */
const roundPlan = (seconds: number): { rounds: number; roundSeconds: number } =>
  seconds >= 10
    ? { rounds: 5, roundSeconds: 4 }
    : { rounds: Math.max(1, Math.floor(seconds / 2)), roundSeconds: Math.max(1, Math.min(2, seconds)) }

export interface PgbenchCeilingInput {
  database: EmbeddedDatabase
  tenantId: string
  seconds: number
  clients: number
  log: Log
}

/** pgbench-list-rls / -bypass and pgbench-history-rls / -bypass, in alternating rounds (see roundPlan). */
export async function measurePgbenchCeilings(
  input: PgbenchCeilingInput,
): Promise<{ outcomes: Record<string, Outcome>; scripts: Record<string, string> }> {
  const ids = ['pgbench-list-rls', 'pgbench-list-bypass', 'pgbench-history-rls', 'pgbench-history-bypass']
  const version = pgbenchVersion()
  if (!version) {
    const reason = `pgbench is not on PATH (${pgbenchBinary()}); install postgresql-client to measure the database ceilings`
    const outcomes = Object.fromEntries(
      ids.map((id): [string, Outcome] => [id, { status: 'unavailable', reason, connections: input.clients }]),
    )
    return { outcomes, scripts: {} }
  }
  const statements = await endpointStatements(input.database.appUrl, input.tenantId)
  const bypassUrl = await createBypassRole(input.database)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'map-bench-scripts-'))
  const results: Record<string, Outcome> = {}
  const scripts: Record<string, string> = {}
  try {
    const { rounds, roundSeconds: seconds } = roundPlan(input.seconds)
    for (const endpoint of ['list', 'history'] as const) {
      const { script, variables } = pgbenchScript(statements[endpoint])
      const scriptFile = path.join(dir, `${endpoint}.sql`)
      writeFileSync(scriptFile, script)
      scripts[endpoint] = script
      const runs: Record<'rls' | 'bypass', PgbenchRun> = {
        rls: { url: input.database.appUrl, scriptFile, variables, clients: input.clients, seconds },
        bypass: { url: bypassUrl, scriptFile, variables, clients: input.clients, seconds },
      }
      // A short run first, unmeasured: the server's caches and the OS page cache are warm for both roles.
      await runPgbench({ ...runs.rls, seconds: 1 })
      const done: Record<'rls' | 'bypass', PgbenchResult[]> = { rls: [], bypass: [] }
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? (['rls', 'bypass'] as const) : (['bypass', 'rls'] as const)
        for (const role of order) done[role].push(await runPgbench(runs[role]))
      }
      for (const role of ['rls', 'bypass'] as const) {
        const id = `pgbench-${endpoint}-${role}`
        results[id] = combine(done[role], input.clients, input.seconds)
        input.log(`ceiling ${id}: ${describeOutcome(results[id])}`)
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return { outcomes: results, scripts }
}
