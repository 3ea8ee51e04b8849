// An app whose job workers run in this process (as `npm start` runs them beside the API), for the tests of
// run event subscribers: the run's request, the delivery jobs it enqueues, and their handlers, all real.
import { startLifecycle } from '../../../app/kernel/extensions.js'
import { bundleSpec } from '../../../app/kernel/spec.js'
import { orderPlugins } from '../../../app/kernel/plugin-graph.js'
import type { PluginDefinition, Sql } from '../../../app/plugin-kit.js'
import { buildTestApp, testConfig } from '../../../test/helpers/api.js'
import { testPlugins } from '../../../test/harness/plugins.js'
import { testStack } from '../../../test/harness/stack.js'

export interface AppWithWorkers {
  built: ReturnType<typeof buildTestApp>
  /** Stops the workers: running jobs get drainMs (default 0: aborted at once). */
  stop: (drainMs?: number) => Promise<void>
}

/** The tests' plugins (the examples too) and `extra`, with workers polling every 100 ms. */
export async function appWithWorkers(
  extra: readonly PluginDefinition[],
  env: Record<string, string> = {},
  sql?: Sql,
): Promise<AppWithWorkers> {
  const plugins = orderPlugins([...testPlugins, ...extra])
  const built = buildTestApp({
    config: testConfig({
      WORKER_CONCURRENCY: '4',
      JOBS_TENANT_CONCURRENCY: '4',
      JOBS_POLL_INTERVAL_MS: '100',
      JOBS_MAINTENANCE_INTERVAL_SECONDS: '1',
      ...env,
    }),
    plugins,
    spec: bundleSpec(plugins),
    ...(sql ? { sql } : {}),
  })
  const lifecycle = await startLifecycle(built.container.cradle)
  return { built, stop: (drainMs = 0) => lifecycle.stop(drainMs) }
}

export interface DeliveryRow {
  id: string
  state: string
  retry_count: number
  subscriber: string
  execution_id: string
  seq: number
  output: unknown
}

/** The runs.deliver-event jobs of a tenant, in the queue or archived. */
export const deliveriesOf = (tenantId: string): Promise<DeliveryRow[]> => testStack().ownerSql<DeliveryRow[]>`
  select id, state, retry_count, data -> 'data' ->> 'subscriber' as subscriber,
         data -> 'data' ->> 'execution_id' as execution_id, (data -> 'data' ->> 'seq')::int as seq,
         output
    from pgboss.job
   where data ->> 'handler' = 'runs.deliver-event' and data ->> 'tenant_id' = ${tenantId}
   order by created_on, id`

export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
