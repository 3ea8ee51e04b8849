// Boot-time checks on the plugin list: ids, dependencies, container names and spec coverage.
// Every failure here stops the server before it listens.
import type { OperationDefinition as Operation, PluginDefinition } from './plugin.js'
import type { SpecOperation } from './spec.js'

export class PluginError extends Error {
  override name = 'PluginError'
}

const kebabCase = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

export const camelCaseId = (id: string): string =>
  id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/**
 * Returns the plugins in a stable order whatever order they came in: each after what it depends on, and
 * otherwise by id. Rejects bad and duplicate ids, missing dependencies and cycles.
 */
export function orderPlugins(plugins: readonly PluginDefinition[]): PluginDefinition[] {
  const byId = new Map<string, PluginDefinition>()
  for (const plugin of plugins) {
    if (!kebabCase.test(plugin.id)) throw new PluginError(`Plugin id "${plugin.id}" is not kebab-case`)
    if (byId.has(plugin.id)) throw new PluginError(`Plugin "${plugin.id}" is listed twice`)
    byId.set(plugin.id, plugin)
  }
  rejectMissingAndCycles(byId)
  // Repeatedly take the first id (alphabetically) whose dependencies are all placed.
  const ordered: PluginDefinition[] = []
  const placed = new Set<string>()
  const waiting = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1))
  while (waiting.length > 0) {
    const index = waiting.findIndex((p) => (p.dependsOn ?? []).every((id) => placed.has(id)))
    const [next] = waiting.splice(index, 1)
    placed.add(next!.id)
    ordered.push(next!)
  }
  return ordered
}

function rejectMissingAndCycles(byId: ReadonlyMap<string, PluginDefinition>): void {
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (plugin: PluginDefinition, trail: string[]): void => {
    if (state.get(plugin.id) === 'done') return
    if (state.get(plugin.id) === 'visiting') {
      throw new PluginError(`Plugin dependency cycle: ${[...trail, plugin.id].join(' -> ')}`)
    }
    state.set(plugin.id, 'visiting')
    for (const dependencyId of plugin.dependsOn ?? []) {
      const dependency = byId.get(dependencyId)
      if (!dependency)
        throw new PluginError(`Plugin "${plugin.id}" depends on "${dependencyId}", which is not loaded`)
      visit(dependency, [...trail, plugin.id])
    }
    state.set(plugin.id, 'done')
  }
  for (const plugin of byId.values()) visit(plugin, [])
}

/** Where the kernel registers a plugin's settings (PluginDefinition.config): `webhooks` -> `webhooksConfig`. */
export const pluginConfigName = (id: string): string => `${camelCaseId(id)}Config`

/** Container names start with the plugin's camelCase id, so two plugins cannot silently replace each other's services. */
export function checkServiceNames(plugins: readonly PluginDefinition[]): void {
  const owner = new Map<string, string>()
  for (const plugin of plugins) {
    const prefix = camelCaseId(plugin.id)
    for (const name of Object.keys(plugin.services ?? {})) {
      if (!name.startsWith(prefix)) {
        throw new PluginError(
          `Plugin "${plugin.id}" registers "${name}"; its service names must start with "${prefix}"`,
        )
      }
      if (name === pluginConfigName(plugin.id)) {
        throw new PluginError(
          `Plugin "${plugin.id}" registers "${name}", the name of its settings: declare them as its config`,
        )
      }
      const previous = owner.get(name)
      if (previous)
        throw new PluginError(`Service "${name}" is registered by "${previous}" and "${plugin.id}"`)
      owner.set(name, plugin.id)
    }
  }
}

/** Pairs every operation in the spec with exactly one handler, and every handler with an operation. */
export function bindOperations(
  specOperations: readonly SpecOperation[],
  handlerSets: readonly { owner: string; operations: Record<string, Operation> }[],
): Map<string, Operation> {
  const handlers = new Map<string, Operation>()
  const owners = new Map<string, string>()
  for (const { owner, operations } of handlerSets) {
    for (const [operationId, handler] of Object.entries(operations)) {
      const previous = owners.get(operationId)
      if (previous)
        throw new PluginError(`Operation "${operationId}" is handled by "${previous}" and "${owner}"`)
      owners.set(operationId, owner)
      handlers.set(operationId, handler)
    }
  }
  const inSpec = new Set(specOperations.map((operation) => operation.operationId))
  const unhandled = [...inSpec].filter((id) => !handlers.has(id))
  const unspecified = [...handlers.keys()].filter((id) => !inSpec.has(id))
  if (unhandled.length > 0)
    throw new PluginError(`Operations in openapi.yaml without a handler: ${unhandled.join(', ')}`)
  if (unspecified.length > 0) {
    throw new PluginError(
      `Handlers without an operation in openapi.yaml: ${unspecified.join(', ')} (run npm run spec?)`,
    )
  }
  return handlers
}
