// Webhook deliveries end to end: real runs (the mock model), the run event subscriber and the send jobs on
// real workers, receivers on 127.0.0.1 that verify what they get with the standardwebhooks library. A
// receiver that is down, slow, failing (500) or gone (410), redelivery, a repeated run event, and a
// destination the egress policy refuses by the time the delivery goes out.
import { expect } from 'chai'
import { Webhook } from 'standardwebhooks'
import { inTenantTransaction } from '../../../db/client.js'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { storedEvents } from '../../runs/test/events.helpers.js'
import { createAgent, type Api } from '../../runs/test/loop.helpers.js'
import { deliveriesOf, until } from '../../runs/test/subscribers.helpers.js'
import { startReceiver, type Received, type Receiver } from './receiver.js'
import { deliveries, deliveriesWhen, workerApp, type WorkerApp } from './webhooks.helpers.js'

interface Made {
  id: string
  secret: string
}

/** Waits until the webhooks subscriber has handled `count` events of the run (created, completed, ...). */
const handled = (tenant: TestTenant, executionId: string, count: number) =>
  until(`the webhooks subscriber to handle ${count} events of the run`, async () => {
    const jobs = (await deliveriesOf(tenant.tenantId)).filter(
      (job) => job.subscriber === 'webhooks.deliver' && job.execution_id === executionId,
    )
    return jobs.length === count && jobs.every((job) => job.state === 'completed') ? true : undefined
  })

const verified = (secret: string, request: Received) =>
  new Webhook(secret).verify(request.body, request.headers) as {
    type: string
    timestamp: string
    data: Record<string, unknown>
  }

