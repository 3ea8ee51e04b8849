// The sandbox's workers belong to the app: started on the first javascript call, stopped when the app's
// container is disposed (graceful shutdown does it, app/server.ts), and started again on demand.
import { readdirSync } from 'node:fs'
import { expect } from 'chai'
import { asTenant, buildTestApp, createTestTenant } from '../../../test/helpers/api.js'

/** This process's OS threads: each sandbox worker is one (idle workers are unref'd, invisible to Node). */
const threads = (): number => readdirSync('/proc/self/task').length

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the sandbox workers over an app lifetime (Linux: /proc)', () => {
  it('stops the workers when the container is disposed, and a later call starts them again', async () => {
    const built = buildTestApp({ redis: 'memory' })
    const api = asTenant(await createTestTenant('lifecycle'), built)
    const tool = await api
      .post('/api/v1/tools')
      .send({ name: 'one', description: 'd', kind: 'javascript', code: 'export default () => 1' })
      .expect(201)
    const tested = await api.post(`/api/v1/tools/${tool.body.id}/test`).send({ input: {} }).expect(200)
    expect(tested.body.output).to.equal(1)
    const running = threads()

    await built.container.dispose()
    await until(() => threads() < running, 'the worker threads to end')

    const again = buildTestApp({ redis: 'memory' })
    const res = await asTenant(await createTestTenant('lifecycle'), again)
      .post('/api/v1/tools')
      .send({ name: 'two', description: 'd', kind: 'javascript', code: 'export default () => 2' })
    expect(res.status, 'a new app compiles in a fresh pool').to.equal(201)
  })
})
