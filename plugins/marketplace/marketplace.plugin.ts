// The marketplace (issue 20): tenants publish agent templates as listings with immutable, validated,
// signed versions; every tenant discovers, rates and installs what is published. Listings and versions
// are shared rows: every tenant reads the published ones, only the publisher writes (one RLS policy per
// command, migrations/1764100022000_marketplace.sql); installs, ratings and downloads stay each tenant's
// own, and the aggregates others see are counters moved by SECURITY DEFINER triggers on those rows.
import { randomUUID } from 'node:crypto'
import { asFunction, definePlugin } from '../../app/plugin-kit.js'
import { marketplaceEnv, type MarketplaceConfig } from './marketplace.config.js'
import { publishErrors } from './publish.errors.js'
import { makePublishListingsRepo, type PublishListingsRepo } from './publish.listings.repo.js'
import { makePublishMetrics, type PublishMetrics } from './publish.metrics.js'
import * as publishOperations from './publish.operations.js'
import { makePublishService, type PublishService } from './publish.service.js'
import { makePackageSigner, signingKeyBootCheck, type PackageSigner } from './publish.signing.js'
import { makePublishSnapshots, type PublishSnapshots } from './publish.snapshot.js'
import { validateVersionJob } from './publish.validation.js'
import {
  makeValidationSweep,
  validationSweepLifecycle,
  type ValidationSweep,
} from './publish.validation-sweep.js'
import { makePublishVersionsRepo, type PublishVersionsRepo } from './publish.versions.repo.js'
// Install: install a listing, upgrade an installed agent.
import { installErrors } from './install.errors.js'
import { makeInstallMetrics, type InstallMetrics } from './install.metrics.js'
import * as installOperations from './install.operations.js'
import { makeInstallRepo, type InstallRepo } from './install.repo.js'
import { makeMarketplaceInstaller, type MarketplaceInstaller } from './install.service.js'
import { makeMarketplaceUpgrader, type MarketplaceUpgrader } from './install.upgrade.js'
// Discover: search, a listing's detail, ratings.
import { discoverErrors } from './discover.errors.js'
import * as discoverOperations from './discover.operations.js'
import { makeDiscoverRepo, type DiscoverRepo } from './discover.repo.js'
import { makeDiscoverService, type DiscoverService } from './discover.service.js'
import { makeTypoCorrections, type TypoCorrections } from './discover.typos.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    /** MARKETPLACE_* (marketplace.config.ts). */
    marketplaceConfig: MarketplaceConfig
    // Publish: listings, versions and their validation, yank, the signed package.
    marketplacePublishListingsRepo: PublishListingsRepo
    marketplacePublishVersionsRepo: PublishVersionsRepo
    marketplacePublishSnapshots: PublishSnapshots
    marketplacePublishService: PublishService
    /** The platform's Ed25519 key signing packages (never the seed itself). */
    marketplacePublishSigner: PackageSigner
    marketplacePublishMetrics: PublishMetrics
    /** Rejects versions whose validation job was lost (publish.validation-sweep.ts); timed by the lifecycle. */
    marketplacePublishValidationSweep: ValidationSweep
    // Install
    marketplaceInstallRepo: InstallRepo
    marketplaceInstallMetrics: InstallMetrics
    marketplaceInstallService: MarketplaceInstaller
    marketplaceInstallUpgrader: MarketplaceUpgrader
    // Discover
    marketplaceDiscoverRepo: DiscoverRepo
    marketplaceDiscoverService: DiscoverService
    /** Recent search words' typo corrections, shared by the process's requests. */
    marketplaceTypoCorrections: TypoCorrections
  }
}

