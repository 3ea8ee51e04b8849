// http tools with tenant secrets: `{{secrets.NAME}}` in a header or query value reaches the server and
// nothing else. The step, the tool test's answer and the model's view hold `[secret NAME]` where a careless
// server echoed it; every use is an audit event naming the tool (and the run); input never resolves one.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { createAgent, createTool } from '../../runs/test/loop.helpers.js'
import { startUpstream, type Upstream } from './local-server.js'

type Api = ReturnType<typeof asTenant>

/** A request URL's query as an object (the stored query's order is the database's). */
const query = (url: string) => Object.fromEntries(new URL(url, 'http://upstream').searchParams)

describe('http tools with secrets', function () {
  this.timeout(30_000)
  let upstream: Upstream
  let tenant: TestTenant
  let api: Api
  const value = `tok-${randomUUID()}`

  before(async () => {
    upstream = await startUpstream()
  })
  after(() => upstream.close())
  beforeEach(async () => {
    tenant = await createTestTenant('http-secrets')
    api = asTenant(tenant)
    await api.post('/api/v1/secrets').send({ name: 'API_TOKEN', value }).expect(201)
  })

  const echoTool = (name: string, path = '/echo-headers') =>
    createTool(api, {
      name,
      kind: 'http',
      http: {
        url: `${upstream.base}${path}`,
        headers: { Authorization: 'Bearer {{secrets.API_TOKEN}}' },
        query: { key: '{{secrets.API_TOKEN}}', q: '{q}' },
      },
    })
  const usesOf = (toolId: string) =>
    testStack().superSql<{ target: string; details: Record<string, unknown> }[]>`
      select target, details from audit_events
       where tenant_id = ${tenant.tenantId} and action = 'secret.used' and details->>'tool_id' = ${toolId}
       order by seq`

  it('sends the value in the header and query, answers with it redacted, and audits the use', async () => {
    const toolId = await echoTool('echo')
    const res = await api.post(`/api/v1/tools/${toolId}/test`).send({ input: { q: 'hi' } })
    expect(res.status).to.equal(200)
    const received = upstream.requests.at(-1)!
    expect(received.headers.authorization).to.equal(`Bearer ${value}`)
    expect(query(received.url)).to.deep.equal({ key: value, q: 'hi' })
    expect(res.text).to.not.include(value)
    const output = res.body.output as { body: { url: string; headers: Record<string, string> } }
    expect(output.body.headers.authorization).to.equal('Bearer [secret API_TOKEN]')
    expect(query(output.body.url)).to.deep.equal({ key: '[secret API_TOKEN]', q: 'hi' })
    expect(res.body.output.headers['x-request-id']).to.equal('Bearer [secret API_TOKEN]')
    expect(await usesOf(toolId)).to.deep.equal([
      { target: 'secret:API_TOKEN', details: { secret: 'API_TOKEN', tool_id: toolId, execution_id: null } },
    ])
    const listed = await api.get('/api/v1/secrets').expect(200)
    expect(listed.body.items[0].last_used_at).to.be.a('string')
  })

  it('redacts the value from an upstream error the model sees', async () => {
    const toolId = await echoTool('failing', '/echo-fail')
    const res = await api.post(`/api/v1/tools/${toolId}/test`).send({ input: { q: 'x' } })
    expect(res.body.error).to.deep.equal({
      code: 'UPSTREAM_ERROR',
      message: 'the server answered 503: down; you sent Bearer [secret API_TOKEN]',
    })
    expect(res.text).to.not.include(value)
  })

  it('records a run step without the value, and the use with the run', async () => {
    const toolId = await echoTool('lookup')
    const agentId = await createAgent(api, 'secret-agent', [toolId])
    const run = await api
      .post(`/api/v1/agents/${agentId}/run`)
      .send({ model: 'gpt-4o', prompt: 'use lookup with {"q": "weather"}' })
      .expect(200)
    expect(run.body.status).to.equal('completed')
    const steps = await api.get(`/api/v1/executions/${run.body.id}/steps?limit=100`).expect(200)
    const toolStep = (steps.body.items as { type: string; output: { body: { url: string } } }[]).find(
      (s) => s.type === 'tool',
    )!
    expect(query(toolStep.output.body.url)).to.deep.equal({ key: '[secret API_TOKEN]', q: 'weather' })
    const execution = await api.get(`/api/v1/executions/${run.body.id}`).expect(200)
    for (const text of [run.text, steps.text, execution.text]) expect(text).to.not.include(value)
    expect(upstream.requests.at(-1)!.headers.authorization).to.equal(`Bearer ${value}`)
    expect((await usesOf(toolId)).map((use) => use.details.execution_id)).to.deep.equal([run.body.id])
  })

  it('never resolves a reference that comes from the input', async () => {
    await api.post('/api/v1/secrets').send({ name: 'OTHER', value: 'other-value' }).expect(201)
    const toolId = await echoTool('probe')
    const res = await api
      .post(`/api/v1/tools/${toolId}/test`)
      .send({ input: { q: '{{secrets.OTHER}}' } })
      .expect(200)
    expect(query(upstream.requests.at(-1)!.url)).to.deep.equal({ key: value, q: '{{secrets.OTHER}}' })
    expect(res.text).to.not.include('other-value')
    const others = await testStack().superSql`
      select 1 from audit_events where tenant_id = ${tenant.tenantId} and target = 'secret:OTHER'`
    expect(others).to.have.length(0)
  })

  it('answers a call whose secret is missing with SECRETS_UNRESOLVED, sending nothing', async () => {
    const toolId = await createTool(api, {
      name: 'missing',
      kind: 'http',
      http: { url: `${upstream.base}/echo`, headers: { 'X-Key': '{{secrets.NOT_THERE}}' } },
    })
    const before = upstream.requests.length
    const res = await api.post(`/api/v1/tools/${toolId}/test`).send({ input: {} }).expect(200)
    expect(res.body.error).to.deep.equal({
      code: 'SECRETS_UNRESOLVED',
      message: 'No secret named NOT_THERE.',
    })
    expect(upstream.requests.length).to.equal(before)
  })

  it('refuses a reference in the URL or body, or one not well formed, when the tool is stored', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: `${upstream.base}/x/{{secrets.API_TOKEN}}` }, '/http/url'],
      [
        { method: 'POST', url: `${upstream.base}/x`, body: { token: '{{secrets.API_TOKEN}}' } },
        '/http/body/token',
      ],
      [{ url: `${upstream.base}/x`, headers: { 'X-Key': '{{secrets.API TOKEN}}' } }, '/http/headers/X-Key'],
      [{ url: `${upstream.base}/x`, query: { k: 'a{{secrets.API_TOKEN}' } }, '/http/query/k'],
    ]
    for (const [http, pointer] of cases) {
      const res = await api
        .post('/api/v1/tools')
        .send({ name: 'refused', description: 'd', kind: 'http', http })
      expect(res.status, JSON.stringify(http)).to.equal(422)
      expect(res.body.error_code).to.equal('INVALID_TOOL_CONFIG')
      expect(res.body.details.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal([pointer])
    }
  })

  it('keeps a referenced secret from deletion (409 naming the tool) until the tool goes', async () => {
    const toolId = await echoTool('holder')
    const refused = await api.delete('/api/v1/secrets/API_TOKEN').expect(409)
    expect(refused.body.error_code).to.equal('SECRETS_IN_USE')
    expect(refused.body.details.dependent_tools).to.deep.equal([{ id: toolId, name: 'holder' }])
    await api.delete(`/api/v1/tools/${toolId}`).expect(204)
    await api.delete('/api/v1/secrets/API_TOKEN').expect(204)
  })

  it("cannot use another tenant's secret of the same name", async () => {
    const other = asTenant(await createTestTenant('http-secrets-other'))
    const toolId = await createTool(other, {
      name: 'borrow',
      kind: 'http',
      http: { url: `${upstream.base}/echo`, headers: { Authorization: '{{secrets.API_TOKEN}}' } },
    })
    const res = await other.post(`/api/v1/tools/${toolId}/test`).send({ input: {} }).expect(200)
    expect(res.body.error.code).to.equal('SECRETS_UNRESOLVED')
    expect(upstream.requests.some((r) => r.headers.authorization === value && r.url === '/echo')).to.equal(
      false,
    )
  })
})
