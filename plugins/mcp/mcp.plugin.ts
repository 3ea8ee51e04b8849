// MCP servers as tool sources (issue 18): a tenant registers a server (streamable HTTP); its tools become
// catalog tools of kind mcp, linkable to agents like any tool, called through the egress module with a
// fresh MCP session per call. See plugins/mcp/README.md and SECURITY.md (Egress, Secrets).
import { randomUUID } from 'node:crypto'
import { asFunction, definePlugin } from '../../app/plugin-kit.js'
import { mcpErrors } from './mcp.errors.js'
import { mcpKind } from './mcp.kind.js'
import * as operations from './mcp.operations.js'
import { makeMcpRepo, type McpRepo } from './mcp.repo.js'
import { makeMcpService, type McpService } from './mcp.service.js'

declare module '../../app/plugin-kit.js' {
  interface Cradle {
    mcpRepo: McpRepo
    mcpService: McpService
  }
}

export const mcpPlugin = definePlugin({
  id: 'mcp',
  // catalog: tools are stored there; tool-kinds: the mcp kind; secrets: headers may refer to secrets.
  dependsOn: ['catalog', 'egress', 'tool-kinds', 'secrets'],
  dir: import.meta.dirname,
  services: {
    mcpRepo: asFunction(makeMcpRepo).scoped(),
    mcpService: asFunction(makeMcpService).scoped(),
  },
  operations,
  tenantTables: ['mcp_servers', 'mcp_server_tools'],
  migrations: 'migrations',
  spec: 'mcp.openapi.yaml',
  errors: mcpErrors,
  contributes: { toolKinds: [mcpKind] },
  fixtures: {
    // A server the tests start in their own process (an MCP server of the SDK on 127.0.0.1, which the test
    // configuration's egress allows), loaded only when a test asks for this fixture.
    '/api/v1/mcp-servers/{id}': async ({ create }) => {
      const { fixtureMcpServerUrl } = await import('./test/mcp-test-server.js')
      return create('/api/v1/mcp-servers', {
        name: `fixture-${randomUUID().slice(0, 8)}`,
        url: await fixtureMcpServerUrl(),
      })
    },
  },
})
