// Retries of what is safe to retry, against the live server: a 429 with a short Retry-After is waited out, a
// long one is the answer; a lost answer to a keyed POST is retried and replayed, not run twice; a 503 is
// retried for idempotent requests only. A proxy in front of the app loses answers and answers 503 on cue.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { isProblemError, ok, retryAfterMs } from '../../clients/typescript/src/index.js'
import { recordingFetch, startLive, type Live } from './live.js'

type Fault = 'drop-after-forwarding' | 'answer-503' | undefined

/** Forwards to `target`; `nextFault` spoils the next request once. */
async function startProxy(
  target: string,
): Promise<{ url: string; fail: (fault: Fault) => void; close: () => Promise<void> }> {
  let fault: Fault
  const server = http.createServer((req, res) => {
    const current = fault
    fault = undefined
    if (current === 'answer-503') {
      res.writeHead(503, { 'Content-Type': 'application/problem+json' })
      res.end(
        JSON.stringify({
          type: 'urn:mini-agent-platform:problem:SERVICE_UNAVAILABLE',
          title: 'Service unavailable',
          status: 503,
          detail: 'proxy says no',
          instance: 'urn:request:proxy',
          error_code: 'SERVICE_UNAVAILABLE',
          details: { reason: 'database_unavailable' },
        }),
      )
      return
    }
    const upstream = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.on('end', () => {
          // The server ran the request and answered; the client never hears it.
          if (current === 'drop-after-forwarding') return void req.socket.destroy()
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          res.end(Buffer.concat(chunks))
        })
      },
    )
    req.pipe(upstream)
  })
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fail: (next) => (fault = next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

describe('typed client retries', function () {
  this.timeout(60_000)

  describe('429 with Retry-After', () => {
    let live: Live
    before(async () => {
      live = await startLive({ RATE_LIMIT_REQUESTS: '1', RATE_LIMIT_WINDOW_SECONDS: '1' })
    })
    after(() => live.app.close())

    it('waits out a Retry-After within the cap and gets the answer', async () => {
      const recorder = recordingFetch()
      const api = live.client({ fetch: recorder.fetch, retry: { maxRetryAfterMs: 5_000 } })
      await ok(api.GET('/api/v1/tools'))
      const page = await ok(api.GET('/api/v1/tools'))
      expect(page.items).to.be.an('array')
      const statuses = recorder.attempts.map((a) => a.status)
      expect(statuses[0]).to.equal(200)
      expect(statuses.at(-1)).to.equal(200)
      expect(statuses.slice(1, -1)).to.include(429)
      expect(statuses.slice(1, -1).every((s) => s === 429)).to.be.true
    })

    it('answers the 429 when Retry-After is longer than the cap, as a typed problem', async () => {
      const recorder = recordingFetch()
      const api = live.client({ fetch: recorder.fetch, retry: { maxRetryAfterMs: 0 } })
      await ok(api.GET('/api/v1/tools')).catch(() => undefined)
      const error: unknown = await ok(api.GET('/api/v1/tools')).then(
        () => undefined,
        (e: unknown) => e,
      )
      if (!isProblemError(error)) throw new Error(`expected a ProblemError, got ${String(error)}`)
      expect(error.status).to.equal(429)
      expect(error.problem.error_code).to.equal('RATE_LIMIT_EXCEEDED')
      // one attempt per call: the first may be refused too (the window is the other test's), neither retried
      expect(recorder.attempts).to.have.length(2)
      expect(recorder.attempts.at(-1)!.status).to.equal(429)
    })
  })

  describe('lost answers and 503', () => {
    let live: Live
    let proxy: Awaited<ReturnType<typeof startProxy>>
    before(async () => {
      live = await startLive()
      proxy = await startProxy(live.app.url)
    })
    after(async () => {
      await proxy.close()
      await live.app.close()
    })

    it('retries a keyed POST whose answer was lost: the same key, the stored answer, one tool', async () => {
      const recorder = recordingFetch()
      const api = live.client({ baseUrl: proxy.url, fetch: recorder.fetch, retry: { backoffMs: 10 } })
      const name = `lost-answer-${randomUUID()}`
      proxy.fail('drop-after-forwarding')
      const created = await api.POST('/api/v1/tools', { body: { name, description: 'd' } })
      expect(created.response.status).to.equal(201)
      expect(created.response.headers.get('Idempotent-Replayed')).to.equal('true')
      expect(recorder.attempts.map((a) => a.status)).to.deep.equal([0, 201])
      const [first, second] = recorder.attempts
      expect(second!.idempotencyKey).to.equal(first!.idempotencyKey).and.to.be.a('string')
      const found = await ok(live.client().GET('/api/v1/tools', { params: { query: { limit: 100 } } }))
      expect(found.items.filter((t) => t.name === name)).to.have.length(1)
    })

    it('does not retry a lost PATCH (no Idempotency-Key): the network error is thrown', async () => {
      const recorder = recordingFetch()
      const api = live.client({ baseUrl: proxy.url, fetch: recorder.fetch, retry: { backoffMs: 10 } })
      const tool = await ok(
        api.POST('/api/v1/tools', { body: { name: `patched-${randomUUID()}`, description: 'd' } }),
      )
      recorder.attempts.length = 0
      proxy.fail('drop-after-forwarding')
      const error: unknown = await api
        .PATCH('/api/v1/tools/{id}', { params: { path: { id: tool.id } }, body: { description: 'e' } })
        .then(
          () => undefined,
          (e: unknown) => e,
        )
      expect(error).to.be.instanceOf(TypeError)
      expect(recorder.attempts.map((a) => a.status)).to.deep.equal([0])
    })

    it('retries a 503 for a GET, and answers it for a PATCH', async () => {
      const recorder = recordingFetch()
      const api = live.client({ baseUrl: proxy.url, fetch: recorder.fetch, retry: { backoffMs: 10 } })
      proxy.fail('answer-503')
      await ok(api.GET('/api/v1/tools'))
      expect(recorder.attempts.map((a) => a.status)).to.deep.equal([503, 200])

      const tool = await ok(
        api.POST('/api/v1/tools', { body: { name: `p503-${randomUUID()}`, description: 'd' } }),
      )
      recorder.attempts.length = 0
      proxy.fail('answer-503')
      const patched = await api.PATCH('/api/v1/tools/{id}', {
        params: { path: { id: tool.id } },
        body: { description: 'e' },
      })
      expect(patched.error?.error_code).to.equal('SERVICE_UNAVAILABLE')
      expect(recorder.attempts.map((a) => a.status)).to.deep.equal([503])
    })
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).to.equal(3000)
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).to.equal(6_000)
    expect(retryAfterMs(null)).to.equal(undefined)
    expect(retryAfterMs('soon')).to.equal(undefined)
  })
})
