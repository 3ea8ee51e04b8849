// Extension points: one plugin offers a point (the tool-kinds plugin offers `toolKinds`), others contribute
// to it in their definition (`contributes: { toolKinds: [kind] }`), and the offering plugin reads every
// contribution through the root singleton `extensions`. The points are typed by ExtensionPoints, which the
// offering plugin augments, as services are typed by augmenting Cradle.
import type { Cradle } from './container.js'

/**
 * Point name -> the type of ONE contribution to it. The plugin that offers a point declares it:
 * `declare module '../../app/plugin-kit.js' { interface ExtensionPoints { toolKinds: ToolKind } }`.
 */
export interface ExtensionPoints {
  /** The kernel's own point: checks run once the services are built and before the API listens. */
  bootChecks: BootCheck
  /** The kernel's own point: background work started once the process serves, stopped at its shutdown. */
  lifecycle: LifecycleHook
}

/**
 * Background work a plugin runs for as long as the process serves (plugins/jobs: the job workers). `start`
 * runs once the API listens (or once `npm run worker` has booted), in plugin order; it resolves to what stops
 * it. At shutdown every `stop` is called at once, when the drain begins, with the drain's deadline in
 * milliseconds; the container is disposed only once each has resolved (or failed). Throwing from `start`
 * stops the boot.
 */
export interface LifecycleHook {
  name: string
  start: (cradle: Cradle) => Promise<Started>
}

export interface Started {
  /** Stop within timeoutMs: take no new work, let what runs finish, then cut it. */
  stop: (timeoutMs: number) => Promise<void>
}

/**
 * A check a plugin needs before the API serves (plugins/secrets: production without SECRETS_MASTER_KEY while
 * secrets exist). Throwing stops the boot with the error's message; it runs in each API process.
 */
export interface BootCheck {
  name: string
  run: (cradle: Cradle) => Promise<void>
}

/** Runs every plugin's boot checks, in plugin order; the first failure stops the boot. */
export async function runBootChecks(cradle: Cradle): Promise<void> {
  for (const check of cradle.extensions.get('bootChecks')) await check.run(cradle)
}

/**
 * Starts every plugin's lifecycle hooks in plugin order; if one fails, stops those already started and
 * rethrows. The result stops them all together and rejects naming those whose stop failed.
 */
export async function startLifecycle(cradle: Cradle): Promise<Started> {
  const started: { name: string; running: Started }[] = []
  const stopAll = async (timeoutMs: number) => {
    const results = await Promise.allSettled(started.map(({ running }) => running.stop(timeoutMs)))
    const failed = started.filter((_, i) => results[i]!.status === 'rejected').map(({ name }) => name)
    for (const [i, result] of results.entries()) {
      if (result.status === 'rejected')
        cradle.logger.error({ err: result.reason, hook: started[i]!.name }, 'lifecycle stop failed')
    }
    if (failed.length > 0) throw new Error(`lifecycle hooks failed to stop: ${failed.join(', ')}`)
  }
  try {
    for (const hook of cradle.extensions.get('lifecycle')) {
      started.push({ name: hook.name, running: await hook.start(cradle) })
    }
  } catch (error) {
    await stopAll(0).catch(() => undefined)
    throw error
  }
  return { stop: stopAll }
}

export type ExtensionPoint = Extract<keyof ExtensionPoints, string>

/** What a plugin contributes: for each point it names, a list of contributions. */
export type Contributions = { readonly [P in ExtensionPoint]?: readonly ExtensionPoints[P][] }

/** One contribution and the plugin it came from (for messages naming the culprit). */
export interface Contribution<P extends ExtensionPoint> {
  pluginId: string
  value: ExtensionPoints[P]
}

export interface Extensions {
  /** Every contribution to the point, from every loaded plugin, in plugin order (dependencies first). */
  get<P extends ExtensionPoint>(point: P): readonly ExtensionPoints[P][]
  /** The same, each with the id of the plugin that contributed it. */
  entries<P extends ExtensionPoint>(point: P): readonly Contribution<P>[]
}

/** Collects the contributions of the plugins, given in boot order; a contribution that is not a list stops the boot. */
export function collectExtensions(
  plugins: readonly { id: string; contributes?: Contributions }[],
): Extensions {
  const byPoint = new Map<string, { pluginId: string; value: unknown }[]>()
  for (const plugin of plugins) {
    for (const [point, values] of Object.entries(plugin.contributes ?? {})) {
      if (!Array.isArray(values)) {
        throw new Error(`Plugin "${plugin.id}" contributes ${point} as ${typeof values}; it must be a list`)
      }
      const list = byPoint.get(point) ?? []
      for (const value of values as unknown[]) list.push({ pluginId: plugin.id, value })
      byPoint.set(point, list)
    }
  }
  const entries = <P extends ExtensionPoint>(point: P) =>
    Object.freeze([...(byPoint.get(point) ?? [])]) as readonly Contribution<P>[]
  return {
    entries,
    get: (point) => Object.freeze(entries(point).map((entry) => entry.value)),
  }
}
