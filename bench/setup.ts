// The services a benchmark run needs, started the way the test harness starts them (an embedded PostgreSQL
// in a temporary folder and a redis-server, both on free ports), the data loaded straight in SQL, and the
// API started as in production: a child process running the compiled build (`node dist/app/main.js`, built
// first when a source is newer) with WEB_CONCURRENCY workers, configured by its environment only.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import lockfile from 'proper-lockfile'
import { createTenant } from '../app/admin/tenants.repo.js'
import { createPool, inTenantTransaction, type Sql } from '../db/client.js'
import { availableMemoryBytes, machineSettings } from '../db/embedded-settings.js'
import { plugins } from '../plugins/index.js'
import { encodeCursor } from '../plugins/runs/history.service.js'
import { loadInstallListings } from './marketplace-install.js'
import { seedListings } from '../plugins/marketplace/test/discover.fixtures.js'
import { freePort, startServices as startTestServices, type Services } from '../test/harness/stack.js'

export type { Services }

export const repoRoot = path.resolve(import.meta.dirname, '..')

export type Log = (message: string) => void

const seconds = (since: number): number => Math.round((performance.now() - since) / 10) / 100

/**
 * PostgreSQL (ephemeral, migrated with the service's plugins) and redis-server, as the tests start them, but
 * with the settings `npm start` gives the embedded PostgreSQL on this machine (db/embedded-settings.ts).
 */
export async function startServices(
  log: Log,
  apiWorkers: number,
  /** More server settings (bench/ab.ts: pg_stat_statements). */
  extra: Record<string, string> = {},
  /** PostgreSQL's own log lines (bench/ab.ts --pg-log). */
  serverLog?: (message: string) => void,
): Promise<Services> {
  const started = performance.now()
  const settings = {
    ...machineSettings({
      memoryBytes: availableMemoryBytes(),
      connections: apiWorkers * apiSettings.poolMax + 10,
    }),
    ...extra,
  }
  const services = await startTestServices(plugins, settings, serverLog)
  log(`PostgreSQL (${JSON.stringify(settings)}) and Redis up and migrated in ${seconds(started)} s`)
  return services
}

export interface DataPlan {
  big: { tools: number; agents: number; executions: number }
  huge: { executions: number }
  small: { tenants: number; tools: number; agents: number; executions: number }
  /** Published listings for "install a listing", one per request (more than a scenario sends). */
  installListings: number
  /** Marketplace listings, published by the tenants above in turn (every 50th a draft); none by default. */
  listings?: number
}

export interface BenchTenant {
  name: string
  tenantId: string
  apiKey: string
  agentIds: string[]
  toolIds: string[]
  /** Small tenants: an agent whose one tool is the builtin calculator (named `calculator`). */
  toolAgentId?: string
}

export interface LoadedData {
  big: BenchTenant
  huge: BenchTenant
  small: BenchTenant[]
  /** Installs listings of another tenant (bench-publisher): its own catalog grows, nobody else's. */
  installer: BenchTenant
  installListings: string[]
  timings: {
    loadSeconds: number
    hugeExecutionsSeconds: number
    vacuumSeconds: number
    listingsSeconds: number
  }
  /** How many marketplace listings were loaded. */
  listings: number
  /** execution_logs with its indexes, after VACUUM. */
  executionLogsBytes: number
}

/**
 * The loader's owner pool: one connection per core, each free to write the same tenant at once (the fair
 * share of db/tenant-share.ts, half the pool per tenant, would queue a tenant's parallel chunks behind each
 * other and time them out).
 */
const loaderPool = (ownerUrl: string): Sql => {
  const max = Math.max(2, os.cpus().length)
  return createPool(ownerUrl, {
    max,
    connectTimeoutSeconds: 10,
    tenantShare: { concurrency: max, queueTimeoutMs: 600_000 },
  })
}

/** Executions are spread back in time from now over this many days, so the history spans months. */
const spreadDays = { big: 30, huge: 120, small: 7 }
/** Executions per INSERT statement; chunks run in parallel, one per core, each in its own transaction. */
const chunkRows = 200_000

