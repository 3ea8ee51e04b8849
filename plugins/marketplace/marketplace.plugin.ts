// The marketplace (issue 20): tenants publish agent templates as listings with immutable, validated,
// signed versions; every tenant discovers, rates and installs what is published. Listings and versions
// are shared rows: every tenant reads the published ones, only the publisher writes (one RLS policy per
// command, migrations/1764100022000_marketplace.sql); installs, ratings and downloads stay each tenant's
// own, and the aggregates others see are counters moved by SECURITY DEFINER triggers on those rows.
import { randomUUID } from 'node:crypto'
import { asFunction, definePlugin } from '../../app/plugin-kit.js'
// --- discover (part 2): search, a listing's detail, ratings ---
import { discoverErrors } from './discover.errors.js'
import * as discoverOperations from './discover.operations.js'
import { makeDiscoverRepo, type DiscoverRepo } from './discover.repo.js'
import { makeDiscoverService, type DiscoverService } from './discover.service.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    // --- discover ---
    marketplaceDiscoverRepo: DiscoverRepo
    marketplaceDiscoverService: DiscoverService
  }
}

export const marketplacePlugin = definePlugin({
  id: 'marketplace',
  // catalog: a package is an agent with its tools; jobs: validation runs in the background; secrets and
  // tool-kinds: a package's secret references and tool kinds are checked; runs/models: example prompts run.
  dependsOn: ['catalog', 'jobs', 'secrets', 'tool-kinds', 'models', 'runs'],
  dir: import.meta.dirname,
  services: {
    // --- discover ---
    marketplaceDiscoverRepo: asFunction(makeDiscoverRepo).scoped(),
    marketplaceDiscoverService: asFunction(makeDiscoverService).scoped(),
  },
  operations: {
    // --- discover ---
    ...discoverOperations,
  },
  tenantTables: [
    'marketplace_listings',
    'marketplace_versions',
    'marketplace_installs',
    'marketplace_ratings',
    'marketplace_downloads',
  ],
  // Tables every tenant reads rows of, on purpose: the RLS audit accepts their SELECT policy not pinning
  // rows to the tenant, and still requires every write policy to (docs/rls-report.md lists them).
  sharedTables: {
    marketplace_listings: 'published listings are the marketplace: every tenant searches and reads them',
    marketplace_versions:
      'published versions are what every tenant inspects, downloads and installs (reports stay with the publisher)',
    marketplace_search:
      'the search projection of published listings only (no publisher, no draft), written by a trigger alone',
    marketplace_search_words:
      "the words of published listings' names, to correct typos in a search, written by a trigger alone",
  },
  migrations: 'migrations',
  // The shared schemas; each group of operations adds its own fragment.
  spec: [
    'marketplace.openapi.yaml',
    // --- discover ---
    'marketplace.discover.openapi.yaml',
  ],
  errors: {
    // --- discover ---
    ...discoverErrors,
  },
  fixtures: {
    // --- discover (the publish part declares the same; keep one at the merge) ---
    // A draft listing of the tenant (only the publish part's POST creates listings).
    '/api/v1/marketplace/listings/{slug}': async ({ create }) => {
      const slug = `fixture-${randomUUID().slice(0, 8)}`
      await create('/api/v1/marketplace/listings', {
        slug,
        name: 'A fixture listing',
        summary: 'Made by the tests.',
        description: '',
        category: 'testing',
        tags: ['fixture'],
      })
      return slug
    },
  },
})
