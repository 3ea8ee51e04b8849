// Server settings for the embedded PostgreSQL fit for the machine it runs on, instead of initdb's defaults
// (shared_buffers 128 MB and work_mem 4 MB, whatever the machine). Passed as -c flags at every start, so a
// data folder created on another machine gets this one's. Durability is not traded: synchronous_commit
// stays on (named here so the printed settings say so).
import os from 'node:os'

const MB = 1024 * 1024
const GB = 1024 * MB

export interface MachineShape {
  /** The memory this process may use: the machine's, or its cgroup's limit when lower. */
  memoryBytes: number
  /** Connections the pools may open at once: every API process's pool plus the operators' and the CLI's. */
  connections: number
}

/** What the server is told, in PostgreSQL's own units (kB-based sizes as "<n>MB"). */
export type PostgresSettings = Record<string, string>

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high)
const megabytes = (bytes: number) => `${Math.floor(bytes / MB)}MB`

/**
 * shared_buffers: 25% of memory (PostgreSQL's own advice), between 128 MB and 2 GB: the embedded server
 *   shares the machine with the API processes, and the OS page cache holds the rest of what is read.
 * effective_cache_size: 50% of memory; a planner hint (what the OS and PostgreSQL cache together), nothing
 *   is allocated.
 * work_mem: per sort or hash, so memory / (4 x max_connections), between 4 MB and 32 MB.
 * maintenance_work_mem: memory / 16, between 64 MB and 512 MB (VACUUM, CREATE INDEX, the bench's load).
 * max_connections: the pools plus 20 for the CLI, migrations and psql; at least 100.
 */
export function machineSettings({ memoryBytes, connections }: MachineShape): PostgresSettings {
  const maxConnections = Math.max(100, connections + 20)
  return {
    max_connections: String(maxConnections),
    shared_buffers: megabytes(clamp(memoryBytes / 4, 128 * MB, 2 * GB)),
    effective_cache_size: megabytes(Math.max(memoryBytes / 2, 512 * MB)),
    work_mem: megabytes(clamp(memoryBytes / (4 * maxConnections), 4 * MB, 32 * MB)),
    maintenance_work_mem: megabytes(clamp(memoryBytes / 16, 64 * MB, 512 * MB)),
    synchronous_commit: 'on',
  }
}

/** The machine's memory, or the cgroup limit (containers) when that is lower. */
export function availableMemoryBytes(): number {
  const total = os.totalmem()
  // Node 20 has it (experimental): 0 or a huge number when there is no limit.
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.()
  return constrained && constrained > 0 && constrained < total ? constrained : total
}

/** postgres -c flags for the settings. */
export const settingsFlags = (settings: PostgresSettings): string[] =>
  Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])
