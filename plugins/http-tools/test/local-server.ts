// The upstream the http tool tests call: a node:http server on 127.0.0.1 (the test config's EGRESS_ALLOW),
// one route per behaviour.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Upstream {
  base: string
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[]
  close(): Promise<void>
}

const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void> = {
  '/echo': (req, res, body) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'set-cookie': 'session=secret',
      'x-internal-token': 'leak',
      etag: '"v1"',
    })
    res.end(JSON.stringify({ method: req.method, url: req.url, body: body === '' ? null : JSON.parse(body) }))
  },
  // Echoes what a careless server would: the request's headers and URL (secrets tests look for leaks).
  '/echo-headers': (req, res) =>
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-request-id': req.headers.authorization ?? '' })
      .end(JSON.stringify({ url: req.url, headers: req.headers })),
  '/echo-fail': (req, res) =>
    res.writeHead(503, { 'content-type': 'text/plain' }).end(`down; you sent ${req.headers.authorization}`),
  '/text': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('plain words'),
  '/fail': (_req, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('upstream down'),
  '/not-json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('<html>oops'),
  '/binary': (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'image/png' })
      .end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0xff, 0xfe])),
  '/big': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(5000)),
  '/silent': () => undefined,
}

export async function startUpstream(): Promise<Upstream> {
  const requests: Upstream['requests'] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body })
      const path = `/${(req.url ?? '/').split(/[/?]/)[1] ?? ''}`
      const route = routes[path]
      if (route) route(req, res, body)
      else res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
