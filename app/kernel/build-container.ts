// The root container: kernel singletons (config, logger, pool, rate limits), every plugin's settings
// (`<camelCaseId>Config`) and every plugin's services.
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { pluginSettingsOf, type Config } from '../config.js'
import type { Sql } from '../../db/client.js'
import { makeRateLimits } from '../limits/rate-limits.js'
import { createMemoryClient } from '../limits/stores.js'
import { makeTenantSettingsCache } from '../limits/tenant-settings.js'
import { makeQuotas } from '../limits/quotas.js'
import { makeMetrics } from '../observability/metrics.js'
import { createRootContainer, type AppContainer } from './container.js'
import { collectExtensions } from './extensions.js'
import { makeTenantWork } from './tenant-work.js'
import { asValue, Lifetime } from 'awilix'
import type { PluginDefinition } from './plugin.js'
import { pluginConfigName } from './plugin-graph.js'

export interface ContainerDeps {
  config: Config
  logger: Logger
  sql: Sql
  redis: Redis | undefined
  plugins: readonly PluginDefinition[]
}

export function buildContainer({ config, logger, sql, redis, plugins }: ContainerDeps): AppContainer {
  if (!redis) logger.warn('REDIS_URL is not set: rate limits are counted in this process only')
  const rateLimits = makeRateLimits(redis ?? createMemoryClient(), redis !== undefined)
  const tenantSettingsCache = makeTenantSettingsCache(sql, config.rateLimits.settingsCacheMs)
  const container = createRootContainer({
    config,
    logger,
    sql,
    rateLimits,
    tenantSettingsCache,
    quotas: makeQuotas(config, rateLimits),
    metrics: makeMetrics({ pool: sql, poolMax: config.dbPoolMax }),
    // Before any plugin service: a singleton reading an extension point sees every contribution.
    extensions: collectExtensions(plugins),
  })
  // Background work of a tenant (jobs): scopes and transactions pinned to a tenant, as requests get.
  container.register({ tenantWork: asValue(makeTenantWork(container)) })
  for (const plugin of plugins) {
    if (plugin.config)
      container.register(pluginConfigName(plugin.id), asValue(pluginSettingsOf(config, plugin)))
    container.register(plugin.services ?? {})
  }
  resolveSingletons(container, plugins)
  return container
}

/** Builds every singleton now, so a misconfiguration (a model file naming a missing provider) stops the boot. */
function resolveSingletons(container: AppContainer, plugins: readonly PluginDefinition[]): void {
  for (const plugin of plugins) {
    for (const [name, resolver] of Object.entries(plugin.services ?? {})) {
      if ((resolver as { lifetime?: string }).lifetime === Lifetime.SINGLETON) container.resolve(name)
    }
  }
}
