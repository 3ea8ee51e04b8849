// POST /api/v1/marketplace/listings/{slug}/install through the API: the latest or a named version
// becomes an agent with its tools in one transaction, with its `source` and the secrets it still lacks;
// drafts, unpublished and unknown versions are 404, yanked ones 410; a name clash or a tool this platform
// refuses creates nothing; the public agent API cannot write `source`. Listings are published with SQL
// (install.fixtures.ts) in the shape the publish part leaves them.
import { expect } from 'chai'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { inTenantTransaction } from '../../../db/client.js'
import { packageSha256 } from '../marketplace.package.js'
import {
  agentPackage,
  calculatorTool,
  counters,
  lookupTool,
  publishListing,
  sumTool,
  uniqueSlug,
} from './install.fixtures.js'

type Api = ReturnType<typeof asTenant>
type Json = Record<string, unknown>

const agentFields = {
  name: 'order-desk',
  role: 'Order support',
  description: 'Answers questions about orders',
}
const v1 = agentPackage(agentFields, [lookupTool, sumTool])
const v2 = agentPackage({ ...agentFields, description: 'Answers about orders, with arithmetic' }, [
  lookupTool,
  sumTool,
  calculatorTool,
])

describe('marketplace install (API)', function () {
  this.timeout(30_000)
  const sql = () => testStack().superSql
  let publisher: TestTenant
  let installer: TestTenant
  let api: Api
  let slug: string

  before(async () => {
    publisher = await createTestTenant('mp-publisher')
  })
  beforeEach(async () => {
    installer = await createTestTenant('mp-installer')
    api = asTenant(installer)
    slug = await publishListing(sql(), {
      tenantId: publisher.tenantId,
      versions: [
        { version: '1.0.0', package: v1 },
        { version: '1.10.0', package: v2 },
        { version: '2.0.0-rc.1', package: v2, status: 'validating' },
        { version: '1.9.0', package: v1 },
      ],
    })
  })

  const install = (body: Json = {}, as: Api = api, on = slug) =>
    as.post(`/api/v1/marketplace/listings/${on}/install`).send(body)
  const totals = async (as: Api = api) => ({
    tools: ((await as.get('/api/v1/tools?limit=1').expect(200)).body as { total: number }).total,
    agents: ((await as.get('/api/v1/agents?limit=1').expect(200)).body as { total: number }).total,
  })

  it('installs the greatest published version as an agent with its tools, its source and the secrets it lacks', async () => {
    await api.post('/api/v1/secrets').send({ name: 'SHOP_REGION', value: 'eu' }).expect(201)
    const res = await install()
    expect(res.status, res.text).to.equal(201)
    const { agent, missing_secrets } = res.body as { agent: Json & { id: string }; missing_secrets: string[] }
    expect(res.headers.location).to.equal(`/api/v1/agents/${agent.id}`)
    expect(missing_secrets).to.deep.equal(['SHOP_TOKEN'])
    expect(agent).to.include({ name: 'order-desk', role: 'Order support', description: v2.agent.description })
    expect((agent.tools as { name: string }[]).map((t) => t.name)).to.deep.equal([
      'calculator',
      'lookup-order',
      'sum',
    ])
    const source = agent.source as Json
    expect(source).to.include({ listing: slug, version: '1.10.0', package_sha256: packageSha256(v2) })
    expect(Date.parse(source.installed_at as string)).to.be.closeTo(Date.now(), 60_000)
    // As GET shows it, with the tools as the package defines them (secret references kept as such).
    expect((await api.get(`/api/v1/agents/${agent.id}`).expect(200)).body).to.deep.equal(agent)
    const tools = (await api.get('/api/v1/tools?limit=100').expect(200)).body.items as Json[]
    const lookup = tools.find((t) => t.name === 'lookup-order')!
    expect(lookup).to.deep.include({ kind: 'http', input_schema: lookupTool.input_schema })
    expect(lookup.http).to.deep.include(lookupTool.http!)
    const sum = tools.find((t) => t.name === 'sum')!
    const ran = await api.post(`/api/v1/tools/${sum.id as string}/test`).send({ input: { a: 2, b: 3 } })
    expect(ran.body.output, ran.text).to.deep.equal({ sum: 5 })
    // Counted on the listing; the install row is the installer's own.
    expect(await counters(sql(), slug)).to.deep.equal({ install_count: 1 })
    const rows = await sql()`select tenant_id, version from marketplace_installs where agent_id = ${agent.id}`
    expect(rows).to.deep.equal([{ tenant_id: installer.tenantId, version: '1.10.0' }])
  })

  it('installs a version asked for, under another agent name', async () => {
    const res = await install({ version: '1.0.0', agent_name: 'order-desk-old' })
    expect(res.status, res.text).to.equal(201)
    expect(res.body.agent).to.include({ name: 'order-desk-old', description: agentFields.description })
    expect(res.body.agent.source).to.include({ version: '1.0.0', package_sha256: packageSha256(v1) })
    expect(res.body.missing_secrets).to.deep.equal(['SHOP_REGION', 'SHOP_TOKEN'])
  })

  it('answers 404 for a draft, an unknown listing, and a version not published; 410 for a yanked one', async () => {
    const draft = await publishListing(sql(), {
      tenantId: publisher.tenantId,
      draft: true,
      versions: [{ version: '1.0.0', package: v1, status: 'validating' }],
    })
    for (const [as, on] of [
      [api, draft],
      [asTenant(publisher), draft], // its own draft: seen by its publisher, installable by nobody
      [api, uniqueSlug('missing')],
    ] as const) {
      const res = await install({}, as, on)
      expect(res.status, res.text).to.equal(404)
      expect(res.body).to.include({ error_code: 'MARKETPLACE_LISTING_NOT_FOUND' })
      expect(res.body.details).to.deep.equal({ slug: on })
    }
    for (const version of ['2.0.0-rc.1', '3.0.0']) {
      const res = await install({ version })
      expect(res.status, res.text).to.equal(404)
      expect(res.body).to.deep.include({
        error_code: 'MARKETPLACE_VERSION_NOT_FOUND',
        details: { slug, version },
      })
    }
    await sql()`update marketplace_versions set yanked_at = now() where version in ('1.10.0', '1.9.0')
                   and listing_id = (select id from marketplace_listings where slug = ${slug})`
    const yanked = await install({ version: '1.10.0' })
    expect(yanked.status, yanked.text).to.equal(410)
    expect(yanked.body).to.deep.include({
      error_code: 'MARKETPLACE_VERSION_YANKED',
      details: { slug, version: '1.10.0' },
    })
    // The default skips yanked versions: 1.0.0 now.
    const latest = await install()
    expect(latest.status, latest.text).to.equal(201)
    expect(latest.body.agent.source.version).to.equal('1.0.0')
    // Every version yanked: the default is refused too.
    await sql()`update marketplace_versions set yanked_at = now()
                 where listing_id = (select id from marketplace_listings where slug = ${slug})`
    const none = await install({ agent_name: 'another' })
    expect(none.status, none.text).to.equal(410)
    expect(await totals()).to.deep.equal({ tools: 2, agents: 1 })
  })

  it('refuses names the tenant has with 409 naming them all, and creates nothing', async () => {
    await api.post('/api/v1/tools').send({ name: 'sum', description: 'Mine' }).expect(201)
    await api.post('/api/v1/agents').send({ name: 'order-desk', role: 'r', description: 'd' }).expect(201)
    const before = await totals()
    const res = await install()
    expect(res.status, res.text).to.equal(409)
    expect(res.body).to.deep.include({
      error_code: 'MARKETPLACE_INSTALL_NAME_CONFLICT',
      details: { agent_names: ['order-desk'], tool_names: ['sum'] },
    })
    expect(await totals()).to.deep.equal(before)
    expect(await counters(sql(), slug)).to.deep.equal({ install_count: 0 })
    // A second install of the same listing clashes on its tools, whatever the agent's name.
    const other = asTenant(await createTestTenant('mp-twice'))
    await install({ agent_name: 'first' }, other).expect(201)
    const again = await install({ agent_name: 'second' }, other)
    expect(again.status, again.text).to.equal(409)
    expect(again.body.details).to.deep.equal({
      agent_names: [],
      tool_names: ['calculator', 'lookup-order', 'sum'],
    })
  })

  it('refuses a package with a tool this platform does not accept (422), creating nothing', async () => {
    const refused = await publishListing(sql(), {
      tenantId: publisher.tenantId,
      versions: [
        {
          version: '1.0.0',
          package: agentPackage(agentFields, [
            sumTool,
            { ...lookupTool, http: { url: 'https://10.1.2.3/orders/{id}' } }, // a private address
          ]),
        },
      ],
    })
    const res = await install({}, api, refused)
    expect(res.status, res.text).to.equal(422)
    expect(res.body).to.include({ error_code: 'MARKETPLACE_PACKAGE_NOT_INSTALLABLE' })
    expect(res.body.details).to.include({ tool: 'lookup-order', error_code: 'EGRESS_DENIED' })
    expect(await totals()).to.deep.equal({ tools: 0, agents: 0 })
  })

  it('never lets the public agent API write source', async () => {
    const fake = {
      listing: slug,
      version: '1.0.0',
      package_sha256: packageSha256(v1),
      installed_at: new Date().toISOString(),
    }
    const created = await api.post('/api/v1/agents').send({ ...agentFields, source: fake })
    expect(created.status, created.text).to.equal(400)
    const agent = (await api.post('/api/v1/agents').send(agentFields).expect(201)).body as Json
    expect(agent).to.not.have.property('source')
    for (const method of ['put', 'patch'] as const) {
      const res = await api[method](`/api/v1/agents/${agent.id as string}`).send({
        ...agentFields,
        source: fake,
      })
      expect(res.status, res.text).to.equal(400)
    }
    const upgraded = await api
      .post(`/api/v1/agents/${agent.id as string}/upgrade`)
      .send({ version: '1.10.0' })
    expect(upgraded.status, upgraded.text).to.equal(409)
    expect(upgraded.body).to.include({ error_code: 'MARKETPLACE_AGENT_NOT_INSTALLED' })
  })

  it('keeps installs to the installer: the publisher and others see neither the agent nor the install row', async () => {
    const res = await install().expect(201)
    const agentId = res.body.agent.id as string
    const installRows = (tenantId: string) =>
      inTenantTransaction(testStack().appSql, tenantId, async (tx) => {
        const [row] = await tx<{ n: number }[]>`
          select count(*)::int as n from marketplace_installs where agent_id = ${agentId}`
        return row!.n
      })
    expect(await installRows(installer.tenantId), "the installer's own row").to.equal(1)
    for (const other of [publisher, await createTestTenant('mp-other')]) {
      expect((await asTenant(other).get(`/api/v1/agents/${agentId}`)).status).to.equal(404)
      expect(await installRows(other.tenantId)).to.equal(0)
    }
  })
})
