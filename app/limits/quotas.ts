// A tenant's quotas as they stand, for GET /limits: what applies and what remains, counting nothing.
import type { Config } from '../config.js'
import { quotaFor, type QuotaName } from './http.js'
import type { Decision, RateLimits } from './rate-limits.js'
import type { TenantSettings } from './tenant-settings.js'

export interface Quotas {
  /** The quotas the settings give (the caller reads them, in its own transaction when it holds one). */
  status(tenantId: string, settings: TenantSettings): Promise<Record<QuotaName, Decision>>
  /** True when every API process counts against the same quotas (Redis). */
  readonly shared: boolean
}

export function makeQuotas(config: Config, rateLimits: RateLimits): Quotas {
  return {
    async status(tenantId, tenantSettings) {
      const [requests, runs] = await Promise.all(
        (['requests', 'runs'] as const).map((name) =>
          rateLimits.peek(name, tenantId, quotaFor(name, config, tenantSettings)),
        ),
      )
      return { requests: requests!, runs: runs! }
    },
    shared: rateLimits.shared,
  }
}
