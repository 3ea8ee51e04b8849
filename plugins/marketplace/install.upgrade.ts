// Upgrading an installed agent to a newer version of its listing. The installed package and the target
// are read in one short transaction and both prepared outside any (as the catalog stores tools, so they
// compare with the tenant's tools field by field); then ONE transaction locks the install, reads the agent
// and its tools, plans (install.plan.ts) and, unless it is a dry run, applies. Conflict policy: local
// edits the target also changes are never overwritten; with conflicts the upgrade is refused (409
// MARKETPLACE_UPGRADE_CONFLICT, nothing changed) unless `keep_local_edits` asks to apply the rest and
// keep the tenant's values. A dry run answers the same plan and changes nothing.
import {
  appError,
  DomainError,
  ifMatchVersions,
  type Cradle,
  type TenantTransaction,
} from '../../app/plugin-kit.js'
import type { Agent } from '../catalog/agents.repo.js'
import type { PreparedTool } from '../tool-kinds/tool-kind.js'
import type { InstallMetrics } from './install.metrics.js'
import {
  planUpgrade,
  type LocalTool,
  type ToolDefinition,
  type UpgradeEntry,
  type UpgradePlan,
} from './install.plan.js'
import { chooseVersion, missingSecrets, type MarketplaceInstaller } from './install.service.js'
import { compareVersions } from './marketplace.views.js'
import type { AgentPackage } from './marketplace.package.js'

export interface UpgradeRequest {
  version: string
  dry_run?: boolean
  keep_local_edits?: boolean
}

export interface UpgradeResult {
  agent: Agent
  etag: string
  from_version: string
  to_version: string
  dry_run: boolean
  applied: boolean
  changes: UpgradeEntry[]
  conflicts: UpgradeEntry[]
  missing_secrets: string[]
}

const raced = (id: string) =>
  appError('MARKETPLACE_UPGRADE_RACED', 'The agent changed while it was upgraded; send the upgrade again.', {
    id,
  })

const definitions = (pkg: AgentPackage, prepared: Map<string, PreparedTool>) =>
  new Map<string, ToolDefinition>(
    pkg.tools.map((tool) => {
      const { kind, inputSchema, config } = prepared.get(tool.name)!
      return [tool.name, { description: tool.description, kind, input_schema: inputSchema, config }]
    }),
  )

