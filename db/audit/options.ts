// What the audit checks this service's database against.
import type { PluginDefinition } from '../../app/kernel/plugin.js'
import { appRole } from '../roles.js'
import type { AuditOptions } from './rls-audit.js'
import type { ScaleAuditOptions } from './scale-audit.js'

export const auditOptions: AuditOptions = {
  // Not `pgboss` (plugins/jobs: the job queue's tables, pg-boss's own schema): no table there has a tenant_id
  // column (a job's tenant is in its data, and its handler runs in that tenant's RLS transactions). What matters
  // there, that map_app holds exactly pg-boss's run-time DML, no CREATE, no TRUNCATE and no SECURITY DEFINER, and
  // that no tenant_id column appears, is checked by plugins/jobs/test/jobs.test.ts; the forced RLS on pgboss.job
  // and pgboss.archive by data ->> 'tenant_id' (open to the queue's own work, run with no tenant set), by
  // plugins/jobs/test/jobs.isolation.test.ts.
  schemas: ['public', 'app'],
  appRole,
  definerAllowList: [
    // The one cross-tenant read the app role may make: a key hash to its tenant id (and suspension).
    'app.authenticate_api_key(bytea)',
    // Appends an authentication failure (the API's only kinds, actor fixed) to the transaction's tenant's chain.
    'app.append_api_audit_event(text,text,jsonb,text)',
    // Marks every tenant's runs past their tool-output deadline expired; returns only a count (runs plugin).
    'app.expire_waiting_executions()',
    // Deletes the event logs of every tenant's runs finished over N (>= 1) days ago; returns only a count (runs).
    'app.delete_old_execution_events(integer)',
    // The ids (and tenants) of runs queued or running that nobody wrote for the lease and no job serves: the
    // orphan sweep takes each up in its tenant's transaction; it reads nothing else and changes nothing (runs).
    'app.orphaned_executions(integer)',
    // The ids (and tenants) of marketplace versions validating past every attempt's time with no live job: the
    // validation sweep rejects each in its tenant's transaction; it reads nothing else, changes nothing.
    'app.stuck_marketplace_validations(integer)',
    // Whether any tenant has a secret, a boolean only: the boot check for a missing SECRETS_MASTER_KEY (secrets).
    'app.secrets_exist()',
    // Appends secret.used (name, tool, execution; never a value) for a secret of the transaction's tenant (secrets).
    'app.append_secret_use_event(text,uuid,uuid,text)',
  ],
}

/** The options with the shared tables the plugins declare (`sharedTables`), for the database they migrated. */
export const auditOptionsFor = (plugins: readonly PluginDefinition[]): AuditOptions => ({
  ...auditOptions,
  sharedTables: Object.fromEntries(
    plugins.flatMap((plugin) =>
      Object.entries(plugin.sharedTables ?? {}).map(([table, reason]) => [
        table,
        { plugin: plugin.id, reason },
      ]),
    ),
  ),
})

/**
 * What `npm run audit:scale` checks: tables with tenant_id are distributed by it; these are the reviewed
 * exceptions, each with the reason (docs/scaling.md has the whole plan).
 */
export const scaleAuditOptions: ScaleAuditOptions = {
  // Not `pgboss` (the job queue, plugins/jobs): no tenant-keyed table to distribute; it stays whole on the
  // coordinator beside pgmigrations, and a sharded deployment keeps one queue (see plugins/jobs/README.md).
  schemas: ['public', 'app'],
  referenceTables: {
    tenants:
      'one row per tenant, read by every request (status, limits) and referenced by every tenant table: copied to every node',
    api_keys:
      'looked up by key hash before the tenant is known (app.authenticate_api_key), so its global unique key_hash must ' +
      'answer on one node: copied to every node beside tenants (a few rows per tenant, written rarely)',
    marketplace_listings:
      'shared across tenants (every tenant searches every published listing; the slug is unique across tenants): ' +
      "copied to every node, so a search is one node's work; listings are few and written rarely",
    marketplace_versions:
      "shared across tenants like the listings they belong to (an install reads another tenant's package): copied " +
      'to every node beside them',
    marketplace_search:
      'the search projection of the published listings (no tenant_id), kept by a trigger on marketplace_listings: ' +
      "copied to every node beside them, so a search stays one node's work",
    marketplace_search_words:
      'the words of published names (no tenant_id), for correcting typos in a search: copied to every node ' +
      'beside marketplace_search',
    marketplace_search_terms:
      "the words of published names and summaries with their listing and tier (no tenant_id), a one-word search's " +
      'walk: copied to every node beside marketplace_search, whose rows it references',
  },
  coordinatorTables: {
    audit_events:
      'hash-chained per tenant plus one chain of no tenant (tenant_id NULL, unique on coalesce(tenant_id, zero uuid)), ' +
      'appended under an advisory lock by SECURITY DEFINER functions: stays on the coordinator as a Citus local ' +
      'table. Distributing it needs a sentinel tenant id for the tenant-less chain, which changes its hashes',
    pgmigrations: "node-pg-migrate's log of applied migrations: the coordinator's own bookkeeping",
  },
}
