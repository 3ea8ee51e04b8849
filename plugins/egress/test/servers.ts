// Local servers for the egress tests: one that only counts connections (proof that a refused request
// never connected), and a resolver the tests script (private names, rebinding) with a count of its calls.
import net from 'node:net'
import type { ResolvedAddress, Resolver } from '../egress.js'

export interface CountingServer {
  port: number
  connections: () => number
  close(): Promise<void>
}

/** Listens on host:port (0: any free port); counts every TCP connection, answers nothing. */
export async function countingServer(host: string, port = 0): Promise<CountingServer> {
  let count = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    count += 1
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => count,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** Answers from a table (an answer per call for a name whose answers change); counts its calls. */
export function scriptedResolver(
  table: Record<string, string[] | string[][]>,
): Resolver & { calls: string[] } {
  const calls: string[] = []
  const resolver = (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname)
    const entry = table[hostname]
    if (!entry) return Promise.reject(new Error(`ENOTFOUND ${hostname}`))
    const round = calls.filter((name) => name === hostname).length - 1
    const answers = (Array.isArray(entry[0]) ? entry[Math.min(round, entry.length - 1)] : entry) as string[]
    return Promise.resolve(answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })))
  }
  return Object.assign(resolver, { calls })
}