export function makeMarketplaceUpgrader({
  marketplaceInstallService: installer,
  marketplaceInstallMetrics: metrics,
}: {
  marketplaceInstallService: MarketplaceInstaller
  marketplaceInstallMetrics: InstallMetrics
}) {
  /** The tenant's tools the install made, by the package's tool name (undefined: deleted since). */
  async function localTools(
    s: Cradle,
    toolIds: Record<string, string>,
  ): Promise<Map<string, LocalTool | undefined>> {
    const entries = await Promise.all(
      Object.entries(toolIds).map(async ([name, id]): Promise<[string, LocalTool | undefined]> => {
        try {
          const row = await s.catalogToolsService.stored(id)
          return [name, row]
        } catch (error) {
          if (error instanceof DomainError && error.code === 'TOOL_NOT_FOUND') return [name, undefined]
          throw error
        }
      }),
    )
    return new Map(entries)
  }

  /** The plan's writes, through the catalog's services; a concurrent change of anything read is RACED. */
  async function apply(
    s: Cradle,
    agentId: string,
    plan: UpgradePlan,
    target: { pkg: AgentPackage; prepared: Map<string, PreparedTool> },
    linkedToolIds: string[],
    agentEtag: string,
  ): Promise<Record<string, string>> {
    const added = await Promise.all(
      plan.toolAdds.map(async (name) => {
        const tool = target.pkg.tools.find((t) => t.name === name)!
        const created = await s.catalogToolsService.create(
          { name, description: tool.description },
          target.prepared.get(name)!,
        )
        return [name, created.body.id] as const
      }),
    )
    const removed = new Set(plan.toolRemovals.map((tool) => tool.id))
    // The agent first, at the version read: a tool's write below moves the agent's version on.
    await s.catalogAgentsService.update(
      agentId,
      {
        ...plan.agentFields,
        tool_ids: [...linkedToolIds.filter((id) => !removed.has(id)), ...added.map(([, id]) => id)],
      },
      ifMatchVersions({ 'if-match': agentEtag }, agentId),
    )
    for (const update of plan.toolUpdates) {
      const { local } = update
      const written = await s.catalogToolsService.redefine(
        local.id,
        update.description === undefined ? {} : { description: update.description },
        update.definition ?? { kind: local.kind, inputSchema: local.input_schema, config: local.config },
        { inputSchema: local.input_schema, config: local.config },
        [local.version],
      )
      if (!written) throw raced(agentId)
    }
    for (const { id } of plan.toolRemovals) {
      try {
        await s.catalogToolsService.delete(id)
      } catch (error) {
        // Another agent of the tenant uses it: unlinked from this one, it stays the tenant's tool.
        if (!(error instanceof DomainError && error.code === 'TOOL_IN_USE')) throw error
      }
    }
    return { ...plan.keptToolIds, ...Object.fromEntries(added) }
  }

  return {
    async upgrade(
      scope: { inTransaction: TenantTransaction },
      agentId: string,
      request: UpgradeRequest,
    ): Promise<UpgradeResult> {
      const dryRun = request.dry_run === true
      const { install, target } = await scope.inTransaction(async (s) => {
        const install = await s.marketplaceInstallRepo.installOf(agentId)
        if (!install) {
          await s.catalogAgentsService.get(agentId) // AGENT_NOT_FOUND for another tenant's or a missing one
          throw appError(
            'MARKETPLACE_AGENT_NOT_INSTALLED',
            'The agent was not installed from the marketplace.',
            {
              id: agentId,
            },
          )
        }
        if (compareVersions(request.version, install.version) <= 0) {
          throw appError(
            'MARKETPLACE_UPGRADE_NOT_NEWER',
            `Version ${request.version} is not newer than the installed ${install.version}.`,
            { installed: install.version, requested: request.version },
          )
        }
        return {
          install,
          target: await chooseVersion(s.marketplaceInstallRepo, install.listing_slug, request.version),
        }
      })
      const [basePrepared, targetPrepared] = [
        await installer.prepareTools(install.package),
        await installer.prepareTools(target.package),
      ]
      const outcome = await scope.inTransaction(async (s) => {
        const current = await s.marketplaceInstallRepo.installOf(agentId, !dryRun)
        if (!current || current.package_sha256 !== install.package_sha256) throw raced(agentId)
        await chooseVersion(s.marketplaceInstallRepo, install.listing_slug, target.version) // yanked meanwhile: 410
        const agent = await s.catalogAgentsService.read(agentId)
        const tools = await localTools(s, current.tool_ids)
        const mapped = new Set(tools.keys())
        const taken = new Set(
          await s.catalogToolsService.namesTaken(
            target.package.tools.map((t) => t.name).filter((n) => !mapped.has(n)),
          ),
        )
        const plan = planUpgrade({
          base: { agent: install.package.agent, tools: definitions(install.package, basePrepared) },
          target: { agent: target.package.agent, tools: definitions(target.package, targetPrepared) },
          local: { agent: agent.body, tools },
          takenToolNames: taken,
        })
        const answer = {
          from_version: install.version,
          to_version: target.version,
          dry_run: dryRun,
          changes: plan.changes,
          conflicts: plan.conflicts,
          missing_secrets: await missingSecrets(s, target.package),
        }
        if (dryRun) return { done: { ...answer, agent: agent.body, etag: agent.etag, applied: false } }
        // Refused: answered after this transaction, which wrote nothing.
        if (plan.conflicts.length > 0 && request.keep_local_edits !== true) return { refused: plan }
        try {
          const toolIds = await apply(
            s,
            agentId,
            plan,
            { pkg: target.package, prepared: targetPrepared },
            agent.body.tools.map((tool) => tool.id),
            agent.etag,
          )
          const upgraded = await s.catalogAgentsService.setSource(agentId, {
            listing: install.listing_slug,
            installed_at: current.created_at.toISOString(),
            ...agent.body.source,
            version: target.version,
            package_sha256: target.packageSha256,
            upgraded_at: new Date().toISOString(),
          })
          await s.marketplaceInstallRepo.update({
            agentId,
            slug: install.listing_slug,
            version: target.version,
            packageSha256: target.packageSha256,
            package: target.package,
            toolIds,
          })
          return { done: { ...answer, agent: upgraded.body, etag: upgraded.etag, applied: true } }
        } catch (error) {
          if (
            error instanceof DomainError &&
            ['PRECONDITION_FAILED', 'DUPLICATE_TOOL_NAME'].includes(error.code)
          )
            throw raced(agentId)
          throw error
        }
      })
      if (outcome.refused) {
        const { conflicts, changes } = outcome.refused
        metrics.upgraded('conflict')
        throw appError(
          'MARKETPLACE_UPGRADE_CONFLICT',
          `Local edits conflict with version ${target.version}: ${conflicts.length} kept, nothing changed. ` +
            'Resolve them, or send keep_local_edits: true to apply the rest.',
          { conflicts, changes },
        )
      }
      metrics.upgraded(dryRun ? 'dry_run' : 'applied')
      return outcome.done
    },
  }
}

export type MarketplaceUpgrader = ReturnType<typeof makeMarketplaceUpgrader>