export const marketplacePlugin = definePlugin({
  id: 'marketplace',
  // catalog: a package is an agent with its tools; jobs: validation runs in the background; secrets and
  // tool-kinds: a package's secret references and tool kinds are checked; runs/models: example prompts run.
  dependsOn: ['catalog', 'egress', 'jobs', 'secrets', 'tool-kinds', 'models', 'runs'],
  dir: import.meta.dirname,
  config: marketplaceEnv,
  services: {
    // Publish
    marketplacePublishListingsRepo: asFunction(makePublishListingsRepo).scoped(),
    marketplacePublishVersionsRepo: asFunction(makePublishVersionsRepo).scoped(),
    marketplacePublishSnapshots: asFunction(makePublishSnapshots).scoped(),
    marketplacePublishService: asFunction(makePublishService).scoped(),
    marketplacePublishSigner: asFunction(makePackageSigner).singleton(),
    marketplacePublishMetrics: asFunction(makePublishMetrics).singleton(),
    marketplacePublishValidationSweep: asFunction(makeValidationSweep).singleton(),
    // Install: the repo shares the request's transaction; the rest are singletons working in units of work.
    marketplaceInstallRepo: asFunction(makeInstallRepo).scoped(),
    marketplaceInstallMetrics: asFunction(makeInstallMetrics).singleton(),
    marketplaceInstallService: asFunction(makeMarketplaceInstaller).singleton(),
    marketplaceInstallUpgrader: asFunction(makeMarketplaceUpgrader).singleton(),
    // Discover
    marketplaceDiscoverRepo: asFunction(makeDiscoverRepo).scoped(),
    marketplaceDiscoverService: asFunction(makeDiscoverService).scoped(),
    marketplaceTypoCorrections: asFunction(() => makeTypoCorrections()).singleton(),
  },
  operations: { ...publishOperations, ...installOperations, ...discoverOperations },
  tenantTables: [
    'marketplace_listings',
    'marketplace_versions',
    // Validation reports, the publisher's only (off the shared versions row: others read all its columns).
    'marketplace_version_reports',
    'marketplace_installs',
    'marketplace_ratings',
    'marketplace_downloads',
    // The words of the tenant's drafts, for its own searches (kept by a trigger on marketplace_listings).
    'marketplace_draft_words',
  ],
  // Tables every tenant reads rows of, on purpose: the RLS audit accepts their SELECT policy not pinning
  // rows to the tenant, and still requires every write policy to (docs/rls-report.md lists them).
  sharedTables: {
    marketplace_listings: 'published listings are the marketplace: every tenant searches and reads them',
    marketplace_versions:
      "published versions are what every tenant inspects, downloads and installs (their reports are in marketplace_version_reports, the publisher's only)",
    marketplace_search:
      'the search projection of published listings only (no publisher, no draft), written by a trigger alone',
    marketplace_search_words:
      "the words of published listings' names, to correct typos in a search, written by a trigger alone",
    marketplace_search_terms:
      "the words of published listings' names and summaries with their listing, the one-word search's relevance order, written by a trigger alone",
  },
  migrations: 'migrations',
  // The shared schemas; each group of operations adds its own fragment.
  // Publish's fragment before the others: its /listings/mine must be mounted before /listings/{slug}.
  spec: [
    'marketplace.openapi.yaml',
    'marketplace.publish.openapi.yaml',
    'marketplace.install.openapi.yaml',
    'marketplace.discover.openapi.yaml',
  ],
  errors: { ...publishErrors, ...installErrors, ...discoverErrors },
  contributes: {
    // Publish: the validation job; a warning at boot when packages cannot be signed; the sweep of versions
    // whose validation job was lost, running while the process serves.
    jobHandlers: [validateVersionJob],
    bootChecks: [signingKeyBootCheck],
    lifecycle: [validationSweepLifecycle],
  },
  fixtures: {
    // Publish. A listing is named by its slug, a version by its version (create resolves to that field).
    '/api/v1/marketplace/listings/{slug}': ({ create }) =>
      create(
        '/api/v1/marketplace/listings',
        {
          slug: `fixture-${randomUUID().slice(0, 8)}`,
          name: 'A fixture listing',
          summary: 'An agent template the tests make',
          category: 'testing',
          tags: ['fixture'],
        },
        { key: 'slug' },
      ),
    '/api/v1/marketplace/listings/{slug}/versions/{version}': async ({ create, fixture }) => {
      const slug = await fixture('/api/v1/marketplace/listings/{slug}')
      return create(
        `/api/v1/marketplace/listings/${slug}/versions`,
        { version: '1.0.0', agent_id: await fixture('/api/v1/agents/{id}'), example_prompts: ['hello'] },
        { key: 'version' },
      )
    },
  },
})
