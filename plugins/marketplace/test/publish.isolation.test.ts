// Another tenant against every publishing route: it reads A's published listing and version (no report),
// nothing else of A's; it writes nothing of A's. A draft of A's answers exactly like a slug nobody used;
// a published listing of A's answers 403 to writes (everyone can see it exists). A's rows are unchanged.
import { expect } from 'chai'
import { asTenant, createTestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { createAgent, createListing, submitVersion, uniqueSlug, type Api } from './publish.helpers.js'

/** A's listings and versions as stored (the download counter aside: B may download what is published). */
const snapshot = (tenantId: string) =>
  Promise.all([
    testStack().superSql`
      select slug, name, summary, description, category, tags, published_at, updated_at
        from marketplace_listings where tenant_id = ${tenantId} order by slug`,
    testStack().superSql`
      select v.listing_id, v.version, v.status, r.report, v.yanked_at, v.validated_at, v.package_sha256
        from marketplace_versions v
        left join marketplace_version_reports r on r.tenant_id = v.tenant_id and r.version_id = v.id
       where v.tenant_id = ${tenantId} order by v.listing_id, v.version`,
  ])

const strip = (body: Record<string, unknown>, slug: string) =>
  JSON.parse(
    JSON.stringify({ ...body, instance: undefined })
      .split(slug)
      .join('<slug>'),
  ) as unknown

describe('marketplace publish: another tenant', function () {
  this.timeout(60_000)
  let a: Api
  let b: Api
  let aId: string
  let draft: string
  let published: string

  before(async () => {
    const tenant = await createTestTenant('iso-publisher')
    aId = tenant.tenantId
    a = asTenant(tenant)
    b = asTenant(await createTestTenant('iso-other'))
    const agentId = await createAgent(a)
    draft = (await createListing(a)).slug
    await submitVersion(a, draft, { version: '0.1.0', agent_id: agentId })
    published = (await createListing(a)).slug
    await submitVersion(a, published, { version: '1.0.0', agent_id: agentId })
    await submitVersion(a, published, { version: '1.1.0', agent_id: agentId })
    // What the validation would have written (no workers here): 1.0.0 published, 1.1.0 rejected.
    const { superSql } = testStack()
    await superSql`update marketplace_listings set published_at = now() where slug = ${published}`
    await superSql`
      with v as (
        update marketplace_versions set status = case version when '1.0.0' then 'published' else 'rejected' end,
               validated_at = now()
         where listing_id = (select id from marketplace_listings where slug = ${published})
        returning tenant_id, id)
      insert into marketplace_version_reports (tenant_id, version_id, report)
      select tenant_id, id, '[{"check": "javascript_scan", "passed": false, "message": "A''s private report"}]'
        from v`
  })

  it('answers every route on a draft of A exactly as on a slug nobody used', async () => {
    const agentOfB = await createAgent(b)
    const calls: [
      string,
      (api: Api, slug: string) => Promise<{ status: number; body: Record<string, unknown> }>,
    ][] = [
      ['PATCH', (api, slug) => api.patch(`/api/v1/marketplace/listings/${slug}`).send({ name: 'x' })],
      ['DELETE', (api, slug) => api.delete(`/api/v1/marketplace/listings/${slug}`)],
      [
        'POST versions',
        (api, slug) =>
          api
            .post(`/api/v1/marketplace/listings/${slug}/versions`)
            .send({ version: '9.0.0', agent_id: agentOfB }),
      ],
      ['GET version', (api, slug) => api.get(`/api/v1/marketplace/listings/${slug}/versions/0.1.0`)],
      ['yank', (api, slug) => api.post(`/api/v1/marketplace/listings/${slug}/versions/0.1.0/yank`)],
      ['package', (api, slug) => api.get(`/api/v1/marketplace/listings/${slug}/versions/0.1.0/package`)],
    ]
    for (const [what, call] of calls) {
      const onDraft = await call(b, draft)
      const nobody = uniqueSlug('nobody')
      const onNothing = await call(b, nobody)
      expect(onDraft.status, what).to.equal(404)
      expect(strip(onDraft.body, draft), what).to.deep.equal(strip(onNothing.body, nobody))
    }
  })

  it("reads A's published version without its report, and none of A's unpublished versions", async () => {
    const seen = await b.get(`/api/v1/marketplace/listings/${published}/versions/1.0.0`).expect(200)
    expect(seen.body).to.include({ status: 'published' }).and.not.have.any.keys('report')
    const own = await a.get(`/api/v1/marketplace/listings/${published}/versions/1.1.0`).expect(200)
    expect(own.body.report).to.deep.equal([
      { check: 'javascript_scan', passed: false, message: "A's private report" },
    ])
    const rejected = await b.get(`/api/v1/marketplace/listings/${published}/versions/1.1.0`)
    expect(rejected.status).to.equal(404)
    expect(JSON.stringify(rejected.body)).to.not.include('private report')
    expect((await b.get(`/api/v1/marketplace/listings/${published}/versions/1.1.0/package`)).status).to.equal(
      404,
    )
    const mine = await b.get('/api/v1/marketplace/listings/mine').expect(200)
    expect(mine.body).to.include({ total: 0 })
  })

  it("refuses every write to A's published listing with 403, and changes none of A's rows", async () => {
    const before = await snapshot(aId)
    const agentOfB = await createAgent(b)
    const writes = [
      b.patch(`/api/v1/marketplace/listings/${published}`).send({ name: 'Mine now' }),
      b.delete(`/api/v1/marketplace/listings/${published}`),
      b
        .post(`/api/v1/marketplace/listings/${published}/versions`)
        .send({ version: '2.0.0', agent_id: agentOfB }),
      b.post(`/api/v1/marketplace/listings/${published}/versions/1.0.0/yank`),
    ]
    for (const res of await Promise.all(writes)) {
      expect(res.status, JSON.stringify(res.body)).to.equal(403)
      expect(res.body).to.deep.include({
        error_code: 'MARKETPLACE_NOT_PUBLISHER',
        details: { slug: published },
      })
    }
    // The rejected version cannot be yanked by B either, nor is it told apart from a published one.
    expect((await b.post(`/api/v1/marketplace/listings/${published}/versions/1.1.0/yank`)).status).to.equal(
      403,
    )
    expect(await snapshot(aId)).to.deep.equal(before)
  })
})
