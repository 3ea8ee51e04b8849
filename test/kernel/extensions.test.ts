// The kernel's extension seam: contributions collected from every loaded plugin, in boot order, and
// reachable from the root container as `extensions`.
import { expect } from 'chai'
import { collectExtensions, startLifecycle } from '../../app/kernel/extensions.js'
import { orderPlugins } from '../../app/kernel/plugin-graph.js'
import type { Cradle, LifecycleHook, PluginDefinition } from '../../app/plugin-kit.js'
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

describe('the lifecycle extension point', () => {
  /** A cradle with only what startLifecycle reads: the hooks and a logger that keeps its errors. */
  const cradleWith = (hooks: LifecycleHook[]) => {
    const logged: string[] = []
    const extensions = collectExtensions([plugin('p', { contributes: { lifecycle: hooks } })])
    const logger = { error: (_: unknown, message: string) => void logged.push(message) }
    return { cradle: { extensions, logger } as unknown as Cradle, logged }
  }
  const hook = (name: string, events: string[], fail?: 'start' | 'stop'): LifecycleHook => ({
    name,
    start: () => {
      if (fail === 'start') return Promise.reject(new Error(`${name} cannot start`))
      events.push(`start ${name}`)
      return Promise.resolve({
        stop: (timeoutMs) => {
          events.push(`stop ${name} ${timeoutMs}`)
          return fail === 'stop' ? Promise.reject(new Error(`${name} cannot stop`)) : Promise.resolve()
        },
      })
    },
  })

  it('starts the hooks in plugin order and stops them all with the deadline', async () => {
    const events: string[] = []
    const { cradle } = cradleWith([hook('a', events), hook('b', events)])
    const started = await startLifecycle(cradle)
    await started.stop(1500)
    expect(events).to.deep.equal(['start a', 'start b', 'stop a 1500', 'stop b 1500'])
  })

  it('stops the hooks already started when a later one fails to start, and rethrows', async () => {
    const events: string[] = []
    const { cradle } = cradleWith([hook('a', events), hook('b', events, 'start'), hook('c', events)])
    const failure = await startLifecycle(cradle).then(
      () => 'started',
      (error: Error) => error.message,
    )
    expect(failure).to.equal('b cannot start')
    expect(events).to.deep.equal(['start a', 'stop a 0'])
  })

  it('stops every hook even when one fails to stop, then rejects naming it', async () => {
    const events: string[] = []
    const { cradle, logged } = cradleWith([hook('a', events, 'stop'), hook('b', events)])
    const started = await startLifecycle(cradle)
    const failure = await started.stop(10).then(
      () => 'stopped',
      (error: Error) => error.message,
    )
    expect(failure).to.equal('lifecycle hooks failed to stop: a')
    expect(events).to.include('stop b 10')
    expect(logged).to.deep.equal(['lifecycle stop failed'])
  })
})
