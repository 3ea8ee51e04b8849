// Plugin discovery: every plugins/<id>/<id>.plugin.ts is imported at boot, so adding a plugin touches
// nothing outside its folder. The order never depends on the file system: dependencies first, then ids.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { isPluginDefinition, type PluginDefinition } from './plugin.js'
import { orderPlugins, PluginError } from './plugin-graph.js'

export interface DiscoveredPlugins {
  /** What the service loads, in dependency order, then by id. */
  plugins: PluginDefinition[]
  /** Plugins declaring `example: true`, by id: never served; the tests load them beside the others. */
  examples: PluginDefinition[]
  /** Plugins declaring `enabled: false`: loaded by nobody but their own tests. */
  disabled: PluginDefinition[]
}

// The compiled build (dist/, `npm start` in production) holds <id>.plugin.js where the sources hold .ts.
const pluginFileSuffix = import.meta.url.endsWith('.ts') ? '.plugin.ts' : '.plugin.js'

/** The one definePlugin() result a plugin file exports, checked against the folder it lives in. */
async function loadDefinition(folder: string, file: string): Promise<PluginDefinition> {
  const where = path.join(path.basename(folder), file)
  const module = (await import(pathToFileURL(path.join(folder, file)).href)) as Record<string, unknown>
  const definitions = [...new Set(Object.values(module).filter(isPluginDefinition))]
  if (definitions.length !== 1) {
    throw new PluginError(
      `${where} must export exactly one definePlugin(...) result; it exports ${definitions.length}`,
    )
  }
  const definition = definitions[0]!
  if (`${definition.id}${pluginFileSuffix}` !== file || path.basename(folder) !== definition.id) {
    throw new PluginError(
      `${where} defines plugin "${definition.id}": folder and file must be named after its id`,
    )
  }
  if (path.resolve(definition.dir) !== path.resolve(folder)) {
    throw new PluginError(`${where}: dir must be import.meta.dirname (it is ${definition.dir})`)
  }
  if (definition.example && !definition.id.startsWith('example-')) {
    throw new PluginError(
      `${where}: plugin "${definition.id}" declares example: true, which keeps it out of the service; ` +
        'only example-* plugins may (remove it from your copy)',
    )
  }
  return definition
}

/** Imports every `<root>/<id>/<id>.plugin.ts`, in folder-name order, and sorts what they define. */
export async function discoverPlugins(root: string): Promise<DiscoveredPlugins> {
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  const found: PluginDefinition[] = []
  for (const name of folders) {
    const folder = path.join(root, name)
    const files = readdirSync(folder)
      .filter((file) => file.endsWith(pluginFileSuffix))
      .sort()
    if (files.length === 0) continue
    if (files.length > 1)
      throw new PluginError(`plugins/${name} holds more than one plugin file: ${files.join(', ')}`)
    found.push(await loadDefinition(folder, files[0]!))
  }
  const served = found.filter((plugin) => !plugin.example && plugin.enabled !== false)
  return {
    plugins: orderPlugins(served),
    // Ordered by whoever loads them with the service's plugins they may depend on.
    examples: found.filter((plugin) => plugin.example && plugin.enabled !== false),
    disabled: found.filter((plugin) => plugin.enabled === false),
  }
}
