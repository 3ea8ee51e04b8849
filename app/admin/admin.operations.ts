// The admin API's operations (kernel operations, outside /api/v1). Without ADMIN_TOKEN they answer 404.
import { appError } from '../errors/domain-errors.js'
import type { Operation, OperationContext } from '../kernel/plugin.js'
import { keyView, tenantView, type Actor, type AdminService } from './admin.service.js'

const pageOf = <T>(items: T[], total: number, limit: number, offset: number) => ({
  items,
  total,
  limit,
  offset,
  has_more: offset + items.length < total,
})

const paging = (ctx: OperationContext) => ({
  limit: typeof ctx.query.limit === 'number' ? ctx.query.limit : 20,
  offset: typeof ctx.query.offset === 'number' ? ctx.query.offset : 0,
})

const actorOf = (ctx: OperationContext): Actor => ({ name: 'admin-api', requestId: ctx.requestId })

export function adminOperations(service: AdminService | undefined): Record<string, Operation> {
  const enabled =
    (
      handler: (service: AdminService, ctx: OperationContext) => Promise<{ status: number; body?: unknown }>,
    ): Operation =>
    (ctx) =>
      service
        ? handler(service, ctx)
        : Promise.reject(appError('NOT_FOUND', 'The API has no resource at this path.'))
  const body = (ctx: OperationContext) => ctx.body as Record<string, unknown>

  return {
    adminListTenants: enabled(async (s, ctx) => {
      const { limit, offset } = paging(ctx)
      const { items, total } = await s.listTenants(limit, offset)
      return { status: 200, body: pageOf(items.map(tenantView), total, limit, offset) }
    }),
    adminCreateTenant: enabled(async (s, ctx) => {
      const created = await s.createTenant(actorOf(ctx), body(ctx).name as string)
      return {
        status: 201,
        body: { tenant: tenantView(created.tenant), api_key: keyView(created.key), key: created.apiKey },
      }
    }),
    adminGetTenant: enabled(async (s, ctx) => ({
      status: 200,
      body: tenantView(await s.getTenant(ctx.params.tenantId!)),
    })),
    adminUpdateTenant: enabled(async (s, ctx) => ({
      status: 200,
      body: tenantView(await s.updateTenant(actorOf(ctx), ctx.params.tenantId!, body(ctx))),
    })),
    adminDeleteTenant: enabled(async (s, ctx) => {
      await s.deleteTenant(actorOf(ctx), ctx.params.tenantId!)
      return { status: 204 }
    }),
    adminListKeys: enabled(async (s, ctx) => ({
      status: 200,
      body: { items: (await s.listKeys(ctx.params.tenantId!)).map(keyView) },
    })),
    adminCreateKey: enabled(async (s, ctx) => {
      const { name, expires_at: expiresAt } = body(ctx) as { name: string; expires_at?: string }
      const created = await s.createKey(
        actorOf(ctx),
        ctx.params.tenantId!,
        name,
        expiresAt ? new Date(expiresAt) : null,
      )
      return { status: 201, body: { api_key: keyView(created.key), key: created.apiKey } }
    }),
    adminRevokeKey: enabled(async (s, ctx) => ({
      status: 200,
      body: keyView(await s.revokeKey(actorOf(ctx), ctx.params.tenantId!, ctx.params.keyId!)),
    })),
    adminRotateKey: enabled(async (s, ctx) => {
      const grace = body(ctx).grace_seconds as number
      const rotated = await s.rotateKey(actorOf(ctx), ctx.params.tenantId!, ctx.params.keyId!, grace)
      return {
        status: 201,
        body: { api_key: keyView(rotated.key), key: rotated.apiKey, previous: keyView(rotated.previous) },
      }
    }),
    adminListAuditEvents: enabled(async (s, ctx) => {
      const { limit, offset } = paging(ctx)
      const { items, total } = await s.listAuditEvents(
        limit,
        offset,
        ctx.query.tenant_id as string | undefined,
      )
      return { status: 200, body: pageOf(items, total, limit, offset) }
    }),
    adminVerifyAuditEvents: enabled(async (s) => ({ status: 200, body: await s.verifyAudit() })),
  }
}