/** Tools, agents (each linked to a few tools, round robin) for one tenant, in one transaction. */
async function loadCatalog(
  owner: Sql,
  tenantId: string,
  counts: { tools: number; agents: number },
  linksPerAgent: number,
): Promise<{ toolIds: string[]; agentIds: string[] }> {
  return inTenantTransaction(owner, tenantId, async (tx) => {
    // created_at one minute apart, newest first by number: list pages have a stable order.
    const tools = await tx<{ id: string }[]>`
      insert into tools (tenant_id, name, description, created_at, updated_at)
      select ${tenantId}, 'tool-' || n,
             'Tool ' || n || ': looks things up for an agent and returns a short structured answer.',
             now() - n * interval '1 minute', now() - n * interval '1 minute'
        from generate_series(1, ${counts.tools}) n
      returning id`
    const agents = await tx<{ id: string }[]>`
      insert into agents (tenant_id, name, role, description, created_at, updated_at)
      select ${tenantId}, 'agent-' || n, 'analyst',
             'Agent ' || n || ' answers questions about the quarterly reports.',
             now() - n * interval '1 minute', now() - n * interval '1 minute'
        from generate_series(1, ${counts.agents}) n
      returning id`
    if (counts.tools > 0 && linksPerAgent > 0) {
      await tx`
        with a as (select id, row_number() over (order by id) - 1 as i from agents where tenant_id = ${tenantId}),
             t as (select id, row_number() over (order by id) - 1 as i from tools where tenant_id = ${tenantId})
        insert into agent_tools (tenant_id, agent_id, tool_id)
        select distinct ${tenantId}::uuid, a.id, t.id
          from a cross join generate_series(0, ${linksPerAgent - 1}) k
          join t on t.i = (a.i * ${linksPerAgent} + k) % ${counts.tools}`
    }
    return { toolIds: tools.map((row) => row.id), agentIds: agents.map((row) => row.id) }
  })
}

/**
 * Executions n = from..to of a tenant, round robin over its agents, each with a snapshot of its agent (tools
 * included), created spacingSeconds apart going back from `base`. One multi-row INSERT ... SELECT.
 */
async function insertExecutions(
  owner: Sql,
  tenantId: string,
  range: { from: number; to: number },
  spacingSeconds: number,
  base: string,
): Promise<void> {
  await inTenantTransaction(owner, tenantId, async (tx) => {
    await tx`
      with a as (
        select a.id, row_number() over (order by a.id) - 1 as i,
               jsonb_build_object('id', a.id, 'name', a.name, 'role', a.role, 'description', a.description,
                 'tools', coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name,
                                                                        'description', t.description))
                                      from agent_tools l
                                      join tools t on t.tenant_id = l.tenant_id and t.id = l.tool_id
                                     where l.tenant_id = a.tenant_id and l.agent_id = a.id), '[]'::jsonb)) as snapshot
          from agents a where a.tenant_id = ${tenantId}),
      agent_count as (select count(*) as k from a)
      insert into execution_logs (tenant_id, agent_id, agent_snapshot, model, provider, prompt, response, status,
                                  tool_calls, input_tokens, output_tokens, cost_usd, latency_ms, created_at)
      select ${tenantId}, a.id, a.snapshot, (array['gpt-4o', 'gpt-4', 'claude-3-sonnet'])[1 + n % 3], 'mock',
             'Summarize the quarterly report, part ' || n || '.',
             '[Mock Response] A simulated answer to request ' || n || '.',
             'completed', '[]'::jsonb, 20 + n % 200, 40 + n % 400, 0, n % 900,
             ${base}::timestamptz - n * ${spacingSeconds}::float8 * interval '1 second'
        from generate_series(${range.from}::int, ${range.to}::int) n
        cross join agent_count c
        join a on a.i = n % c.k`
  })
}

/** count executions for the tenant, in chunks run in parallel (one per core). */
async function loadExecutions(owner: Sql, tenantId: string, count: number, days: number): Promise<void> {
  const base = new Date().toISOString()
  const spacingSeconds = (days * 86_400) / Math.max(count, 1)
  const chunks: { from: number; to: number }[] = []
  for (let from = 1; from <= count; from += chunkRows) {
    chunks.push({ from, to: Math.min(from + chunkRows - 1, count) })
  }
  const parallel = Math.max(1, os.cpus().length)
  for (let i = 0; i < chunks.length; i += parallel) {
    await Promise.all(
      chunks
        .slice(i, i + parallel)
        .map((range) => insertExecutions(owner, tenantId, range, spacingSeconds, base)),
    )
  }
}

/**
 * VACUUM (ANALYZE) until the visibility map covers execution_logs: the history page reads its ids by an
 * index-only scan, which needs all-visible pages (see plugins/runs/test/history.plans.test.ts). Autovacuum
 * would get there on its own, later.
 */
