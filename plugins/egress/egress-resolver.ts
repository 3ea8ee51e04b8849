// Name resolution behind a seam: the egress policy resolves each host once, through this, and connects to
// an address it checked. Tests inject their own resolver (private names, DNS rebinding) instead of
// touching the system's DNS.
import { lookup } from 'node:dns/promises'

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

/** Every address of a host name (A and AAAA); an empty list or a rejection when it has none. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

/** getaddrinfo through libuv (what the system would connect to, /etc/hosts included), all addresses. */
export const systemResolver: Resolver = async (hostname) => {
  const addresses = await lookup(hostname, { all: true, verbatim: true })
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }))
}
