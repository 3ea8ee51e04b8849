// "Each answered as a tool error within its limits while concurrent requests keep being served": the
// sandbox runs in worker threads, so a spinning tool never holds the event loop.
import { expect } from 'chai'
import supertest from 'supertest'
import { buildTestApp } from '../../../test/helpers/api.js'
import { plugins } from '../../index.js'
import { measureIsolationCost, measureSandboxCallCost } from '../sandbox/measure.js'

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

    // The timer's longest gap shows whether the event loop stalled: on the main thread it would be ~2 s.
    let last = performance.now()
    let longestGap = 0
    const ticker = setInterval(() => {
      const now = performance.now()
      longestGap = Math.max(longestGap, now - last)
      last = now
    }, 10)
    const ctx = { signal: new AbortController().signal, tenantId: 'tenant' }
    const finished: string[] = []
    const spinning = Promise.all([registry.run(tool, {}, ctx), registry.run(tool, {}, ctx)]).then(
      (results) => {
        finished.push('tools')
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
    expect(longestGap).to.be.below(1000)
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