async function vacuumed(owner: Sql): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    await owner`vacuum (analyze) execution_logs, tools, agents, agent_tools, tenants, api_keys, marketplace_listings,
                                 marketplace_search, marketplace_search_words, marketplace_search_terms,
                                 marketplace_draft_words`
    const [table] = await owner<{ relpages: number; relallvisible: number }[]>`
      select relpages, relallvisible from pg_class where oid = 'execution_logs'::regclass`
    if (table!.relallvisible >= 0.95 * table!.relpages) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error('execution_logs never became all-visible: a transaction older than the load stayed open')
}

async function tenant(
  owner: Sql,
  name: string,
  catalog: { tools: number; agents: number },
  links: number,
  apiKey?: string,
): Promise<BenchTenant> {
  const created = await createTenant(owner, name, apiKey)
  return { ...created, ...(await loadCatalog(owner, created.tenantId, catalog, links)) }
}

/** An agent linked to one builtin tool, the calculator, for the run-loop scenario. */
async function calculatorAgent(owner: Sql, tenantId: string): Promise<string> {
  return inTenantTransaction(owner, tenantId, async (tx) => {
    const [tool] = await tx<{ id: string }[]>`
      insert into tools (tenant_id, name, description, kind, input_schema, config)
      values (${tenantId}, 'calculator', 'Evaluates an arithmetic expression.', 'builtin',
              ${tx.json({ type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] })},
              ${tx.json({ builtin: 'calculator' })})
      returning id`
    const [agent] = await tx<{ id: string }[]>`
      insert into agents (tenant_id, name, role, description)
      values (${tenantId}, 'calculating-agent', 'analyst', 'Computes with its calculator.')
      returning id`
    await tx`insert into agent_tools (tenant_id, agent_id, tool_id) values (${tenantId}, ${agent!.id}, ${tool!.id})`
    return agent!.id
  })
}

/** Loads the tenants as the owner (row-level security is forced on it too: every write sets its tenant). */
export async function loadData(ownerUrl: string, plan: DataPlan, log: Log): Promise<LoadedData> {
  const owner = loaderPool(ownerUrl)
  try {
    const started = performance.now()
    const big = await tenant(owner, 'bench-big', plan.big, 3)
    await loadExecutions(owner, big.tenantId, plan.big.executions, spreadDays.big)
    const huge = await tenant(owner, 'bench-huge', { tools: 0, agents: 1 }, 0)
    const hugeStarted = performance.now()
    await loadExecutions(owner, huge.tenantId, plan.huge.executions, spreadDays.huge)
    const hugeExecutionsSeconds = seconds(hugeStarted)
    log(`loaded ${plan.huge.executions.toLocaleString('en')} executions in ${hugeExecutionsSeconds} s`)
    const small: BenchTenant[] = []
    for (let i = 1; i <= plan.small.tenants; i++) {
      const one = await tenant(owner, `bench-small-${i}`, plan.small, 2)
      await loadExecutions(owner, one.tenantId, plan.small.executions, spreadDays.small)
      small.push({ ...one, toolAgentId: await calculatorAgent(owner, one.tenantId) })
    }
    const publisher = await tenant(owner, 'bench-publisher', { tools: 0, agents: 0 }, 0)
    const installer = await tenant(owner, 'bench-installer', { tools: 0, agents: 0 }, 0)
    const installListings = await loadInstallListings(owner, publisher.tenantId, plan.installListings)
    // The marketplace: listings of every tenant (the search scenario's), in SQL as the owner.
    const listingsStarted = performance.now()
    const publishers = [big, huge, ...small].map((one) => one.tenantId)
    const listings = plan.listings ?? 0
    await seedListings(owner, publishers, listings, 'bench-listing')
    const listingsSeconds = seconds(listingsStarted)
    if (listings > 0)
      log(`loaded ${listings.toLocaleString('en')} marketplace listings in ${listingsSeconds} s`)
    const loadSeconds = seconds(started)
    const vacuumStarted = performance.now()
    await vacuumed(owner)
    const vacuumSeconds = seconds(vacuumStarted)
    const [size] = await owner<{ bytes: string }[]>`
      select pg_total_relation_size('execution_logs')::text as bytes`
    log(`data loaded in ${loadSeconds} s, VACUUM (ANALYZE) in ${vacuumSeconds} s`)
    return {
      big,
      huge,
      small,
      installer,
      installListings,
      timings: { loadSeconds, hugeExecutionsSeconds, vacuumSeconds, listingsSeconds },
      listings,
      executionLogsBytes: Number(size!.bytes),
    }
  } finally {
    await owner.end({ timeout: 5 })
  }
}

