// GET /metrics on a port of its own (METRICS_PORT), for a scraper on a network the API's clients do not
// reach. It serves the same registry as the app's /metrics, and nothing else.
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'

export interface MetricsServer {
  server: Server
  url: string
  close(): Promise<void>
}

export async function startMetricsServer(
  registry: Registry,
  port: number,
  host = '0.0.0.0',
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res
        .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('Only GET /metrics is served here.\n')
      return
    }
    registry.metrics().then(
      (exposition) => {
        res.writeHead(200, { 'Content-Type': registry.contentType })
        res.end(req.method === 'HEAD' ? undefined : exposition)
      },
      () => res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Metrics failed.\n'),
    )
  })
  server.listen(port, host)
  await once(server, 'listening')
  const { port: bound } = server.address() as AddressInfo
  return {
    server,
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeIdleConnections()
      }),
  }
}
