// The example plugin: copy this folder to start a new one (see plugins/README.md).
import { asFunction, definePlugin } from '../../app/plugin-kit.js'
import * as operations from './example-notes.operations.js'
import { makeExampleNotesRepo, type ExampleNotesRepo } from './example-notes.repo.js'
import { makeExampleNotesService, type ExampleNotesService } from './example-notes.service.js'

// Typed access to this plugin's services from any request scope.
declare module '../../app/plugin-kit.js' {
  interface Cradle {
    exampleNotesRepo: ExampleNotesRepo
    exampleNotesService: ExampleNotesService
  }
}

export const exampleNotesPlugin = definePlugin({
  id: 'example-notes',
  dir: import.meta.dirname,
  services: {
    // Scoped: one per request, sharing the request's transaction (tx) and tenant (tenantId).
    exampleNotesRepo: asFunction(makeExampleNotesRepo).scoped(),
    exampleNotesService: asFunction(makeExampleNotesService).scoped(),
  },
  operations,
  tenantTables: ['example_notes'],
  migrations: 'migrations',
  spec: 'example-notes.openapi.yaml',
})
