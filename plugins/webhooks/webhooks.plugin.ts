// Webhooks (issue 19): a tenant registers endpoints for run events; each event is POSTed to them signed per
// Standard Webhooks, retried with backoff and jitter for WEBHOOK_RETRY_WINDOW_SECONDS, and logged per
// delivery. Built as a run event subscriber (webhooks.subscriber.ts) and a job per attempt
// (webhooks.sender.ts); every request goes through the egress policy. See plugins/webhooks/README.md.
import { randomUUID } from 'node:crypto'
import { asFunction, definePlugin } from '../../app/plugin-kit.js'
import { makeWebhooksDeliveriesRepo, type WebhooksDeliveriesRepo } from './deliveries.repo.js'
import { webhooksEnv, type WebhooksConfig } from './webhooks.config.js'
import { webhooksErrors } from './webhooks.errors.js'
import * as operations from './webhooks.operations.js'
import { makeWebhooksRepo, type WebhooksRepo } from './webhooks.repo.js'
import { sendWebhook } from './webhooks.sender.js'
import { secretNameOf } from './webhooks.signing.js'
import { makeWebhooksService, type WebhooksService } from './webhooks.service.js'
import { deliverToWebhooks } from './webhooks.subscriber.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    /** WEBHOOK_* (webhooks.config.ts); deliveries and URL checks go through the egress plugin's `egress`. */
    webhooksConfig: WebhooksConfig
    webhooksRepo: WebhooksRepo
    webhooksDeliveriesRepo: WebhooksDeliveriesRepo
    webhooksService: WebhooksService
  }
}

export const webhooksPlugin = definePlugin({
  id: 'webhooks',
  // runs: the events and their subscriber seam (and execution_logs, which deliveries name); jobs: one job
  // per attempt; secrets: the keyring the signing secrets are encrypted with.
  dependsOn: ['egress', 'runs', 'jobs', 'secrets'],
  dir: import.meta.dirname,
  config: webhooksEnv,
  services: {
    webhooksRepo: asFunction(makeWebhooksRepo).scoped(),
    webhooksDeliveriesRepo: asFunction(makeWebhooksDeliveriesRepo).scoped(),
    webhooksService: asFunction(makeWebhooksService).scoped(),
  },
  operations,
  tenantTables: ['webhooks', 'webhook_deliveries'],
  migrations: 'migrations',
  spec: 'webhooks.openapi.yaml',
  errors: webhooksErrors,
  contributes: {
    runEventSubscribers: [deliverToWebhooks],
    jobHandlers: [sendWebhook],
    // rotate-master re-encrypts the signing secrets with the tenant's secrets.
    encryptedSecrets: [
      { table: 'webhooks', idColumn: 'id', ciphertextColumn: 'secret_ciphertext', nameOf: secretNameOf },
    ],
  },
  fixtures: {
    // A webhook pointing at a receiver the tests run in their own process (127.0.0.1, which the test
    // configuration's egress allows), answering 204; loaded only when a test asks for this fixture.
    '/api/v1/webhooks/{id}': async ({ create }) => {
      const { fixtureReceiverUrl } = await import('./test/receiver.js')
      return create('/api/v1/webhooks', {
        url: `${await fixtureReceiverUrl()}/fixture-${randomUUID().slice(0, 8)}`,
        events: ['execution.completed'],
      })
    },
    // A test event's delivery: a row in webhook_deliveries without a run.
    '/api/v1/webhooks/{id}/deliveries/{delivery_id}': async ({ create, fixture }) =>
      create(`/api/v1/webhooks/${await fixture('/api/v1/webhooks/{id}')}/test`, {}),
  },
})
