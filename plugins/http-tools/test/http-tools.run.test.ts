// A run whose (mock) model calls an http tool against a local server: the tool step records the output,
// and a failing call (a 5xx) is recorded as the step's error and fed back to the model.
import { expect } from 'chai'
import { asTenant, createTestTenant } from '../../../test/helpers/api.js'
import { createAgent, createTool } from '../../runs/test/loop.helpers.js'
import { startUpstream, type Upstream } from './local-server.js'

interface StepBody {
  index: number
  type: string
  status: string
  tool_name?: string
  output?: unknown
  error?: { code: string; message: string }
}

describe('http tools in a run (mock provider)', function () {
  this.timeout(30_000)
  let upstream: Upstream
  before(async () => {
    upstream = await startUpstream()
  })
  after(() => upstream.close())

  it('records the http call as a tool step with its output, and a 5xx as its error', async () => {
    const api = asTenant(await createTestTenant('http-run'))
    const lookup = await createTool(api, {
      name: 'lookup',
      kind: 'http',
      http: { method: 'POST', url: `${upstream.base}/echo/{city}`, body: { city: '{city}' } },
      input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    })
    const broken = await createTool(api, {
      name: 'broken',
      kind: 'http',
      http: { url: `${upstream.base}/fail` },
    })
    const agentId = await createAgent(api, 'http-agent', [lookup, broken])
    const res = await api
      .post(`/api/v1/agents/${agentId}/run`)
      .send({ model: 'gpt-4o', prompt: 'use lookup with {"city": "Zürich"} then use broken with {}' })
      .expect(200)
    expect(res.body.status).to.equal('completed')
    const steps = (await api.get(`/api/v1/executions/${res.body.id}/steps?limit=100`).expect(200)).body
      .items as StepBody[]
    expect(steps.map((s) => `${s.index}:${s.type}:${s.status}`)).to.deep.equal([
      '0:model:completed',
      '1:tool:completed',
      '2:model:completed',
      '3:tool:failed',
      '4:model:completed',
    ])
    expect(steps[1]).to.deep.include({ tool_name: 'lookup' })
    expect(steps[1]!.output).to.deep.include({
      status: 200,
      truncated: false,
      body: { method: 'POST', url: '/echo/Z%C3%BCrich', body: { city: 'Zürich' } },
    })
    expect(steps[3]).to.deep.include({ tool_name: 'broken' })
    expect(steps[3]!.error!.code).to.equal('UPSTREAM_ERROR')
    // The model saw both results.
    expect(res.body.response).to.include('lookup -> {"output":{"status":200')
    expect(res.body.response).to.match(/broken -> \{"error":\{"code":"UPSTREAM_ERROR"/)
    expect(upstream.requests.filter((r) => r.url.startsWith('/echo/Z'))).to.have.length(1)
  })
})
