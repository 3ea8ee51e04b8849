// Kinds of tools (client, builtin, javascript, and those other plugins contribute), the JavaScript sandbox,
// and JSON Schema validation of tool inputs. The registry is a singleton: it holds no tenant state.
import { asFunction, definePlugin, type Cradle } from '../../app/plugin-kit.js'
import type { ToolKind } from './tool-kind.js'
import { toolKindsEnv, type ToolKindsConfig } from './tool-kinds.config.js'
import { refuseDuplicateKinds } from './tool-kinds.checks.js'
import { toolKindsErrors } from './tool-kinds.errors.js'
import { loadToolKinds } from './tool-kinds.loader.js'
import { buildToolKindsRegistry, type ToolKindsRegistry } from './tool-kinds.registry.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    /** TOOL_SANDBOX_WORKERS (tool-kinds.config.ts). */
    toolKindsConfig: ToolKindsConfig
    toolKindsRegistry: ToolKindsRegistry
  }
  /** Other plugins add kinds with `contributes: { toolKinds: [kind] }` (issue 18: http, mcp). */
  interface ExtensionPoints {
    toolKinds: ToolKind
  }
}

const kinds = await loadToolKinds()

export const toolKindsPlugin = definePlugin({
  id: 'tool-kinds',
  // Not served until the catalog stores tools of these kinds (issue 15); its own tests load it.
  // The egress plugin's `egress` is handed to every kind with each preparation and call.
  dependsOn: ['egress'],
  dir: import.meta.dirname,
  config: toolKindsEnv,
  services: {
    // Resolved at boot with every singleton: a kind contributed twice (or clashing with ours) stops it.
    toolKindsRegistry: asFunction(({ egress, toolKindsConfig, logger, extensions }: Cradle) => {
      const contributed = extensions.entries('toolKinds')
      refuseDuplicateKinds([
        ...kinds.map((kind) => ({ kind: kind.kind, origin: `tool-kinds (kinds/${kind.kind}.kind.ts)` })),
        ...contributed.map(({ pluginId, value }) => ({ kind: value.kind, origin: `plugin "${pluginId}"` })),
      ])
      return buildToolKindsRegistry(
        { egress, toolKindsConfig, logger },
        kinds,
        contributed.map((entry) => entry.value),
      )
    })
      .singleton()
      .disposer((registry) => registry.close()),
  },
  errors: toolKindsErrors,
})
