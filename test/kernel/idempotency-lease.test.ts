// An Idempotency-Key claim lives as long as the request holding it (security review, issue 13, finding 7):
// it is renewed while the request runs, so a retry during a long streamed run waits instead of running the
// model a second time; only a holder that stopped renewing (a crashed process) loses it, and a holder that
// lost it cannot overwrite or free the new holder's claim. Short leases stand in for minutes here.
import { createHash } from 'node:crypto'
import { expect } from 'chai'
import { runIdempotently, type IdempotentRequest } from '../../app/kernel/idempotency.js'
import type { Reply } from '../../app/kernel/plugin.js'
import { DomainError } from '../../app/errors/domain-errors.js'
import { inTenantTransaction } from '../../db/client.js'
import { asTenant, buildTestApp, createTestTenant, testConfig, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'
import { startFakeOpenAI, type FakeOpenAI } from '../../plugins/models/test/fakes/openai-server.js'
import { collectText } from '../../plugins/runs/test/sse.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A request whose run finishes when the test says so. */
function controlledRun() {
  let finish!: (reply: Reply) => void
  let fail!: (error: unknown) => void
  let started = false
  const done = new Promise<Reply>((resolve, reject) => {
    finish = resolve
    fail = reject
  })
  const execute = () => {
    started = true
    return done
  }
  return { execute, finish, fail, started: () => started }
}

describe('Idempotency-Key claims and their lease', function () {
  this.timeout(20_000)
  let tenant: TestTenant
  let request: IdempotentRequest
  beforeEach(async () => {
    tenant = await createTestTenant()
    request = {
      key: 'lease-key',
      operationId: 'leaseTest',
      fingerprint: createHash('sha256').update('the same request').digest(),
    }
  })

  const attempt = (execute: () => Promise<Reply>, lease: { ttlMs: number; renewEveryMs: number }) =>
    runIdempotently({
      sql: testStack().appSql,
      tenantId: tenant.tenantId,
      request,
      problemReply: (error) => ({ status: 500, body: { error: String(error) } }),
      execute,
      lease,
    })
  const inProgress = (error: unknown) =>
    error instanceof DomainError && error.code === 'IDEMPOTENCY_KEY_IN_PROGRESS'
  const stored = async () =>
    (
      await testStack().superSql<{ status: string; response_body: unknown }[]>`
        select status, response_body from idempotency_keys where tenant_id = ${tenant.tenantId} and key = ${request.key}`
    )[0]

  it('renews the claim while its request runs: a retry long after the lease would have lapsed is told to wait', async () => {
    const first = controlledRun()
    const running = attempt(first.execute, { ttlMs: 400, renewEveryMs: 100 })
    await pause(1500)
    const retry = controlledRun()
    const error = await attempt(retry.execute, { ttlMs: 400, renewEveryMs: 100 }).catch((e: unknown) => e)
    expect(inProgress(error), String(error)).to.equal(true)
    expect(retry.started()).to.equal(false)
    first.finish({ status: 200, body: { ran: 'first' } })
    expect((await running).body).to.deep.equal({ ran: 'first' })
    const replay = await attempt(controlledRun().execute, { ttlMs: 400, renewEveryMs: 100 })
    expect(replay.body).to.deep.equal({ ran: 'first' })
    expect(replay.headers).to.deep.include({ 'Idempotent-Replayed': 'true' })
  })

  it("lets a retry take over a claim its holder stopped renewing, and keeps the new holder's answer from the old one", async () => {
    const stale = controlledRun()
    const staleRunning = attempt(stale.execute, { ttlMs: 300, renewEveryMs: 60_000 })
    await pause(700)
    const taker = controlledRun()
    const taking = attempt(taker.execute, { ttlMs: 300, renewEveryMs: 100 })
    await pause(100)
    expect(taker.started(), 'the retry runs once the lease lapsed').to.equal(true)
    taker.finish({ status: 201, body: { ran: 'taker' } })
    await taking
    // The stale holder ends later: its answer must not replace the one stored by the new holder.
    stale.finish({ status: 200, body: { ran: 'stale' } })
    expect((await staleRunning).body).to.deep.equal({ ran: 'stale' })
    expect(await stored()).to.deep.equal({ status: 'completed', response_body: { ran: 'taker' } })
  })

  it("does not let a stale holder's failure free the claim of the request that took it over", async () => {
    const stale = controlledRun()
    const staleRunning = attempt(stale.execute, { ttlMs: 300, renewEveryMs: 60_000 }).catch((e: unknown) => e)
    await pause(700)
    const taker = controlledRun()
    const taking = attempt(taker.execute, { ttlMs: 300, renewEveryMs: 100 })
    await pause(100)
    expect(taker.started()).to.equal(true)
    // An error of ours releases the key, but only the key this request still holds.
    stale.fail(new Error('the stale holder crashed'))
    expect(String(await staleRunning)).to.include('crashed')
    const third = controlledRun()
    const error = await attempt(third.execute, { ttlMs: 300, renewEveryMs: 100 }).catch((e: unknown) => e)
    expect(inProgress(error), String(error)).to.equal(true)
    expect(third.started()).to.equal(false)
    taker.finish({ status: 201, body: { ran: 'taker' } })
    await taking
    expect(await stored()).to.deep.equal({ status: 'completed', response_body: { ran: 'taker' } })
  })

  it('rolls back the effects of a transactional operation whose claim was taken over before it committed', async () => {
    let releaseStale!: () => void
    const staleMayCommit = new Promise<void>((resolve) => (releaseStale = resolve))
    const staleRunning = runIdempotently({
      sql: testStack().appSql,
      tenantId: tenant.tenantId,
      request,
      problemReply: (error) => ({ status: 500, body: { error: String(error) } }),
      lease: { ttlMs: 300, renewEveryMs: 60_000 },
      execute: async (complete) => {
        await staleMayCommit
        return inTenantTransaction(testStack().appSql, tenant.tenantId, async (tx) => {
          await tx`insert into tools (name, description) values ('made-twice', 'by the stale holder')`
          const reply = { status: 201, body: { ran: 'stale' } }
          await complete(tx, reply)
          return reply
        })
      },
    }).catch((e: unknown) => e)
    await pause(700)
    const taker = controlledRun()
    const taking = attempt(taker.execute, { ttlMs: 300, renewEveryMs: 100 })
    await pause(100)
    expect(taker.started()).to.equal(true)
    releaseStale()
    expect(inProgress(await staleRunning), 'the stale holder is told the key is taken').to.equal(true)
    const tools = await testStack().superSql`
      select 1 from tools where tenant_id = ${tenant.tenantId} and name = 'made-twice'`
    expect(tools).to.have.length(0)
    taker.finish({ status: 201, body: { ran: 'taker' } })
    await taking
    expect(await stored()).to.deep.equal({ status: 'completed', response_body: { ran: 'taker' } })
  })
})

describe('Idempotency-Key on a streamed run that outlives the old five-minute lease', function () {
  this.timeout(20_000)
  let openai: FakeOpenAI
  let built: ReturnType<typeof buildTestApp>
  let tenant: TestTenant
  let agentId: string

  before(async () => {
    openai = await startFakeOpenAI()
    built = buildTestApp({
      config: testConfig({ OPENAI_BASE_URL: openai.baseUrl, PROVIDER_TIMEOUT_MS: '1500' }),
    })
  })
  after(() => openai.close())
  beforeEach(async () => {
    tenant = await createTestTenant()
    agentId = (
      await asTenant(tenant, built)
        .post('/api/v1/agents')
        .send({ name: 'streamer', role: 'r', description: 'd' })
        .expect(201)
    ).body.id as string
  })

  it('answers 409 to a retry while the stream still runs, however old the claim, and runs the model once', async () => {
    const send = () =>
      asTenant(tenant, built)
        .post(`/api/v1/agents/${agentId}/run`)
        .set('Idempotency-Key', 'long-stream')
        .send({ prompt: 'a long answer', model: 'gpt-4o', stream: true })
    openai.next({ kind: 'text', text: ['still ', 'going'], stall: true })
    const sentBefore = openai.requests.length
    const first = send()
      .buffer(true)
      .parse(collectText)
      .then((res) => res)
    while (openai.requests.length === sentBefore) await pause(20)
    // As if the stream had been running for six minutes (it may run for up to ten).
    await testStack().superSql`
      update idempotency_keys set created_at = created_at - interval '6 minutes'
       where tenant_id = ${tenant.tenantId} and key = 'long-stream'`
    const retry = await send()
    expect(retry.status).to.equal(409)
    expect(retry.body.error_code).to.equal('IDEMPOTENCY_KEY_IN_PROGRESS')
    expect(openai.requests.length - sentBefore).to.equal(1)
    expect((await first).status).to.equal(200)
  })
})