/** The data set of the peers in ../shared/peers (fastapi/seed.sql), under the same keys. */
export const peerDataSet = {
  a: { apiKey: 'tenant-a-api-key', tools: 100, agents: 50, links: 5, executions: 10_000 },
  b: { apiKey: 'tenant-b-api-key', tools: 10, agents: 5, links: 5, executions: 1_000_000 },
} as const

/**
 * `npm run bench -- --serve`: tenant A (tenant-a-api-key) with 100 tools, 50 agents of 5 tools each and
 * 10,000 executions; tenant B (tenant-b-api-key) with 10 tools, 5 agents and 1,000,000 executions. Set-based
 * like loadData, then VACUUM (ANALYZE). `scale` shrinks the executions (the smoke test).
 */
export async function loadPeerData(ownerUrl: string, log: Log, scale = 1): Promise<BenchTenant[]> {
  const owner = loaderPool(ownerUrl)
  try {
    const started = performance.now()
    const loaded: BenchTenant[] = []
    for (const [name, plan] of Object.entries(peerDataSet)) {
      const one = await tenant(owner, `tenant-${name}`, plan, plan.links, plan.apiKey)
      const executions = Math.max(1, Math.round(plan.executions * scale))
      await loadExecutions(owner, one.tenantId, executions, name === 'a' ? spreadDays.big : spreadDays.huge)
      log(
        `tenant ${name} (${plan.apiKey}): ${plan.tools} tools, ${plan.agents} agents, ${executions} executions`,
      )
      loaded.push(one)
    }
    await vacuumed(owner)
    log(`peer data set loaded and vacuumed in ${seconds(started)} s`)
    return loaded
  } finally {
    await owner.end({ timeout: 5 })
  }
}

/**
 * A history cursor `depth` rows deep in the tenant's history (newest first): made with the history module's
 * own encoder from the row just before that position, so the cursor's page starts at row `depth`, the same
 * page as `?offset=depth`. Read once, by SQL, as the owner.
 */
export async function cursorAt(ownerUrl: string, tenantId: string, depth: number): Promise<string> {
  const owner = createPool(ownerUrl, { max: 1, connectTimeoutSeconds: 10 })
  try {
    const [row] = await inTenantTransaction(
      owner,
      tenantId,
      (tx) => tx<{ id: string; position_at: string }[]>`
        select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as position_at
          from execution_logs
         where tenant_id = ${tenantId}
         order by created_at desc, id desc
         offset ${Math.max(depth - 1, 0)} limit 1`,
    )
    if (!row) throw new Error(`the tenant has fewer than ${depth} executions`)
    return encodeCursor(row, {})
  } finally {
    await owner.end({ timeout: 5 })
  }
}

export interface ApiProcess {
  url: string
  /** The server process (with workers: the cluster's primary, whose children they are). */
  pid: number
  stop: () => Promise<void>
}

/** How the API child runs: `dist` is production's compiled build, `tsx` the TypeScript sources. */
export type ApiRuntime = 'dist' | 'tsx'

export interface ApiShape {
  runtime: ApiRuntime
  /** WEB_CONCURRENCY: 1 is a single process, no cluster. */
  workers: number
}

const buildInputs = [
  'app',
  'db',
  'plugins',
  'scripts',
  'openapi.yaml',
  'tsconfig.json',
  'tsconfig.build.json',
]

/** The newest modification time among the files the build reads (tests excluded). */
function newestSource(entry: string): number {
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of readdirSync(entry)) {
    if (child === 'test' || child === 'node_modules') continue
    newest = Math.max(newest, newestSource(path.join(entry, child)))
  }
  return newest
}

/** Whether dist/ was built after every source change. */
function builtAfterSources(): boolean {
  const stamp = path.join(repoRoot, 'dist', '.tsbuildinfo')
  const sources = Math.max(...buildInputs.map((entry) => newestSource(path.join(repoRoot, entry))))
  return (
    existsSync(stamp) &&
    existsSync(path.join(repoRoot, 'dist/app/main.js')) &&
    statSync(stamp).mtimeMs > sources
  )
}

/**
 * `npm run build`, unless dist/ was built after every source change (the build is incremental anyway). One
 * build at a time: `npm test`'s two mocha lanes can both need one (the bench's smoke and `--serve` tests), and
 * a server started from dist/ while another tsc rewrites it could read half a file. The second waits for the
 * lock (proper-lockfile: a directory, refreshed while held, taken over once stale), then finds dist/ fresh.
 */
