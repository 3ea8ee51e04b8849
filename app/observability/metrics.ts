// Prometheus metrics (GET /metrics). Each app has its own Registry, never prom-client's global one, so
// several apps in one process (the tests) keep separate, exact counts. Label values are bounded: routes are
// the spec's path templates, models the registry's ids, quotas and outcomes fixed sets; never a tenant id.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { tenantTransactionsOf, type Sql } from '../../db/client.js'

export type RateLimitOutcome = 'allowed' | 'refused' | 'unavailable'

export interface Metrics {
  /** The app's registry: plugins register their own metrics in it (plugins/runs/runs.metrics.ts). */
  readonly registry: Registry
  /** One HTTP response: its route template (or "unmatched"), method, status and duration. */
  observeRequest(labels: { route: string; method: string; status: number }, seconds: number): void
  /** One rate-limit check: admitted, refused (429), or not decidable because the store is down (503). */
  recordRateLimitDecision(quota: string, outcome: RateLimitOutcome): void
  /** One API key lookup: answered from the process's cache, asked of the database, or cache bypassed. */
  recordKeyCacheLookup(result: 'hit' | 'miss' | 'bypass'): void
}

export interface MetricsOptions {
  /** The pool whose tenant transactions db_transactions_in_flight reports. */
  pool?: Sql
  /** Its maximum number of connections (DB_POOL_MAX), exported as db_pool_max_connections. */
  poolMax?: number
}

// Runs take as long as the model does (up to PROVIDER_TIMEOUT_MS), hence the long tail.
const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

export function makeMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry()
  const registers = [registry]
  collectDefaultMetrics({ register: registry })

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from the request arriving to the response being sent, by route template, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: durationBuckets,
    registers,
  })
  const rateLimitDecisions = new Counter({
    name: 'rate_limit_decisions_total',
    help: 'Rate-limit checks by quota (requests, runs, auth-failures) and decision.',
    labelNames: ['quota', 'decision'] as const,
    registers,
  })
  const keyCacheLookups = new Counter({
    name: 'auth_key_cache_lookups_total',
    help:
      'API key lookups by result: hit (this process remembered the key), miss (asked the database), bypass ' +
      '(the invalidation listener is not trusted right now, so the database was asked and nothing kept).',
    labelNames: ['result'] as const,
    registers,
  })
  const { pool } = options
  if (pool) {
    new Gauge({
      name: 'db_transactions_in_flight',
      help:
        'Tenant transactions (inTenantTransaction) on the API pool at scrape time: "waiting" for a connection, ' +
        'or "running" on one. postgres.js has no pool statistics; plain queries outside a tenant transaction ' +
        'are not counted. running near db_pool_max_connections with waiting > 0 means the pool is the bottleneck.',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const { waiting, running } = tenantTransactionsOf(pool)
        this.set({ state: 'waiting' }, waiting)
        this.set({ state: 'running' }, running)
      },
    })
  }
  if (options.poolMax !== undefined) {
    new Gauge({
      name: 'db_pool_max_connections',
      help: 'Connections the API pool may open (DB_POOL_MAX).',
      registers,
    }).set(options.poolMax)
  }

  return {
    registry,
    observeRequest: ({ route, method, status }, seconds) =>
      httpDuration.observe({ route, method, status: String(status) }, seconds),
    recordRateLimitDecision: (quota, decision) => rateLimitDecisions.inc({ quota, decision }),
    recordKeyCacheLookup: (result) => keyCacheLookups.inc({ result }),
  }
}
