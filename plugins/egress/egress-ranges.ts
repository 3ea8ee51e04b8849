// Which addresses an outbound request may reach by default: public unicast only. Everything ipaddr.js
// classifies otherwise (loopback, private, link-local, CGNAT, multicast, unspecified, broadcast, reserved
// and documentation ranges, unique-local, NAT64/6to4/Teredo, which embed IPv4 addresses) is refused.
import ipaddr from 'ipaddr.js'

/** Cloud metadata endpoints, named in the refusal (they are link-local or private anyway). */
const metadataAddresses = new Set(['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200'])

/** An address as ipaddr.js parses it, IPv4-mapped IPv6 (::ffff:a.b.c.d) turned into its IPv4 address. */
export function normaliseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  if (!ipaddr.isValid(bare)) return undefined
  return ipaddr.process(bare)
}

/** undefined when the address is public unicast; else why it is refused ('loopback', 'private', ...). */
export function refusedRange(address: ipaddr.IPv4 | ipaddr.IPv6): string | undefined {
  const text = address.toString()
  if (metadataAddresses.has(text)) return 'cloud-metadata'
  const range = address.range()
  return range === 'unicast' ? undefined : range
}

/** A CIDR or single address (EGRESS_ALLOW / EGRESS_DENY), or undefined when the entry is not one. */
export function parseRange(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  try {
    if (entry.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(entry)
      return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
        ? [(address as ipaddr.IPv6).toIPv4Address(), Math.max(0, bits - 96)]
        : [address, bits]
    }
    const address = normaliseAddress(entry)
    return address ? [address, address.kind() === 'ipv4' ? 32 : 128] : undefined
  } catch {
    return undefined
  }
}

export function inRange(
  address: ipaddr.IPv4 | ipaddr.IPv6,
  [base, bits]: [ipaddr.IPv4 | ipaddr.IPv6, number],
) {
  return address.kind() === base.kind() && address.match(base, bits)
}
