import { expect } from 'chai'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { normaliseQueryString } from '../../app/http/query-encoding.js'
import { asTenant, createTestTenant, sharedTestApp, type TestTenant } from '../helpers/api.js'

// Every character RFC 3986 reserves, a space and a percent sign, inside a name (EntityName forbids only
// control characters and leading or trailing white space).
const everyReserved = ":/?#[]@!$&'()*+,;= %"
const toolName = `r&d+ops ${everyReserved} tool`
const agentName = `Agent ${everyReserved} (1)*'!`

const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name)

describe('names with reserved characters in the tool_name and agent_name filters', function () {
  let tenant: TestTenant
  let server: Server
  let base: string

  before(async () => {
    tenant = await createTestTenant()
    const api = asTenant(tenant)
    const tool = await api.post('/api/v1/tools').send({ name: toolName, description: 'x' }).expect(201)
    await api
      .post('/api/v1/tools')
      .send({ name: 'r', description: 'a decoy: r&d+ops split at &' })
      .expect(201)
    await api
      .post('/api/v1/agents')
      .send({ name: agentName, role: 'r', description: 'd', tool_ids: [tool.body.id] })
      .expect(201)
    server = sharedTestApp().app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  after(() => new Promise((resolve) => server.close(resolve)))

  it("round-trips percent-encoded names (encodeURIComponent, which leaves !'()* raw) through supertest", async () => {
    const api = asTenant(tenant)
    const agents = await api.get(`/api/v1/agents?tool_name=${encodeURIComponent(toolName)}`).expect(200)
    expect(names(agents.body)).to.deep.equal([agentName])
    const tools = await api.get(`/api/v1/tools?agent_name=${encodeURIComponent(agentName)}`).expect(200)
    expect(names(tools.body)).to.deep.equal([toolName])
  })

  it('round-trips names sent by fetch with URLSearchParams (a space as +, * raw)', async () => {
    const get = async (path: string, query: Record<string, string>) => {
      const response = await fetch(`${base}${path}?${new URLSearchParams(query).toString()}`, {
        headers: { 'X-API-Key': tenant.apiKey },
      })
      expect(response.status, path).to.equal(200)
      return (await response.json()) as { items: { name: string }[] }
    }
    expect(names(await get('/api/v1/agents', { tool_name: toolName, limit: '5' }))).to.deep.equal([agentName])
    expect(names(await get('/api/v1/tools', { agent_name: agentName }))).to.deep.equal([toolName])
  })

  it('round-trips every name fully percent-encoded, each character as %XX', async () => {
    const encodeAll = (text: string) =>
      [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')
    const agents = await fetch(`${base}/api/v1/agents?tool_name=${encodeAll(toolName)}`, {
      headers: { 'X-API-Key': tenant.apiKey },
    })
    expect(agents.status).to.equal(200)
    expect(names((await agents.json()) as { items: { name: string }[] })).to.deep.equal([agentName])
  })

  it('reads a raw & as the end of the value, as every query does: the name is cut, never mistaken', async () => {
    // "?tool_name=r&d+ops..." is the name "r" and a parameter "d ops...": the contract refuses the latter.
    const raw = await asTenant(tenant).get('/api/v1/agents?tool_name=r&d+ops').expect(400)
    expect(raw.body.error_code).to.equal('VALIDATION_ERROR')
  })
})

describe('normaliseQueryString', () => {
  it('percent-encodes the raw reserved characters of values, and + as a space, leaving & and = between pairs', () => {
    expect(normaliseQueryString("tool_name=O'Brien+(a*b)!&limit=5")).to.equal(
      'tool_name=O%27Brien%20%28a%2Ab%29%21&limit=5',
    )
    expect(normaliseQueryString('a=b=c:d/e?f@g$h;i[j]')).to.equal('a=b%3Dc%3Ad%2Fe%3Ff%40g%24h%3Bi%5Bj%5D')
    expect(normaliseQueryString('tool_name=%26%2B%25&flag')).to.equal('tool_name=%26%2B%25&flag')
  })
})
