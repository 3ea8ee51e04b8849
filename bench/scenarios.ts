// The scenarios: each an HTTP load on the API child process (autocannon in this process), warmed up first so
// the JIT, the connection pool and each pooled connection's prepared statements are planned on loaded data;
// and one limiter decision measured alone, straight against Redis.
import type autocannon from 'autocannon'
import { createRedisClient } from '../app/limits/stores.js'
import { makeRateLimits } from '../app/limits/rate-limits.js'
import { measureHttp, warmUp, type Span } from './http-load.js'
import type { BenchTenant, LoadedData, Log } from './setup.js'
import { commandCpu, treeCpu, type TreeCpu } from './process-cpu.js'
import { describeOutcome, isMeasured, measurement, type ApiCpu, type Outcome } from './stats.js'

export interface ScenarioSettings {
  seconds: number
  warmUp: Span
  connections: number
  throughputConnections: number
  /** How deep the offset pages go: 90% of each tenant's executions. */
  bigOffset: number
  hugeOffset: number
}

export interface Scenario {
  id: string
  title: string
  /** Method and path as sent (the first of them for mixed loads). */
  request: string
  tenant: string
  connections: number
  requests: autocannon.Request[]
  headers: Record<string, string>
}

export interface ScenarioResult {
  id: string
  title: string
  request: string
  tenant: string
  outcome: Outcome
}

const json = { 'content-type': 'application/json' }
const keyOf = (tenant: BenchTenant) => ({ 'x-api-key': tenant.apiKey })
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!

// Names only have to be unique per tenant; the run's prefix keeps a second run on the same data apart.
const runPrefix = `bench-${Date.now().toString(36)}`
let created = 0
const newToolBody = () =>
  JSON.stringify({ name: `${runPrefix}-${++created}`, description: 'Created by the benchmark.' })

/** Listings installed so far (each install takes the next). */
let installed = 0

const runBody = JSON.stringify({
  prompt: 'Summarize the quarterly report in three bullet points.',
  model: 'gpt-4o',
})

// Answered 202 at once: the run is recorded queued and its job enqueued in one transaction; a worker runs it.
export const backgroundRunBody = JSON.stringify({
  prompt: 'Summarize the quarterly report in three bullet points.',
  model: 'gpt-4o',
  background: true,
})

/** The tenant the background scenarios use: a small one of its own (queued runs never reach other rows). */
export const backgroundTenant = (data: LoadedData): BenchTenant => data.small[3] ?? data.small[1] ?? data.big

// The mock calls the calculator once (one model step, one tool step), then answers (a second model step).
const toolRunBody = JSON.stringify({
  prompt: 'use calculator with {"expression": "(17 + 25) * 3"}',
  model: 'gpt-4o',
})

/**
 * One request per connection loop whose fields are chosen afresh each time (setupRequest). The request
 * arrives with the load's headers (the API key) already merged in; the chosen ones are added to them.
 */
const dynamic = (choose: () => Partial<autocannon.Request>): autocannon.Request[] => [
  {
    setupRequest: (request: autocannon.Request) => {
      const chosen = choose()
      return { ...request, ...chosen, headers: { ...request.headers, ...chosen.headers } }
    },
  },
]

const get = (path: string): Partial<autocannon.Request> => ({ method: 'GET', path, body: '' })

/** 70% reads (list tools, get agent, history first page), 20% writes (create, patch a tool), 10% runs. */
function mixedRequest(tenant: BenchTenant): Partial<autocannon.Request> {
  const roll = Math.random() * 100
  if (roll < 70) {
    return pick([
      get('/api/v1/tools?limit=100'),
      get(`/api/v1/agents/${pick(tenant.agentIds)}`),
      get('/api/v1/history'),
    ])
  }
  if (roll < 80) return { method: 'POST', path: '/api/v1/tools', body: newToolBody(), headers: json }
  if (roll < 90) {
    const body = JSON.stringify({ description: `Patched by the benchmark at ${Date.now()}.` })
    return { method: 'PATCH', path: `/api/v1/tools/${pick(tenant.toolIds)}`, body, headers: json }
  }
  return { method: 'POST', path: `/api/v1/agents/${pick(tenant.agentIds)}/run`, body: runBody, headers: json }
}

/**
 * What tenants search the marketplace for: one word (a word of the seed's vocabulary is on ~4% of the
 * listings, ~4,000 of 100,000, every one ranked), two words, typos, a sort with or without a filter.
 */
export const marketplaceSearchQueries = [
  'q=invoice',
  'q=payroll%20report',
  'q=secuirty',
  'q=calender%20meeting',
  'q=onbording',
  'q=retention&sort=installs',
  'q=podcast&tag=audit',
  'sort=rating',
  'sort=newest&category=finance',
  'q=mortgage%20refund',
]
const marketplaceSearches = marketplaceSearchQueries.map((query) => `/api/v1/marketplace/listings?${query}`)

