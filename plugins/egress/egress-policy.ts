// The decisions, without I/O: may this URL be requested, may this address be connected to. The request
// (egress-request.ts) asks both, in that order, and connects only to an address this accepted.
import { egressDenied } from './egress-error.js'
import { inRange, normaliseAddress, parseRange, refusedRange } from './egress-ranges.js'
import { hostMatches, type EgressSettings } from './egress-settings.js'

export interface EgressPolicy {
  /**
   * Scheme, userinfo, the host's name against the lists; throws EGRESS_DENIED. Returns the host without
   * brackets or trailing dot, and whether it is an address literal (then checkAddress is all that is left).
   */
  checkUrl(url: URL, allowedHosts?: readonly string[]): { host: string; literal: boolean }
  /** An address the host resolved to (or the literal); throws EGRESS_DENIED. */
  checkAddress(host: string, address: string): void
}

/** Names that always mean this machine (RFC 6761), refused before anything is resolved. */
const localNames = (host: string) => host === 'localhost' || host.endsWith('.localhost')

export function createEgressPolicy(settings: EgressSettings): EgressPolicy {
  const allowRanges = settings.allow.ranges.map((entry) => parseRange(entry)!)
  const denyRanges = settings.deny.ranges.map((entry) => parseRange(entry)!)
  const allowedHost = (host: string) => hostMatches(host, settings.allow.hosts)

  return {
    checkUrl(url, allowedHosts) {
      const raw = url.hostname
      const host = (raw.startsWith('[') ? raw.slice(1, -1) : raw).replace(/\.$/, '').toLowerCase()
      const refuse = (reason: string, message: string) => {
        throw egressDenied({ reason, host }, message)
      }
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && settings.allowHttp)) {
        refuse(
          'scheme',
          `${url.protocol.replace(':', '')} is not allowed (https${settings.allowHttp ? ' or http' : ''} only)`,
        )
      }
      // https://good@evil: whoever reads the URL may see "good"; refused outright, whatever the host.
      if (url.username !== '' || url.password !== '')
        refuse('userinfo', 'a URL may not carry a user or password')
      if (host === '') refuse('no-host', 'the URL has no host')
      if (
        allowedHosts &&
        !hostMatches(
          host,
          allowedHosts.map((h) => h.toLowerCase().replace(/\.$/, '')),
        )
      ) {
        refuse('host-not-allowed', `${host} is not in the tool's allowed_hosts`)
      }
      if (hostMatches(host, settings.deny.hosts)) refuse('denied-host', `${host} is denied by the operator`)
      const literal = normaliseAddress(host) !== undefined
      if (!literal && localNames(host) && !allowedHost(host)) refuse('loopback', `${host} names this machine`)
      return { host, literal }
    },

    checkAddress(host, address) {
      const parsed = normaliseAddress(address)
      const refuse = (reason: string, message: string) => {
        throw egressDenied({ reason, host, address }, message)
      }
      if (!parsed) return refuse('unparsable-address', `${host} resolved to "${address}", not an address`)
      if (denyRanges.some((range) => inRange(parsed, range))) {
        return refuse('denied-range', `${address} is in a range the operator denies`)
      }
      if (allowRanges.some((range) => inRange(parsed, range)) || allowedHost(host)) return
      const range = refusedRange(parsed)
      if (range) refuse(range, `${host === address ? address : `${host} (${address})`} is a ${range} address`)
    },
  }
}
