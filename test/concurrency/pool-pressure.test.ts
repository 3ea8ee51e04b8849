// Tenant context under pool pressure. postgres.js 3.4.9 could send BEGIN without reserving the
// connection when its pipeline was full (porsager/postgres#1189), letting other queries run inside one
// tenant's transaction. The driver is patched (patches/postgres+3.4.9.patch); this proves it end to end.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { expect } from 'chai'
import { createPool, type Sql } from '../../db/client.js'
import { buildTestApp, createTestTenant, type TestTenant } from '../helpers/api.js'
import { testStack } from '../harness/stack.js'

async function runWithConcurrency<T>(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(total)
  let next = 0
  const worker = async () => {
    while (next < total) {
      const i = next++
      results[i] = await task(i)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return results
}

for (const maxPipeline of [undefined, 3]) {
  describe(`tenant context under pool pressure (pipeline ${maxPipeline ?? 'default'})`, function () {
    this.timeout(120_000)
    let pool: Sql
    let server: Server
    let baseUrl: string
    const tenants: { tenant: TestTenant; toolIds: Set<string> }[] = []

    before(async () => {
      // A short pipeline puts BEGIN at the pipeline's boundary far more often, where #1189 struck.
      pool = createPool(testStack().database.appUrl, { max: 2, connectTimeoutSeconds: 10, maxPipeline })
      const built = buildTestApp({ sql: pool })
      server = built.app.listen(0, '127.0.0.1')
      await new Promise((resolve) => server.once('listening', resolve))
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      for (const label of ['pressure-a', 'pressure-b']) {
        const tenant = await createTestTenant(label)
        const toolIds = new Set<string>()
        for (let i = 0; i < 5; i++) {
          const res = await fetch(`${baseUrl}/api/v1/tools`, {
            method: 'POST',
            headers: { 'X-API-Key': tenant.apiKey, 'Content-Type': 'application/json' },
            body: JSON.stringify({ name: `${label}-tool-${i}`, description: 'pressure' }),
          })
          expect(res.status).to.equal(201)
          toolIds.add(((await res.json()) as { id: string }).id)
        }
        tenants.push({ tenant, toolIds })
      }
    })

    after(async () => {
      await new Promise((resolve) => server.close(resolve))
      await pool.end({ timeout: 5 })
    })

    it('serves 2,000 requests alternating two tenants at concurrency 200 on 2 connections without a leak', async () => {
      const outcomes = await runWithConcurrency(2000, 200, async (i) => {
        const { tenant, toolIds } = tenants[i % 2]!
        // Reads and writes interleave so transactions, auth lookups and commits pipeline onto the same connections.
        const write = i % 10 === 0
        const res = write
          ? await fetch(`${baseUrl}/api/v1/tools/${[...toolIds][i % 5]}`, {
              method: 'PATCH',
              headers: { 'X-API-Key': tenant.apiKey, 'Content-Type': 'application/json' },
              body: JSON.stringify({ description: `write ${i}` }),
            })
          : await fetch(`${baseUrl}/api/v1/tools?limit=100`, { headers: { 'X-API-Key': tenant.apiKey } })
        const body = (await res.json()) as { id?: string; items?: { id: string }[]; error_code?: string }
        const ids = write ? [body.id] : (body.items ?? []).map((item) => item.id)
        return {
          status: res.status,
          errorCode: body.error_code,
          foreign: ids.filter((id) => !id || !toolIds.has(id)),
        }
      })
      const statuses = new Map<number, number>()
      for (const outcome of outcomes) statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1)
      expect(Object.fromEntries(statuses), 'statuses').to.deep.equal({ 200: 2000 })
      expect(
        outcomes.flatMap((o) => o.foreign),
        'rows of the other tenant',
      ).to.deep.equal([])
    })

    it('leaves no connection inside a transaction afterwards', async () => {
      const [row] = await testStack().superSql<{ count: number }[]>`
      select count(*)::int as count from pg_stat_activity
       where usename = 'map_app' and state like 'idle in transaction%'`
      expect(row!.count).to.equal(0)
    })
  })
}
