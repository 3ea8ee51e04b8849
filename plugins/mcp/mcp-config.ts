// What a server registration must be before anything connects: an absolute URL the egress policy does not
// refuse outright (422 EGRESS_DENIED, pointer /url), and headers a request may carry, whose values refer to
// secrets only as well-formed {{secrets.NAME}} (422 MCP_INVALID_SERVER_CONFIG, a pointer per problem).
import { appError } from '../../app/plugin-kit.js'
import { EgressError, type Egress } from '../egress/egress.js'
import type { PointerError } from '../tool-kinds/tool-kind.js'
import { secretReferencesIn } from './mcp-secrets.js'

/**
 * Set by the platform or the MCP transport (framing, the host it checked, no compression, the protocol's
 * own headers): a server registration may not set them.
 */
const reservedHeaders = new Set([
  'host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer',
  'expect', 'accept-encoding', 'proxy-authorization', 'proxy-connection', 'forwarded', 'x-forwarded-for',
  'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'accept', 'content-type', 'mcp-session-id',
  'mcp-protocol-version', 'last-event-id',
]) // prettier-ignore
const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

export interface ServerRegistration {
  name: string
  url: string
  headers: Record<string, string>
}

const pointerOf = (name: string) => `/headers/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`

export function checkRegistration(input: ServerRegistration, egress: Egress): void {
  const errors: PointerError[] = []
  let url: URL | undefined
  try {
    url = new URL(input.url)
  } catch {
    errors.push({ pointer: '/url', message: 'must be an absolute URL (https://host/path)' })
  }
  if (url && (url.search.includes('{{') || url.hash !== '')) {
    errors.push({ pointer: '/url', message: 'may not hold a fragment or a template' })
  }
  for (const [name, value] of Object.entries(input.headers)) {
    if (!token.test(name) || reservedHeaders.has(name.toLowerCase())) {
      errors.push({ pointer: pointerOf(name), message: 'is not a header name a server registration may set' })
    }
    if (/[\r\n\0]/.test(value)) {
      errors.push({ pointer: pointerOf(name), message: 'may not hold CR, LF or NUL' })
    }
    const starts = value.split('{{secrets.').length - 1
    if (starts !== secretReferencesIn(value).length) {
      errors.push({
        pointer: pointerOf(name),
        message: 'a secret reference is written {{secrets.NAME}} (letters, digits, _ and -)',
      })
    }
  }
  if (errors.length > 0) {
    throw appError('MCP_INVALID_SERVER_CONFIG', errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), {
      errors,
    })
  }
  try {
    const { host, literal } = egress.policy.checkUrl(url!)
    if (literal) egress.policy.checkAddress(host, host)
  } catch (error) {
    if (!(error instanceof EgressError) || !error.denial) throw error
    throw appError('EGRESS_DENIED', error.message, {
      reason: error.denial.reason,
      host: error.denial.host,
      pointer: '/url',
    })
  }
}
