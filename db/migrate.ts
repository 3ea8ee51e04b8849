// Runs the core migrations and each plugin's, in timestamp order, as the owner role.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import type { PluginDefinition } from '../app/kernel/plugin.js'
import type { Sql } from './client.js'

export const coreMigrationsDir = path.join(import.meta.dirname, 'migrations')
export const migrationsTable = 'pgmigrations'
/** Tables with a tenant_id that the core migrations own (plugins declare theirs in tenantTables). */
export const coreTenantTables: readonly string[] = ['api_keys', 'idempotency_keys', 'audit_events']

export const migrationDirs = (plugins: readonly PluginDefinition[]): string[] => [
  coreMigrationsDir,
  ...plugins.flatMap((plugin) => (plugin.migrations ? [path.join(plugin.dir, plugin.migrations)] : [])),
]

/** The migrations the code ships for these plugins (file names without .sql), in the order they run. */
export const shippedMigrations = (plugins: readonly PluginDefinition[]): string[] =>
  migrationDirs(plugins)
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((file) => file.endsWith('.sql'))
        .map((file) => file.slice(0, -'.sql'.length)),
    )
    .sort()

/** The shipped migrations the database has not run: all of them when it has no migrations table yet. */
export async function pendingMigrations(sql: Sql, plugins: readonly PluginDefinition[]): Promise<string[]> {
  const [table] = await sql<{ exists: boolean }[]>`
    select to_regclass(${`public.${migrationsTable}`}) is not null as exists`
  const applied = table?.exists
    ? new Set((await sql<{ name: string }[]>`select name from ${sql(migrationsTable)}`).map((r) => r.name))
    : new Set<string>()
  return shippedMigrations(plugins).filter((name) => !applied.has(name))
}

export interface MigrateOptions {
  ownerUrl: string
  plugins: readonly PluginDefinition[]
  direction?: 'up' | 'down'
  /** How many migrations to run; all pending by default (down: one). */
  count?: number
  log?: (message: string) => void
}

export async function migrate(options: MigrateOptions): Promise<{ name: string }[]> {
  const direction = options.direction ?? 'up'
  const log = options.log ?? (() => undefined)
  // Loaded when a migration runs, not with this module: the readiness check (shippedMigrations) is in every
  // process, and node-pg-migrate brings glob and jiti (a quarter second of CPU at each start).
  const { runner } = await import('node-pg-migrate')
  return runner({
    databaseUrl: options.ownerUrl,
    // Globs across the core and plugin folders; files are ordered by their timestamp prefix.
    dir: migrationDirs(options.plugins).map((dir) => path.join(dir, '*.sql')),
    useGlob: true,
    migrationsTable,
    direction,
    count: options.count ?? (direction === 'up' ? Infinity : 1),
    checkOrder: true,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    log,
    logger: { debug: () => undefined, info: log, warn: log, error: log },
  })
}
