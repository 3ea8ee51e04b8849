// Shutdown disposes the container only once every operation handler has ended: a handler can outlive its
// connection (the client went away, its run records itself as cancelled), and a singleton resolved after
// the container was disposed is built again (a metric registered twice: a 500 and a run never recorded,
// as a bench's last in-flight runs showed). These check the tracker and that the handlers feed it.
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { expect } from 'chai'
import { makeWorkInFlight } from '../../app/kernel/work-in-flight.js'
import { startFakeOpenAI, type FakeOpenAI } from '../../plugins/models/test/fakes/openai-server.js'
import { asTenant, buildTestApp, createTestTenant, testConfig } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

const until = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('work in flight (what shutdown waits for before it disposes the container)', () => {
  it('settles at once when idle, when the last handler ends, or says false at its timeout', async () => {
    const work = makeWorkInFlight()
    expect(await work.settled(0)).to.equal(true)
    const first = work.begin()
    const second = work.begin()
    expect(work.count).to.equal(2)
    expect(await work.settled(20)).to.equal(false)
    const settled = work.settled(5_000)
    first()
    first() // a second call of the same end counts nothing
    expect(work.count).to.equal(1)
    second()
    expect(await settled).to.equal(true)
    expect(work.count).to.equal(0)
  })

  describe('fed by the operation handlers', function () {
    this.timeout(30_000)
    let fake: FakeOpenAI
    let server: Server | undefined

    before(async () => {
      fake = await startFakeOpenAI()
    })
    after(async () => {
      server?.closeAllConnections()
      server?.close()
      await fake.close()
    })

    it("counts a run whose client went away until the run has recorded itself, not until the connection's end", async () => {
      const built = buildTestApp({
        config: testConfig({ OPENAI_BASE_URL: fake.baseUrl, PROVIDER_TIMEOUT_MS: '600000' }),
      })
      const tenant = await createTestTenant('work-in-flight')
      const agentId = (
        await asTenant(tenant, built)
          .post('/api/v1/agents')
          .send({ name: 'leaver', role: 'r', description: 'd' })
          .expect(201)
      ).body.id as string
      expect(built.work.count).to.equal(0)
      server = built.app.listen(0, '127.0.0.1')
      await new Promise((resolve) => server!.once('listening', resolve))
      fake.next({ kind: 'hang' })
      const body = JSON.stringify({ prompt: 'Leave early', model: 'gpt-4o' })
      const socket = net.connect({ port: (server.address() as AddressInfo).port, host: '127.0.0.1' })
      socket.on('error', () => undefined)
      socket.write(
        [
          `POST /api/v1/agents/${agentId}/run HTTP/1.1`,
          'Host: 127.0.0.1',
          `X-API-Key: ${tenant.apiKey}`,
          'Content-Type: application/json',
          `Content-Length: ${Buffer.byteLength(body)}`,
          '',
          body,
        ].join('\r\n'),
      )
      await until(() => fake.requests.length === 1, 10_000)
      expect(built.work.count, 'the run at the model').to.equal(1)
      socket.destroy()
      expect(await built.work.settled(10_000), 'the handler ended').to.equal(true)
      const rows = await testStack().superSql<{ status: string }[]>`
        select status from execution_logs where tenant_id = ${tenant.tenantId}`
      expect(
        rows.map((row) => row.status),
        'recorded by the time it settled',
      ).to.deep.equal(['cancelled'])
    })
  })
})
