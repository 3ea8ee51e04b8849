// The job queue's settings (the plugin's own variables, validated with the rest at boot: plugins/README.md,
// "Configuration"): jobs this process runs at once (0: it enqueues, runs none); one tenant's most at once
// across every process; how often an idle worker polls; how often the queue's maintenance runs.
import { definePluginConfig, z, type SettingsOf } from '../../app/plugin-kit.js'

export const jobsEnv = definePluginConfig({
  schema: z.object({
    WORKER_CONCURRENCY: z.coerce.number().int().min(0).max(256).default(4),
    JOBS_TENANT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(2),
    JOBS_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    JOBS_MAINTENANCE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  }),
  settings: (env) => ({
    /** Jobs this process runs at once; 0: it enqueues but runs none (a separate `npm run worker` does). */
    workerConcurrency: env.WORKER_CONCURRENCY,
    /** The most jobs of one tenant running at once, across every process sharing the database. */
    tenantConcurrency: env.JOBS_TENANT_CONCURRENCY,
    /** How often an idle worker looks for jobs, in milliseconds. */
    pollIntervalMs: env.JOBS_POLL_INTERVAL_MS,
    /** How often expired jobs are retried or failed and old ones archived (one process does it per interval). */
    maintenanceIntervalSeconds: env.JOBS_MAINTENANCE_INTERVAL_SECONDS,
  }),
})

/** Background jobs' settings: `jobsConfig` in the container. */
export type JobsConfig = SettingsOf<typeof jobsEnv>
