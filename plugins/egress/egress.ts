// The egress module: every request that leaves the machine (http tools, MCP servers, webhooks) goes
// through egress.request() (a buffered answer) or egress.fetch() (a streamed one, for clients that take a
// fetch, such as the MCP SDK), so one policy decides what the platform may reach. See SECURITY.md "Egress".
import { createEgressPolicy, type EgressPolicy } from './egress-policy.js'
import { egressFetch, type EgressFetchLimits } from './egress-fetch.js'
import { egressRequest, type EgressRequest, type EgressResponse } from './egress-request.js'
import { systemResolver, type Resolver } from './egress-resolver.js'
import type { EgressSettings } from './egress-settings.js'

export interface Egress {
  policy: EgressPolicy
  request(req: EgressRequest): Promise<EgressResponse>
  /**
   * fetch under the policy: the answer's body streams, capped by `limits`; a 3xx is returned, not followed.
   * Rejects (and errors the body stream) with EgressError, as request() does.
   */
  fetch(input: string | URL, init: RequestInit | undefined, limits: EgressFetchLimits): Promise<Response>
}

/** resolver: the system's by default; tests inject one (private names, rebinding). */
export function createEgress(settings: EgressSettings, options: { resolver?: Resolver } = {}): Egress {
  const policy = createEgressPolicy(settings)
  const resolver = options.resolver ?? systemResolver
  return {
    policy,
    request: (req) => egressRequest(policy, resolver, req),
    fetch: (input, init, limits) => egressFetch(policy, resolver, input, init, limits),
  }
}

export { EgressError, egressDeniedProblem, type EgressDenial, type EgressErrorCode } from './egress-error.js'
export type { EgressRequest, EgressResponse } from './egress-request.js'
export type { EgressFetch, EgressFetchLimits } from './egress-fetch.js'
export type { ResolvedAddress, Resolver } from './egress-resolver.js'
export {
  defaultEgressSettings,
  isHostPattern,
  parseEgressList,
  type EgressSettings,
} from './egress-settings.js'
