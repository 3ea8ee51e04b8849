// The plugins this service loads: every plugins/<id>/<id>.plugin.ts, found at boot and ordered by their
// dependencies, then by id. Adding a plugin touches nothing here. A plugin declaring `example: true` (the
// tests load it) or `enabled: false` is not served.
import { discoverPlugins } from '../app/kernel/discover-plugins.js'

export const { plugins, examples } = await discoverPlugins(import.meta.dirname)
