// The tool kinds' settings (the plugin's own variables, validated with the rest at boot: plugins/README.md,
// "Configuration"): the JavaScript sandbox's worker threads, each running one call at a time.
import { definePluginConfig, z, type SettingsOf } from '../../app/plugin-kit.js'

export const toolKindsEnv = definePluginConfig({
  schema: z.object({
    TOOL_SANDBOX_WORKERS: z.coerce.number().int().min(1).max(64).default(2),
  }),
  settings: (env) => ({
    /** Worker threads running javascript tools (QuickJS), each one call at a time. */
    sandboxWorkers: env.TOOL_SANDBOX_WORKERS,
  }),
})

/** The tool kinds' settings: `toolKindsConfig` in the container. */
export type ToolKindsConfig = SettingsOf<typeof toolKindsEnv>