export async function ensureBuilt(log: Log): Promise<void> {
  if (builtAfterSources()) {
    log('dist/ is newer than every source: not rebuilt')
    return
  }
  const dist = path.join(repoRoot, 'dist')
  mkdirSync(dist, { recursive: true })
  const release = await lockfile.lock(dist, {
    lockfilePath: path.join(dist, '.build.lock'),
    stale: 30_000,
    // Up to 10 minutes: a build on two loaded cores takes 1-3.
    retries: { retries: 1_200, minTimeout: 500, maxTimeout: 500, factor: 1 },
  })
  try {
    if (builtAfterSources()) {
      log('dist/ was built by another process meanwhile: not rebuilt')
      return
    }
    const started = performance.now()
    log('npm run build (tsc, incremental) ...')
    const child = spawn('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    const output = outputTail(child)
    const [code] = (await once(child, 'exit')) as [number | null]
    if (code !== 0) throw new Error(`npm run build failed (${code}):\n${output()}`)
    // tsc leaves its stamp alone when a source was only touched: dated now, dist/ reads as fresh next time.
    const now = new Date()
    utimesSync(path.join(dist, '.tsbuildinfo'), now, now)
    log(`built dist/ in ${seconds(started)} s`)
  } finally {
    await release()
  }
}

/** The last part of a child's output, for error messages (the pipe must be drained anyway). */
function outputTail(child: ChildProcess, limit = 8_000): () => string {
  let output = ''
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-limit))
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return () => output
}

/** Resolves once GET url answers 200; fails when the child exits first or the deadline passes. */
async function answering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the process exited (${child.exitCode}):\n${output()}`)
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time:\n${output()}`)
    const status = await fetch(url).then(
      (res) => res.status,
      () => 0,
    )
    if (status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export async function stopChild(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

/** How the API child runs; the quotas are so high that every request is limited (checked) but none refused. */
export const apiSettings = { poolMax: 10, logLevel: 'warn', rateLimitRequests: 1_000_000_000 } as const

/** The job workers the background scenarios run with (issue 19: "4 workers"). */
export const benchJobWorkers = 4

/**
 * Where the job workers run. `process`: apart from the API, one `npm run worker` process running all of them,
 * as docker-compose.yml's `worker` service (the API then runs none: WORKER_CONCURRENCY=0), so a run's work
 * never holds the event loop that answers requests. `api`: inside the API's processes, as a single
 * `npm start` runs them.
 */
export type JobWorkerPlacement = 'process' | 'api'

export interface JobWorkerShape {
  placement: JobWorkerPlacement
  /** Processes that run jobs: the worker process, or the API's (WEB_CONCURRENCY; a cluster's primary runs none). */
  processes: number
  /** WORKER_CONCURRENCY of each. */
  perProcess: number
  /** processes × perProcess: benchJobWorkers when the process count divides it. */
  total: number
  /** JOBS_TENANT_CONCURRENCY: the total, so one tenant's runs can keep every worker busy. */
  tenantConcurrency: number
  /** JOBS_POLL_INTERVAL_MS, production's default. */
  pollIntervalMs: number
  /** WORKER_NICE of a worker process, production's default (the API's processes never lower theirs). */
  nice: number
}

/**
 * benchJobWorkers in one worker process, or spread over the API's processes (each runs WORKER_CONCURRENCY
 * jobs): 4 as 1 × 4, 2 × 2 or 4 × 1; a process count that does not divide 4 gets one each at least, and the
 * report states the total.
 */
export function jobWorkerShape(placement: JobWorkerPlacement, apiProcesses: number): JobWorkerShape {
  const processes = placement === 'process' ? 1 : apiProcesses
  const perProcess = Math.max(1, Math.round(benchJobWorkers / processes))
  const total = perProcess * processes
  return { placement, processes, perProcess, total, tenantConcurrency: total, pollIntervalMs: 1000, nice: 10 }
}

/** The settings of a process that runs the shape's jobs. */
export const jobWorkerEnv = (shape: JobWorkerShape): Record<string, string> => ({
  WORKER_CONCURRENCY: String(shape.perProcess),
  WORKER_NICE: String(shape.nice),
  JOBS_TENANT_CONCURRENCY: String(shape.tenantConcurrency),
  JOBS_POLL_INTERVAL_MS: String(shape.pollIntervalMs),
})

/** The API's settings for the shape: its processes run the jobs, or none (WORKER_CONCURRENCY=0). */
export const apiJobEnv = (shape: JobWorkerShape): Record<string, string> =>
  shape.placement === 'api'
    ? jobWorkerEnv(shape)
    : { WORKER_CONCURRENCY: '0', JOBS_TENANT_CONCURRENCY: String(shape.tenantConcurrency) }

export interface JobWorkerProcess {
  pid: number
  stop: () => Promise<void>
}

/**
 * `npm run worker` as docker-compose.yml's `worker` service runs it (the compiled build, or the TypeScript):
 * the app role, Redis, no HTTP. Ready when it logs "worker running" (its one info line at start; the job
 * workers log nothing at info per job).
 */
export async function startJobWorkerProcess(options: {
  appUrl: string
  redisUrl: string
  runtime: ApiRuntime
  shape: JobWorkerShape
  /** The build to run (a folder with dist/ and node_modules): this checkout unless given. */
  cwd?: string
  /** Flags for node itself, e.g. --cpu-prof. */
  nodeArgs?: string[]
}): Promise<JobWorkerProcess> {
  const entry = options.runtime === 'dist' ? ['dist/app/worker.js'] : ['--import', 'tsx', 'app/worker.ts']
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: options.cwd ?? repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: options.appUrl,
      REDIS_URL: options.redisUrl,
      LOG_LEVEL: 'info',
      DB_POOL_MAX: String(apiSettings.poolMax),
      ...jobWorkerEnv(options.shape),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = outputTail(child)
  const ready = new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(
      () => reject(new Error(`the job worker process did not start:\n${output()}`)),
      90_000,
    )
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('"worker running"')) return
      clearTimeout(deadline)
      resolve()
    })
    child.once('exit', (code) => {
      clearTimeout(deadline)
      reject(new Error(`the job worker process exited (${code}):\n${output()}`))
    })
  })
  try {
    await ready
  } catch (error) {
    await stopChild(child)
    throw error
  }
  return { pid: child.pid!, stop: () => stopChild(child) }
}

