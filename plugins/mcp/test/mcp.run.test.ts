// MCP tools in a run (mock provider) against a real MCP server of the SDK: the step records the tool's
// output (structuredContent, or the text parts with placeholders for images), an isError result is the
// step's MCP_TOOL_ERROR, a server gone at call time is MCP_UNREACHABLE. A header's secret reaches the
// server and nothing else: not the stored server, not the step, not the reply.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { createAgent } from '../../runs/test/loop.helpers.js'
import { startMcpTestServer, type McpTestServer } from './mcp-test-server.js'

interface StepBody {
  type: string
  status: string
  tool_name?: string
  output?: unknown
  error?: { code: string; message: string }
}

describe('MCP tools in a run (mock provider)', function () {
  this.timeout(30_000)
  let mcp: McpTestServer
  let tenant: TestTenant
  let api: ReturnType<typeof asTenant>
  before(async () => {
    mcp = await startMcpTestServer()
  })
  after(() => mcp.close())
  beforeEach(async () => {
    tenant = await createTestTenant('mcp-run')
    api = asTenant(tenant)
  })

  const register = async (name: string, url: string, headers?: Record<string, string>) => {
    const res = await api.post('/api/v1/mcp-servers').send({ name, url, headers })
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    return new Map(
      (res.body.tools as { remote_name: string; id: string }[]).map((t) => [t.remote_name, t.id]),
    )
  }
  const run = async (agentId: string, prompt: string) => {
    const res = await api.post(`/api/v1/agents/${agentId}/run`).send({ model: 'gpt-4o', prompt }).expect(200)
    const steps = (await api.get(`/api/v1/executions/${res.body.id}/steps?limit=100`).expect(200)).body
      .items as StepBody[]
    return { res, tools: steps.filter((s) => s.type === 'tool') }
  }

  it('calls MCP tools: structured output, text with an image placeholder, and isError as a tool error', async () => {
    const tools = await register('kit', mcp.url)
    const agentId = await createAgent(api, 'mcp-agent', [
      tools.get('add')!,
      tools.get('picture')!,
      tools.get('fail')!,
    ])
    const callsBefore = mcp.calls()
    const { res, tools: steps } = await run(
      agentId,
      'use kit_add with {"a": 2, "b": 3} then use kit_picture with {} then use kit_fail with {}',
    )
    expect(res.body.status).to.equal('completed')
    expect(steps.map((s) => `${s.tool_name}:${s.status}`)).to.deep.equal([
      'kit_add:completed',
      'kit_picture:completed',
      'kit_fail:failed',
    ])
    expect(steps[0]!.output).to.deep.equal({ sum: 5 })
    expect(steps[1]!.output).to.equal('a red dot\n\n[image image/png, 16 bytes]')
    expect(steps[2]!.error).to.deep.equal({ code: 'MCP_TOOL_ERROR', message: 'the weather service is down' })
    expect(res.body.response).to.include('kit_add -> {"output":{"sum":5}}')
    expect(mcp.calls() - callsBefore).to.equal(3)
    // POST /tools/{id}/test runs it the same way.
    const tested = await api.post(`/api/v1/tools/${tools.get('add')!}/test`).send({ input: { a: 1, b: 1 } })
    expect(tested.status).to.equal(200)
    expect(tested.body.output).to.deep.equal({ sum: 2 })
  })

  it('records a server that went away as the step error MCP_UNREACHABLE', async () => {
    const own = await startMcpTestServer()
    const tools = await register('gone', own.url)
    await own.close()
    const agentId = await createAgent(api, 'gone-agent', [tools.get('echo')!])
    const { tools: steps } = await run(agentId, 'use gone_echo with {"text": "hi"}')
    expect(steps[0]!.status).to.equal('failed')
    expect(steps[0]!.error!.code).to.equal('MCP_UNREACHABLE')
  })

  it("sends a header's secret to the server only, and scrubs it from what the server echoes", async () => {
    const value = `tok-${randomUUID()}`
    await api.post('/api/v1/secrets').send({ name: 'MCP_TOKEN', value }).expect(201)
    const seen = mcp.requests.length
    const headers = { Authorization: 'Bearer {{secrets.MCP_TOKEN}}' }
    const created = await api
      .post('/api/v1/mcp-servers')
      .send({ name: 'sec', url: mcp.url, headers })
      .expect(201)
    expect(created.text).to.not.include(value)
    expect(created.body.headers).to.deep.equal(headers)
    // Every request of the registration carried the value.
    const registration = mcp.requests.slice(seen)
    expect(registration.length).to.be.greaterThan(0)
    expect(registration.every((h) => h.authorization === `Bearer ${value}`)).to.equal(true)

    const whoami = (created.body.tools as { remote_name: string; id: string }[]).find(
      (t) => t.remote_name === 'whoami',
    )!
    const agentId = await createAgent(api, 'sec-agent', [whoami.id])
    const { res, tools: steps } = await run(agentId, 'use sec_whoami with {}')
    expect(mcp.requests.at(-1)!.authorization).to.equal(`Bearer ${value}`)
    expect(steps[0]!.output).to.equal('you sent Bearer [secret MCP_TOKEN]')
    expect(JSON.stringify(res.body)).to.not.include(value)
    const stored = await testStack().superSql`
      select s.headers::text as headers, t.config::text as config
        from mcp_servers s join tools t on t.tenant_id = s.tenant_id and t.config->'mcp'->>'server_id' = s.id::text
       where s.tenant_id = ${tenant.tenantId}`
    expect(stored.length).to.be.greaterThan(0)
    expect(JSON.stringify(stored)).to.not.include(value)
    // The secret is in use: its tools are its dependents.
    const refused = await api.delete('/api/v1/secrets/MCP_TOKEN').expect(409)
    expect(refused.body.error_code).to.equal('SECRETS_IN_USE')
  })

  it('refuses to register a server whose header names a secret the tenant has not got', async () => {
    const res = await api
      .post('/api/v1/mcp-servers')
      .send({ name: 'nosecret', url: mcp.url, headers: { 'X-Key': '{{secrets.MISSING}}' } })
      .expect(502)
    expect(res.body.details.reason).to.equal('SECRETS_UNRESOLVED')
  })
})
