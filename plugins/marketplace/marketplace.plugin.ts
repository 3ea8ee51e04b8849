// The marketplace (issue 20): tenants publish agent templates as listings with immutable, validated,
// signed versions; every tenant discovers, rates and installs what is published. Listings and versions
// are shared rows: every tenant reads the published ones, only the publisher writes (one RLS policy per
// command, migrations/1764100022000_marketplace.sql); installs, ratings and downloads stay each tenant's
// own, and the aggregates others see are counters moved by SECURITY DEFINER triggers on those rows.
import { asFunction, definePlugin } from '../../app/plugin-kit.js'
// install: install a listing, upgrade an installed agent
import { installErrors } from './install.errors.js'
import { makeInstallMetrics, type InstallMetrics } from './install.metrics.js'
import * as installOperations from './install.operations.js'
import { makeInstallRepo, type InstallRepo } from './install.repo.js'
import { makeMarketplaceInstaller, type MarketplaceInstaller } from './install.service.js'
import { makeMarketplaceUpgrader, type MarketplaceUpgrader } from './install.upgrade.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    // install
    marketplaceInstallRepo: InstallRepo
    marketplaceInstallMetrics: InstallMetrics
    marketplaceInstallService: MarketplaceInstaller
    marketplaceInstallUpgrader: MarketplaceUpgrader
  }
}

export const marketplacePlugin = definePlugin({
  id: 'marketplace',
  // catalog: a package is an agent with its tools; jobs: validation runs in the background; secrets and
  // tool-kinds: a package's secret references and tool kinds are checked; runs/models: example prompts run.
  dependsOn: ['catalog', 'jobs', 'secrets', 'tool-kinds', 'models', 'runs'],
  dir: import.meta.dirname,
  services: {
    // install: the repo shares the request's transaction; the rest are singletons working in units of work.
    marketplaceInstallRepo: asFunction(makeInstallRepo).scoped(),
    marketplaceInstallMetrics: asFunction(makeInstallMetrics).singleton(),
    marketplaceInstallService: asFunction(makeMarketplaceInstaller).singleton(),
    marketplaceInstallUpgrader: asFunction(makeMarketplaceUpgrader).singleton(),
  },
  operations: { ...installOperations },
  tenantTables: [
    'marketplace_listings',
    'marketplace_versions',
    'marketplace_installs',
    'marketplace_ratings',
    'marketplace_downloads',
  ],
  migrations: 'migrations',
  // The shared schemas; each group of operations adds its own fragment.
  spec: ['marketplace.openapi.yaml', 'marketplace.install.openapi.yaml'],
  errors: { ...installErrors },
  fixtures: {
    // install: a slug no listing has until the publish part's fixture (a published listing) replaces it;
    // the install tests and Dredd publish listings with SQL (test/install.fixtures.ts).
    '/api/v1/marketplace/listings/{slug}': () =>
      Promise.resolve(`fixture-unpublished-${Date.now().toString(36)}`),
  },
})
