// HTTP load with autocannon, in this process. Every response's latency is kept (autocannon's histogram has
// no p95), and only 2xx answers count towards throughput and latency; the rest are counted as errors.
import autocannon from 'autocannon'
import { measurement, type Outcome } from './stats.js'

export interface HttpLoad {
  /** Where the server listens, e.g. http://127.0.0.1:3000 */
  url: string
  connections: number
  /** The requests each connection sends, in a loop (autocannon's `requests`). */
  requests: autocannon.Request[]
  headers?: Record<string, string>
}

/** How long to run: seconds, or a number of requests (a warm-up that must not take long). */
export type Span = { seconds: number } | { requestsPerConnection: number }

function cannon(
  load: HttpLoad,
  span: Span,
  onResponse: (status: number, ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: load.url,
        connections: load.connections,
        requests: load.requests,
        headers: load.headers ?? {},
        // A deep page under load can be slow; a timeout would be counted as an error, not hidden.
        timeout: 30,
        ...('seconds' in span
          ? { duration: span.seconds }
          : { amount: span.requestsPerConnection * load.connections }),
      },
      (error: unknown, result) =>
        error ? reject(error instanceof Error ? error : new Error(JSON.stringify(error))) : resolve(result),
    )
    instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms))
  })
}

/** Runs the load and measures it: throughput of 2xx answers, their latency percentiles, the errors. */
export async function measureHttp(load: HttpLoad, span: Span): Promise<Outcome> {
  const latencies: number[] = []
  const statusCodes: Record<string, number> = {}
  const result = await cannon(load, span, (status, ms) => {
    statusCodes[status] = (statusCodes[status] ?? 0) + 1
    if (status >= 200 && status < 300) latencies.push(ms)
  })
  const errors = result.non2xx + result.errors
  return measurement({
    samples: latencies,
    durationSeconds: result.duration,
    errors,
    connections: load.connections,
    statusCodes,
  })
}

/** Runs the load without measuring it: JIT, connection pools and prepared statements get warm. */
export async function warmUp(load: HttpLoad, span: Span): Promise<void> {
  // None asked for (the smoke test, which checks the report's shape): autocannon would still take a second.
  if ('requestsPerConnection' in span && span.requestsPerConnection === 0) return
  await cannon(load, span, () => undefined)
}
