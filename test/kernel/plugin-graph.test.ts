import { expect } from 'chai'
import { asValue } from 'awilix'
import type { Operation, PluginDefinition, ServiceRegistrations } from '../../app/kernel/plugin.js'
import {
  bindOperations,
  checkServiceNames,
  orderPlugins,
  PluginError,
} from '../../app/kernel/plugin-graph.js'
import type { SpecOperation } from '../../app/kernel/spec.js'

const plugin = (id: string, extra: Partial<PluginDefinition> = {}): PluginDefinition => ({
  id,
  dir: '/tmp',
  ...extra,
})

/** Registrations under arbitrary names; the Cradle type only knows the real plugins' services. */
const services = (...names: string[]): ServiceRegistrations =>
  Object.fromEntries(names.map((name) => [name, asValue(name)]))

const handler: Operation = () => Promise.resolve({ status: 204 })

const handlers = (...operationIds: string[]): Record<string, Operation> =>
  Object.fromEntries(operationIds.map((operationId) => [operationId, handler]))

const specOperation = (operationId: string, path = `/api/v1/${operationId}`): SpecOperation => ({
  operationId,
  method: 'get',
  path,
  routePath: path,
  operation: { operationId },
})

const ids = (plugins: readonly PluginDefinition[]) => plugins.map((p) => p.id)

