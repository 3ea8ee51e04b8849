// The plugins this service loads, in any order (dependencies are sorted at boot).
// Adding a plugin is one line here, plus `npm run spec` when it brings a spec fragment.
import type { PluginDefinition } from '../app/plugin-kit.js'
import { catalogPlugin } from './catalog/catalog.plugin.js'
import { modelsPlugin } from './models/models.plugin.js'
import { runsPlugin } from './runs/runs.plugin.js'
import { toolKindsPlugin } from './tool-kinds/tool-kinds.plugin.js'

export const plugins: readonly PluginDefinition[] = [catalogPlugin, modelsPlugin, runsPlugin, toolKindsPlugin]
