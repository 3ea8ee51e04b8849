// The example plugin: copy this folder to start a new one (see plugins/README.md), then delete
// `example: true`, which keeps this one out of the service.
import { asFunction, definePlugin } from '../../app/plugin-kit.js'
import { exampleNotesEnv, type ExampleNotesConfig } from './example-notes.config.js'
import { exampleNotesErrors } from './example-notes.errors.js'
import * as operations from './example-notes.operations.js'
import { makeExampleNotesRepo, type ExampleNotesRepo } from './example-notes.repo.js'
import { makeExampleNotesService, type ExampleNotesService } from './example-notes.service.js'
import { onRunFailed } from './example-notes.subscribers.js'

// Typed access to this plugin's settings and services from any request scope.
declare module '../../app/plugin-kit.js' {
  interface Cradle {
    /** EXAMPLE_NOTES_* (example-notes.config.ts), registered by the kernel from `config` below. */
    exampleNotesConfig: ExampleNotesConfig
    exampleNotesRepo: ExampleNotesRepo
    exampleNotesService: ExampleNotesService
  }
}

export const exampleNotesPlugin = definePlugin({
  id: 'example-notes',
  // Never served: the tests load it with the service's plugins. Delete this line in your copy.
  example: true,
  // Its table references the catalog's agents, so the catalog's migrations and services come first; it
  // subscribes to the runs plugin's events.
  dependsOn: ['catalog', 'runs'],
  dir: import.meta.dirname,
  // Its environment variables and the settings made of them: `exampleNotesConfig` in the container.
  config: exampleNotesEnv,
  services: {
    // Scoped: one per request, sharing the request's transaction (tx) and tenant (tenantId).
    exampleNotesRepo: asFunction(makeExampleNotesRepo).scoped(),
    exampleNotesService: asFunction(makeExampleNotesService).scoped(),
  },
  operations,
  tenantTables: ['example_notes'],
  migrations: 'migrations',
  spec: 'example-notes.openapi.yaml',
  errors: exampleNotesErrors,
  // A note for the agent of each run that fails (example-notes.subscribers.ts).
  contributes: { runEventSubscribers: [onRunFailed] },
  // What the tests create for a path's {id}: a note, linked to an agent the catalog's fixture makes.
  fixtures: {
    '/api/v1/example-notes/{id}': async ({ create, fixture }) =>
      create('/api/v1/example-notes', {
        title: 'a fixture note',
        agent_id: await fixture('/api/v1/agents/{id}'),
      }),
  },
})
