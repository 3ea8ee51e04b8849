// This plugin's own environment variables (plugins/README.md, "Configuration"): declared here as a zod
// object, validated by the kernel with every other variable at boot (a bad value stops it, naming the
// variable), and read by the services as `exampleNotesConfig`, typed by what settings() returns.
import { booleanFlag, definePluginConfig, z, type SettingsOf } from '../../app/plugin-kit.js'

export const exampleNotesEnv = definePluginConfig({
  schema: z.object({
    // Name yours after your plugin (EXAMPLE_NOTES_...), give each a default, and document them in your README
    // (and in .env.example once the plugin is served: test/kernel/env-example.test.ts checks it).
    EXAMPLE_NOTES_ON_RUN_FAILURE: booleanFlag.default(true),
  }),
  settings: (env) => ({
    /** Leave a note for the agent of each failed run (example-notes.subscribers.ts). */
    noteFailedRuns: env.EXAMPLE_NOTES_ON_RUN_FAILURE,
  }),
})

export type ExampleNotesConfig = SettingsOf<typeof exampleNotesEnv>
