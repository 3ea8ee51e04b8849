// "Each answered as a tool error within its limits while concurrent requests keep being served": the
// sandbox runs in worker threads, so a spinning tool never holds the event loop.
import { expect } from 'chai'
import supertest from 'supertest'
import { buildTestApp } from '../../../test/helpers/api.js'
import { plugins } from '../../index.js'
import { measureIsolationCost, measureSandboxCallCost } from '../sandbox/measure.js'
import { noTransaction } from './fixtures.js'

const SPIN = 'export default () => { for (;;) {} }'

describe('the javascript sandbox under load', () => {
  it('keeps serving HTTP requests and timers while tools spin until their deadline', async () => {
    const built = buildTestApp({ plugins })
    const registry = built.container.resolve('toolKindsRegistry')
    expect(built.container.resolve('toolKindsRegistry')).to.equal(registry) // one per app: a singleton
    const prepared = await registry.prepareTool({ kind: 'javascript', code: SPIN, timeout_ms: 2000 })
    const tool = {
      id: 'spin',
      kind: prepared.kind,
      input_schema: prepared.inputSchema,
      config: prepared.config,
    }

    // Timer ticks while the tools spin show the event loop kept turning: a tool spinning on the main thread
    // would allow none until its deadline. (A count, not a latency bound: the machine may be loaded.)
    let ticks = 0
    const ticker = setInterval(() => ticks++, 10)
    const ctx = { signal: new AbortController().signal, tenantId: 'tenant', inTransaction: noTransaction }
    const finished: string[] = []
    let ticksWhileSpinning = 0
    const spinning = Promise.all([registry.run(tool, {}, ctx), registry.run(tool, {}, ctx)]).then(
      (results) => {
        finished.push('tools')
        ticksWhileSpinning = ticks
        return results
      },
    )
    try {
      for (let i = 0; i < 5; i++) {
        const response = await supertest(built.app).get('/health')
        expect(response.status).to.equal(200)
      }
      finished.push('requests')
      const results = await spinning
      for (const result of results)
        expect(result).to.deep.include({
          error: { code: 'TIMEOUT', message: 'the tool ran longer than its 2000 ms' },
        })
    } finally {
      clearInterval(ticker)
      await registry.close()
    }
    expect(finished).to.deep.equal(['requests', 'tools'])
    // 2 s of spinning at one tick per 10 ms is ~200 ticks on an idle machine.
    expect(ticksWhileSpinning).to.be.at.least(10)
  })

  it('measures a cold and warm call, and the cost of a fresh runtime per call (for the bench)', async () => {
    const cost = await measureSandboxCallCost({ calls: 3 })
    expect(cost.coldMs).to.be.a('number').above(0)
    expect(cost.warm.calls).to.equal(3)
    expect(cost.warm.p50Ms).to.be.at.most(cost.warm.p95Ms)
    const isolation = await measureIsolationCost(5)
    expect(isolation.freshRuntimeMs).to.be.above(0)
    expect(isolation.freshContextMs).to.be.above(0)
  })
})
