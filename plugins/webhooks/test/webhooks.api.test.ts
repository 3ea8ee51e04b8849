// Webhooks through the API (no job workers here: deliveries stay pending): the secret is answered by create
// only and stored encrypted; event types and URLs are checked (the egress policy, before anything is
// stored); enabling and disabling; test deliveries and their log; another tenant sees and changes nothing.
import { expect } from 'chai'
import { asTenant, createTestTenant, testSecretsMasterKey } from '../../../test/helpers/api.js'
import { makeKeyring } from '../../secrets/secrets.crypto.js'
import { rotateMasterKey } from '../../secrets/secrets.rotation.js'
import { webhooksPlugin } from '../webhooks.plugin.js'
import { testStack } from '../../../test/harness/stack.js'
import { webhookEventTypes } from '../webhooks.events.js'
import { startReceiver, type Receiver } from './receiver.js'

type Api = ReturnType<typeof asTenant>

describe('webhooks (API)', function () {
  this.timeout(30_000)
  let receiver: Receiver
  let api: Api
  before(async () => {
    receiver = await startReceiver()
  })
  after(() => receiver.close())
  beforeEach(async () => {
    api = asTenant(await createTestTenant('webhooks'))
  })

  const create = async (events: string[] = ['execution.completed'], url = `${receiver.url}/hook`) => {
    const res = await api.post('/api/v1/webhooks').send({ url, events })
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    return res.body as { id: string; secret: string } & Record<string, unknown>
  }

  it('answers the signing secret on create only, and stores it encrypted', async () => {
    const made = await create(['execution.completed', 'execution.failed'])
    expect(made.secret).to.match(/^whsec_[A-Za-z0-9+/]+={0,2}$/)
    expect(Buffer.from(made.secret.slice('whsec_'.length), 'base64')).to.have.length(32)
    expect(made).to.deep.include({
      url: `${receiver.url}/hook`,
      events: ['execution.completed', 'execution.failed'],
      enabled: true,
      disabled_reason: null,
      disabled_at: null,
    })
    const got = (await api.get(`/api/v1/webhooks/${made.id}`).expect(200)).body
    const list = (await api.get('/api/v1/webhooks').expect(200)).body
    const { secret, ...rest } = made
    expect(got).to.deep.equal(rest)
    expect(list).to.deep.include({ total: 1, has_more: false })
    expect(list.items).to.deep.equal([rest])
    for (const answer of [got, list]) expect(JSON.stringify(answer)).not.to.include(secret.slice(6))
    // At rest: a ciphertext of the keyring, not the secret nor its key bytes.
    const [row] = await testStack().superSql<{ secret_ciphertext: Buffer }[]>`
      select secret_ciphertext from webhooks where id = ${made.id}`
    const stored = row!.secret_ciphertext
    expect(stored[0]).to.equal(0x01)
    expect(stored.toString('latin1')).not.to.include(secret)
    expect(stored.includes(Buffer.from(secret.slice(6), 'base64'))).to.equal(false)
  })

  it('re-encrypts the signing secret with the tenant secrets when the master key rotates (rotate-master)', async () => {
    const made = await create()
    const tenantId = (
      await testStack().superSql<{ tenant_id: string }[]>`
      select tenant_id from webhooks where id = ${made.id}`
    )[0]!.tenant_id
    const ciphertext = async () =>
      (
        await testStack().superSql<
          { c: Buffer }[]
        >`select secret_ciphertext as c from webhooks where id = ${made.id}`
      )[0]!.c
    const testKey = Buffer.from(testSecretsMasterKey, 'base64')
    const newKey = Buffer.alloc(32, 7)
    const column = webhooksPlugin.contributes.encryptedSecrets
    const forward = await rotateMasterKey(testStack().adminSql, makeKeyring(newKey, testKey), column)
    try {
      expect(forward.failed).to.deep.equal([])
      // Opens with the new key alone, to the secret create answered.
      expect(makeKeyring(newKey).decrypt(tenantId, `webhook:${made.id}`, await ciphertext())).to.equal(
        made.secret,
      )
    } finally {
      // Back under the tests' key, for every tenant of the shared database.
      const back = await rotateMasterKey(testStack().adminSql, makeKeyring(testKey, newKey), column)
      expect(back.failed).to.deep.equal([])
    }
    expect(makeKeyring(testKey).decrypt(tenantId, `webhook:${made.id}`, await ciphertext())).to.equal(
      made.secret,
    )
  })

  it('accepts the run event types a webhook can receive, and refuses others', async () => {
    const all = await create([...webhookEventTypes])
    expect(all.events).to.deep.equal([...webhookEventTypes])
    for (const events of [['execution.finished'], ['response.delta'], [], ['execution.completed', 'x']]) {
      const res = await api.post('/api/v1/webhooks').send({ url: `${receiver.url}/hook`, events })
      expect(res.status, JSON.stringify(events)).to.equal(400)
      expect(res.body.error_code).to.equal('VALIDATION_ERROR')
    }
    expect((await api.get('/api/v1/webhooks').expect(200)).body.total).to.equal(1)
  })

  it('refuses a URL the egress policy refuses, on create and on change, storing nothing', async () => {
    // The test policy allows 127.0.0.1 only, besides public addresses.
    const refused = [
      ['http://10.1.2.3/hook', 'private'],
      ['http://169.254.169.254/latest/meta-data', 'cloud-metadata'],
      ['http://[::1]:8080/hook', 'loopback'],
      ['ftp://hooks.example.com/x', 'scheme'],
      ['https://user:pass@hooks.example.com/x', 'userinfo'],
    ] as const
    for (const [url, reason] of refused) {
      const res = await api.post('/api/v1/webhooks').send({ url, events: ['execution.completed'] })
      expect(res.status, url).to.equal(422)
      expect(res.body.error_code).to.equal('EGRESS_DENIED')
      expect(res.body.details.pointer).to.equal('/url')
      expect(res.body.details.reason, url).to.equal(reason)
    }
    expect((await api.get('/api/v1/webhooks').expect(200)).body.total).to.equal(0)
    const made = await create()
    const res = await api.patch(`/api/v1/webhooks/${made.id}`).send({ url: 'http://192.168.1.10/hook' })
    expect(res.status).to.equal(422)
    expect(res.body.error_code).to.equal('EGRESS_DENIED')
    expect((await api.get(`/api/v1/webhooks/${made.id}`).expect(200)).body.url).to.equal(made.url)
  })

  it('changes events and URL, disables and enables by hand; a disabled webhook takes no test event', async () => {
    const made = await create()
    const changed = (
      await api
        .patch(`/api/v1/webhooks/${made.id}`)
        .send({ events: ['execution.failed'], url: `${receiver.url}/other` })
        .expect(200)
    ).body
    expect(changed).to.deep.include({ events: ['execution.failed'], url: `${receiver.url}/other` })
    const off = (await api.patch(`/api/v1/webhooks/${made.id}`).send({ enabled: false }).expect(200)).body
    expect(off).to.deep.include({ enabled: false, disabled_reason: 'manual' })
    expect(off.disabled_at).to.be.a('string')
    const refused = await api.post(`/api/v1/webhooks/${made.id}/test`).expect(409)
    expect(refused.body).to.deep.include({ error_code: 'WEBHOOKS_DISABLED' })
    expect(refused.body.details).to.deep.equal({ id: made.id, disabled_reason: 'manual' })
    const on = (await api.patch(`/api/v1/webhooks/${made.id}`).send({ enabled: true }).expect(200)).body
    expect(on).to.deep.include({ enabled: true, disabled_reason: null, disabled_at: null })
    await api.post(`/api/v1/webhooks/${made.id}/test`).expect(202)
  })

  it('logs a test event as a pending delivery, listed, readable and redeliverable; delete takes the log too', async () => {
    const made = await create()
    const delivery = (await api.post(`/api/v1/webhooks/${made.id}/test`).expect(202)).body
    expect(delivery).to.deep.include({
      webhook_id: made.id,
      event_type: 'webhook.test',
      execution_id: null,
      status: 'pending',
      attempts: 0,
      last_status_code: null,
      last_error_code: null,
      last_error: null,
      last_attempt_at: null,
    })
    expect(delivery.event_id).to.match(/^test:[0-9a-f-]{36}$/)
    const base = `/api/v1/webhooks/${made.id}/deliveries`
    expect((await api.get(`${base}/${delivery.id}`).expect(200)).body).to.deep.equal(delivery)
    const list = (await api.get(base).expect(200)).body
    expect(list).to.deep.include({ total: 1, has_more: false })
    expect(list.items[0].id).to.equal(delivery.id)
    expect((await api.get(`${base}?status=succeeded`).expect(200)).body.total).to.equal(0)
    expect((await api.get(`${base}?status=pending`).expect(200)).body.total).to.equal(1)
    const again = (await api.post(`${base}/${delivery.id}/redeliver`).expect(202)).body
    expect(again).to.deep.include({ id: delivery.id, status: 'pending' })
    // Another webhook of the same tenant does not name this delivery.
    const other = await create()
    const wrong = await api.get(`/api/v1/webhooks/${other.id}/deliveries/${delivery.id}`).expect(404)
    expect(wrong.body.error_code).to.equal('WEBHOOKS_DELIVERY_NOT_FOUND')
    const logged = () => testStack().superSql<{ n: number }[]>`
      select count(*)::int as n from webhook_deliveries where webhook_id = ${made.id}`
    expect((await logged())[0]!.n).to.equal(1)
    await api.delete(`/api/v1/webhooks/${made.id}`).expect(204)
    expect((await api.get(`/api/v1/webhooks/${made.id}`).expect(404)).body.error_code).to.equal(
      'WEBHOOKS_NOT_FOUND',
    )
    expect((await api.get(base).expect(404)).body.error_code).to.equal('WEBHOOKS_NOT_FOUND')
    expect((await logged())[0]!.n).to.equal(0)
  })

  it("answers 404 to another tenant for every operation on a tenant's webhook and deliveries", async () => {
    const made = await create()
    const delivery = (await api.post(`/api/v1/webhooks/${made.id}/test`).expect(202)).body
    const other = asTenant(await createTestTenant('webhooks-other'))
    const base = `/api/v1/webhooks/${made.id}`
    const calls = [
      other.get(base),
      other.patch(base).send({ enabled: false }),
      other.post(`${base}/test`),
      other.get(`${base}/deliveries`),
      other.get(`${base}/deliveries/${delivery.id}`),
      other.post(`${base}/deliveries/${delivery.id}/redeliver`),
      other.delete(base),
    ]
    for (const call of calls) {
      const res = await call
      expect(res.status).to.equal(404)
      expect(res.body.error_code).to.equal('WEBHOOKS_NOT_FOUND')
    }
    expect((await other.get('/api/v1/webhooks').expect(200)).body.total).to.equal(0)
    // The owner's webhook and delivery are as they were.
    expect((await api.get(base).expect(200)).body.enabled).to.equal(true)
    expect((await api.get(`${base}/deliveries`).expect(200)).body.total).to.equal(1)
  })
})
