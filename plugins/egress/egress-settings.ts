// The operator's egress settings (EGRESS_ALLOW, EGRESS_DENY, EGRESS_ALLOW_HTTP), parsed once at boot by
// egress.config.ts: each list entry is an address, a CIDR, a host name or `*.domain` (the domain's subdomains).
import { parseRange } from './egress-ranges.js'

export interface EgressList {
  /** CIDRs and addresses as written (validated). */
  ranges: string[]
  /** Lower-case host names without a trailing dot; `*.example.com` matches the subdomains of example.com. */
  hosts: string[]
}

export interface EgressSettings {
  /** Exceptions to the refused ranges and names: what the operator lets tools reach (tests: 127.0.0.1/32). */
  allow: EgressList
  /** Refused on top of the built-in ranges; wins over allow. */
  deny: EgressList
  /** Plain http:// besides https://. */
  allowHttp: boolean
}

export const defaultEgressSettings: EgressSettings = {
  allow: { ranges: [], hosts: [] },
  deny: { ranges: [], hosts: [] },
  allowHttp: false,
}

/** A host name, or `*.domain`; lower case. */
export const isHostPattern = (entry: string): boolean => hostName.test(entry)

const hostName = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/

/** A list's entries, or the entries it refuses (for the boot's one message). */
export function parseEgressList(value: string): { list: EgressList; bad: string[] } {
  const list: EgressList = { ranges: [], hosts: [] }
  const bad: string[] = []
  for (const raw of value.split(',')) {
    const entry = raw.trim().toLowerCase()
    if (entry === '') continue
    if (parseRange(entry)) list.ranges.push(entry)
    else if (hostName.test(entry.replace(/\.$/, ''))) list.hosts.push(entry.replace(/\.$/, ''))
    else bad.push(raw.trim())
  }
  return { list, bad }
}

/** A host name matches an entry exactly, or a `*.domain` entry when it is a subdomain of domain. */
export const hostMatches = (host: string, entries: readonly string[]): boolean =>
  entries.some((entry) =>
    entry.startsWith('*.') ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : host === entry,
  )
