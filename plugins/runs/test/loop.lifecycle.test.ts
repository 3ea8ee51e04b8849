// What happens to a run around its loop: expiry of a run nobody answers (lazily when read or answered, and
// by the sweep for every tenant), cancellation when the client goes away during a tool call, isolation of
// executions and steps between tenants, and the columns the database keeps immutable.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import {
  asTenant,
  buildTestApp,
  createTestTenant,
  testConfig,
  type TestTenant,
} from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { inTenantTransaction, type TransactionSql } from '../../../db/client.js'
import { createAgent, createTool, type Api } from './loop.helpers.js'

const waitFor = async <T>(read: () => Promise<T | undefined>, tries = 200): Promise<T> => {
  for (let i = 0; i < tries; i++) {
    const value = await read()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('gave up waiting')
}

describe('the run loop: expiry, cancellation, isolation', function () {
  this.timeout(20_000)
  // Runs wait one second for their tool outputs here.
  let built: ReturnType<typeof buildTestApp>
  let tenant: TestTenant
  let api: Api
  let agentId: string

  before(() => {
    built = buildTestApp({ config: testConfig({ TOOL_OUTPUT_TIMEOUT_SECONDS: '1' }) })
  })
  beforeEach(async () => {
    tenant = await createTestTenant()
    api = asTenant(tenant, built)
    agentId = await createAgent(api, 'asker', [await createTool(api, { name: 'ask_user' })])
  })

  const waitingRun = async () => {
    const res = await api
      .post(`/api/v1/agents/${agentId}/run`)
      .send({ model: 'gpt-4o', prompt: 'use ask_user with {"q": 1}' })
      .expect(200)
    expect(res.body.status).to.equal('requires_action')
    return res.body as { id: string; expires_at: string; created_at: string }
  }
  const storedStatus = async (id: string) =>
    (await testStack().superSql<{ status: string }[]>`select status from execution_logs where id = ${id}`)[0]!
      .status
  const answer = (id: string) =>
    api
      .post(`/api/v1/executions/${id}/tool-outputs`)
      .send({ tool_outputs: [{ tool_call_id: 'call_1_1', output: 'late' }] })

  describe('expiry', () => {
    it('expires a waiting run past TOOL_OUTPUT_TIMEOUT_SECONDS when it is read, then refuses its answer with 409', async () => {
      const run = await waitingRun()
      expect(Date.parse(run.expires_at) - Date.parse(run.created_at)).to.be.within(500, 2000)
      // Wait for the deadline as the database sees it.
      await waitFor(async () => {
        const [row] = await testStack().superSql<{ due: boolean }[]>`
          select expires_at <= now() as due from execution_logs where id = ${run.id}`
        return row!.due ? true : undefined
      })
      expect(await storedStatus(run.id)).to.equal('requires_action')
      const read = await api.get(`/api/v1/executions/${run.id}`).expect(200)
      expect(read.body.status).to.equal('expired')
      // What went unanswered stays visible.
      expect(read.body.required_action.tool_calls[0].id).to.equal('call_1_1')
      expect(await storedStatus(run.id)).to.equal('expired')
      const late = await answer(run.id)
      expect(late.status).to.equal(409)
      expect(late.body.details).to.deep.equal({ execution_id: run.id, status: 'expired' })
    })

    it('records the expiry when the late answer is the first to see it', async () => {
      const run = await waitingRun()
      await testStack().superSql`
        update execution_logs set expires_at = now() - interval '1 second' where id = ${run.id}`
      const late = await answer(run.id)
      expect(late.status).to.equal(409)
      expect(late.body.error_code).to.equal('INVALID_EXECUTION_STATE')
      expect(await storedStatus(run.id)).to.equal('expired')
    })

    it("sweeps every tenant's runs past their deadline, and only those", async () => {
      const other = asTenant(await createTestTenant('other'), built)
      const otherAgent = await createAgent(other, 'other-asker', [
        await createTool(other, { name: 'ask_user' }),
      ])
      const late = await waitingRun()
      const fresh = await waitingRun()
      const theirs = (
        await other
          .post(`/api/v1/agents/${otherAgent}/run`)
          .send({ model: 'gpt-4o', prompt: 'use ask_user with {}' })
          .expect(200)
      ).body.id as string
      await testStack().superSql`
        update execution_logs set expires_at = now() - interval '1 second' where id in (${late.id}, ${theirs})`
      await testStack().superSql`
        update execution_logs set expires_at = now() + interval '1 hour' where id = ${fresh.id}`
      const expired = await built.container.cradle.runsExpirySweep.sweepOnce()
      expect(expired).to.be.at.least(2)
      expect(await storedStatus(late.id)).to.equal('expired')
      expect(await storedStatus(theirs)).to.equal('expired')
      expect(await storedStatus(fresh.id)).to.equal('requires_action')
    })

    it('sweeps on its own every EXECUTION_EXPIRY_SWEEP_SECONDS, and stops with the app', async () => {
      const sweeping = buildTestApp({
        config: testConfig({ TOOL_OUTPUT_TIMEOUT_SECONDS: '1', EXECUTION_EXPIRY_SWEEP_SECONDS: '1' }),
      })
      const run = await waitingRun()
      await testStack().superSql`
        update execution_logs set expires_at = now() - interval '1 second' where id = ${run.id}`
      // Nobody reads or answers the run: only the timer can expire it.
      await waitFor(async () => ((await storedStatus(run.id)) === 'expired' ? true : undefined))
      await sweeping.container.dispose()
      const after = await waitingRun()
      await testStack().superSql`
        update execution_logs set expires_at = now() - interval '1 second' where id = ${after.id}`
      await new Promise((resolve) => setTimeout(resolve, 2500))
      expect(await storedStatus(after.id)).to.equal('requires_action')
    })

    it('lets the app role do nothing else through the sweep: no tenant, no rows of its own', async () => {
      const { appSql } = testStack()
      // Without a tenant the app role sees no execution at all; the definer function only counts.
      const visible = await appSql`select count(*)::int as n from execution_logs`
      expect(visible[0]!.n).to.equal(0)
      const [row] = await appSql<{ n: number }[]>`select app.expire_waiting_executions() as n`
      expect(row!.n).to.be.a('number')
    })
  })

  describe('cancellation', () => {
    let server: Server
    let baseUrl: string
    before(async () => {
      server = built.app.listen(0, '127.0.0.1')
      await new Promise((resolve) => server.once('listening', resolve))
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    after(() => new Promise((resolve) => server.close(resolve)))

    it('stops a spinning javascript tool when the client disconnects, and records the run as cancelled', async () => {
      const spin = await createTool(api, {
        name: 'spin',
        kind: 'javascript',
        code: 'export default () => { while (true) {} }',
        timeout_ms: 5000,
      })
      const spinner = await createAgent(api, 'spinner', [spin])
      const controller = new AbortController()
      const res = await fetch(`${baseUrl}/api/v1/agents/${spinner}/run`, {
        method: 'POST',
        headers: { 'X-API-Key': tenant.apiKey, 'Content-Type': 'application/json' },
        body: JSON.stringify({ prompt: 'use spin with {}', model: 'gpt-4o', stream: true }),
        signal: controller.signal,
      })
      const reader = res.body!.getReader()
      let seen = ''
      while (!seen.includes('tool_call.created'))
        seen += new TextDecoder().decode((await reader.read()).value)
      const id = /"id":"([0-9a-f-]{36})"/.exec(seen)![1]!
      controller.abort()
      const status = await waitFor(async () => {
        const current = await storedStatus(id)
        return current === 'running' ? undefined : current
      })
      expect(status).to.equal('cancelled')
      const [execution] = await testStack().superSql<{ error: { error_code: string } }[]>`
        select error from execution_logs where id = ${id}`
      expect(execution!.error.error_code).to.equal('RUN_CANCELLED')
      const steps = await testStack().superSql<
        { type: string; status: string; error: { code: string } | null }[]
      >`
        select type, status, error from execution_steps where execution_id = ${id} order by index`
      expect(steps.map((s) => `${s.type}:${s.status}`)).to.deep.equal(['model:completed', 'tool:cancelled'])
      // Stopped by the cancel, not by its own 5 s limit.
      expect(steps[1]!.error!.code).to.equal('CANCELLED')
    })
  })

  describe('isolation', () => {
    it('answers 404 to another tenant for the execution, its steps and its tool outputs, and changes nothing', async () => {
      const run = await waitingRun()
      const other = asTenant(await createTestTenant('other'), built)
      for (const path of [
        `/api/v1/executions/${run.id}`,
        `/api/v1/executions/${run.id}/steps`,
        `/api/v1/history/${run.id}`,
      ]) {
        const res = await other.get(path)
        expect(res.status, path).to.equal(404)
        expect(res.body.error_code, path).to.equal('EXECUTION_NOT_FOUND')
      }
      const res = await other
        .post(`/api/v1/executions/${run.id}/tool-outputs`)
        .send({ tool_outputs: [{ tool_call_id: 'call_1_1', output: 'x' }] })
      expect(res.status).to.equal(404)
      expect(await storedStatus(run.id)).to.equal('requires_action')
    })

    it("offers an agent only its own tools: another tenant's tool of the same name is never called", async () => {
      const other = asTenant(await createTestTenant('other'), built)
      const theirCalc = await createTool(other, { name: 'calc', kind: 'builtin', builtin: 'calculator' })
      const mine = await createAgent(api, 'no-calc', [await createTool(api, { name: 'notes' })])
      // Linking another tenant's tool is refused by the catalog (the composite key would refuse it too).
      const link = await api.patch(`/api/v1/agents/${mine}`).send({ tool_ids: [theirCalc] })
      expect(link.status).to.equal(422)
      const res = await api
        .post(`/api/v1/agents/${mine}/run`)
        .send({ model: 'gpt-4o', prompt: 'use calc with {"expression": "1+1"}' })
        .expect(200)
      expect(res.body).to.include({ status: 'completed', steps_count: 1 })
      expect(res.body.tool_calls).to.deep.equal([])
    })

    it("refuses a step that names another tenant's tool (the composite foreign key)", async () => {
      const run = await waitingRun()
      const other = asTenant(await createTestTenant('other'), built)
      const theirTool = await createTool(other, { name: 'theirs' })
      const attempt = inTenantTransaction(testStack().appSql, tenant.tenantId, (tx) =>
        tx`insert into execution_steps (tenant_id, execution_id, index, type, status, tool_id, tool_name, tool_call_id, arguments)
           values (${tenant.tenantId}, ${run.id}, 99, 'tool', 'running', ${theirTool}, 'theirs', 'c', '{}')`.then(
          () => 'inserted',
        ),
      )
      const error = await attempt.catch((e: { code?: string }) => e)
      expect((error as { code?: string }).code).to.equal('23503')
    })
  })

  describe('immutable columns', () => {
    it('refuses the app role an UPDATE of what a run was asked, of whom and when, and of what a step called', async () => {
      const run = await waitingRun()
      const attempts = {
        prompt: (tx: TransactionSql) =>
          tx`update execution_logs set prompt = 'rewritten' where id = ${run.id}`,
        agent_snapshot: (tx: TransactionSql) =>
          tx`update execution_logs set agent_snapshot = '{}' where id = ${run.id}`,
        model: (tx: TransactionSql) => tx`update execution_logs set model = 'other' where id = ${run.id}`,
        created_at: (tx: TransactionSql) =>
          tx`update execution_logs set created_at = now() where id = ${run.id}`,
        step_arguments: (tx: TransactionSql) =>
          tx`update execution_steps set arguments = '{}' where execution_id = ${run.id}`,
      }
      for (const [column, attempt] of Object.entries(attempts)) {
        const error = await inTenantTransaction(testStack().appSql, tenant.tenantId, attempt).then(
          () => undefined,
          (e: { code?: string }) => e,
        )
        // 42501: insufficient_privilege.
        expect(error?.code, column).to.equal('42501')
      }
      // What the loop changes, it may.
      await inTenantTransaction(
        testStack().appSql,
        tenant.tenantId,
        (tx) => tx`update execution_logs set updated_at = now() where id = ${run.id}`,
      )
    })
  })
})
