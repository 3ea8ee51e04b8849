// Retries of the failures that are safe to retry, under openapi-fetch (every attempt sends the same request,
// Idempotency-Key included):
// - 429 with Retry-After: the request was refused before it ran; waited for as told, unless it asks for more
//   than `maxRetryAfterMs` (then the 429 is the answer, for the caller to decide);
// - 503 and network errors: only for requests that cannot run twice: GET, HEAD, OPTIONS, PUT, DELETE, and
//   any request carrying an Idempotency-Key (a retry gets the stored answer). Waits Retry-After when given
//   (same cap), else an exponential backoff.

export interface RetryOptions {
  /** Attempts after the first; 0 turns retries off. Default 3. */
  retries?: number
  /** The longest Retry-After waited for, in ms. Default 10 000. */
  maxRetryAfterMs?: number
  /** The first backoff after a network error or a 503 without Retry-After, in ms, doubled each time. Default 250. */
  backoffMs?: number
}

export type FetchFunction = (request: Request) => Promise<Response>

const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])

const canRunTwice = (request: Request): boolean =>
  idempotentMethods.has(request.method) || request.headers.has('Idempotency-Key')

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function retryingFetch(fetchFunction: FetchFunction, options: RetryOptions = {}): FetchFunction {
  const retries = options.retries ?? 3
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000
  const backoffMs = options.backoffMs ?? 250

  /** How long to wait before the next attempt, or undefined to answer with this response. */
  const delayFor = (request: Request, response: Response, attempt: number): number | undefined => {
    if (response.status !== 429 && response.status !== 503) return undefined
    if (response.status === 503 && !canRunTwice(request)) return undefined
    const told = retryAfterMs(response.headers.get('Retry-After'))
    if (told === undefined) return response.status === 503 ? backoffMs * 2 ** attempt : undefined
    return told <= maxRetryAfterMs ? told : undefined
  }

  return async (request) => {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= retries
      let response: Response
      try {
        // A clone per attempt: a body can be read once, and the next attempt sends it again.
        response = await fetchFunction(last ? request : request.clone())
      } catch (error) {
        if (last || request.signal.aborted || !canRunTwice(request)) throw error
        await sleep(backoffMs * 2 ** attempt)
        continue
      }
      const delay = last ? undefined : delayFor(request, response, attempt)
      if (delay === undefined) return response
      await response.body?.cancel()
      await sleep(delay)
    }
  }
}
