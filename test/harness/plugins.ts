// The plugins the tests load: the service's own list, plus the example plugin so it stays honest.
import { plugins } from '../../plugins/index.js'
import { exampleNotesPlugin } from '../../plugins/example-notes/example-notes.plugin.js'
import type { PluginDefinition } from '../../app/plugin-kit.js'

export const testPlugins: readonly PluginDefinition[] = [...plugins, exampleNotesPlugin]
