// The `http` field of a tool, checked and normalised when the tool is stored (422 INVALID_TOOL_CONFIG with
// a JSON pointer per problem; 422 EGRESS_DENIED when the policy refuses the URL without resolving it).
import { appError } from '../../app/plugin-kit.js'
import { EgressError, isHostPattern, type Egress } from '../egress/egress.js'
import type { PointerError } from '../tool-kinds/tool-kind.js'
import { checkSecretReferences } from './http-secrets.js'
import { misplacedOptional, paramsOf, splitUrlTemplate, stringsIn } from './http-template.js'

export const MAX_TIMEOUT_MS = 30_000
export const DEFAULT_TIMEOUT_MS = 10_000
export const MAX_RESPONSE_BYTES = 1024 * 1024
export const DEFAULT_RESPONSE_BYTES = 64 * 1024
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const
const MAX_URL_LENGTH = 2048
const MAX_ENTRIES = 50
const MAX_ALLOWED_HOSTS = 20
/** Nesting of the body mapping: it is walked recursively (templates, secret references) on every call. */
const MAX_BODY_DEPTH = 32
const KEYS = [
  'method',
  'url',
  'headers',
  'query',
  'body',
  'timeout_ms',
  'max_response_bytes',
  'allowed_hosts',
]

/** The platform sets these (framing, the host it checked, no compression): a tool may not. */
const reservedHeaders = new Set([
  'host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer',
  'expect', 'accept-encoding', 'proxy-authorization', 'proxy-connection', 'forwarded', 'x-forwarded-for',
  'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip',
]) // prettier-ignore
const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** A header name a tool may set: a token, and not one the platform sets itself. */
export const isSettableHeader = (name: string): boolean =>
  token.test(name) && !reservedHeaders.has(name.toLowerCase())

export interface HttpConfig {
  method: (typeof METHODS)[number]
  url: string
  headers: Record<string, string>
  query: Record<string, string>
  body?: unknown
  timeout_ms: number
  max_response_bytes: number
  allowed_hosts?: string[]
}

/** Deeper than limit? Stops descending at the limit, so a hostile nesting costs nothing. */
function deeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false
  if (limit === 0) return true
  return Object.values(value).some((child) => deeperThan(child, limit - 1))
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

export const invalidToolConfig = (errors: PointerError[]) =>
  appError('INVALID_TOOL_CONFIG', errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), { errors })

function stringMap(
  value: unknown,
  at: string,
  errors: PointerError[],
  header: boolean,
): Record<string, string> {
  if (value === undefined) return {}
  if (!isRecord(value)) return (errors.push({ pointer: at, message: 'must be an object of strings' }), {})
  if (Object.keys(value).length > MAX_ENTRIES)
    errors.push({ pointer: at, message: `at most ${MAX_ENTRIES} entries` })
  for (const [name, item] of Object.entries(value)) {
    const where = `${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`
    if (typeof item !== 'string' || item.length > 8192 || /[\r\n\0]/.test(item)) {
      errors.push({
        pointer: where,
        message: 'must be a string of at most 8192 characters, without CR, LF or NUL',
      })
    }
    if (header && !isSettableHeader(name)) {
      errors.push({ pointer: where, message: 'is not a header name a tool may set' })
    }
  }
  return value as Record<string, string>
}

function intIn(value: unknown, fallback: number, max: number, at: string, errors: PointerError[]): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    errors.push({ pointer: at, message: `must be an integer from 1 to ${max}` })
  }
  return value as number
}

function checkUrl(url: unknown, errors: PointerError[]): string {
  if (typeof url !== 'string' || url.length > MAX_URL_LENGTH) {
    errors.push({
      pointer: '/http/url',
      message: `is required: an absolute URL of at most ${MAX_URL_LENGTH} characters`,
    })
    return ''
  }
  const parts = splitUrlTemplate(url)
  if (!parts)
    return (
      errors.push({ pointer: '/http/url', message: 'must be an absolute URL (https://host/path)' }),
      url
    )
  if (/[{}]/.test(parts.origin)) {
    errors.push({
      pointer: '/http/url',
      message: 'may hold {param} only in its path and query, never in the host',
    })
  }
  try {
    new URL(parts.origin + parts.rest.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, 'x'))
  } catch {
    errors.push({ pointer: '/http/url', message: 'is not a valid URL' })
  }
  return url
}

