// The plugins the tests load: the service's own list.
import { plugins } from '../../plugins/index.js'
import type { PluginDefinition } from '../../app/plugin-kit.js'

export const testPlugins: readonly PluginDefinition[] = [...plugins]
