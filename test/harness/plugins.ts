// The plugins the tests load: the service's own, plus the examples (`example: true`) so they stay honest.
import { examples, plugins } from '../../plugins/index.js'
import { orderPlugins } from '../../app/kernel/plugin-graph.js'
import type { PluginDefinition } from '../../app/plugin-kit.js'

export const testPlugins: readonly PluginDefinition[] = orderPlugins([...plugins, ...examples])

/**
 * `npm run test:plugin -- <id>` sets TEST_PLUGIN: the plugin-aware security tests then check only that
 * plugin's operations and tables.
 */
export const pluginUnderTest: PluginDefinition | undefined = (() => {
  const id = process.env.TEST_PLUGIN
  if (!id) return undefined
  const plugin = testPlugins.find((p) => p.id === id)
  if (!plugin) throw new Error(`TEST_PLUGIN=${id}: the tests load no such plugin`)
  return plugin
})()

/** The plugins whose operations and tables the plugin-aware tests check. */
export const checkedPlugins: readonly PluginDefinition[] = pluginUnderTest ? [pluginUnderTest] : testPlugins
