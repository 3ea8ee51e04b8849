// What every measurement reports, and the percentiles behind it. Percentiles come from the sorted samples
// themselves (every latency is kept), the way an HDR histogram reports them: the smallest sample that at
// least p% of the samples do not exceed. autocannon's own histogram has no p95, so it is not used.

/** A measured scenario or ceiling: throughput and latency in milliseconds. */
export interface Measurement {
  status: 'ok'
  /** Successful requests (2xx) or transactions per second over the measured time. */
  rps: number
  p50: number
  p95: number
  p99: number
  mean: number
  max: number
  /** Successful requests or transactions measured. */
  count: number
  /** Non-2xx answers, connection errors and timeouts, or failed transactions. */
  errors: number
  durationSeconds: number
  connections: number
  /** Status code -> count, for HTTP measurements. */
  statusCodes?: Record<string, number>
  /** pgbench: the tps of each round, in order (the RLS cost compares rounds pairwise). */
  roundsRps?: number[]
  /** HTTP scenarios against the API: its processes' CPU time over the measured run. */
  apiCpu?: ApiCpu
  notes?: string[]
}

/**
 * The API's own CPU cost: user + system time of its processes (a cluster's primary and workers summed, from
 * /proc) during the measured run, divided by the requests it answered (any status). Far steadier than
 * requests per second on a shared machine: it does not depend on how much CPU the load generator or
 * PostgreSQL took meanwhile.
 */
export interface ApiCpu {
  msPerRequest: number
  /** Read and write system calls per request (sockets to PostgreSQL, Redis and the client): round trips. */
  syscallsPerRequest?: number
  cpuSeconds: number
  requests: number
  processes: number
  /** PostgreSQL's CPU per request over the same run (every `postgres` process: not the service's own). */
  postgresMsPerRequest?: number
}

/** A scenario that could not run here (pgbench missing) or produced no successful request. */
export interface NotMeasured {
  status: 'unavailable' | 'failed'
  reason: string
  connections?: number
}

export type Outcome = Measurement | NotMeasured

export interface LatencySummary {
  p50: number
  p95: number
  p99: number
  mean: number
  max: number
}

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits

/** The value at percentile p (0..100) of ascending samples: rank ceil(p/100 * n), 1-based. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1]!
}

export function summarize(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort()
  let sum = 0
  for (const value of sorted) sum += value
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sum / Math.max(sorted.length, 1)),
    max: round(sorted.at(-1) ?? NaN),
  }
}

/** Builds the measurement, or says why there is none when nothing succeeded. */
export function measurement(fields: {
  samples: ArrayLike<number>
  durationSeconds: number
  errors: number
  connections: number
  statusCodes?: Record<string, number>
  notes?: string[]
}): Outcome {
  const { samples, durationSeconds, errors, connections } = fields
  if (samples.length === 0) {
    const statuses = fields.statusCodes ? ` (status codes: ${JSON.stringify(fields.statusCodes)})` : ''
    return {
      status: 'failed',
      reason: `no successful request in ${durationSeconds} s${statuses}`,
      connections,
    }
  }
  return {
    status: 'ok',
    rps: round(samples.length / durationSeconds, 1),
    ...summarize(samples),
    count: samples.length,
    errors,
    durationSeconds: round(durationSeconds),
    connections,
    ...(fields.statusCodes ? { statusCodes: fields.statusCodes } : {}),
    ...(fields.notes && fields.notes.length > 0 ? { notes: fields.notes } : {}),
  }
}

export const isMeasured = (outcome: Outcome | undefined): outcome is Measurement => outcome?.status === 'ok'

/** One line for the progress log. */
export const describeOutcome = (outcome: Outcome | undefined): string =>
  !outcome
    ? 'missing'
    : outcome.status === 'ok'
      ? `${outcome.rps} rps, p50 ${outcome.p50} ms, p95 ${outcome.p95} ms, p99 ${outcome.p99} ms` +
        (outcome.apiCpu ? `, API CPU ${outcome.apiCpu.msPerRequest} ms/request` : '') +
        (outcome.errors > 0 ? `, ${outcome.errors} errors` : '')
      : `${outcome.status}: ${outcome.reason}`