/** Checks the http field; the policy refuses what it can tell without resolving (see http-tools.errors.ts). */
export function readHttpConfig(fields: Record<string, unknown>, egress: Egress): HttpConfig {
  const http = fields.http
  if (!isRecord(http)) {
    throw invalidToolConfig([{ pointer: '/http', message: 'is required with kind http: {method, url, ...}' }])
  }
  const errors: PointerError[] = []
  for (const key of Object.keys(http)) {
    if (!KEYS.includes(key))
      errors.push({ pointer: `/http/${key}`, message: `is not a field of http (${KEYS.join(', ')})` })
  }
  const method = http.method ?? 'GET'
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) {
    errors.push({ pointer: '/http/method', message: `must be one of ${METHODS.join(', ')}` })
  }
  const url = checkUrl(http.url, errors)
  const headers = stringMap(http.headers, '/http/headers', errors, true)
  const query = stringMap(http.query, '/http/query', errors, false)
  if (deeperThan(http.body, MAX_BODY_DEPTH)) {
    throw invalidToolConfig([{ pointer: '/http/body', message: `at most ${MAX_BODY_DEPTH} levels deep` }])
  }
  if (http.body !== undefined && (method === 'GET' || method === 'HEAD')) {
    errors.push({ pointer: '/http/body', message: `a ${String(method)} request has no body` })
  }
  const allowedHosts = http.allowed_hosts
  if (
    allowedHosts !== undefined &&
    (!Array.isArray(allowedHosts) ||
      allowedHosts.length < 1 ||
      allowedHosts.length > MAX_ALLOWED_HOSTS ||
      !allowedHosts.every((h) => typeof h === 'string' && isHostPattern(h.toLowerCase())))
  ) {
    errors.push({
      pointer: '/http/allowed_hosts',
      message: `1 to ${MAX_ALLOWED_HOSTS} host names or *.domain entries`,
    })
  }
  const config: HttpConfig = {
    method: method as HttpConfig['method'],
    url,
    headers,
    query,
    ...(http.body === undefined ? {} : { body: http.body }),
    timeout_ms: intIn(http.timeout_ms, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, '/http/timeout_ms', errors),
    max_response_bytes: intIn(
      http.max_response_bytes,
      DEFAULT_RESPONSE_BYTES,
      MAX_RESPONSE_BYTES,
      '/http/max_response_bytes',
      errors,
    ),
    ...(allowedHosts === undefined
      ? {}
      : { allowed_hosts: (allowedHosts as string[]).map((h) => h.toLowerCase()) }),
  }
  errors.push(...misplacedOptionals(config))
  errors.push(...checkSecretReferences(http))
  if (errors.length > 0) throw invalidToolConfig(errors)
  checkPolicy(config, egress)
  return config
}

/** `{name?}` (left out when the input lacks name) only as a whole query, header or body value. */
function misplacedOptionals(config: HttpConfig): PointerError[] {
  const message = '{name?} may only be a whole query, header or body value, never part of one or the URL'
  const strings: [string, string][] = [
    ['/http/url', config.url],
    ...stringsIn(config.headers, '/http/headers'),
    ...stringsIn(config.query, '/http/query'),
    ...stringsIn(config.body ?? null, '/http/body'),
  ]
  return strings
    .filter(([pointer, value]) =>
      pointer === '/http/url' ? /\{[A-Za-z_]\w*\?\}/.test(value) : misplacedOptional(value),
    )
    .map(([pointer]) => ({ pointer, message }))
}

/** The policy's static part: scheme, userinfo, names, literal addresses, allowed_hosts; nothing resolved. */
function checkPolicy(config: HttpConfig, egress: Egress): void {
  let sample: URL
  try {
    sample = new URL(splitUrlTemplate(config.url)!.origin)
  } catch {
    throw invalidToolConfig([{ pointer: '/http/url', message: 'is not a valid URL' }])
  }
  try {
    const { host, literal } = egress.policy.checkUrl(sample, config.allowed_hosts)
    if (literal) egress.policy.checkAddress(host, host)
  } catch (error) {
    if (!(error instanceof EgressError) || !error.denial) throw error
    throw appError('EGRESS_DENIED', error.message, {
      reason: error.denial.reason,
      host: error.denial.host,
      pointer: '/http/url',
    })
  }
}

/** Every parameter the templates use: the default input_schema requires them. */
export function paramsOfConfig(config: HttpConfig): string[] {
  const names = new Set<string>(paramsOf(config.url))
  for (const [, value] of stringsIn({ h: config.headers, q: config.query, b: config.body ?? null }, '')) {
    for (const name of paramsOf(value)) names.add(name)
  }
  return [...names]
}
