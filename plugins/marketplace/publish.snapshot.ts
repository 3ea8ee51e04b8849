// A version's package: the publisher's agent and its tools as they are now, read through the catalog's
// services and written in the shape the catalog creates them from (marketplace.package.ts). A tool's
// fields are its kind's own, as the API shows them: an http tool keeps its `{{secrets.NAME}}` references,
// and no secret value is stored in a tool to begin with.
import { appError, DomainError, type Cradle } from '../../app/plugin-kit.js'
import { packageFormat, type AgentPackage, type PackagedTool } from './marketplace.package.js'

/**
 * The kinds a package holds: their fields say all a tool is. An mcp tool is refused (422): it names a
 * server the publisher registered, which an installing tenant does not have.
 */
export const packageableKinds = ['client', 'builtin', 'javascript', 'http'] as const

type Deps = Pick<Cradle, 'catalogAgentsService' | 'catalogToolsService' | 'toolKindsRegistry'>

export function makePublishSnapshots({
  catalogAgentsService: agents,
  catalogToolsService: tools,
  toolKindsRegistry: kinds,
}: Deps) {
  return {
    /** The package of the caller's agent; 422 MARKETPLACE_UNKNOWN_AGENT, MARKETPLACE_UNPACKAGEABLE_TOOLS. */
    async packageOf(agentId: string): Promise<AgentPackage> {
      const agent = await agents.get(agentId).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'AGENT_NOT_FOUND') {
          throw appError('MARKETPLACE_UNKNOWN_AGENT', `No agent with id ${agentId}.`, { agent_id: agentId })
        }
        throw error
      })
      const rows = await Promise.all(agent.tools.map((tool) => tools.stored(tool.id)))
      const refused = rows.filter((row) => !(packageableKinds as readonly string[]).includes(row.kind))
      if (refused.length > 0) {
        throw appError(
          'MARKETPLACE_UNPACKAGEABLE_TOOLS',
          `A package cannot hold tools of kind ${[...new Set(refused.map((row) => row.kind))].join(', ')}: ` +
            refused.map((row) => row.name).join(', '),
          {
            tools: refused.map(({ name, kind }) => ({ name, kind })),
            packageable_kinds: [...packageableKinds],
          },
        )
      }
      const packaged: PackagedTool[] = rows
        .map((row) => ({
          name: row.name,
          description: row.description,
          kind: row.kind,
          input_schema: row.input_schema,
          ...kinds.fieldsOf(row),
        }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      return {
        format: packageFormat,
        agent: { name: agent.name, role: agent.role, description: agent.description },
        tools: packaged,
      }
    },
  }
}

export type PublishSnapshots = ReturnType<typeof makePublishSnapshots>
