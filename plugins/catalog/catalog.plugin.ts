// Tools, agents and the links between them, as one plugin: the links, the filters across them and the
// deletion rules span both, so splitting them would need each plugin to depend on the other.
import { randomUUID } from 'node:crypto'
import { asFunction, definePlugin } from '../../app/plugin-kit.js'
import { catalogErrors } from './catalog.errors.js'
import { makeAgentsRepo, type AgentsRepo } from './agents.repo.js'
import { makeAgentsService, type AgentsService } from './agents.service.js'
import * as agentOperations from './agents.operations.js'
import { makeToolsRepo, type ToolsRepo } from './tools.repo.js'
import { makeToolsService, type ToolsService } from './tools.service.js'
import { makeToolEditor, type ToolEditor } from './tools.editor.js'
import { makeToolTester, type ToolTester } from './tools.tester.js'
import * as toolOperations from './tools.operations.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    catalogToolsRepo: ToolsRepo
    catalogToolsService: ToolsService
    catalogToolEditor: ToolEditor
    catalogToolTester: ToolTester
    catalogAgentsRepo: AgentsRepo
    catalogAgentsService: AgentsService
  }
}

export const catalogPlugin = definePlugin({
  id: 'catalog',
  // Tools have kinds (client, builtin, javascript, contributed ones): the registry checks and runs them.
  dependsOn: ['tool-kinds'],
  dir: import.meta.dirname,
  services: {
    catalogToolsRepo: asFunction(makeToolsRepo).scoped(),
    catalogToolsService: asFunction(makeToolsService).scoped(),
    // Singletons: no tenant state; each call gets the request's units of work.
    catalogToolEditor: asFunction(makeToolEditor).singleton(),
    catalogToolTester: asFunction(makeToolTester).singleton(),
    catalogAgentsRepo: asFunction(makeAgentsRepo).scoped(),
    catalogAgentsService: asFunction(makeAgentsService).scoped(),
  },
  operations: { ...toolOperations, ...agentOperations },
  tenantTables: ['tools', 'agents', 'agent_tools'],
  migrations: 'migrations',
  spec: 'catalog.openapi.yaml',
  errors: catalogErrors,
  // What the tests create for a tool's or an agent's {id} (other plugins' paths under them included).
  fixtures: {
    '/api/v1/tools/{id}': ({ create }) =>
      create('/api/v1/tools', { name: `fixture-tool-${randomUUID()}`, description: 'A tool to point at' }),
    '/api/v1/agents/{id}': async ({ create, fixture }) =>
      create('/api/v1/agents', {
        name: `fixture-agent-${randomUUID()}`,
        role: 'Tester',
        description: 'An agent using the fixture tool',
        tool_ids: [await fixture('/api/v1/tools/{id}')],
      }),
  },
})
