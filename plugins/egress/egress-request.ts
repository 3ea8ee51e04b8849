// One outbound HTTP request under the policy: check the URL, resolve the host once, check every address
// (one refused address refuses the request), then connect to the first checked address and nothing else:
// undici's connector gets a lookup that answers only that address, so a second DNS answer (rebinding)
// is never asked for. TLS still verifies the certificate against the host name (SNI). Redirects are not
// followed: a 3xx is the answer. Time (connect, headers, the whole body) and bytes are capped while
// streaming; no Accept-Encoding is sent and nothing is decompressed, so a compressed bomb stays small.
import type { LookupFunction } from 'node:net'
import type { Agent, Dispatcher } from 'undici'
import { loadOnce } from '../../app/plugin-kit.js'
import { EgressError, type EgressErrorCode } from './egress-error.js'
import type { EgressPolicy } from './egress-policy.js'
import type { ResolvedAddress, Resolver } from './egress-resolver.js'

export interface EgressRequest {
  url: URL
  method: string
  headers?: Record<string, string>
  body?: string
  /** Everything, from resolution to the last body byte. */
  timeoutMs: number
  /** The body is cut there (truncated: true) and the connection closed. */
  maxResponseBytes: number
  signal?: AbortSignal
  /** Narrows the operator's policy: only these hosts (a tenant's own list). */
  allowedHosts?: readonly string[]
}

export interface EgressResponse {
  status: number
  headers: Record<string, string | string[]>
  body: Buffer
  truncated: boolean
  /** The address connected to (it passed the policy). */
  address: string
}

/** Resolves and checks; the address to connect to. Throws EGRESS_DENIED (or CONNECTION_FAILED: no such host). */
export async function checkTarget(
  policy: EgressPolicy,
  resolver: Resolver,
  url: URL,
  allowedHosts?: readonly string[],
): Promise<ResolvedAddress> {
  const { host, literal } = policy.checkUrl(url, allowedHosts)
  if (literal) {
    policy.checkAddress(host, host)
    return { address: host, family: host.includes(':') ? 6 : 4 }
  }
  let addresses: ResolvedAddress[]
  try {
    addresses = await resolver(host)
  } catch {
    throw new EgressError('CONNECTION_FAILED', `${host} does not resolve`)
  }
  if (addresses.length === 0) throw new EgressError('CONNECTION_FAILED', `${host} does not resolve`)
  // Any refused address refuses the host: a name mixing public and private answers is an attack.
  for (const { address } of addresses) policy.checkAddress(host, address)
  return addresses[0]!
}

/** A connector lookup that answers only the checked address, whatever it is asked. */
const pinnedLookup =
  ({ address, family }: ResolvedAddress): LookupFunction =>
  (_hostname, options, callback) => {
    if (typeof options === 'object' && options.all) {
      ;(callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [{ address, family }])
    } else callback(null, address, family)
  }

/** What one dispatch needs: where, what, and how long it may take. */
export interface Dispatch {
  url: URL
  method: string
  headers?: Record<string, string>
  body?: string | Uint8Array
  /** Everything, from resolution to the last body byte. */
  timeoutMs: number
  /** The longest silence between two body chunks (default: timeoutMs). */
  idleTimeoutMs?: number
  signal?: AbortSignal
  allowedHosts?: readonly string[]
}

/** A dispatched request: the answer (its body still streaming), and how to end it. */
export interface Dispatched {
  response: Dispatcher.ResponseData
  address: string
  /** Turns whatever a read or the request threw into an EgressError (the caller's signal or the deadline). */
  failure: (error: unknown) => EgressError
  /** Closes the connection (the body may be unread). */
  close: () => void
}

// undici is imported on the first call that leaves the machine, not with the plugin that every process
// loads (0.2 s of CPU at start); the import is awaited before the call's deadline starts.
const undici = loadOnce(() => import('undici'))

/**
 * The shared part of request() and fetch(): policy, one resolution, a connection pinned to the checked
 * address, one deadline, no redirect followed. The caller reads the body and then calls close().
 */
export async function dispatch(policy: EgressPolicy, resolver: Resolver, req: Dispatch): Promise<Dispatched> {
  const { Agent, request } = await undici()
  const deadline = AbortSignal.timeout(req.timeoutMs)
  const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline
  const failure = (error: unknown): EgressError => {
    if (error instanceof EgressError) return error
    if (req.signal?.aborted) return new EgressError('CANCELLED', 'the call was cancelled')
    if (deadline.aborted) return new EgressError('TIMEOUT', `no complete answer within ${req.timeoutMs} ms`)
    const code = (error as { code?: string }).code
    if (code === 'UND_ERR_BODY_TIMEOUT') {
      return new EgressError('TIMEOUT', `the answer stalled for ${req.idleTimeoutMs ?? req.timeoutMs} ms`)
    }
    return new EgressError('CONNECTION_FAILED', `the request failed${code ? ` (${code})` : ''}`)
  }
  let agent: Agent | undefined
  const close = () => void agent?.destroy().catch(() => undefined)
  try {
    const target = await abortable(checkTarget(policy, resolver, req.url, req.allowedHosts), signal)
    agent = new Agent({
      connect: { lookup: pinnedLookup(target), timeout: req.timeoutMs },
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.idleTimeoutMs ?? req.timeoutMs,
      connections: 1,
      pipelining: 0,
    })
    const response = await request(req.url, {
      dispatcher: agent,
      method: req.method as 'GET',
      headers: req.headers,
      body: req.body,
      signal,
    })
    return { response, address: target.address, failure, close }
  } catch (error) {
    close()
    throw failure(error)
  }
}

export async function egressRequest(
  policy: EgressPolicy,
  resolver: Resolver,
  req: EgressRequest,
): Promise<EgressResponse> {
  const { response, address, failure, close } = await dispatch(policy, resolver, req)
  try {
    const { body, truncated } = await readCapped(response.body, req.maxResponseBytes)
    return {
      status: response.statusCode,
      headers: response.headers as Record<string, string | string[]>,
      body,
      truncated,
      address,
    }
  } catch (error) {
    throw failure(error)
  } finally {
    close()
  }
}

async function readCapped(
  stream: AsyncIterable<Buffer> & { destroy(): unknown },
  max: number,
): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    if (size + chunk.length > max) {
      chunks.push(chunk.subarray(0, max - size))
      stream.destroy()
      return { body: Buffer.concat(chunks), truncated: true }
    }
    chunks.push(chunk)
    size += chunk.length
  }
  return { body: Buffer.concat(chunks), truncated: false }
}

/** A promise that rejects as soon as the signal aborts (resolution has no signal of its own). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

export type { EgressErrorCode }
