// Kinds of tools (client, builtin, javascript, and those other plugins contribute), the JavaScript sandbox,
// and JSON Schema validation of tool inputs. The registry is a singleton: it holds no tenant state.
import { asFunction, definePlugin, type Cradle } from '../../app/plugin-kit.js'
import { toolKindsErrors } from './tool-kinds.errors.js'
import { loadToolKinds } from './tool-kinds.loader.js'
import { buildToolKindsRegistry, type ToolKindsRegistry } from './tool-kinds.registry.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    toolKindsRegistry: ToolKindsRegistry
  }
}

const kinds = await loadToolKinds()

export const toolKindsPlugin = definePlugin({
  id: 'tool-kinds',
  // Not served until the catalog stores tools of these kinds (issue 15); its own tests load it.
  enabled: false,
  dir: import.meta.dirname,
  services: {
    // Kinds contributed by other plugins join here once the kernel's contributes/extensions seam exists.
    toolKindsRegistry: asFunction(({ config, logger }: Cradle) =>
      buildToolKindsRegistry({ config, logger }, kinds),
    )
      .singleton()
      .disposer((registry) => registry.close()),
  },
  errors: toolKindsErrors,
})