/**
 * The API as production runs it: its own process, the app role, Redis for the limits, no migration or
 * seeding at start. Ready when GET /ready answers 200 (database, Redis and migrations checked): with
 * LOG_LEVEL=warn the "listening" line, written at info, never comes.
 */
export async function startApi(
  options: {
    appUrl: string
    redisUrl: string
    env?: Record<string, string>
    /** Flags for node itself, e.g. --cpu-prof (which NODE_OPTIONS refuses). */
    nodeArgs?: string[]
  } & ApiShape,
): Promise<ApiProcess> {
  const port = await freePort()
  const entry = [
    ...(options.nodeArgs ?? []),
    ...(options.runtime === 'dist' ? ['dist/app/main.js'] : ['--import', 'tsx', 'app/main.ts']),
  ]
  return startServer(port, '/ready', entry, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: options.appUrl,
    REDIS_URL: options.redisUrl,
    LOG_LEVEL: apiSettings.logLevel,
    MIGRATE_ON_START: 'false',
    SEED_DEMO_TENANTS: 'false',
    RATE_LIMIT_REQUESTS: String(apiSettings.rateLimitRequests),
    RUN_RATE_LIMIT_REQUESTS: String(apiSettings.rateLimitRequests),
    DB_POOL_MAX: String(apiSettings.poolMax),
    WEB_CONCURRENCY: String(options.workers),
    ...options.env,
  })
}

export interface FixedJsonServer {
  url: string
  stop: () => Promise<void>
}

/** bench/fixed-json-server.ts in a child process: node:http or Express 5 answering one fixed JSON body. */
export async function startFixedJsonServer(
  kind: 'node-http' | 'express',
  bodyFile: string,
): Promise<FixedJsonServer> {
  const port = await freePort()
  const args = ['--import', 'tsx', 'bench/fixed-json-server.ts', kind, String(port), bodyFile]
  return startServer(port, '/health', args, {})
}

/** `node <args>` in production mode with only `env` (and PATH), ready when GET readyPath is 200. */
async function startServer(
  port: number,
  readyPath: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = outputTail(child)
  const url = `http://127.0.0.1:${port}`
  try {
    await answering(`${url}${readyPath}`, child, output)
  } catch (error) {
    await stopChild(child)
    throw error
  }
  return { url, pid: child.pid!, stop: () => stopChild(child) }
}
