// Installing a listing: the version chosen (the one asked for, or the greatest published one not
// yanked) in one short transaction; each tool of its package checked by the kind registry as
// POST /api/v1/tools checks it (a javascript tool compiles in the sandbox), outside any transaction;
// then, in ONE transaction, the names checked and the tools, the agent (with its `source`) and the
// install row created through the catalog's services: a name clash or any failure leaves nothing behind.
import { appError, DomainError, type Cradle, type TenantTransaction } from '../../app/plugin-kit.js'
import type { Agent } from '../catalog/agents.repo.js'
import type { PreparedTool } from '../tool-kinds/tool-kind.js'
import type { InstallMetrics } from './install.metrics.js'
import type { InstallRepo } from './install.repo.js'
import { compareVersions } from './marketplace.views.js'
import { packageSha256, type AgentPackage } from './marketplace.package.js'

export interface InstallScope {
  inTransaction: TenantTransaction
}

export interface InstallRequest {
  version?: string
  agent_name?: string
}

export interface InstallResult {
  agent: Agent
  etag: string
  missing_secrets: string[]
}

export interface ChosenVersion {
  slug: string
  version: string
  package: AgentPackage
  packageSha256: string
}

const listingNotFound = (slug: string) =>
  appError('MARKETPLACE_LISTING_NOT_FOUND', `No published listing is named ${slug}.`, { slug })
const versionNotFound = (slug: string, version: string) =>
  appError('MARKETPLACE_VERSION_NOT_FOUND', `The listing ${slug} has no published version ${version}.`, {
    slug,
    version,
  })
const yanked = (slug: string, version: string) =>
  appError(
    'MARKETPLACE_VERSION_YANKED',
    `Version ${version} of ${slug} is yanked: installs made keep working, new ones are refused.`,
    { slug, version },
  )

export const nameConflict = (agentNames: string[], toolNames: string[]) =>
  appError(
    'MARKETPLACE_INSTALL_NAME_CONFLICT',
    [
      agentNames.length > 0 ? `An agent named ${agentNames.join(', ')} exists (give agent_name).` : '',
      toolNames.length > 0 ? `Tools named ${toolNames.join(', ')} exist.` : '',
      'Nothing was created.',
    ]
      .filter(Boolean)
      .join(' '),
    { agent_names: agentNames, tool_names: toolNames },
  )

/**
 * The published version to install: `version`, or the greatest one not yanked. 404 for a listing that
 * is not published (a draft, another tenant's included) or a version it has not published; 410 yanked.
 */
export async function chooseVersion(
  repo: InstallRepo,
  slug: string,
  version: string | undefined,
): Promise<ChosenVersion> {
  const versions = await repo.publishedVersions(slug)
  if (versions.length === 0) throw listingNotFound(slug)
  const byOrder = [...versions].sort((a, b) => compareVersions(b.version, a.version))
  const chosen =
    version === undefined
      ? (byOrder.find((v) => !v.yanked) ?? byOrder[0]!)
      : versions.find((v) => v.version === version)
  if (!chosen) throw versionNotFound(slug, version!)
  if (chosen.yanked) throw yanked(slug, chosen.version)
  const pkg = await repo.packageOf(slug, chosen.version)
  if (!pkg) throw versionNotFound(slug, chosen.version)
  return { slug, version: chosen.version, package: pkg, packageSha256: chosen.package_sha256 }
}

/** The secrets the package's tools refer to that the tenant has not defined, sorted. */
export async function missingSecrets(services: Cradle, pkg: AgentPackage): Promise<string[]> {
  const names = services.secretsReferences.findIn(pkg.tools)
  const present = await Promise.all(names.map((name) => services.secretsRepo.exists(name)))
  return names.filter((_, i) => !present[i]).sort()
}

export function makeMarketplaceInstaller({
  toolKindsRegistry: kinds,
  marketplaceInstallMetrics: metrics,
}: Pick<Cradle, 'toolKindsRegistry'> & { marketplaceInstallMetrics: InstallMetrics }) {
  /** Each tool as the catalog would store it; a tool this platform refuses is a 422 naming it. */
  async function prepareTools(pkg: AgentPackage): Promise<Map<string, PreparedTool>> {
    const prepared = new Map<string, PreparedTool>()
    for (const { name, description: _description, ...definition } of pkg.tools) {
      try {
        prepared.set(name, await kinds.prepareTool(definition))
      } catch (error) {
        if (!(error instanceof DomainError)) throw error
        throw appError(
          'MARKETPLACE_PACKAGE_NOT_INSTALLABLE',
          `The package's tool ${name} cannot be created here: ${error.message}`,
          { tool: name, error_code: error.code, message: error.message },
        )
      }
    }
    return prepared
  }

  return {
    prepareTools,

    async install(scope: InstallScope, slug: string, request: InstallRequest): Promise<InstallResult> {
      const chosen = await scope.inTransaction((s) =>
        chooseVersion(s.marketplaceInstallRepo, slug, request.version),
      )
      // A package is immutable and named by its hash; a mismatch is corruption, not a user error.
      if (packageSha256(chosen.package) !== chosen.packageSha256)
        throw new Error(`the package of ${slug}@${chosen.version} does not match its SHA-256`)
      const prepared = await prepareTools(chosen.package)
      const result = await scope.inTransaction(async (s) => {
        // Yanked while the tools were checked: refused all the same.
        await chooseVersion(s.marketplaceInstallRepo, slug, chosen.version)
        const pkg = chosen.package
        const agentName = request.agent_name ?? pkg.agent.name
        const toolNames = pkg.tools.map((tool) => tool.name)
        const [agentsTaken, toolsTaken] = await Promise.all([
          s.catalogAgentsService.namesTaken([agentName]),
          s.catalogToolsService.namesTaken(toolNames),
        ])
        if (agentsTaken.length > 0 || toolsTaken.length > 0) throw nameConflict(agentsTaken, toolsTaken)
        try {
          // One statement per tool, pipelined: the first failure rolls every one of them back.
          const tools = await Promise.all(
            pkg.tools.map((tool) =>
              s.catalogToolsService.create(
                { name: tool.name, description: tool.description },
                prepared.get(tool.name)!,
              ),
            ),
          )
          const toolIds = Object.fromEntries(tools.map(({ body }) => [body.name, body.id]))
          const agent = await s.catalogAgentsService.createInstalled(
            {
              name: agentName,
              role: pkg.agent.role,
              description: pkg.agent.description,
              tool_ids: Object.values(toolIds),
            },
            {
              listing: slug,
              version: chosen.version,
              package_sha256: chosen.packageSha256,
              installed_at: new Date().toISOString(),
            },
          )
          await s.marketplaceInstallRepo.insert({
            agentId: agent.body.id,
            slug,
            version: chosen.version,
            packageSha256: chosen.packageSha256,
            package: pkg,
            toolIds,
          })
          return { agent: agent.body, etag: agent.etag, missing_secrets: await missingSecrets(s, pkg) }
        } catch (error) {
          // A tool or agent of that name made meanwhile (after the check): the same 409, nothing created.
          if (error instanceof DomainError && error.code === 'DUPLICATE_TOOL_NAME')
            throw nameConflict([], [String(error.details.name)])
          if (error instanceof DomainError && error.code === 'DUPLICATE_AGENT_NAME')
            throw nameConflict([String(error.details.name)], [])
          throw error
        }
      })
      metrics.installed()
      return result
    },
  }
}

export type MarketplaceInstaller = ReturnType<typeof makeMarketplaceInstaller>
