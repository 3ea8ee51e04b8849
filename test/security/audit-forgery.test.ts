// Forged audit events (security review, issue 13, finding 8): the API's role could write any actor and any
// action into any tenant's chain, and `audit verify` called the chain intact. Now it may append only the
// kinds the API writes, as 'anonymous'; operator events are the operators' role's alone. Raw SQL as the roles.
import { expect } from 'chai'
import { randomUUID } from 'node:crypto'
import { createTestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'
import type { Sql } from '../../db/client.js'

/** Runs statement as `sql` in a transaction pinned to tenantId; resolves to 'ok' or the SQLSTATE. */
const outcome = (sql: Sql, tenantId: string, statement: string, params: unknown[]) =>
  sql
    .begin(async (tx) => {
      await tx`select set_config('app.current_tenant_id', ${tenantId}, true)`
      await tx.unsafe(statement, params as never[])
    })
    .then(
      () => 'ok',
      (error: { code?: string; message?: string }) => error.code ?? error.message ?? 'failed',
    )

const eventsOf = (tenantId: string) =>
  testStack().superSql<{ actor: string; action: string }[]>`
    select actor, action from audit_events where tenant_id = ${tenantId} order by seq`

describe('audit events the API role cannot forge', () => {
  it("refuses map_app an operator event under any actor, in a tenant's chain it picked", async () => {
    const victim = await createTestTenant('forgery-victim')
    const before = await eventsOf(victim.tenantId)
    const forged = await outcome(
      testStack().appSql,
      victim.tenantId,
      `select app.append_audit_event($1, $2, $3, '{}'::jsonb, $4)`,
      ['cli', 'tenant.delete', victim.tenantId, randomUUID()],
    )
    expect(forged).to.equal('42501')
    expect(await eventsOf(victim.tenantId)).to.deep.equal(before)
  })

  it('refuses map_app any kind but the authentication failures, and calling the chaining function itself', async () => {
    const victim = await createTestTenant('forgery-kinds')
    for (const action of ['tenant.suspend', 'key.create', 'test.append', 'auth.failure ']) {
      const result = await outcome(
        testStack().appSql,
        victim.tenantId,
        `select app.append_api_audit_event($1, null, '{}'::jsonb, null)`,
        [action],
      )
      expect(result, action).to.equal('42501')
    }
    const direct = await outcome(
      testStack().appSql,
      victim.tenantId,
      `select app.audit_chain_append('cli', 'tenant.delete', null, '{}'::jsonb, null)`,
      [],
    )
    expect(direct).to.equal('42501')
    expect(await eventsOf(victim.tenantId)).to.have.length(0)
  })

  it("lets map_app append an authentication failure, whose actor the function fixes as 'anonymous'", async () => {
    const tenant = await createTestTenant('forgery-allowed')
    const result = await outcome(
      testStack().appSql,
      tenant.tenantId,
      `select app.append_api_audit_event('auth.suspended_tenant', '/api/v1/tools', '{"reason": "tenant_suspended"}'::jsonb, null)`,
      [],
    )
    expect(result).to.equal('ok')
    expect(await eventsOf(tenant.tenantId)).to.deep.equal([
      { actor: 'anonymous', action: 'auth.suspended_tenant' },
    ])
  })

  it("keeps operators (map_admin) to their own events: no API kind, not as 'anonymous'", async () => {
    const tenant = await createTestTenant('forgery-operator')
    const { adminSql } = testStack()
    const append = (actor: string, action: string) =>
      outcome(adminSql, tenant.tenantId, `select app.append_audit_event($1, $2, null, '{}'::jsonb, null)`, [
        actor,
        action,
      ])
    expect(await append('cli', 'auth.failure')).to.equal('42501')
    expect(await append('anonymous', 'tenant.update')).to.equal('42501')
    expect(await append('cli', 'tenant.update')).to.equal('ok')
    expect(await eventsOf(tenant.tenantId)).to.deep.equal([{ actor: 'cli', action: 'tenant.update' }])
  })
})
