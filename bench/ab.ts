// Before/after in one run: the same services and data, the API started from each of several builds in turn
// (a folder holding dist/ and node_modules), the chosen scenarios measured against each, rounds interleaved.
// Prints the median API CPU per request, rps and latency (p50, p95) per scenario and build.
//
//   npx tsx bench/ab.ts --build base=/tmp/base --build new=. [--scenarios list-tools,get-agent] [--rounds 3]
//                       [--seconds 5] [--workers 1] [--prof DIR] [--env KEY=VALUE] [--job-workers process]
//                       [--build-env LABEL:KEY=VALUE]
//
// --job-workers process: each build's jobs run in a worker process of its own (npm run worker, as the bench and
// docker-compose.yml run them), whose CPU counts with the API's; the builds' workers share one queue, so
// compare background scenarios one build at a time. PostgreSQL's CPU per request (every `postgres` process)
// is printed beside the API's.
//
// --pg NAME=VALUE: a PostgreSQL server setting (repeatable); --pg-log FILE: the server's log lines go to FILE
// (appended). Together, auto_explain's plans: --pg shared_preload_libraries=auto_explain
// --pg auto_explain.log_min_duration=1.5ms --pg auto_explain.log_analyze=on --pg-log /tmp/pg.log.
// (Not logging_collector: the embedded server's start waits for its log on stderr.)
//
// --statements N: PostgreSQL runs with pg_stat_statements; after each measured run, the N statements that took
// the most of its time (execution + planning), per request, go to stderr.
import postgres from 'postgres'
import { spawn } from 'node:child_process'
import { appendFileSync } from 'node:fs'
import { once } from 'node:events'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { runScenarios, scenarios, type ScenarioSettings } from './scenarios.js'
import {
  apiJobEnv,
  apiSettings,
  cursorAt,
  jobWorkerShape,
  loadData,
  startJobWorkerProcess,
  startServices,
  type Log,
} from './setup.js'
import { freePort } from '../test/harness/stack.js'

const log: Log = (message) =>
  process.stderr.write(`[ab ${new Date().toISOString().slice(11, 19)}] ${message}\n`)

const { values } = parseArgs({
  options: {
    build: { type: 'string', multiple: true, default: [] },
    scenarios: { type: 'string', default: 'list-tools,get-agent,history-big-first,create-tool,run-agent' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    workers: { type: 'string', default: '1' },
    prof: { type: 'string' },
    env: { type: 'string', multiple: true, default: [] },
    'build-env': { type: 'string', multiple: true, default: [] },
    'job-workers': { type: 'string', default: 'api' },
    statements: { type: 'string', default: '0' },
    pg: { type: 'string', multiple: true, default: [] },
    'pg-log': { type: 'string' },
  },
})
const builds = values.build.map((spec) => {
  const [label, dir] = spec.split('=')
  return { label: label!, dir: path.resolve(dir!) }
})
const wanted = values.scenarios.split(',')
const keyValue = (pair: string) => pair.split(/=(.*)/s).slice(0, 2) as [string, string]
const extraEnv = Object.fromEntries(values.env.map(keyValue))
/** --build-env LABEL:KEY=VALUE: a variable for one build's API only (the same dir under two labels, say). */
const buildEnv = (label: string) =>
  Object.fromEntries(
    values['build-env']
      .filter((spec) => spec.startsWith(`${label}:`))
      .map((spec) => keyValue(spec.slice(label.length + 1))),
  )
const jobWorkers = values['job-workers'] === 'process' ? jobWorkerShape('process', 1) : undefined
const profArgs = (label: string) =>
  values.prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.prof, label)}`] : []

async function startApi(dir: string, appUrl: string, redisUrl: string, label: string) {
  const port = await freePort()
  const args = [...profArgs(label), 'dist/app/main.js']
  const child = spawn(process.execPath, args, {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: appUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: apiSettings.logLevel,
      MIGRATE_ON_START: 'false',
      SEED_DEMO_TENANTS: 'false',
      RATE_LIMIT_REQUESTS: String(apiSettings.rateLimitRequests),
      RUN_RATE_LIMIT_REQUESTS: String(apiSettings.rateLimitRequests),
      DB_POOL_MAX: String(apiSettings.poolMax),
      WEB_CONCURRENCY: values.workers,
      ...(jobWorkers ? apiJobEnv(jobWorkers) : {}),
      ...extraEnv,
      ...buildEnv(label),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/ready`)).status === 200) break
    } catch {
      /* not yet */
    }
    if (i > 300 || child.exitCode !== null) throw new Error(`${label}: API did not start`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const worker = jobWorkers
    ? await startJobWorkerProcess({
        appUrl,
        redisUrl,
        runtime: 'dist',
        shape: jobWorkers,
        cwd: dir,
        nodeArgs: profArgs(`${label}-worker`),
      })
    : undefined
  return {
    url,
    pids: worker ? [child.pid!, worker.pid] : [child.pid!],
    stop: async () => {
      await worker?.stop()
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    },
  }
}

const topStatements = Number(values.statements)
const pgSettings = Object.fromEntries(values.pg.map(keyValue))
const pgLogFile = values['pg-log']
const serverLog = pgLogFile ? (line: string) => appendFileSync(pgLogFile, `${line}\n`) : undefined

