// The configuration seam: a plugin declares the environment variables it reads (a zod object) and the
// settings its services get from them. app/config.ts validates them beside the kernel's own variables, in its
// one pass, and the kernel registers each plugin's settings in the container as `<camelCaseId>Config`.
import type { z } from 'zod'

export interface PluginConfig<Schema extends z.ZodObject = z.ZodObject, Settings = unknown> {
  /**
   * The variables, by name (UPPER_SNAKE, unique across the kernel and every plugin), each with its default
   * and bounds; a rule across variables is a refinement of the object with `path: ['VARIABLE']`.
   */
  readonly schema: Schema
  /** The settings the plugin's services read (`<camelCaseId>Config`), from the validated variables. */
  settings(values: z.output<Schema>): Settings
}

/**
 * Declares a plugin's configuration; its settings' type is inferred, for the plugin's `Cradle` entry:
 * `export type ExampleNotesConfig = SettingsOf<typeof exampleNotesEnv>`.
 */
export const definePluginConfig = <Schema extends z.ZodObject, Settings>(config: {
  schema: Schema
  settings: (values: z.output<Schema>) => Settings
}): PluginConfig<Schema, Settings> => config

/** The settings a PluginConfig gives its plugin's services. */
export type SettingsOf<Config extends PluginConfig> = ReturnType<Config['settings']>
