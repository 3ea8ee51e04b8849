// The publisher's listings and the submission of versions, through the API (no job workers here: the
// versions stay validating; publish.validation.test.ts runs them). What the database holds afterwards is
// read as the superuser.
import { expect } from 'chai'
import { asTenant, createTestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { fixtureMcpServerUrl } from '../../mcp/test/mcp-test-server.js'
import { canonicalPackage, packageSha256, type AgentPackage } from '../marketplace.package.js'
import {
  createAgent,
  createListing,
  createTool,
  submitVersion,
  uniqueSlug,
  type Api,
} from './publish.helpers.js'

const listingRow = (slug: string) =>
  testStack().superSql`select * from marketplace_listings where slug = ${slug}`.then((rows) => rows[0])
const versionsOf = (slug: string) =>
  testStack().superSql<{ version: string; status: string; package: AgentPackage; package_sha256: string }[]>`
    select v.version, v.status, v.package, v.package_sha256 from marketplace_versions v
      join marketplace_listings l on l.tenant_id = v.tenant_id and l.id = v.listing_id
     where l.slug = ${slug} order by v.created_at`
/** Marks a listing published as its first validated version would (no workers run here). */
const markPublished = (slug: string) =>
  testStack().superSql`update marketplace_listings set published_at = now() where slug = ${slug}`

describe('marketplace publish: listings', () => {
  let a: Api
  let b: Api
  beforeEach(async () => {
    a = asTenant(await createTestTenant('publisher-a'))
    b = asTenant(await createTestTenant('publisher-b'))
  })

  it('creates a draft listing, owned by its publisher, with its Location', async () => {
    const slug = uniqueSlug('triage')
    const res = await a.post('/api/v1/marketplace/listings').send({
      slug,
      name: 'Support triage',
      summary: 'Sorts incoming tickets',
      description: '# Triage\nIt *sorts*.',
      category: 'support',
      tags: ['tickets', 'email'],
    })
    expect(res.status, JSON.stringify(res.body)).to.equal(201)
    expect(res.headers.location).to.equal(`/api/v1/marketplace/listings/${slug}`)
    expect(res.body).to.deep.include({
      slug,
      name: 'Support triage',
      description: '# Triage\nIt *sorts*.',
      tags: ['tickets', 'email'],
      status: 'draft',
      owned: true,
      install_count: 0,
      download_count: 0,
      rating: { count: 0, mean: null },
    })
    expect(res.body).to.not.have.any.keys('published_at', 'latest_version', 'tenant_id', 'id')
  })

  it('refuses a slug taken by any tenant (409), and the reserved slug mine (422), storing nothing', async () => {
    const { slug } = await createListing(a)
    for (const api of [a, b]) {
      const taken = await api.post('/api/v1/marketplace/listings').send({
        slug,
        name: 'Another',
        summary: 'Another',
        category: 'x',
      })
      expect(taken.status).to.equal(409)
      expect(taken.body).to.deep.include({ error_code: 'MARKETPLACE_SLUG_TAKEN', details: { slug } })
    }
    const reserved = await a
      .post('/api/v1/marketplace/listings')
      .send({ slug: 'mine', name: 'Mine', summary: 'Mine', category: 'x' })
    expect(reserved.status).to.equal(422)
    expect(reserved.body).to.deep.include({
      error_code: 'MARKETPLACE_SLUG_RESERVED',
      details: { slug: 'mine' },
    })
    expect(await listingRow('mine')).to.equal(undefined)
    const [count] = await testStack().superSql<{ n: number }[]>`
      select count(*)::int as n from marketplace_listings where slug = ${slug}`
    expect(count!.n).to.equal(1)
  })

  it("lists the caller's own listings, drafts included, newest first, by page; never another tenant's", async () => {
    const first = await createListing(a)
    const second = await createListing(a)
    await createListing(b)
    await markPublished(first.slug)
    const page = await a.get('/api/v1/marketplace/listings/mine').expect(200)
    expect(page.body).to.include({ total: 2, limit: 20, offset: 0, has_more: false })
    expect(page.body.items.map((l: { slug: string }) => l.slug)).to.deep.equal([second.slug, first.slug])
    expect(page.body.items.map((l: { status: string }) => l.status)).to.deep.equal(['draft', 'published'])
    const next = await a.get('/api/v1/marketplace/listings/mine?limit=1&offset=1').expect(200)
    expect(next.body).to.include({ total: 2, limit: 1, offset: 1, has_more: false })
    expect(next.body.items.map((l: { slug: string }) => l.slug)).to.deep.equal([first.slug])
  })

  it('changes only the fields sent; another tenant can change neither a draft (404) nor a published listing (403)', async () => {
    const { slug, updated_at: before } = await createListing(a)
    const changed = await a
      .patch(`/api/v1/marketplace/listings/${slug}`)
      .send({ summary: 'Sorts every ticket', tags: [] })
      .expect(200)
    expect(changed.body).to.deep.include({
      slug,
      name: 'Support triage',
      summary: 'Sorts every ticket',
      tags: [],
    })
    expect(changed.body.updated_at > (before as string)).to.equal(true)

    const draft = await b.patch(`/api/v1/marketplace/listings/${slug}`).send({ name: 'Stolen' })
    expect(draft.status).to.equal(404)
    expect(draft.body).to.deep.include({ error_code: 'MARKETPLACE_LISTING_NOT_FOUND', details: { slug } })
    await markPublished(slug)
    const published = await b.patch(`/api/v1/marketplace/listings/${slug}`).send({ name: 'Stolen' })
    expect(published.status).to.equal(403)
    expect(published.body).to.deep.include({ error_code: 'MARKETPLACE_NOT_PUBLISHER', details: { slug } })
    expect(await listingRow(slug)).to.include({ name: 'Support triage', summary: 'Sorts every ticket' })
    const unknown = await a.patch(`/api/v1/marketplace/listings/${uniqueSlug()}`).send({ name: 'x' })
    expect(unknown.status).to.equal(404)
  })

  it('deletes a draft with its versions and their reports; refuses a published listing (409) and any of another tenant', async () => {
    const draft = await createListing(a)
    await submitVersion(a, draft.slug, { version: '0.1.0', agent_id: await createAgent(a) })
    await submitVersion(a, draft.slug, { version: '0.2.0', agent_id: await createAgent(a) })
    // 0.1.0 rejected with its report, as the validation leaves it (the report a row of A's own).
    const [rejected] = await testStack().superSql<{ id: string }[]>`
      with v as (
        update marketplace_versions set status = 'rejected', validated_at = now()
         where listing_id = (select id from marketplace_listings where slug = ${draft.slug}) and version = '0.1.0'
        returning tenant_id, id)
      insert into marketplace_version_reports (tenant_id, version_id, report) select tenant_id, id, '[]' from v
      returning version_id as id`
    expect(await b.delete(`/api/v1/marketplace/listings/${draft.slug}`).then((r) => r.status)).to.equal(404)
    await a.delete(`/api/v1/marketplace/listings/${draft.slug}`).expect(204)
    expect(await listingRow(draft.slug)).to.equal(undefined)
    expect(await versionsOf(draft.slug)).to.deep.equal([])
    expect(
      await testStack()
        .superSql`select 1 from marketplace_version_reports where version_id = ${rejected!.id}`,
    ).to.have.length(0)
    expect((await a.delete(`/api/v1/marketplace/listings/${draft.slug}`)).status).to.equal(404)

    const published = await createListing(a)
    await markPublished(published.slug)
    const refused = await a.delete(`/api/v1/marketplace/listings/${published.slug}`)
    expect(refused.status).to.equal(409)
    expect(refused.body).to.deep.include({
      error_code: 'MARKETPLACE_LISTING_PUBLISHED',
      details: { slug: published.slug },
    })
    const foreign = await b.delete(`/api/v1/marketplace/listings/${published.slug}`)
    expect(foreign.status).to.equal(403)
    expect(foreign.body.error_code).to.equal('MARKETPLACE_NOT_PUBLISHER')
    expect(await listingRow(published.slug)).to.not.equal(undefined)
  })
})

describe('marketplace publish: submitting a version', () => {
  let a: Api
  let b: Api
  let slug: string
  beforeEach(async () => {
    a = asTenant(await createTestTenant('versions-a'))
    b = asTenant(await createTestTenant('versions-b'))
    slug = (await createListing(a)).slug
  })

  it('snapshots the agent and its tools (name order, kind fields, secret references) into a hashed package, and enqueues its validation with it', async () => {
    const calculator = await createTool(a, { name: 'calc', kind: 'builtin', builtin: 'calculator' })
    const http = await createTool(a, {
      name: 'alerts',
      kind: 'http',
      http: {
        method: 'GET',
        url: 'http://127.0.0.1:9/alerts/{id}',
        headers: { Authorization: 'Bearer {{secrets.ALERTS_TOKEN}}' },
      },
    })
    const agentId = await createAgent(a, [http, calculator], { name: 'triager', role: 'Triage' })
    const version = await submitVersion(a, slug, {
      version: '1.0.0',
      agent_id: agentId,
      changelog: 'First',
      example_prompts: ['hello'],
    })
    expect(version).to.deep.include({
      listing: slug,
      version: '1.0.0',
      status: 'validating',
      yanked: false,
      changelog: 'First',
      example_prompts: ['hello'],
    })
    expect(version).to.not.have.any.keys('report', 'validated_at')

    const [stored] = await versionsOf(slug)
    const pkg = stored!.package
    expect(pkg.format).to.equal('mini-agent-platform/agent-package@1')
    expect(pkg.agent).to.deep.equal({ name: 'triager', role: 'Triage', description: 'Sorts tickets' })
    expect(pkg.tools.map((t) => t.name)).to.deep.equal(['alerts', 'calc'])
    expect(pkg.tools[0]).to.deep.include({ kind: 'http' })
    expect((pkg.tools[0]!.http as { headers: object }).headers).to.deep.equal({
      Authorization: 'Bearer {{secrets.ALERTS_TOKEN}}',
    })
    expect(pkg.tools[1]).to.deep.include({ kind: 'builtin', builtin: 'calculator' })
    expect(pkg.tools[1]).to.not.have.any.keys('id', 'created_at', 'http', 'code')
    expect(stored!.package_sha256).to.equal(packageSha256(pkg)).and.to.equal(version.package_sha256)
    // What is hashed and served is the canonical JSON of exactly this (key order does not matter).
    expect(canonicalPackage(JSON.parse(JSON.stringify(pkg)) as AgentPackage)).to.equal(canonicalPackage(pkg))

    const jobs = await testStack().superSql<{ handler: string; version_id: string; retry_limit: number }[]>`
      select data ->> 'handler' as handler, data -> 'data' ->> 'version_id' as version_id, retry_limit
        from pgboss.job where data ->> 'handler' = 'marketplace.validate-version'
         and data ->> 'tenant_id' = (select tenant_id::text from marketplace_listings where slug = ${slug})`
    expect(jobs).to.have.length(1)
    // MARKETPLACE_VALIDATION_MAX_ATTEMPTS 3: two retries, and one more attempt kept to record a lost one.
    expect(jobs[0]!.retry_limit).to.equal(3)
  })

  it('refuses a version not greater than every earlier one (409), whatever their status', async () => {
    const agentId = await createAgent(a)
    await submitVersion(a, slug, { version: '1.0.0', agent_id: agentId })
    await testStack().superSql`
      with v as (
        update marketplace_versions set status = 'rejected', validated_at = now()
         where listing_id = (select id from marketplace_listings where slug = ${slug})
        returning tenant_id, id)
      insert into marketplace_version_reports (tenant_id, version_id, report) select tenant_id, id, '[]' from v`
    for (const version of ['1.0.0', '0.9.9', '1.0.0-rc.1']) {
      const res = await a
        .post(`/api/v1/marketplace/listings/${slug}/versions`)
        .send({ version, agent_id: agentId })
      expect(res.status, version).to.equal(409)
      expect(res.body).to.deep.include({
        error_code: 'MARKETPLACE_VERSION_NOT_GREATER',
        details: { version, latest: '1.0.0' },
      })
    }
    await submitVersion(a, slug, { version: '1.0.1-beta.2', agent_id: agentId })
    await submitVersion(a, slug, { version: '1.0.1-beta.10', agent_id: agentId })
    await submitVersion(a, slug, { version: '1.0.1', agent_id: agentId })
    expect((await versionsOf(slug)).map((v) => v.version)).to.deep.equal([
      '1.0.0',
      '1.0.1-beta.2',
      '1.0.1-beta.10',
      '1.0.1',
    ])
  })

  it("refuses an unknown agent or another tenant's (422), a foreign listing (403/404), storing and enqueueing nothing", async () => {
    const foreignAgent = await createAgent(b)
    for (const agentId of [foreignAgent, '00000000-0000-4000-8000-000000000000']) {
      const res = await a
        .post(`/api/v1/marketplace/listings/${slug}/versions`)
        .send({ version: '1.0.0', agent_id: agentId })
      expect(res.status).to.equal(422)
      expect(res.body).to.deep.include({
        error_code: 'MARKETPLACE_UNKNOWN_AGENT',
        details: { agent_id: agentId },
      })
    }
    const intoForeignDraft = await b
      .post(`/api/v1/marketplace/listings/${slug}/versions`)
      .send({ version: '1.0.0', agent_id: foreignAgent })
    expect(intoForeignDraft.status).to.equal(404)
    await markPublished(slug)
    const intoForeignPublished = await b
      .post(`/api/v1/marketplace/listings/${slug}/versions`)
      .send({ version: '1.0.0', agent_id: foreignAgent })
    expect(intoForeignPublished.status).to.equal(403)
    expect(intoForeignPublished.body.error_code).to.equal('MARKETPLACE_NOT_PUBLISHER')
    expect(await versionsOf(slug)).to.deep.equal([])
    const [count] = await testStack().superSql<{ n: number }[]>`
      select count(*)::int as n from pgboss.job where data ->> 'handler' = 'marketplace.validate-version'
         and data ->> 'tenant_id' = (select tenant_id::text from marketplace_listings where slug = ${slug})`
    expect(count!.n).to.equal(0)
  })

  it('refuses an agent with mcp tools (422 MARKETPLACE_UNPACKAGEABLE_TOOLS): they name its own server', async () => {
    const server = await a
      .post('/api/v1/mcp-servers')
      .send({ name: `docs-${uniqueSlug()}`, url: await fixtureMcpServerUrl() })
    expect(server.status, JSON.stringify(server.body)).to.equal(201)
    const mcpTool = server.body.tools[0] as { id: string; name: string }
    const agentId = await createAgent(a, [mcpTool.id, await createTool(a, { name: 'plain' })])
    const res = await a
      .post(`/api/v1/marketplace/listings/${slug}/versions`)
      .send({ version: '1.0.0', agent_id: agentId })
    expect(res.status).to.equal(422)
    expect(res.body.error_code).to.equal('MARKETPLACE_UNPACKAGEABLE_TOOLS')
    expect(res.body.details).to.deep.equal({
      tools: [{ name: mcpTool.name, kind: 'mcp' }],
      packageable_kinds: ['client', 'builtin', 'javascript', 'http'],
    })
    expect(await versionsOf(slug)).to.deep.equal([])
  })

  it('hides a validating version from other tenants (404) and its report from everyone until it is validated', async () => {
    await submitVersion(a, slug, { version: '1.0.0', agent_id: await createAgent(a) })
    const own = await a.get(`/api/v1/marketplace/listings/${slug}/versions/1.0.0`).expect(200)
    expect(own.body).to.include({ status: 'validating' }).and.not.have.any.keys('report')
    await markPublished(slug)
    const foreign = await b.get(`/api/v1/marketplace/listings/${slug}/versions/1.0.0`)
    expect(foreign.status).to.equal(404)
    expect(foreign.body).to.deep.include({
      error_code: 'MARKETPLACE_VERSION_NOT_FOUND',
      details: { slug, version: '1.0.0' },
    })
  })
})