describe('webhook deliveries', function () {
  this.timeout(60_000)
  let app: WorkerApp
  let tenant: TestTenant
  let api: Api
  const receivers: Receiver[] = []
  const secrets: string[] = []

  before(async () => {
    app = await workerApp()
  })
  after(async () => {
    await app.stop()
    await Promise.all(receivers.map((r) => r.close()))
    // Not one log line of the whole file holds a signing secret (nor its key bytes as base64).
    const logs = app.logs.join('\n')
    expect(app.logs.length).to.be.greaterThan(0)
    for (const secret of secrets) expect(logs).not.to.include(secret.slice('whsec_'.length))
  })
  beforeEach(async () => {
    tenant = await createTestTenant('webhooks')
    api = asTenant(tenant, app.built)
  })

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const started = await startReceiver(...args)
    receivers.push(started)
    return started
  }
  const register = async (url: string, events = ['execution.completed']): Promise<Made> => {
    const res = await api.post('/api/v1/webhooks').send({ url, events })
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    secrets.push(res.body.secret as string)
    return res.body as Made
  }
  let agents = 0
  const run = async (): Promise<string> => {
    const agentId = await createAgent(api, `hooked-${++agents}`, [])
    const res = await api.post(`/api/v1/agents/${agentId}/run`).send({ prompt: 'hello', model: 'gpt-4o' })
    expect(res.status, JSON.stringify(res.body)).to.equal(200)
    expect(res.body.status).to.equal('completed')
    return res.body.id as string
  }

  it('POSTs each subscribed run event, signed so that standardwebhooks verifies it, with the delivery id as webhook-id', async () => {
    const target = await receiver()
    const hook = await register(`${target.url}/runs`, ['execution.created', 'execution.completed'])
    const executionId = await run()
    const done = await deliveriesWhen(api, hook.id, 'both deliveries to succeed', (items) => {
      return items.length === 2 && items.every((d) => d.status === 'succeeded')
    })
    expect(target.received).to.have.length(2)
    const events = await storedEvents(api, executionId)
    for (const request of target.received) {
      expect(request.url).to.equal('/runs')
      expect(request.headers['content-type']).to.equal('application/json')
      const payload = verified(hook.secret, request)
      const delivery = done.find((d) => d.id === request.headers['webhook-id'])!
      expect(delivery, 'webhook-id names the delivery').to.not.equal(undefined)
      expect(payload.type).to.equal(delivery.event_type)
      const event = events.find((e) => `${executionId}:${e.seq}` === delivery.event_id)!
      expect(payload).to.deep.equal({ type: event.type, timestamp: event.created_at, data: event.data })
      expect(delivery).to.deep.include({
        execution_id: executionId,
        attempts: 1,
        last_status_code: 204,
        last_error_code: null,
        last_error: null,
        next_attempt_at: null,
      })
      expect(request.headers['webhook-signature']).to.match(/^v1,[A-Za-z0-9+/]+={0,2}$/)
      const sentAt = Number(request.headers['webhook-timestamp'])
      expect(Math.abs(sentAt - Date.now() / 1000)).to.be.lessThan(60)
    }
    const completed = verified(
      hook.secret,
      target.received.find((r) => r.body.includes('"execution.completed"'))!,
    )
    expect(completed.data).to.deep.include({ id: executionId, status: 'completed' })
    // Another secret, or a body changed on the way, does not verify.
    const other = await register(`${target.url}/other`)
    expect(() => verified(other.secret, target.received[0]!)).to.throw(/signature/i)
    const tampered = {
      ...target.received[0]!,
      body: target.received[0]!.body.replace('"execution.', '"xecution.'),
    }
    expect(() => verified(hook.secret, tampered)).to.throw(/signature/i)
  })

  it('costs the runs of a tenant without webhooks no delivery job', async () => {
    const executionId = await run()
    await handled(tenant, executionId, 0)
    const target = await receiver()
    await register(target.url, ['execution.completed'])
    // The next run: a job for its completed event only.
    const next = await run()
    await handled(tenant, next, 1)
  })

  it('makes one delivery of an event delivered twice (at least once upstream), and none for unsubscribed types', async () => {
    const target = await receiver()
    const hook = await register(target.url, ['execution.completed'])
    const executionId = await run()
    const [first] = await deliveriesWhen(
      api,
      hook.id,
      'the delivery',
      (items) => items[0]?.status === 'succeeded',
    )
    const completed = (await storedEvents(api, executionId)).find((e) => e.type === 'execution.completed')!
    // The same event again, as a retry of the runs' delivery job would bring it.
    const again = await inTenantTransaction(testStack().appSql, tenant.tenantId, (tx) =>
      app.built.container.cradle.jobs.enqueue(tx, 'runs.deliver-event', tenant.tenantId, {
        subscriber: 'webhooks.deliver',
        execution_id: executionId,
        seq: completed.seq,
      }),
    )
    // Handled: execution.completed and the repeat. execution.created went to no job at all: no webhook of
    // the tenant receives it (the subscriber's interest, asked once per run).
    await handled(tenant, executionId, 2)
    const jobs = await deliveriesOf(tenant.tenantId)
    expect(jobs.map((job) => job.id)).to.include(again)
    expect(await deliveries(api, hook.id)).to.deep.equal([first])
    expect(target.received).to.have.length(1)
    expect(first!.event_type).to.equal('execution.completed')
  })

  it('retries a receiver that is down (connection refused) until it is up, with the same webhook-id', async () => {
    const probe = await startReceiver()
    const port = probe.port
    await probe.close()
    const hook = await register(`http://127.0.0.1:${port}/late`)
    await run()
    const [failedOnce] = await deliveriesWhen(api, hook.id, 'a refused attempt', (items) =>
      items.some((d) => d.attempts >= 1),
    )
    expect(failedOnce).to.deep.include({ status: 'pending', last_status_code: null })
    expect(failedOnce!.last_error_code).to.equal('CONNECTION_FAILED')
    expect(failedOnce!.next_attempt_at).to.be.a('string')
    const target = await receiver(port)
    const [done] = await deliveriesWhen(api, hook.id, 'the delivery to succeed', (items) =>
      items.some((d) => d.status === 'succeeded'),
    )
    expect(done!.attempts).to.be.greaterThan(1)
    expect(done).to.deep.include({ last_status_code: 204, last_error_code: null, last_error: null })
    expect(target.received).to.have.length(1)
    expect(target.received[0]!.headers['webhook-id']).to.equal(done!.id)
    expect(verified(hook.secret, target.received[0]!).type).to.equal('execution.completed')
  })

  it('counts a receiver slower than WEBHOOK_TIMEOUT_MS as a failed attempt (TIMEOUT), retried until the window closes', async () => {
    const target = await receiver(0, () => 'hang')
    const hook = await register(target.url)
    await run()
    const [failed] = await deliveriesWhen(api, hook.id, 'the delivery to fail', (items) =>
      items.some((d) => d.status === 'failed'),
    )
    expect(failed).to.deep.include({ last_status_code: null, next_attempt_at: null })
    expect(failed!.last_error_code).to.equal('TIMEOUT')
    expect(failed!.attempts).to.be.at.least(2)
    expect(target.received).to.have.length(failed!.attempts)
  })

  it('retries a receiver answering 500 with backoff, counting attempts, then gives up after the window', async () => {
    const target = await receiver(0, () => 500)
    const hook = await register(target.url)
    const arrivals: number[] = []
    target.answer(() => {
      arrivals.push(Date.now())
      return 500
    })
    await run()
    const [failed] = await deliveriesWhen(api, hook.id, 'the delivery to fail', (items) =>
      items.some((d) => d.status === 'failed'),
    )
    expect(failed).to.deep.include({ status: 'failed', last_status_code: 500, next_attempt_at: null })
    expect(failed).to.deep.include({
      last_error_code: 'HTTP_STATUS',
      last_error: 'The receiver answered 500.',
    })
    expect(failed!.attempts).to.be.at.least(3)
    expect(target.received).to.have.length(failed!.attempts)
    // One delivery, one webhook-id on every attempt; each retry waited at least half its backoff step (0.5 s).
    expect(new Set(target.received.map((r) => r.headers['webhook-id']))).to.deep.equal(new Set([failed!.id]))
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 1]!).to.be.at.least(450)
    // A redelivery opens a new window: the receiver, fixed, takes it.
    target.answer(() => 200)
    await api.post(`/api/v1/webhooks/${hook.id}/deliveries/${failed!.id}/redeliver`).expect(202)
    const [redelivered] = await deliveriesWhen(api, hook.id, 'the redelivery to succeed', (items) =>
      items.some((d) => d.status === 'succeeded'),
    )
    expect(redelivered).to.deep.include({
      attempts: failed!.attempts + 1,
      last_status_code: 200,
      last_error_code: null,
      last_error: null,
    })
    expect(verified(hook.secret, target.received.at(-1)!).type).to.equal('execution.completed')
  })

  it('disables the webhook when the receiver answers 410, sends it nothing more, and takes it back once enabled', async () => {
    const target = await receiver(0, () => 410)
    const hook = await register(target.url)
    await run()
    const [gone] = await deliveriesWhen(api, hook.id, 'the delivery to fail', (items) =>
      items.some((d) => d.status === 'failed'),
    )
    expect(gone).to.deep.include({ attempts: 1, last_status_code: 410, next_attempt_at: null })
    expect(gone!.last_error_code).to.equal('RECEIVER_GONE')
    const webhook = (await api.get(`/api/v1/webhooks/${hook.id}`).expect(200)).body
    expect(webhook).to.deep.include({ enabled: false, disabled_reason: 'receiver_gone' })
    // Another run: no delivery for a disabled webhook, not even a job (the tenant has no enabled webhook);
    // redelivery is refused until it is enabled.
    await handled(tenant, await run(), 0)
    const redeliver = `/api/v1/webhooks/${hook.id}/deliveries/${gone!.id}/redeliver`
    expect((await api.post(redeliver).expect(409)).body.error_code).to.equal('WEBHOOKS_DISABLED')
    expect(await deliveries(api, hook.id)).to.have.length(1)
    expect(target.received).to.have.length(1)
    await api.patch(`/api/v1/webhooks/${hook.id}`).send({ enabled: true }).expect(200)
    target.answer(() => 202)
    await api.post(redeliver).expect(202)
    await deliveriesWhen(api, hook.id, 'the redelivery', (items) => items[0]?.status === 'succeeded')
    expect(target.received).to.have.length(2)
    await run()
    await deliveriesWhen(
      api,
      hook.id,
      "the next run's delivery",
      (items) => items.length === 2 && items.every((d) => d.status === 'succeeded'),
    )
  })

  it('fails the pending deliveries of a webhook disabled by hand without sending them', async () => {
    const probe = await startReceiver()
    const port = probe.port
    await probe.close()
    const hook = await register(`http://127.0.0.1:${port}/`)
    await run()
    await deliveriesWhen(api, hook.id, 'a first attempt', (items) => items[0]?.attempts === 1)
    await api.patch(`/api/v1/webhooks/${hook.id}`).send({ enabled: false }).expect(200)
    const [abandoned] = await deliveriesWhen(api, hook.id, 'the delivery to fail', (items) =>
      items.some((d) => d.status === 'failed'),
    )
    // An attempt already under way when it was disabled may still have been counted.
    expect(abandoned!.attempts).to.be.at.least(1)
    expect(abandoned!.next_attempt_at).to.equal(null)
    expect(abandoned!.last_error_code).to.equal('WEBHOOK_DISABLED')
  })
})

