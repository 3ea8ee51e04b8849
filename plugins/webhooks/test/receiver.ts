// Webhook receivers the tests run on 127.0.0.1 (the test configuration's EGRESS_ALLOW): each request is kept
// (headers and raw body, as a receiver verifies them) and answered as the test says, per request.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  url: string
  headers: Record<string, string>
  body: string
}

/** What to do with the n-th request (from 0): a status to answer, or hang until the server closes. */
export type Behaviour = (n: number, request: Received) => number | 'hang'

export interface Receiver {
  url: string
  port: number
  received: Received[]
  /** Changes how the next requests are answered. */
  answer(behaviour: Behaviour): void
  close(): Promise<void>
}

/** A receiver on `port` (0: any free one), answering 204 until told otherwise. */
export async function startReceiver(port = 0, behaviour: Behaviour = () => 204): Promise<Receiver> {
  const received: Received[] = []
  let current = behaviour
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request: Received = {
        url: req.url ?? '/',
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([name, value]) => [name, [value ?? ''].flat().join(', ')]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
      }
      const answer = current(received.length, request)
      received.push(request)
      if (answer !== 'hang') res.writeHead(answer).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const bound = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    received,
    answer: (next) => (current = next),
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

let fixtureReceiver: Promise<Receiver> | undefined

/** The receiver the plugin's fixture webhooks point at (started once, on first use). */
export async function fixtureReceiverUrl(): Promise<string> {
  fixtureReceiver ??= startReceiver()
  return (await fixtureReceiver).url
}
