// MCP servers through the API, against a real MCP server (the SDK's) on 127.0.0.1: registration
// materialises the listed tools with their schemas; refresh adds, updates and removes; delete and refresh
// refuse while an agent uses a tool; failures store nothing; another tenant sees and changes nothing.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'chai'
import { asTenant, createTestTenant } from '../../../test/helpers/api.js'
import { createAgent } from '../../runs/test/loop.helpers.js'
import { startMcpTestServer, type McpTestServer } from './mcp-test-server.js'

type Api = ReturnType<typeof asTenant>

interface ServerBody {
  id: string
  name: string
  tools: {
    id: string
    name: string
    remote_name: string
    description: string
    input_schema: Record<string, unknown>
  }[]
  skipped_tools?: { remote_name: string; reason: string }[]
}

describe('MCP servers (API)', function () {
  this.timeout(30_000)
  let mcp: McpTestServer
  let api: Api
  before(async () => {
    mcp = await startMcpTestServer()
  })
  after(() => mcp.close())
  beforeEach(async () => {
    api = asTenant(await createTestTenant('mcp'))
  })

  const register = async (name: string, url = mcp.url) => {
    const res = await api.post('/api/v1/mcp-servers').send({ name, url })
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    return res.body as ServerBody
  }
  const toolCount = async () => (await api.get('/api/v1/tools?limit=100').expect(200)).body.total as number

  it('materialises each listed tool as a tool of kind mcp, with the server schema', async () => {
    const server = await register('docs')
    expect(server.tools.map((t) => t.name).sort()).to.deep.equal([
      'docs_add',
      'docs_echo',
      'docs_fail',
      'docs_picture',
      'docs_whoami',
    ])
    expect(server.skipped_tools).to.deep.equal([])
    const echo = server.tools.find((t) => t.remote_name === 'echo')!
    expect(echo.description).to.equal('Echoes its text')
    // pattern and the draft-07 $schema are dropped; the rest is the server's.
    expect(echo.input_schema).to.deep.equal({
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
    })
    const tool = (await api.get(`/api/v1/tools/${echo.id}`).expect(200)).body
    expect(tool).to.deep.include({ kind: 'mcp', name: 'docs_echo' })
    expect(tool.mcp).to.deep.equal({ server_id: server.id, url: mcp.url, headers: {}, tool: 'echo' })
    expect((await api.get(`/api/v1/mcp-servers/${server.id}`).expect(200)).body.tools).to.have.length(5)
    const list = (await api.get('/api/v1/mcp-servers').expect(200)).body
    expect(list).to.deep.include({ total: 1, has_more: false })
    expect(list.items[0].id).to.equal(server.id)
  })

  it('keeps tools of kind mcp out of /api/v1/tools writes, except name and description', async () => {
    const server = await register('docs')
    const made = await api
      .post('/api/v1/tools')
      .send({ name: 'forged', description: 'A forged MCP tool', kind: 'mcp' })
      .expect(422)
    expect(made.body.error_code).to.equal('INVALID_TOOL_CONFIG')
    const echo = server.tools.find((t) => t.remote_name === 'echo')!
    const redefined = await api
      .patch(`/api/v1/tools/${echo.id}`)
      .send({ input_schema: { type: 'object' } })
      .expect(422)
    expect(redefined.body.error_code).to.equal('INVALID_TOOL_CONFIG')
    await api
      .put(`/api/v1/tools/${echo.id}`)
      .send({ name: 'docs_echo', description: 'Replaced', kind: 'mcp' })
      .expect(422)
    const renamed = await api
      .patch(`/api/v1/tools/${echo.id}`)
      .send({ description: 'Says it back' })
      .expect(200)
    expect(renamed.body.description).to.equal('Says it back')
  })

  it('refuses a second server of the same name, and a tool name already taken, storing nothing', async () => {
    await register('docs')
    const again = await api.post('/api/v1/mcp-servers').send({ name: 'docs', url: mcp.url }).expect(409)
    expect(again.body.error_code).to.equal('MCP_SERVER_NAME_TAKEN')
    await api.post('/api/v1/tools').send({ name: 'wiki_echo', description: 'Mine' }).expect(201)
    const before = await toolCount()
    const clash = await api.post('/api/v1/mcp-servers').send({ name: 'wiki', url: mcp.url }).expect(409)
    expect(clash.body.error_code).to.equal('DUPLICATE_TOOL_NAME')
    expect(await toolCount()).to.equal(before)
    expect((await api.get('/api/v1/mcp-servers').expect(200)).body.total).to.equal(1)
  })

  it('answers 502 for a server that is down and 422 for a destination the policy refuses', async () => {
    const down = await startMcpTestServer()
    const url = down.url
    await down.close()
    const unreachable = await api.post('/api/v1/mcp-servers').send({ name: 'down', url }).expect(502)
    expect(unreachable.body.error_code).to.equal('MCP_SERVER_UNREACHABLE')
    expect(unreachable.body.details.reason).to.equal('CONNECTION_FAILED')
    const web = http.createServer((req, res) =>
      req.url === '/html'
        ? res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>')
        : res.writeHead(404, { 'content-type': 'text/plain' }).end('no such page'),
    )
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve))
    try {
      const base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`
      for (const [path, reason] of [
        ['/missing', 'HTTP_ERROR'],
        ['/html', 'PROTOCOL_ERROR'],
      ] as const) {
        const res = await api
          .post('/api/v1/mcp-servers')
          .send({ name: 'web', url: base + path })
          .expect(502)
        expect(res.body.details.reason).to.equal(reason)
      }
    } finally {
      web.closeAllConnections()
      await new Promise((resolve) => web.close(resolve))
    }
    for (const [target, reason] of [
      ['http://10.1.2.3/mcp', 'private'],
      ['http://169.254.169.254/mcp', 'cloud-metadata'],
      [`http://localhost:${new URL(mcp.url).port}/mcp`, 'loopback'],
      ['ftp://mcp.example.com/mcp', 'scheme'],
    ] as const) {
      const refused = await api.post('/api/v1/mcp-servers').send({ name: 'refused', url: target }).expect(422)
      expect(refused.body.error_code).to.equal('EGRESS_DENIED')
      expect(refused.body.details).to.deep.include({ reason, pointer: '/url' })
    }
    const badHeader = await api
      .post('/api/v1/mcp-servers')
      .send({
        name: 'bad',
        url: mcp.url,
        headers: { 'Mcp-Session-Id': 'x', 'X-Key': '{{secrets.bad name}}' },
      })
      .expect(422)
    expect(badHeader.body.error_code).to.equal('MCP_INVALID_SERVER_CONFIG')
    expect(badHeader.body.details.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal([
      '/headers/Mcp-Session-Id',
      '/headers/X-Key',
    ])
    expect((await api.get('/api/v1/mcp-servers').expect(200)).body.total).to.equal(0)
  })

  it('refreshes: adds new tools, updates changed ones, removes dropped ones', async () => {
    const own = await startMcpTestServer()
    try {
      const server = await register('live', own.url)
      own.tools.push({
        name: 'shout',
        description: 'Shouts',
        inputSchema: { type: 'object', properties: { text: { type: 'string' } } },
        call: (args) => ({ content: [{ type: 'text', text: String(args.text).toUpperCase() }] }),
      })
      own.tools.find((t) => t.name === 'add')!.description = 'Adds two numbers, exactly'
      own.tools.splice(
        own.tools.findIndex((t) => t.name === 'picture'),
        1,
      )
      const refreshed = (await api.post(`/api/v1/mcp-servers/${server.id}/refresh`).expect(200))
        .body as ServerBody
      expect(refreshed.tools.map((t) => t.remote_name).sort()).to.deep.equal([
        'add',
        'echo',
        'fail',
        'shout',
        'whoami',
      ])
      const add = refreshed.tools.find((t) => t.remote_name === 'add')!
      expect(add.id).to.equal(server.tools.find((t) => t.remote_name === 'add')!.id)
      expect(add.description).to.equal('Adds two numbers, exactly')
      const picture = server.tools.find((t) => t.remote_name === 'picture')!
      await api.get(`/api/v1/tools/${picture.id}`).expect(404)
    } finally {
      await own.close()
    }
  })

  it('refuses to delete (or refresh away) a tool an agent uses, naming the agents, then deletes after unlinking', async () => {
    const own = await startMcpTestServer()
    try {
      const server = await register('used', own.url)
      const echo = server.tools.find((t) => t.remote_name === 'echo')!
      const agentId = await createAgent(api, 'mcp-user', [echo.id])
      const refused = await api.delete(`/api/v1/mcp-servers/${server.id}`).expect(409)
      expect(refused.body.error_code).to.equal('MCP_SERVER_IN_USE')
      expect(refused.body.details.dependent_agents).to.deep.equal([{ id: agentId, name: 'mcp-user' }])
      expect(refused.body.details.tools).to.deep.equal([{ id: echo.id, name: 'used_echo' }])
      // Nothing was deleted: the unused tools are all still there.
      expect((await api.get(`/api/v1/mcp-servers/${server.id}`).expect(200)).body.tools).to.have.length(5)

      own.tools.splice(
        own.tools.findIndex((t) => t.name === 'echo'),
        1,
      )
      const dropped = await api.post(`/api/v1/mcp-servers/${server.id}/refresh`).expect(409)
      expect(dropped.body.error_code).to.equal('MCP_SERVER_IN_USE')
      await api.get(`/api/v1/tools/${echo.id}`).expect(200)

      await api.patch(`/api/v1/agents/${agentId}`).send({ tool_ids: [] }).expect(200)
      await api.delete(`/api/v1/mcp-servers/${server.id}`).expect(204)
      await api.get(`/api/v1/mcp-servers/${server.id}`).expect(404)
      await api.get(`/api/v1/tools/${echo.id}`).expect(404)
      expect(await toolCount()).to.equal(0)
    } finally {
      await own.close()
    }
  })

  it("keeps one tenant's servers and tools out of another's reach", async () => {
    const server = await register('mine')
    const other = asTenant(await createTestTenant('mcp-other'))
    await other.get(`/api/v1/mcp-servers/${server.id}`).expect(404)
    await other.post(`/api/v1/mcp-servers/${server.id}/refresh`).expect(404)
    await other.delete(`/api/v1/mcp-servers/${server.id}`).expect(404)
    expect((await other.get('/api/v1/mcp-servers').expect(200)).body.total).to.equal(0)
    const add = server.tools.find((t) => t.remote_name === 'add')!
    await other
      .post(`/api/v1/tools/${add.id}/test`)
      .send({ input: { a: 1, b: 2 } })
      .expect(404)
    // The other tenant may use the same server name: names are per tenant.
    expect((await other.post('/api/v1/mcp-servers').send({ name: 'mine', url: mcp.url })).status).to.equal(
      201,
    )
    await api.get(`/api/v1/mcp-servers/${server.id}`).expect(200)
  })
})
