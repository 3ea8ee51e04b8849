// Runs the core migrations and each plugin's, in timestamp order, as the owner role.
import path from 'node:path'
import { runner } from 'node-pg-migrate'
import type { PluginDefinition } from '../app/kernel/plugin.js'

export const coreMigrationsDir = path.join(import.meta.dirname, 'migrations')
export const migrationsTable = 'pgmigrations'
/** Tables with a tenant_id that the core migrations own (plugins declare theirs in tenantTables). */
export const coreTenantTables: readonly string[] = ['api_keys', 'idempotency_keys', 'audit_events']

export const migrationDirs = (plugins: readonly PluginDefinition[]): string[] => [
  coreMigrationsDir,
  ...plugins.flatMap((plugin) => (plugin.migrations ? [path.join(plugin.dir, plugin.migrations)] : [])),
]

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
