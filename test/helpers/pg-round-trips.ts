// Counts what an app sends to PostgreSQL: a pool whose connections go through a local TCP relay that
// counts the chunks the app writes. A statement that waits for an earlier answer is a chunk of its own, so
// the chunks of one request are at least its round trips (one write of a few KB arrives as one chunk here).
import net from 'node:net'
import { once } from 'node:events'
import { createPool, type Sql } from '../../db/client.js'
import type { BuiltApp } from '../../app/kernel/create-app.js'
import { testStack } from '../harness/stack.js'
import { asTenant, buildTestApp, createTestTenant, testConfig } from './api.js'

export interface CountedPool {
  sql: Sql
  /** Chunks the app wrote to PostgreSQL since the pool was made (the auth cache's listener aside). */
  sent(): number
  /**
   * The fewest chunks one call of request wrote, over a few calls, each made once app's caches are trusted.
   * A cache the request missed (the API key, the tenant's settings: trusted only while the invalidation
   * listener's heartbeats arrive, which a loaded machine can delay) adds writes; nothing removes any, so
   * the fewest is what the route itself sends.
   */
  fewestWrites(app: BuiltApp, request: () => Promise<unknown>, tries?: number): Promise<number>
  close(): Promise<void>
}

/** The app role's pool (one connection, so a request's statements share one relay), counted. */
export async function countedAppPool(): Promise<CountedPool> {
  const target = new URL(testStack().database.appUrl)
  let chunks = 0
  const sockets = new Set<net.Socket>()
  const relay = net.createServer((client) => {
    const server = net.connect(Number(target.port), target.hostname)
    for (const socket of [client, server]) {
      sockets.add(socket)
      socket.on('error', () => client.destroy())
      socket.on('close', () => (client.destroy(), server.destroy()))
    }
    // The auth cache's listener has a connection of its own (application_name ...:auth-cache, in the
    // startup message) and sends its heartbeats on a timer: not a request's writes.
    let listener: boolean | undefined
    client.on('data', (chunk: Buffer) => {
      listener ??= chunk.includes(':auth-cache')
      if (!listener) chunks++
      server.write(chunk)
    })
    server.pipe(client)
  })
  relay.listen(0, '127.0.0.1')
  await once(relay, 'listening')
  const url = Object.assign(new URL(target), { port: String((relay.address() as net.AddressInfo).port) })
  const sql = createPool(url.toString(), { max: 1, connectTimeoutSeconds: 10 })
  return {
    sql,
    sent: () => chunks,
    async fewestWrites(app, request, tries = 5) {
      let fewest = Infinity
      for (let i = 0; i < tries; i++) {
        const deadline = Date.now() + 5_000
        while (!app.container.cradle.keyCache.status().fresh && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 10))
        const before = chunks
        await request()
        fewest = Math.min(fewest, chunks - before)
      }
      return fewest
    },
    async close() {
      await sql.end({ timeout: 5 })
      for (const socket of sockets) socket.destroy()
      relay.close()
    },
  }
}

/** A tenant's API on an app whose pool is counted (countedAppPool), with the caches on as in production. */
export interface CountedTenant {
  api: ReturnType<typeof asTenant>
  /** The fewest writes one call of request made (CountedPool.fewestWrites). */
  writesOf(request: () => Promise<unknown>): Promise<number>
  close(): Promise<void>
}

export async function countedTenant(label: string): Promise<CountedTenant> {
  const pool = await countedAppPool()
  // The key and the tenant's settings cached, so a request's writes are its own.
  const config = testConfig({ AUTH_CACHE_TTL_MS: '60000', TENANT_SETTINGS_CACHE_MS: '60000' })
  const app = buildTestApp({ sql: pool.sql, config })
  return {
    api: asTenant(await createTestTenant(label), app),
    writesOf: (request) => pool.fewestWrites(app, request),
    close: () => pool.close(),
  }
}
