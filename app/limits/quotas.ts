// A tenant's quotas as they stand, for GET /limits: what applies and what remains, counting nothing.
import type { Config } from '../config.js'
import { quotaFor, type QuotaName } from './http.js'
import type { Decision, RateLimits } from './rate-limits.js'
import type { TenantSettingsCache } from './tenant-settings.js'

export interface Quotas {
  status(tenantId: string): Promise<Record<QuotaName, Decision>>
  /** True when every API process counts against the same quotas (Redis). */
  readonly shared: boolean
}

export function makeQuotas(config: Config, rateLimits: RateLimits, settings: TenantSettingsCache): Quotas {
  return {
    async status(tenantId) {
      const tenantSettings = await settings.get(tenantId)
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
