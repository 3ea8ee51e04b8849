// GET /metrics on a port of its own (METRICS_PORT), for a scraper on a network the API's clients do not
// reach; the API port then never serves it. It serves the app's registry (or, in a cluster's primary, the
// workers' registries aggregated) and nothing else, and, when METRICS_TOKEN is set, only to
// `Authorization: Bearer <METRICS_TOKEN>`.
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { bearerMatches } from './metrics-access.js'

export interface MetricsServer {
  server: Server
  url: string
  close(): Promise<void>
}

export interface MetricsServerOptions {
  port: number
  host?: string
  /** Required as a bearer token when set. */
  token?: string | undefined
}

const plain = { 'Content-Type': 'text/plain; charset=utf-8' }

/** What is served: a prom-client Registry, or anything that renders an exposition the same way. */
export interface MetricsSource {
  readonly contentType: string
  metrics(): Promise<string>
}

export async function startMetricsServer(
  registry: MetricsSource,
  { port, host = '0.0.0.0', token }: MetricsServerOptions,
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, plain).end('Only GET /metrics is served here.\n')
      return
    }
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      res
        .writeHead(401, { ...plain, 'WWW-Authenticate': 'Bearer' })
        .end('Provide the metrics token as Authorization: Bearer <token>.\n')
      return
    }
    registry.metrics().then(
      (exposition) => {
        res.writeHead(200, { 'Content-Type': registry.contentType })
        res.end(req.method === 'HEAD' ? undefined : exposition)
      },
      () => res.writeHead(500, plain).end('Metrics failed.\n'),
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
