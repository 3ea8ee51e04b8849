// The marketplace (issue 20): tenants publish agent templates as listings with immutable, validated,
// signed versions; every tenant discovers, rates and installs what is published. Listings and versions
// are shared rows: every tenant reads the published ones, only the publisher writes (one RLS policy per
// command, migrations/1764100022000_marketplace.sql); installs, ratings and downloads stay each tenant's
// own, and the aggregates others see are counters moved by SECURITY DEFINER triggers on those rows.
import { definePlugin } from '../../app/plugin-kit.js'

export const marketplacePlugin = definePlugin({
  id: 'marketplace',
  // catalog: a package is an agent with its tools; jobs: validation runs in the background; secrets and
  // tool-kinds: a package's secret references and tool kinds are checked; runs/models: example prompts run.
  dependsOn: ['catalog', 'jobs', 'secrets', 'tool-kinds', 'models', 'runs'],
  dir: import.meta.dirname,
  services: {},
  operations: {},
  tenantTables: [
    'marketplace_listings',
    'marketplace_versions',
    'marketplace_installs',
    'marketplace_ratings',
    'marketplace_downloads',
  ],
  migrations: 'migrations',
  // The shared schemas; each group of operations adds its own fragment.
  spec: ['marketplace.openapi.yaml'],
})
