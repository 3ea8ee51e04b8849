// The marketplace's settings (the plugin's own variables, validated with the rest at boot: plugins/README.md,
// "Configuration"): the platform's Ed25519 key signing packages (base64 of its 32-byte seed; unset: a
// generated key file beside the embedded database outside production, none otherwise); attempts at a
// version's validation (a failure on the last rejects it) and the first retry's delay.
import { base64Key, definePluginConfig, z, type SettingsOf } from '../../app/plugin-kit.js'

export const marketplaceEnv = definePluginConfig({
  schema: z.object({
    MARKETPLACE_SIGNING_KEY: base64Key,
    MARKETPLACE_VALIDATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    MARKETPLACE_VALIDATION_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3_600).default(5),
  }),
  settings: (env) => ({
    /** The Ed25519 seed (32 bytes) of the key signing packages; unset: see publish.signing.ts. */
    signingKey: env.MARKETPLACE_SIGNING_KEY,
    /** Attempts at validating a version; a failure on the last one rejects the version (validation_failed). */
    validationMaxAttempts: env.MARKETPLACE_VALIDATION_MAX_ATTEMPTS,
    /** Seconds before the first retry of a failed validation (doubled each retry). */
    validationRetryDelaySeconds: env.MARKETPLACE_VALIDATION_RETRY_DELAY_SECONDS,
  }),
})

/** The marketplace's settings: `marketplaceConfig` in the container. */
export type MarketplaceConfig = SettingsOf<typeof marketplaceEnv>
