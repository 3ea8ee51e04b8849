// GET /api/v1/marketplace/listings/{slug} and the ratings: what each tenant sees of a listing and its
// versions, and how a rating is made, replaced and withdrawn, moving the counts every tenant sees.
import { expect } from 'chai'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { insertListing, insertVersion, type SeededListing } from './discover.fixtures.js'

describe('marketplace discover: a listing and its ratings', () => {
  let a: TestTenant
  let b: TestTenant
  let c: TestTenant
  let published: SeededListing
  let draft: SeededListing
  const report = [{ check: 'input_schemas', passed: false, message: 'tool lookup: not an object' }]

  before(async () => {
    ;[a, b, c] = await Promise.all([
      createTestTenant('mp-listing-a'),
      createTestTenant('mp-listing-b'),
      createTestTenant('mp-listing-c'),
    ])
    const sql = testStack().superSql
    published = await insertListing(sql, { tenantId: a.tenantId, name: 'Support triage', installs: 3 })
    draft = await insertListing(sql, { tenantId: a.tenantId, published: false })
    const version = (
      version: string,
      status: 'validating' | 'published' | 'rejected',
      minutes: number,
      more = {},
    ) =>
      insertVersion(sql, {
        tenantId: a.tenantId,
        listingId: published.id,
        version,
        status,
        created: new Date(Date.now() - minutes * 60_000),
        ...more,
      })
    await version('0.9.0', 'published', 50, { yanked: true })
    await version('1.0.0', 'published', 40)
    await version('1.1.0', 'rejected', 30, { report })
    await version('1.2.0', 'validating', 20)
  })

  const detail = (tenant: TestTenant, slug: string) =>
    asTenant(tenant).get(`/api/v1/marketplace/listings/${slug}`)

  it('shows another tenant its published versions only, yanked ones marked, without reports or the publisher', async () => {
    const res = await detail(b, published.slug).expect(200)
    expect(res.body.listing).to.include({
      slug: published.slug,
      status: 'published',
      owned: false,
      latest_version: '1.0.0',
      install_count: 3,
    })
    expect(res.body.listing.rating).to.deep.equal({ count: 0, mean: null })
    expect(
      res.body.versions.map((v: { version: string; yanked: boolean }) => [v.version, v.yanked]),
    ).to.deep.equal([
      ['1.0.0', false],
      ['0.9.0', true],
    ])
    for (const version of res.body.versions) expect(version).to.not.have.property('report')
    expect(res.body).to.not.have.property('my_rating')
    expect(JSON.stringify(res.body)).to.not.include(a.tenantId)
  })

  it('shows its publisher every version, each validated one with its report', async () => {
    const res = await detail(a, published.slug).expect(200)
    expect(res.body.listing).to.include({ owned: true, latest_version: '1.0.0' })
    expect(
      res.body.versions.map((v: { version: string; status: string }) => [v.version, v.status]),
    ).to.deep.equal([
      ['1.2.0', 'validating'],
      ['1.1.0', 'rejected'],
      ['1.0.0', 'published'],
      ['0.9.0', 'published'],
    ])
    const [validating, rejected] = res.body.versions
    expect(validating).to.not.have.property('report')
    expect(rejected.report).to.deep.equal(report)
  })

  it("answers 404 for another tenant's draft as for an unknown slug, and shows the publisher its draft", async () => {
    for (const slug of [draft.slug, 'no-such-listing']) {
      const res = await detail(b, slug).expect(404)
      expect(res.body).to.include({ error_code: 'MARKETPLACE_LISTING_NOT_FOUND' })
      expect(res.body.details).to.deep.equal({ slug })
    }
    const own = await detail(a, draft.slug).expect(200)
    expect(own.body.listing).to.include({ status: 'draft', owned: true })
    expect(own.body.listing).to.not.have.property('latest_version')
  })

  it('rates: 201 the first time, 200 when replaced; the counts move, nobody sees who rated', async () => {
    const rate = (tenant: TestTenant, body: object) =>
      asTenant(tenant).post(`/api/v1/marketplace/listings/${published.slug}/ratings`).send(body)
    const first = await rate(b, { stars: 2, review: 'Slow.' }).expect(201)
    expect(first.body).to.include({ listing: published.slug, stars: 2, review: 'Slow.' })
    const replaced = await rate(b, { stars: 4 }).expect(200)
    expect(replaced.body).to.include({ stars: 4, review: null })
    expect(replaced.body.created_at).to.equal(first.body.created_at)
    await rate(c, { stars: 5, review: 'Great.' }).expect(201)

    const seenByA = await detail(a, published.slug).expect(200)
    expect(seenByA.body.listing.rating).to.deep.equal({ count: 2, mean: 4.5 })
    expect(seenByA.body).to.not.have.property('my_rating')
    const seenByB = await detail(b, published.slug).expect(200)
    expect(seenByB.body.my_rating).to.include({ stars: 4 })
    expect(JSON.stringify(seenByB.body)).to.not.include('Great.')

    await asTenant(b).delete(`/api/v1/marketplace/listings/${published.slug}/ratings`).expect(204)
    const again = await asTenant(b)
      .delete(`/api/v1/marketplace/listings/${published.slug}/ratings`)
      .expect(404)
    expect(again.body.error_code).to.equal('MARKETPLACE_RATING_NOT_FOUND')
    expect((await detail(c, published.slug).expect(200)).body.listing.rating).to.deep.equal({
      count: 1,
      mean: 5,
    })
  })

  it("shows the same mean rating, to two decimals, in the listing, a search and its publisher's own list", async () => {
    const category = `mean-${Date.now()}`
    const listing = await insertListing(testStack().superSql, {
      tenantId: a.tenantId,
      name: 'Mean rating',
      category,
    })
    const raters = await Promise.all(['1', '2', '3'].map((n) => createTestTenant(`mp-listing-mean-${n}`)))
    for (const [rater, stars] of raters.map((rater, i) => [rater, [5, 4, 4][i]] as const)) {
      await asTenant(rater)
        .post(`/api/v1/marketplace/listings/${listing.slug}/ratings`)
        .send({ stars })
        .expect(201)
    }
    const expected = { count: 3, mean: 4.33 }
    expect((await detail(b, listing.slug).expect(200)).body.listing.rating).to.deep.equal(expected)
    const found = await asTenant(b)
      .get('/api/v1/marketplace/listings')
      .query({ q: 'mean rating', category })
      .expect(200)
    const hit = (found.body.items as { slug: string; rating: object }[]).find(
      (item) => item.slug === listing.slug,
    )
    expect(hit?.rating).to.deep.equal(expected)
    const mine = await asTenant(a).get('/api/v1/marketplace/listings/mine').expect(200)
    const own = (mine.body.items as { slug: string; rating: object }[]).find(
      (item) => item.slug === listing.slug,
    )
    expect(own?.rating).to.deep.equal(expected)
  })

  it("refuses a publisher's rating of its own listing (403), and unknown or others' drafts (404)", async () => {
    const rate = (tenant: TestTenant, slug: string) =>
      asTenant(tenant).post(`/api/v1/marketplace/listings/${slug}/ratings`).send({ stars: 5 })
    for (const slug of [published.slug, draft.slug]) {
      const own = await rate(a, slug).expect(403)
      expect(own.body).to.include({ error_code: 'MARKETPLACE_OWN_LISTING_RATING' })
    }
    for (const slug of [draft.slug, 'no-such-listing']) {
      const res = await rate(b, slug).expect(404)
      expect(res.body.error_code).to.equal('MARKETPLACE_LISTING_NOT_FOUND')
    }
    const rows = await testStack().superSql`
      select 1 from marketplace_ratings where listing_slug in (${draft.slug}, 'no-such-listing')`
    expect(rows).to.have.length(0)
  })

  it('validates the rating: stars 1 to 5, a review of at most 5000 characters', async () => {
    for (const body of [
      { stars: 0 },
      { stars: 6 },
      { stars: 3.5 },
      {},
      { stars: 3, review: 'x'.repeat(5001) },
    ]) {
      const res = await asTenant(b)
        .post(`/api/v1/marketplace/listings/${published.slug}/ratings`)
        .send(body)
        .expect(400)
      expect(res.body.error_code, JSON.stringify(body).slice(0, 40)).to.equal('VALIDATION_ERROR')
    }
  })
})
