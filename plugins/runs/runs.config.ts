// The runs' settings (the plugin's own variables, validated with the rest at boot: plugins/README.md,
// "Configuration"): how long a run waits for client tool outputs (requires_action) before it expires and how
// often the sweeps run; how often a streamed run's buffered events reach its log and how long finished runs'
// events are kept; background runs' attempts and the lease of one attempt.
import { definePluginConfig, z, type SettingsOf } from '../../app/plugin-kit.js'

export const runsEnv = definePluginConfig({
  schema: z.object({
    TOOL_OUTPUT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
    EXECUTION_EXPIRY_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    EVENT_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
    RUN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    RUN_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  }),
  settings: (env) => ({
    /** How long a run waits for client tool outputs before it expires, in seconds. */
    toolOutputTimeoutSeconds: env.TOOL_OUTPUT_TIMEOUT_SECONDS,
    /** How often every tenant's waiting runs past their deadline are expired (and lost runs taken up), in seconds. */
    executionExpirySweepSeconds: env.EXECUTION_EXPIRY_SWEEP_SECONDS,
    /** How often a streamed run's buffered events (its deltas) are written to its log while it waits, in ms. */
    eventFlushMs: env.EVENT_FLUSH_MS,
    /** How long the event log of a finished run is kept, in days (a sweep deletes older ones). */
    eventRetentionDays: env.EVENT_RETENTION_DAYS,
    /** Background runs (run.background.ts). */
    background: {
      /** Attempts at a background run; after the last one's worker is lost the run ends failed (WORKER_LOST). */
      maxAttempts: env.RUN_MAX_ATTEMPTS,
      /** How long one attempt may hold its run, in seconds, before another worker takes the run up again. */
      leaseSeconds: env.RUN_LEASE_SECONDS,
    },
  }),
})

/** The runs' settings: `runsConfig` in the container. */
export type RunsConfig = SettingsOf<typeof runsEnv>