/**
 * In the order they run. Scenarios that write come after those that read what they would change: creates
 * and runs go to small tenants, and the mixed load writes to the big tenant. The background enqueue runs
 * last: the job workers run its runs during it and after it (bench/drain.ts measures that drain), and no
 * other scenario shares the machine with them.
 */
export function scenarios(data: LoadedData, cursor: string, settings: ScenarioSettings): Scenario[] {
  const { big, huge, small } = data
  const [creates, runs, toolRuns] = [small[0] ?? big, small[1] ?? big, small[2] ?? small[1] ?? big]
  const background = backgroundTenant(data)
  // A publisher too (its drafts are in its results), whose listings are a tenth of them.
  const searcher = small[3] ?? big
  const c = settings.connections
  const scenario = (
    id: string,
    title: string,
    tenant: BenchTenant,
    requests: autocannon.Request[],
    connections = c,
  ): Scenario => ({
    id,
    title,
    request: `${requests[0]?.method ?? 'GET'} ${requests[0]?.path ?? '(chosen per request)'}`,
    tenant: tenant.name,
    connections,
    requests,
    headers: keyOf(tenant),
  })
  const bigOffset = settings.bigOffset.toLocaleString('en')
  const hugeOffset = settings.hugeOffset.toLocaleString('en')
  return [
    scenario('list-tools', 'List 100 tools', big, [{ method: 'GET', path: '/api/v1/tools?limit=100' }]),
    scenario(
      'list-tools-throughput',
      `List 100 tools, ${settings.throughputConnections} connections`,
      big,
      [{ method: 'GET', path: '/api/v1/tools?limit=100' }],
      settings.throughputConnections,
    ),
    {
      ...scenario(
        'get-agent',
        'Get agent with tools',
        big,
        dynamic(() => get(`/api/v1/agents/${pick(big.agentIds)}`)),
      ),
      request: 'GET /api/v1/agents/{id}',
    },
    scenario('history-big-first', 'History first page (big)', big, [
      { method: 'GET', path: '/api/v1/history' },
    ]),
    scenario('history-big-offset', `History at offset ${bigOffset} (big)`, big, [
      { method: 'GET', path: `/api/v1/history?offset=${settings.bigOffset}` },
    ]),
    scenario('history-huge-first', 'History first page (huge)', huge, [
      { method: 'GET', path: '/api/v1/history' },
    ]),
    scenario('history-huge-offset', `History at offset ${hugeOffset} (huge)`, huge, [
      { method: 'GET', path: `/api/v1/history?offset=${settings.hugeOffset}` },
    ]),
    {
      ...scenario('history-huge-cursor', `History by cursor ~${hugeOffset} deep (huge)`, huge, [
        { method: 'GET', path: `/api/v1/history?cursor=${cursor}` },
      ]),
      request: 'GET /api/v1/history?cursor=…',
    },
    {
      ...scenario(
        'search-listings',
        `Search ${data.listings.toLocaleString('en')} listings (words, typos, sorts)`,
        searcher,
        dynamic(() => get(pick(marketplaceSearches))),
      ),
      request: 'GET /api/v1/marketplace/listings?q=…',
    },
    {
      ...scenario(
        'create-tool',
        'Create tool',
        creates,
        dynamic(() => ({ method: 'POST', path: '/api/v1/tools', body: newToolBody(), headers: json })),
      ),
      request: 'POST /api/v1/tools',
    },
    scenario('run-agent', 'Run agent (mock provider)', runs, [
      { method: 'POST', path: `/api/v1/agents/${runs.agentIds[0]}/run`, body: runBody, headers: json },
    ]),
    scenario('run-agent-tool', 'Run agent with one builtin tool call (mock provider)', toolRuns, [
      {
        method: 'POST',
        path: `/api/v1/agents/${toolRuns.toolAgentId ?? toolRuns.agentIds[0]}/run`,
        body: toolRunBody,
        headers: json,
      },
    ]),
    {
      ...scenario(
        'install-listing',
        'Install a listing (an agent, 3 tools: builtin, http, javascript)',
        data.installer,
        dynamic(() => ({
          method: 'POST',
          // A listing never installed before: each install creates its agent and tools anew.
          path: `/api/v1/marketplace/listings/${data.installListings[installed++ % data.installListings.length]}/install`,
          body: '{}',
          headers: json,
        })),
      ),
      request: 'POST /api/v1/marketplace/listings/{slug}/install',
    },
    {
      ...scenario(
        'mixed',
        'Mixed: 70% reads, 20% writes, 10% runs',
        big,
        dynamic(() => mixedRequest(big)),
      ),
      request: 'mixed (see title)',
    },
    // The enqueue's own latency: one client at a time, so the figure is the request's path, not a queue of
    // requests waiting for the 2 cores (the next row, at 10 connections, is bound by throughput as every
    // write is). The job workers run its runs meanwhile, in the same processes, as in production.
    scenario(
      'enqueue-one-client',
      'Enqueue a background run, one client (mock provider)',
      background,
      [
        {
          method: 'POST',
          path: `/api/v1/agents/${background.agentIds[0]}/run`,
          body: backgroundRunBody,
          headers: json,
        },
      ],
      1,
    ),
    scenario('run-agent-background', 'Enqueue a background run (mock provider)', background, [
      {
        method: 'POST',
        path: `/api/v1/agents/${background.agentIds[0]}/run`,
        body: backgroundRunBody,
        headers: json,
      },
    ]),
  ]
}

