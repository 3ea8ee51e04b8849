// The webhooks' settings (the plugin's own variables, validated with the rest at boot: plugins/README.md,
// "Configuration"): how long a receiver may take to answer; a failed delivery is retried after RETRY_DELAY,
// doubled each time with jitter and capped at RETRY_MAX_DELAY, for RETRY_WINDOW after it began.
import { definePluginConfig, z, type SettingsOf } from '../../app/plugin-kit.js'

export const webhooksEnv = definePluginConfig({
  schema: z
    .object({
      WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
      WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3_600).default(5),
      WEBHOOK_RETRY_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
      WEBHOOK_RETRY_WINDOW_SECONDS: z.coerce
        .number()
        .int()
        .min(1)
        .max(7 * 86_400)
        .default(86_400),
    })
    .refine((env) => env.WEBHOOK_RETRY_MAX_DELAY_SECONDS >= env.WEBHOOK_RETRY_DELAY_SECONDS, {
      path: ['WEBHOOK_RETRY_MAX_DELAY_SECONDS'],
      message: 'at least WEBHOOK_RETRY_DELAY_SECONDS',
    }),
  settings: (env) => ({
    /** The longest one attempt may take, from resolving the host to the last byte of the answer. */
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    /** The wait before the first retry; doubled each retry (with jitter), never more than retryMaxDelaySeconds. */
    retryDelaySeconds: env.WEBHOOK_RETRY_DELAY_SECONDS,
    retryMaxDelaySeconds: env.WEBHOOK_RETRY_MAX_DELAY_SECONDS,
    /** Failed attempts are retried for this long after the delivery began (or was redelivered). */
    retryWindowSeconds: env.WEBHOOK_RETRY_WINDOW_SECONDS,
  }),
})

/** Outbound webhook deliveries' settings: `webhooksConfig` in the container. */
export type WebhooksConfig = SettingsOf<typeof webhooksEnv>