describe('plugin graph', () => {
  describe('orderPlugins', () => {
    it('puts each plugin after the plugins it depends on', () => {
      const ordered = orderPlugins([
        plugin('billing', { dependsOn: ['runs', 'catalog'] }),
        plugin('runs', { dependsOn: ['catalog'] }),
        plugin('catalog'),
      ])
      expect(ids(ordered)).to.deep.equal(['catalog', 'runs', 'billing'])
    })

    it('orders independent plugins by id, whatever order they were listed in', () => {
      expect(ids(orderPlugins([plugin('zeta'), plugin('alpha'), plugin('mid')]))).to.deep.equal([
        'alpha',
        'mid',
        'zeta',
      ])
    })

    it('puts a plugin right after its dependencies are placed, before later ids (dependency order, then id)', () => {
      const order = (list: PluginDefinition[]) => ids(orderPlugins(list))
      const graph = [
        plugin('a', { dependsOn: ['z'] }),
        plugin('b'),
        plugin('z'),
        plugin('c', { dependsOn: ['b'] }),
      ]
      expect(order(graph)).to.deep.equal(['b', 'c', 'z', 'a'])
      expect(order([...graph].reverse()), 'the same order from any listing').to.deep.equal(order(graph))
    })

    it('lists a shared dependency once, before the first plugin that needs it', () => {
      const ordered = orderPlugins([
        plugin('a', { dependsOn: ['base'] }),
        plugin('b', { dependsOn: ['base'] }),
        plugin('base'),
      ])
      expect(ids(ordered)).to.deep.equal(['base', 'a', 'b'])
    })

    it('returns the plugin objects themselves', () => {
      const catalog = plugin('catalog')
      expect(orderPlugins([catalog])[0]).to.equal(catalog)
    })

    it('rejects a dependency that is not loaded, naming both plugins', () => {
      expect(() => orderPlugins([plugin('runs', { dependsOn: ['catalog'] })]))
        .to.throw(PluginError)
        .with.property('message')
        .that.includes('"runs"')
        .and.includes('"catalog"')
    })

    it('rejects a dependency cycle and names the cycle path', () => {
      const attempt = () =>
        orderPlugins([
          plugin('a', { dependsOn: ['b'] }),
          plugin('b', { dependsOn: ['c'] }),
          plugin('c', { dependsOn: ['a'] }),
        ])
      expect(attempt).to.throw(PluginError, 'Plugin dependency cycle: a -> b -> c -> a')
    })

    it('rejects a plugin that depends on itself', () => {
      expect(() => orderPlugins([plugin('loop', { dependsOn: ['loop'] })])).to.throw(
        PluginError,
        'loop -> loop',
      )
    })

    for (const badId of [
      'Catalog',
      'agent_runs',
      'agentRuns',
      '-runs',
      'runs-',
      'two--dashes',
      '9lives',
      '',
    ]) {
      it(`rejects the non-kebab-case id "${badId}"`, () => {
        expect(() => orderPlugins([plugin(badId)])).to.throw(PluginError, 'is not kebab-case')
      })
    }

    it('accepts kebab-case ids with digits', () => {
      expect(ids(orderPlugins([plugin('agent-runs'), plugin('v2-tools')]))).to.deep.equal([
        'agent-runs',
        'v2-tools',
      ])
    })

    it('rejects an id listed twice', () => {
      expect(() => orderPlugins([plugin('catalog'), plugin('runs'), plugin('catalog')])).to.throw(
        PluginError,
        'Plugin "catalog" is listed twice',
      )
    })
  })

  describe('checkServiceNames', () => {
    it('accepts services prefixed by the camelCase plugin id', () => {
      expect(() =>
        checkServiceNames([
          plugin('catalog', { services: services('catalogToolsRepo', 'catalogToolsService') }),
          plugin('agent-runs', { services: services('agentRunsService') }),
          plugin('no-services'),
        ]),
      ).not.to.throw()
    })

    it('rejects a service not prefixed by the camelCase plugin id', () => {
      expect(() => checkServiceNames([plugin('catalog', { services: services('toolsRepo') })]))
        .to.throw(PluginError)
        .with.property('message')
        .that.includes('"toolsRepo"')
        .and.includes('"catalog"')
    })

    it('rejects a service prefixed by the kebab-case id instead of the camelCase one', () => {
      expect(() => checkServiceNames([plugin('agent-runs', { services: services('agent-runsService') })]))
        .to.throw(PluginError)
        .with.property('message')
        .that.includes('must start with "agentRuns"')
    })

    it('rejects the same service name registered by two plugins', () => {
      // "catalog" and "catalog-extra" share the camelCase prefix "catalog", so both may claim the name.
      const attempt = () =>
        checkServiceNames([
          plugin('catalog', { services: services('catalogExtraRepo') }),
          plugin('catalog-extra', { services: services('catalogExtraRepo') }),
        ])
      expect(attempt).to.throw(
        PluginError,
        'Service "catalogExtraRepo" is registered by "catalog" and "catalog-extra"',
      )
    })
  })

  describe('bindOperations', () => {
    it('pairs every spec operation with its handler', () => {
      const listTools = handler
      const getHealth: Operation = () => Promise.resolve({ status: 200, body: { status: 'ok' } })
      const bound = bindOperations(
        [specOperation('listTools'), specOperation('getHealth', '/health')],
        [
          { owner: 'kernel', operations: { getHealth } },
          { owner: 'catalog', operations: { listTools } },
        ],
      )
      expect([...bound.keys()].sort()).to.deep.equal(['getHealth', 'listTools'])
      expect(bound.get('getHealth')).to.equal(getHealth)
      expect(bound.get('listTools')).to.equal(listTools)
    })

    it('rejects an operation in the spec without a handler', () => {
      const attempt = () =>
        bindOperations(
          [specOperation('listTools'), specOperation('getTool')],
          [{ owner: 'catalog', operations: handlers('listTools') }],
        )
      expect(attempt).to.throw(PluginError, 'Operations in openapi.yaml without a handler: getTool')
    })

    it('rejects a handler without an operation in the spec', () => {
      const attempt = () =>
        bindOperations(
          [specOperation('listTools')],
          [{ owner: 'catalog', operations: handlers('listTools', 'runAgent') }],
        )
      expect(attempt).to.throw(PluginError, 'Handlers without an operation in openapi.yaml: runAgent')
    })

    it('rejects one operationId handled by two plugins, naming both', () => {
      const attempt = () =>
        bindOperations(
          [specOperation('listTools')],
          [
            { owner: 'catalog', operations: handlers('listTools') },
            { owner: 'runs', operations: handlers('listTools') },
          ],
        )
      expect(attempt).to.throw(PluginError, 'Operation "listTools" is handled by "catalog" and "runs"')
    })
  })
})