describe('webhook deliveries under a policy tightened since the webhook was registered', function () {
  this.timeout(60_000)
  let app: WorkerApp

  before(async () => {
    // This app's workers refuse loopback (no EGRESS_ALLOW); the webhook is registered through the shared
    // test app, whose policy allows 127.0.0.1.
    app = await workerApp({ EGRESS_ALLOW: '' })
  })
  after(() => app.stop())

  it('fails the delivery at once with EGRESS_DENIED, never connecting, never retrying', async () => {
    const target = await startReceiver()
    try {
      const tenant = await createTestTenant('webhooks-egress')
      const registrar = asTenant(tenant)
      const made = await registrar
        .post('/api/v1/webhooks')
        .send({ url: target.url, events: ['execution.completed'] })
      expect(made.status, JSON.stringify(made.body)).to.equal(201)
      const api = asTenant(tenant, app.built)
      await api.post(`/api/v1/webhooks/${made.body.id}/test`).expect(202)
      const [failed] = await deliveriesWhen(api, made.body.id as string, 'the delivery to fail', (items) =>
        items.some((d) => d.status === 'failed'),
      )
      expect(failed).to.deep.include({ attempts: 1, last_status_code: null, next_attempt_at: null })
      expect(failed!.last_error_code).to.equal('EGRESS_DENIED')
      expect(target.received).to.deep.equal([])
      // Nothing left to try.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect((await deliveries(api, made.body.id as string))[0]!.attempts).to.equal(1)
    } finally {
      await target.close()
    }
  })
})