/** The statements that took the most of PostgreSQL's time since the last reset, per request; then resets. */
async function statementsReport(superuserUrl: string, requests: number, reset = false): Promise<string> {
  const sql = postgres(superuserUrl, { max: 1, onnotice: () => undefined })
  try {
    if (reset) {
      await sql`select pg_stat_statements_reset()`
      return ''
    }
    const rows = await sql<{ ms: number; calls: number; plan_ms: number; rows: number; query: string }[]>`
      select total_exec_time + total_plan_time as ms, calls, total_plan_time as plan_ms, rows, query
      from pg_stat_statements order by 1 desc limit ${topStatements}`
    await sql`select pg_stat_statements_reset()`
    return rows
      .map(
        (row) =>
          `${((row.ms * 1000) / requests).toFixed(0).padStart(6)} us/req  ` +
          `${(row.calls / requests).toFixed(2).padStart(5)} calls/req  ` +
          `plan ${((row.plan_ms * 1000) / requests).toFixed(0).padStart(4)} us  ` +
          row.query.replace(/\s+/g, ' ').slice(0, 220),
      )
      .join('\n')
  } finally {
    await sql.end()
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

async function main() {
  const services = await startServices(
    log,
    Number(values.workers),
    {
      ...(topStatements > 0
        ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track_planning': 'on' }
        : {}),
      ...pgSettings,
    },
    serverLog,
  )
  if (topStatements > 0) {
    const sql = postgres(services.database.superuserUrl, { max: 1, onnotice: () => undefined })
    await sql`create extension if not exists pg_stat_statements`
    await sql.end()
  }
  try {
    const plan = {
      big: { tools: 100, agents: 50, executions: 10_000 },
      huge: { executions: 20_000 },
      small: { tenants: 8, tools: 5, agents: 3, executions: 20 },
      installListings: 20_000,
      // The full bench's 100,000 marketplace listings, loaded only when the search is measured (~10 s).
      ...(wanted.includes('search-listings') ? { listings: 100_000 } : {}),
    }
    const data = await loadData(services.database.ownerUrl, plan, log)
    const cursor = await cursorAt(services.database.ownerUrl, data.huge.tenantId, 18_000)
    const settings: ScenarioSettings = {
      seconds: Number(values.seconds),
      warmUp: { seconds: 1 },
      connections: 10,
      throughputConnections: 64,
      bigOffset: 9_000,
      hugeOffset: 18_000,
    }
    const list = scenarios(data, cursor, settings).filter((s) => wanted.includes(s.id))
    // Every build up at once; each scenario then measured on each build in turn, round after round, so
    // the runs compared are close in time (the machine is shared, its load drifts).
    const apis = []
    for (const build of builds) {
      apis.push({
        build,
        api: await startApi(build.dir, services.database.appUrl, services.redis.url, build.label),
      })
    }
    const rows: string[] = []
    try {
      for (const scenario of list) {
        const cpu = new Map<string, number[]>()
        const rps = new Map<string, number[]>()
        const syscalls = new Map<string, number[]>()
        const p50 = new Map<string, number[]>()
        const p95 = new Map<string, number[]>()
        const pgCpu = new Map<string, number[]>()
        for (let round = 0; round < Number(values.rounds); round++) {
          for (const { build, api } of apis) {
            if (topStatements > 0) await statementsReport(services.database.superuserUrl, 0, true)
            const [result] = await runScenarios(api.url, [scenario], settings, log, api.pids)
            const outcome = result?.outcome
            if (outcome?.status !== 'ok') continue
            if (topStatements > 0)
              log(
                `${scenario.id} ${build.label}: statements (warm-up included) per measured request\n` +
                  (await statementsReport(services.database.superuserUrl, outcome.count)),
              )
            const postgresMs = outcome.apiCpu?.postgresMsPerRequest
            if (postgresMs !== undefined)
              pgCpu.set(build.label, [...(pgCpu.get(build.label) ?? []), postgresMs])
            if (outcome.errors > 0) log(`${scenario.id} ${build.label}: ${outcome.errors} errors`)
            if (outcome.apiCpu)
              cpu.set(build.label, [...(cpu.get(build.label) ?? []), outcome.apiCpu.msPerRequest])
            rps.set(build.label, [...(rps.get(build.label) ?? []), outcome.rps])
            p50.set(build.label, [...(p50.get(build.label) ?? []), outcome.p50])
            p95.set(build.label, [...(p95.get(build.label) ?? []), outcome.p95])
            if (outcome.apiCpu?.syscallsPerRequest !== undefined)
              syscalls.set(build.label, [
                ...(syscalls.get(build.label) ?? []),
                outcome.apiCpu.syscallsPerRequest,
              ])
          }
        }
        const base = cpu.get(builds[0]!.label) ?? []
        for (const { build } of apis) {
          const mine = cpu.get(build.label) ?? []
          const ratios = mine.map((value, i) => value / (base[i] ?? NaN))
          rows.push(
            [
              scenario.id,
              build.label,
              median(mine).toFixed(3),
              median(ratios).toFixed(3),
              mine.map((c) => c.toFixed(3)).join(' '),
              Math.round(median(rps.get(build.label) ?? [])),
              median(syscalls.get(build.label) ?? []).toFixed(1),
              median(p50.get(build.label) ?? []).toFixed(2),
              median(p95.get(build.label) ?? []).toFixed(2),
              median(pgCpu.get(build.label) ?? []).toFixed(3),
            ].join('\t'),
          )
        }
        process.stderr.write(rows.slice(-apis.length).join('\n') + '\n')
      }
    } finally {
      for (const { api } of apis) await api.stop()
    }
    process.stdout.write(
      'scenario\tbuild\tmedian CPU ms/req\tmedian paired ratio\tall\tmedian rps\tmedian syscalls/req' +
        '\tmedian p50 ms\tmedian p95 ms\tmedian PostgreSQL CPU ms/req\n',
    )
    process.stdout.write(rows.join('\n') + '\n')
  } finally {
    await services.stop()
  }
}

await main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(String(error instanceof Error ? error.stack : error))
    process.exit(1)
  },
)