/** The API's CPU over a run, from two samples of its process tree; undefined when the tree changed. */
function apiCpu(
  before: TreeCpu | undefined,
  after: TreeCpu | undefined,
  outcome: Outcome,
): ApiCpu | undefined {
  if (!isMeasured(outcome)) return undefined
  const requests = Object.values(outcome.statusCodes ?? {}).reduce((sum, count) => sum + count, 0)
  return cpuPer(before, after, requests)
}

/** The tree's CPU between two samples per unit of work (requests, runs); undefined when the tree changed. */
export function cpuPer(
  before: TreeCpu | undefined,
  after: TreeCpu | undefined,
  requests: number,
): ApiCpu | undefined {
  if (!before || !after) return undefined
  if (before.pids.join() !== after.pids.join()) return undefined
  const cpuSeconds = after.seconds - before.seconds
  return {
    msPerRequest: Math.round((cpuSeconds * 1000 * 1000) / Math.max(requests, 1)) / 1000,
    syscallsPerRequest: Math.round(((after.syscalls - before.syscalls) * 100) / Math.max(requests, 1)) / 100,
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    requests,
    processes: after.pids.length,
  }
}

/**
 * Warms up, then measures, each scenario in turn; with servicePids (the API's server process, and the job
 * workers' process when they run apart), also the service's CPU per request.
 */
export async function runScenarios(
  apiUrl: string,
  list: Scenario[],
  settings: ScenarioSettings,
  log: Log,
  servicePids?: readonly number[],
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = []
  const sample = () => (servicePids === undefined ? undefined : treeCpu(servicePids))
  for (const scenario of list) {
    const load = {
      url: apiUrl,
      connections: scenario.connections,
      requests: scenario.requests,
      headers: scenario.headers,
    }
    await warmUp(load, settings.warmUp)
    const before = sample()
    const postgresBefore = commandCpu('postgres')
    const outcome = await measureHttp(load, { seconds: settings.seconds })
    const cpu = apiCpu(before, sample(), outcome)
    if (cpu && isMeasured(outcome)) {
      const postgresMs = ((commandCpu('postgres') - postgresBefore) * 1000) / Math.max(cpu.requests, 1)
      outcome.apiCpu = { ...cpu, postgresMsPerRequest: Math.round(postgresMs * 1000) / 1000 }
    } else if (isMeasured(outcome) && servicePids !== undefined)
      (outcome.notes ??= []).push('API CPU not measured: /proc unreadable, or a process came or went')
    log(`${scenario.id}: ${describeOutcome(outcome)}`)
    const { id, title, request, tenant } = scenario
    results.push({ id, title, request, tenant, outcome })
  }
  return results
}

/**
 * One rate-limit decision alone: consume() on a quota that never refuses, `concurrency` calls in flight at
 * once for `seconds`, each call timed here. What every /api/v1 request pays for its limiter, without HTTP.
 */
export async function measureLimiter(
  redisUrl: string,
  seconds: number,
  concurrency: number,
): Promise<Outcome> {
  const client = createRedisClient({ url: redisUrl, commandTimeoutMs: 5000 })
  client.on('error', () => undefined)
  try {
    // No offline queue: commands sent before the connection is ready would fail.
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve))
    const limits = makeRateLimits(client, true)
    const quota = { limit: 1_000_000_000, windowSeconds: 60 }
    const key = `bench-limiter-${runPrefix}`
    for (let i = 0; i < 200; i++) await limits.consume('requests', key, quota)
    const latencies: number[] = []
    let errors = 0
    const started = performance.now()
    const deadline = started + seconds * 1000
    const worker = async () => {
      while (performance.now() < deadline) {
        const sent = performance.now()
        try {
          const decision = await limits.consume('requests', key, quota)
          if (decision.allowed) latencies.push(performance.now() - sent)
          else errors++
        } catch {
          errors++
        }
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
    return measurement({
      samples: latencies,
      durationSeconds: (performance.now() - started) / 1000,
      errors,
      connections: concurrency,
      notes: [
        `${concurrency} consume() calls in flight on one ioredis client; latency timed in the bench process`,
      ],
    })
  } finally {
    client.disconnect()
  }
}
