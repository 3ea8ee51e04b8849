// POST /api/v1/tools/import. A unit of work: reading a document of up to 1 MiB and checking up to 100
// tools holds no transaction; the names are checked and the tools created in one short transaction.
import { unitOfWork } from '../../app/plugin-kit.js'
import type { ImportRequest } from './openapi-import.service.js'

export const importTools = unitOfWork(async (ctx) => {
  const importer = ctx.services.openapiImporter
  const plan = await importer.plan(ctx.body as ImportRequest)
  const operations = importer.operations(plan)
  if (ctx.query.dry_run === true) {
    // What the real call would answer, conflicts included; nothing is written.
    await ctx.inTransaction((services) => importer.refuseConflicts(services, plan))
    return { status: 200, body: { items: importer.preview(plan), operations } }
  }
  const items = await importer.create(ctx, plan)
  return { status: 201, body: { items, operations } }
})
