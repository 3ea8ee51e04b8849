// POST /api/v1/marketplace/listings/{slug}/install and POST /api/v1/agents/{id}/upgrade. Units of work: a
// package's javascript tools compile in the sandbox, and no transaction is held while they do.
import { unitOfWork } from '../../app/plugin-kit.js'
import type { InstallRequest } from './install.service.js'
import type { UpgradeRequest } from './install.upgrade.js'

export const installListing = unitOfWork(async (ctx) => {
  const request = ctx.body as InstallRequest
  const { agent, missing_secrets } = await ctx.services.marketplaceInstallService.install(
    ctx,
    ctx.params.slug!,
    request,
  )
  return {
    status: 201,
    body: { agent, missing_secrets },
    headers: { Location: `/api/v1/agents/${agent.id}` },
  }
})

export const upgradeAgent = unitOfWork(async (ctx) => {
  const { etag: _etag, ...body } = await ctx.services.marketplaceInstallUpgrader.upgrade(
    ctx,
    ctx.params.id!,
    ctx.body as UpgradeRequest,
  )
  return { status: 200, body }
})
