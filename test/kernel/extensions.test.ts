// The kernel's extension seam: contributions collected from every loaded plugin, in boot order, and
// reachable from the root container as `extensions`.
import { expect } from 'chai'
import { collectExtensions } from '../../app/kernel/extensions.js'
import { orderPlugins } from '../../app/kernel/plugin-graph.js'
import type { PluginDefinition } from '../../app/plugin-kit.js'
import type { ToolKind } from '../../plugins/tool-kinds/tool-kind.js'
import { plugins } from '../../plugins/index.js'
import { buildTestApp } from '../helpers/api.js'

const kind = (name: string): ToolKind => ({
  kind: name,
  fields: [],
  executable: true,
  prepare: () => Promise.resolve({}),
  execute: () => Promise.resolve({ output: name }),
})

const plugin = (id: string, extra: Partial<PluginDefinition> = {}): PluginDefinition => ({
  id,
  dir: '/tmp',
  ...extra,
})

describe('extension points (contributes / extensions)', () => {
  it('collects every plugin contribution to a point in boot order, with the plugin it came from', () => {
    const ordered = orderPlugins([
      plugin('late', { dependsOn: ['early'], contributes: { toolKinds: [kind('c'), kind('d')] } }),
      plugin('quiet'),
      plugin('early', { contributes: { toolKinds: [kind('a')] } }),
    ])
    const extensions = collectExtensions(ordered)
    expect(extensions.get('toolKinds').map((k) => k.kind)).to.deep.equal(['a', 'c', 'd'])
    expect(extensions.entries('toolKinds').map((e) => `${e.pluginId}:${e.value.kind}`)).to.deep.equal([
      'early:a',
      'late:c',
      'late:d',
    ])
  })

  it('answers an empty list for a point nobody contributed to, and lists that callers cannot change', () => {
    const extensions = collectExtensions([plugin('quiet')])
    expect(extensions.get('toolKinds')).to.deep.equal([])
    const contributed = collectExtensions([plugin('p', { contributes: { toolKinds: [kind('a')] } })])
    expect(() => (contributed.get('toolKinds') as ToolKind[]).push(kind('b'))).to.throw(TypeError)
    expect(contributed.get('toolKinds')).to.have.length(1)
  })

  it('stops the boot when a contribution is not a list, naming the plugin and the point', () => {
    const broken = plugin('broken', { contributes: { toolKinds: kind('x') as unknown as ToolKind[] } })
    expect(() => collectExtensions([broken])).to.throw(
      'Plugin "broken" contributes toolKinds as object; it must be a list',
    )
  })

  it('puts the collected contributions in the root container of an app as the singleton `extensions`', () => {
    const extra = plugin('extra-kinds', {
      dependsOn: ['tool-kinds'],
      contributes: { toolKinds: [kind('extra')] },
    })
    const built = buildTestApp({ plugins: [...plugins, extra] })
    const extensions = built.container.resolve('extensions')
    // The repository's own contributions (http-tools' http kind, mcp's mcp kind) and the extra one.
    expect(extensions.get('toolKinds').map((k) => k.kind)).to.have.members(['http', 'mcp', 'extra'])
    expect(built.container.resolve('extensions')).to.equal(extensions)
    expect(built.container.resolve('toolKindsRegistry').list()).to.include.members([
      'client',
      'builtin',
      'javascript',
      'http',
      'mcp',
      'extra',
    ])
  })
})
