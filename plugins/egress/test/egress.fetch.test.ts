// egress.fetch: the fetch-compatible entry point the MCP client uses. Same policy and pinned connection as
// egress.request (a refused address is never connected to, through the official MCP client too), no
// redirect followed, and a streamed body capped in bytes (TOO_LARGE) and in silence (TIMEOUT).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { expect } from 'chai'
import { createEgress, defaultEgressSettings, EgressError, type Egress } from '../egress.js'
import { countingServer, scriptedResolver } from './servers.js'

const limits = { timeoutMs: 5000, idleTimeoutMs: 300, maxResponseBytes: 1000 }

async function listen(handler: http.RequestListener) {
  const server = http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

const allowLocal = () =>
  createEgress({ ...defaultEgressSettings, allowHttp: true, allow: { ranges: ['127.0.0.1/32'], hosts: [] } })

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('it succeeded'),
    (error: unknown) => error,
  )

/** The EgressError somewhere in an error's cause chain. */
function egressErrorIn(error: unknown): EgressError | undefined {
  for (let e = error; e; e = (e as { cause?: unknown }).cause) if (e instanceof EgressError) return e
  return undefined
}

async function connectMcp(egress: Egress, url: string) {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    fetch: (input, init) => egress.fetch(input, init, limits),
  })
  const client = new Client({ name: 'test', version: '1.0.0' })
  try {
    await client.connect(transport)
  } finally {
    await client.close()
  }
}

describe('egress.fetch', () => {
  it('refuses an MCP client going to a private address, by name or literal, without connecting', async () => {
    const target = await countingServer('127.0.0.1')
    try {
      const egress = createEgress(
        { ...defaultEgressSettings, allowHttp: true },
        { resolver: scriptedResolver({ 'mcp.internal.test': ['127.0.0.1'] }) },
      )
      for (const url of [
        `http://mcp.internal.test:${target.port}/mcp`,
        `http://127.0.0.1:${target.port}/mcp`,
      ]) {
        const error = egressErrorIn(await rejection(connectMcp(egress, url)))
        expect(error?.code, url).to.equal('EGRESS_DENIED')
        expect(error?.denial?.reason).to.equal('loopback')
      }
      expect(target.connections()).to.equal(0)
    } finally {
      await target.close()
    }
  })

  it('returns a redirect as it is, without following it', async () => {
    let followed = 0
    const server = await listen((req, res) => {
      if (req.url === '/target') followed++
      res.writeHead(302, { location: '/target' }).end()
    })
    try {
      const response = await allowLocal().fetch(
        `${server.base}/start`,
        { method: 'POST', body: '{}' },
        limits,
      )
      expect(response.status).to.equal(302)
      expect(response.headers.get('location')).to.equal('/target')
      expect(followed).to.equal(0)
    } finally {
      await server.close()
    }
  })

  it('streams the body, and errors it past the byte cap (TOO_LARGE) or after a silence (TIMEOUT)', async () => {
    const server = await listen((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      if (req.url === '/endless') {
        const timer = setInterval(() => res.write(`data: ${'x'.repeat(200)}\n\n`), 5)
        res.on('close', () => clearInterval(timer))
      } else if (req.url === '/silent') res.write('data: one\n\n')
      else res.end('data: done\n\n')
    })
    try {
      const egress = allowLocal()
      const ok = await egress.fetch(`${server.base}/short`, undefined, limits)
      expect(await ok.text()).to.equal('data: done\n\n')
      const endless = await egress.fetch(`${server.base}/endless`, undefined, limits)
      expect(((await rejection(endless.text())) as EgressError).code).to.equal('TOO_LARGE')
      const silent = await egress.fetch(`${server.base}/silent`, undefined, limits)
      expect(((await rejection(silent.text())) as EgressError).code).to.equal('TIMEOUT')
    } finally {
      await server.close()
    }
  })
})
