// What the egress module does once a target passed the policy: it connects to the address it checked
// (a second DNS answer is never asked for), does not follow redirects, and caps time and bytes while the
// answer streams in (endless bodies cut, slow trickles and silent servers timed out), decompressing nothing.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import type { EgressError } from '../egress.js'
import { createEgress, defaultEgressSettings } from '../egress.js'
import { countingServer, scriptedResolver } from './servers.js'

async function listen(handler: http.RequestListener, host = '127.0.0.1', port = 0) {
  const server = http.createServer(handler)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

const allowLocal = (resolver?: ReturnType<typeof scriptedResolver>, ranges = ['127.0.0.1/32']) =>
  createEgress({ ...defaultEgressSettings, allowHttp: true, allow: { ranges, hosts: [] } }, { resolver })

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('the request succeeded'),
    (error: unknown) => error as EgressError,
  )

describe('egress: connecting, redirects and caps', () => {
  it('connects to the address it checked: a rebinding second answer is never asked for', async () => {
    // 127.0.0.2 stands for a public address (the operator allows it); 127.0.0.1 for the private one the
    // name would rebind to. Both listen on the same port.
    const privateServer = await countingServer('127.0.0.1')
    const publicServer = await listen((_req, res) => res.end('public'), '127.0.0.2', privateServer.port)
    try {
      const resolver = scriptedResolver({ 'rebind.example.test': [['127.0.0.2'], ['127.0.0.1']] })
      const egress = allowLocal(resolver, ['127.0.0.2/32'])
      const url = new URL(`http://rebind.example.test:${privateServer.port}/`)
      const response = await egress.request({ url, method: 'GET', timeoutMs: 5000, maxResponseBytes: 100 })
      expect(response.body.toString()).to.equal('public')
      expect(response.address).to.equal('127.0.0.2')
      expect(resolver.calls).to.deep.equal(['rebind.example.test'])
      expect(privateServer.connections()).to.equal(0)
      // A second request resolves again and is refused for the private answer, still without connecting.
      const error = await failureOf(
        egress.request({ url, method: 'GET', timeoutMs: 5000, maxResponseBytes: 1 }),
      )
      expect(error.code).to.equal('EGRESS_DENIED')
      expect(privateServer.connections()).to.equal(0)
    } finally {
      await publicServer.close()
      await privateServer.close()
    }
  })

  it('returns a redirect to a private address as the answer, without following it', async () => {
    const target = await countingServer('127.0.0.3')
    const redirecting = await listen((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.3:${target.port}/secret` }).end()
    })
    try {
      const response = await allowLocal().request({
        url: new URL(`http://127.0.0.1:${redirecting.port}/`),
        method: 'GET',
        timeoutMs: 5000,
        maxResponseBytes: 100,
      })
      expect(response.status).to.equal(302)
      expect(response.headers.location).to.equal(`http://127.0.0.3:${target.port}/secret`)
      expect(target.connections()).to.equal(0)
    } finally {
      await redirecting.close()
      await target.close()
    }
  })

  it('cuts an endless body at the byte cap and marks it truncated', async () => {
    let written = 0
    const endless = await listen((_req, res) => {
      const chunk = Buffer.alloc(16 * 1024, 'a')
      const pump = () => {
        while (!res.destroyed) {
          written += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
      }
      pump()
    })
    try {
      const response = await allowLocal().request({
        url: new URL(`http://127.0.0.1:${endless.port}/`),
        method: 'GET',
        timeoutMs: 10_000,
        maxResponseBytes: 100_000,
      })
      expect(response.truncated).to.equal(true)
      expect(response.body.length).to.equal(100_000)
      expect(written).to.be.at.least(100_000)
    } finally {
      await endless.close()
    }
  })

  it('times out a slow-loris body that trickles under every per-read timeout', async () => {
    const trickle = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      const timer = setInterval(() => res.write('.'), 50)
      res.on('close', () => clearInterval(timer))
    })
    try {
      const error = await failureOf(
        allowLocal().request({
          url: new URL(`http://127.0.0.1:${trickle.port}/`),
          method: 'GET',
          timeoutMs: 600,
          maxResponseBytes: 1_000_000,
        }),
      )
      expect(error.code).to.equal('TIMEOUT')
    } finally {
      await trickle.close()
    }
  })

  it('times out a server that never answers', async () => {
    const silent = await countingServer('127.0.0.1')
    try {
      const error = await failureOf(
        allowLocal().request({
          url: new URL(`http://127.0.0.1:${silent.port}/`),
          method: 'GET',
          timeoutMs: 300,
          maxResponseBytes: 100,
        }),
      )
      expect(error.code).to.equal('TIMEOUT')
      expect(silent.connections()).to.equal(1)
    } finally {
      await silent.close()
    }
  })

  it('asks for no compression and decompresses nothing: a gzip bomb stays its compressed size', async () => {
    const { gzipSync } = await import('node:zlib')
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024))
    let acceptEncoding: string | undefined = 'not seen'
    const server = await listen((req, res) => {
      acceptEncoding = req.headers['accept-encoding']
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' }).end(bomb)
    })
    try {
      const response = await allowLocal().request({
        url: new URL(`http://127.0.0.1:${server.port}/`),
        method: 'GET',
        timeoutMs: 5000,
        maxResponseBytes: 1_000_000,
      })
      expect(acceptEncoding).to.equal(undefined)
      expect(response.body.length).to.equal(bomb.length)
      expect(response.truncated).to.equal(false)
    } finally {
      await server.close()
    }
  })

  it('cancels when the caller aborts', async () => {
    const silent = await countingServer('127.0.0.1')
    try {
      const controller = new AbortController()
      const pending = failureOf(
        allowLocal().request({
          url: new URL(`http://127.0.0.1:${silent.port}/`),
          method: 'GET',
          timeoutMs: 30_000,
          maxResponseBytes: 100,
          signal: controller.signal,
        }),
      )
      setTimeout(() => controller.abort(), 50)
      expect((await pending).code).to.equal('CANCELLED')
    } finally {
      await silent.close()
    }
  })
})
