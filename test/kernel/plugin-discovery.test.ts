// Plugin discovery: plugins/<id>/<id>.plugin.ts files found at boot, so adding a plugin touches nothing
// outside its folder. Real files in a temporary folder, imported the way the boot imports them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect } from 'chai'
import { discoverPlugins } from '../../app/kernel/discover-plugins.js'
import { PluginError } from '../../app/kernel/plugin-graph.js'
import { projectRoot } from '../../app/kernel/spec.js'
import { examples, plugins } from '../../plugins/index.js'

const kit = pathToFileURL(path.join(projectRoot, 'app/plugin-kit.js')).href

describe('plugin discovery', () => {
  const roots: string[] = []
  after(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true })
  })

  /** A plugins folder holding the given files ({ 'a/a.plugin.ts': source }). */
  const pluginsFolder = (files: Record<string, string>): string => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'map-discovery-'))
    roots.push(root)
    for (const [file, source] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
      writeFileSync(path.join(root, file), source)
    }
    return root
  }

  /** A plugin file defining `id` with the given extra keys (as TypeScript source). */
  const pluginFile = (id: string, extra = '', exportName = 'plugin') =>
    `import { definePlugin } from '${kit}'\n` +
    `export const ${exportName} = definePlugin({ id: '${id}', dir: import.meta.dirname, ${extra} })\n`

  it('finds every <id>/<id>.plugin.ts, ordered by dependencies and then by id', async () => {
    const root = pluginsFolder({
      'zeta/zeta.plugin.ts': pluginFile('zeta'),
      'alpha/alpha.plugin.ts': pluginFile('alpha', "dependsOn: ['zeta']"),
      'mid/mid.plugin.ts': pluginFile('mid'),
      'mid/helpers.ts': 'export const helper = 1\n',
      'not-a-plugin/README.md': 'notes\n',
    })
    const found = await discoverPlugins(root)
    expect(found.plugins.map((p) => p.id)).to.deep.equal(['mid', 'zeta', 'alpha'])
    expect(found.examples).to.deep.equal([])
    expect(found.disabled).to.deep.equal([])
  })

  it('keeps a plugin declaring example: true, or enabled: false, out of the service', async () => {
    const root = pluginsFolder({
      'base/base.plugin.ts': pluginFile('base'),
      'example-things/example-things.plugin.ts': pluginFile(
        'example-things',
        "example: true, dependsOn: ['base']",
      ),
      'later/later.plugin.ts': pluginFile('later', 'enabled: false'),
    })
    const found = await discoverPlugins(root)
    expect(found.plugins.map((p) => p.id)).to.deep.equal(['base'])
    expect(found.examples.map((p) => p.id)).to.deep.equal(['example-things'])
    expect(found.disabled.map((p) => p.id)).to.deep.equal(['later'])
  })

  const refusals: [string, Record<string, string>, string][] = [
    ['a file that exports no definition', { 'a/a.plugin.ts': 'export const a = 1\n' }, 'exports 0'],
    [
      'a file that exports two definitions',
      { 'a/a.plugin.ts': pluginFile('a') + pluginFile('a', '', 'again').split('\n')[1]! },
      'exports 2',
    ],
    ['a folder not named after the id', { 'b/b.plugin.ts': pluginFile('a') }, 'named after its id'],
    ['a file not named after the id', { 'a/main.plugin.ts': pluginFile('a') }, 'named after its id'],
    [
      'a dir that is not its folder',
      { 'a/a.plugin.ts': pluginFile('a').replace('import.meta.dirname', "'/tmp'") },
      'dir must be import.meta.dirname',
    ],
    [
      'example: true on a copy renamed to a real id',
      { 'notes/notes.plugin.ts': pluginFile('notes', 'example: true') },
      'only example-* plugins may',
    ],
    [
      'two plugin files in one folder',
      { 'a/a.plugin.ts': pluginFile('a'), 'a/b.plugin.ts': pluginFile('b') },
      'more than one plugin file',
    ],
    [
      'a missing dependency',
      { 'a/a.plugin.ts': pluginFile('a', "dependsOn: ['nowhere']") },
      '"a" depends on "nowhere"',
    ],
  ]
  for (const [what, files, message] of refusals) {
    it(`refuses ${what}, naming it`, async () => {
      const error = await discoverPlugins(pluginsFolder(files)).then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).to.be.instanceOf(PluginError)
      expect((error as Error).message).to.include(message)
    })
  }

  it("loads this repository's plugins: the service's in a stable order, the example apart", () => {
    expect(plugins.map((p) => p.id)).to.deep.equal([
      'egress',
      'jobs',
      'models',
      'tool-kinds',
      'catalog',
      'runs',
      'secrets',
      'http-tools',
      'marketplace',
      'mcp',
      'openapi-import',
      'webhooks',
    ])
    expect(examples.map((p) => p.id)).to.deep.equal(['example-notes'])
  })
})
