// An app whose job workers run in this process (the runs' subscriber tests do the same), with webhook retries
// short enough for a test, and every log line kept: the tests look for secrets in them.
import { Writable } from 'node:stream'
import { expect } from 'chai'
import { pino } from 'pino'
import { startLifecycle } from '../../../app/kernel/extensions.js'
import { bundleSpec } from '../../../app/kernel/spec.js'
import { buildTestApp, testConfig } from '../../../test/helpers/api.js'
import { testPlugins } from '../../../test/harness/plugins.js'
import type { Api } from '../../runs/test/loop.helpers.js'
import { until } from '../../runs/test/subscribers.helpers.js'

export interface WorkerApp {
  built: ReturnType<typeof buildTestApp>
  logs: string[]
  stop: () => Promise<void>
}

/** Retries after 0.5 to 1 s, for 4 s; an attempt may take 500 ms. */
export const quickRetries = {
  WEBHOOK_TIMEOUT_MS: '500',
  WEBHOOK_RETRY_DELAY_SECONDS: '1',
  WEBHOOK_RETRY_MAX_DELAY_SECONDS: '1',
  WEBHOOK_RETRY_WINDOW_SECONDS: '4',
}

export async function workerApp(env: Record<string, string> = {}): Promise<WorkerApp> {
  const logs: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString())
      done()
    },
  })
  const built = buildTestApp({
    config: testConfig({
      WORKER_CONCURRENCY: '4',
      JOBS_TENANT_CONCURRENCY: '4',
      JOBS_POLL_INTERVAL_MS: '100',
      JOBS_MAINTENANCE_INTERVAL_SECONDS: '1',
      ...quickRetries,
      ...env,
    }),
    plugins: testPlugins,
    spec: bundleSpec(testPlugins),
    logger: pino({ level: 'trace' }, sink),
  })
  const lifecycle = await startLifecycle(built.container.cradle)
  return { built, logs, stop: () => lifecycle.stop(0) }
}

export interface DeliveryBody {
  id: string
  event_id: string
  event_type: string
  execution_id: string | null
  status: 'pending' | 'succeeded' | 'failed'
  attempts: number
  last_status_code: number | null
  last_error_code: string | null
  last_error: string | null
  next_attempt_at: string | null
}

export async function deliveries(api: Api, webhookId: string): Promise<DeliveryBody[]> {
  const res = await api.get(`/api/v1/webhooks/${webhookId}/deliveries?limit=100`)
  expect(res.status, JSON.stringify(res.body)).to.equal(200)
  return res.body.items as DeliveryBody[]
}

/** Waits until the webhook's deliveries satisfy `done`, then answers them. */
export const deliveriesWhen = (
  api: Api,
  webhookId: string,
  what: string,
  done: (items: DeliveryBody[]) => boolean,
  timeoutMs = 20_000,
): Promise<DeliveryBody[]> =>
  until(
    what,
    async () => {
      const items = await deliveries(api, webhookId)
      return done(items) ? items : undefined
    },
    timeoutMs,
  )
