// What the model sees of an answer: {status, headers (a safe subset), body (JSON when the answer is JSON,
// else text), truncated}; or a tool error for a 5xx, a JSON answer that does not parse, or a binary body.
import type { EgressResponse } from '../egress/egress.js'
import type { ToolResult } from '../tool-kinds/tool-kind.js'

/** Descriptive headers only: never cookies, auth challenges or anything the server might leak. */
const safeHeaders = [
  'content-type', 'content-length', 'content-language', 'content-range', 'etag', 'last-modified',
  'cache-control', 'expires', 'date', 'location', 'retry-after', 'x-request-id', 'ratelimit-limit',
  'ratelimit-remaining', 'ratelimit-reset', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset',
] // prettier-ignore

const error = (code: string, message: string): ToolResult => ({ error: { code, message } })
const SNIPPET = 200

export function toToolResult(response: EgressResponse): ToolResult {
  const headers: Record<string, string> = {}
  for (const name of safeHeaders) {
    const value = response.headers[name]
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  const contentType = (headers['content-type'] ?? '').toLowerCase()
  const text = new TextDecoder('utf-8', { fatal: false }).decode(response.body)
  if (response.status >= 500) {
    return error('UPSTREAM_ERROR', `the server answered ${response.status}: ${text.slice(0, SNIPPET)}`)
  }
  const json = /^application\/([a-z0-9.+-]*\+)?json\b/.test(contentType)
  let body: unknown = text
  if (json && !response.truncated && response.body.length > 0) {
    try {
      body = JSON.parse(text)
    } catch {
      return error('INVALID_JSON_RESPONSE', `the server said JSON but sent: ${text.slice(0, SNIPPET)}`)
    }
  } else if (!isText(contentType) && !isUtf8(response.body, response.truncated)) {
    return error(
      'BINARY_RESPONSE',
      `the server answered ${contentType || 'an untyped body'} that is not text`,
    )
  }
  return { output: { status: response.status, headers, body, truncated: response.truncated } }
}

const isText = (contentType: string) =>
  contentType.startsWith('text/') || /\b(json|xml|javascript|x-www-form-urlencoded)\b/.test(contentType)

/** Valid UTF-8 (a cut at the byte cap may split the last character: that is not binary). */
function isUtf8(body: Buffer, truncated: boolean): boolean {
  const bytes = truncated ? body.subarray(0, Math.max(0, body.length - 3)) : body
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return !bytes.includes(0)
  } catch {
    return false
  }
}
