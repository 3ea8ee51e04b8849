// Tenant B against publisher A's marketplace rows, through every marketplace route in openapi.yaml and
// through raw SQL as the API's role with B's tenant set: B cannot read A's drafts, A's validating or
// rejected versions, or any of A's reports (a published version's included: every column of a published
// version is B's to read, so no report is one of them), cannot change any of A's rows, and cannot learn who
// installed, downloaded or rated A's listing `others` (C did all three, and only C; B sees only the counters).
import { randomBytes, randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { inTenantTransaction, type TransactionSql } from '../../../db/client.js'
import { listOperations, loadSpec } from '../../../app/kernel/spec.js'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { packageSha256 } from '../marketplace.package.js'
import { insertListing, insertVersion, testPackage, type SeededListing } from './discover.fixtures.js'

const word = (): string => [...randomBytes(9)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')

/** The SQLSTATE a statement fails with, or 'no error'. */
async function errorCode(run: () => PromiseLike<unknown>): Promise<string> {
  try {
    await run()
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error)
  }
  return 'no error'
}

describe("marketplace discover: B against A's listings", function () {
  this.timeout(60_000)
  let a: TestTenant
  let b: TestTenant
  let c: TestTenant
  let published: SeededListing
  let draft: SeededListing
  let others: SeededListing
  const draftWord = word()
  const category = `attack-${randomUUID().slice(0, 8)}`
  const secretReport = [
    { check: 'no_embedded_secrets', passed: false, message: 'sk-live-looking value in tool x' },
  ]
  // The report of A's published version: A's alone, like every report (only the version is public).
  const publishedReportMarker = `published-report-${randomUUID()}`
  const publishedReport = [{ check: 'example_prompts', passed: true, message: publishedReportMarker }]

  /** A's rows as the superuser sees them, counters aside (B's own rating may move those, by design). */
  const snapshotOfA = async () => {
    const { superSql } = testStack()
    const listings = await superSql`
      select slug, name, summary, description, category, tags, published_at, created_at, updated_at
        from marketplace_listings where tenant_id = ${a.tenantId} order by slug`
    const versions = await superSql`
      select listing_id, version, status, changelog, yanked_at, package_sha256, validated_at
        from marketplace_versions where tenant_id = ${a.tenantId} order by version`
    const reports = await superSql`
      select version_id, report, created_at from marketplace_version_reports
       where tenant_id = ${a.tenantId} order by version_id`
    const draftWords = await superSql`
      select listing_id, word from marketplace_draft_words where tenant_id = ${a.tenantId} order by 1, 2`
    return {
      listings: [...listings],
      versions: [...versions],
      reports: [...reports],
      draftWords: [...draftWords],
    }
  }

  before(async () => {
    ;[a, b, c] = await Promise.all([
      createTestTenant('mp-attack-a'),
      createTestTenant('mp-attack-b'),
      createTestTenant('mp-attack-c'),
    ])
    const sql = testStack().superSql
    published = await insertListing(sql, { tenantId: a.tenantId, category, name: 'Published by A' })
    draft = await insertListing(sql, {
      tenantId: a.tenantId,
      category,
      name: `${draftWord} unreleased`,
      published: false,
    })
    await insertVersion(sql, {
      tenantId: a.tenantId,
      listingId: published.id,
      version: '1.0.0',
      report: publishedReport,
    })
    await insertVersion(sql, {
      tenantId: a.tenantId,
      listingId: published.id,
      version: '1.1.0',
      status: 'validating',
    })
    await insertVersion(sql, {
      tenantId: a.tenantId,
      listingId: published.id,
      version: '1.2.0',
      status: 'rejected',
      report: secretReport,
    })
    await insertVersion(sql, {
      tenantId: a.tenantId,
      listingId: draft.id,
      version: '0.1.0',
      status: 'rejected',
      report: secretReport,
    })
    // C rates A's other listing through the API, installs and downloads it (rows of its own); nobody else
    // touches it.
    others = await insertListing(sql, {
      tenantId: a.tenantId,
      category: `${category}-others`,
      name: 'Used by C',
    })
    await insertVersion(sql, { tenantId: a.tenantId, listingId: others.id, version: '1.0.0' })
    await asTenant(c)
      .post(`/api/v1/marketplace/listings/${others.slug}/ratings`)
      .send({ stars: 5 })
      .expect(201)
    const pkg = testPackage()
    await inTenantTransaction(sql, c.tenantId, async (tx) => {
      const [agent] = await tx<{ id: string }[]>`
        insert into agents (tenant_id, name, role, description) values (${c.tenantId}, 'installed', 'r', 'd')
        returning id`
      await tx`
        insert into marketplace_installs (tenant_id, agent_id, listing_slug, version, package_sha256, package)
        values (${c.tenantId}, ${agent!.id}, ${others.slug}, '1.0.0', ${packageSha256(pkg)}, ${tx.json(pkg as never)})`
      await tx`
        insert into marketplace_downloads (tenant_id, listing_slug, version)
        values (${c.tenantId}, ${others.slug}, '1.0.0')`
    })
  })

  describe('through the API', () => {
    it("never shows B A's draft, in a search for its very words or by its slug", async () => {
      const found = await asTenant(b)
        .get('/api/v1/marketplace/listings')
        .query({ category, q: draftWord })
        .expect(200)
      expect(found.body.items).to.deep.equal([])
      const all = await asTenant(b).get('/api/v1/marketplace/listings').query({ category }).expect(200)
      expect(all.body.items.map((item: { slug: string }) => item.slug)).to.deep.equal([published.slug])
      const res = await asTenant(b).get(`/api/v1/marketplace/listings/${draft.slug}`).expect(404)
      expect(res.body.error_code).to.equal('MARKETPLACE_LISTING_NOT_FOUND')
    })

    it("shows B only A's published versions, no report, no publisher; the install and rating counts, not who", async () => {
      const res = await asTenant(b).get(`/api/v1/marketplace/listings/${published.slug}`).expect(200)
      expect(res.body.versions.map((v: { version: string }) => v.version)).to.deep.equal(['1.0.0'])
      for (const hidden of ['report', 'sk-live', publishedReportMarker, a.tenantId])
        expect(JSON.stringify(res.body)).to.not.include(hidden)
      const used = await asTenant(b).get(`/api/v1/marketplace/listings/${others.slug}`).expect(200)
      expect(used.body.listing).to.include({ install_count: 1, download_count: 1, owned: false })
      expect(used.body.listing.rating).to.deep.equal({ count: 1, mean: 5 })
      expect(used.body).to.not.have.property('my_rating')
      expect(JSON.stringify(used.body)).to.not.include(c.tenantId)
    })

    it("changes none of A's rows through any marketplace write route, and reads nothing unpublished through any read route", async () => {
      const operations = listOperations(loadSpec()).filter((op) => op.path.startsWith('/api/v1/marketplace/'))
      expect(operations.map((op) => op.operationId)).to.include.members([
        'searchMarketplaceListings',
        'getMarketplaceListing',
        'rateMarketplaceListing',
        'deleteMarketplaceRating',
      ])
      const before = await snapshotOfA()
      const api = asTenant(b)
      const tried: string[] = []
      for (const op of operations) {
        const content = (
          op.operation.requestBody as { content?: Record<string, { example?: unknown }> } | undefined
        )?.content
        const example = content?.['application/json']?.example
        for (const [slug, version] of [
          [published.slug, '1.0.0'],
          [published.slug, '1.1.0'],
          [published.slug, '1.2.0'],
          [draft.slug, '0.1.0'],
        ] as const) {
          const path = op.path.replace('{slug}', slug).replace('{version}', version)
          // A body the route accepts, aimed at A's listing where it names one.
          const body =
            typeof example === 'object' && example !== null
              ? { ...example, ...('slug' in example ? { slug } : {}) }
              : {}
          const call = api[op.method as 'get' | 'post' | 'patch' | 'delete' | 'put'](path)
          const res = await (op.method === 'get' || op.method === 'delete' ? call : call.send(body))
          tried.push(`${op.method.toUpperCase()} ${path} ${res.status}`)
          const unpublished = slug === draft.slug || version !== '1.0.0'
          if (
            op.method === 'get' &&
            op.path.includes('{slug}') &&
            unpublished &&
            op.path.includes('{version}')
          )
            expect(res.status, `${op.method} ${path}`).to.equal(404)
          if (op.method === 'get' && slug === draft.slug && op.path.includes('{slug}'))
            expect(res.status, `${op.method} ${path}`).to.equal(404)
          for (const hidden of ['sk-live', publishedReportMarker, a.tenantId])
            expect(JSON.stringify(res.body), path).to.not.include(hidden)
        }
      }
      expect(await snapshotOfA(), tried.join('\n')).to.deep.equal(before)
    })
  })

  describe('through SQL as the app role with B set', () => {
    const asB = <T>(work: (tx: TransactionSql) => Promise<T>) =>
      inTenantTransaction(testStack().appSql, b.tenantId, work)

    it("reads none of A's drafts, unpublished versions or their reports, not even by A's tenant_id or slug", async () => {
      const seen = await asB(async (tx) => ({
        listings: await tx<
          { slug: string }[]
        >`select slug from marketplace_listings where tenant_id = ${a.tenantId} order by slug`,
        draft: await tx`select slug from marketplace_listings where slug = ${draft.slug}`,
        versions: await tx`
          select version, status from marketplace_versions where tenant_id = ${a.tenantId} and listing_id = ${published.id}`,
        reports: await tx`select report from marketplace_version_reports where tenant_id = ${a.tenantId}`,
        projection: await tx`select slug from marketplace_search where slug = ${draft.slug}`,
        words: await tx`select word from marketplace_search_words where word = ${draftWord}`,
        terms: await tx`select term from marketplace_search_terms where slug = ${draft.slug}`,
        draftWords: await tx`select word from marketplace_draft_words where tenant_id = ${a.tenantId}`,
      }))
      // A's draft has words of its own (the check below would pass on an empty table otherwise).
      const [{ count } = { count: 0 }] = await testStack().superSql<{ count: number }[]>`
        select count(*)::int as count from marketplace_draft_words where tenant_id = ${a.tenantId}`
      expect(count, "A's draft words").to.be.greaterThan(0)
      expect(seen.listings.map((row) => row.slug)).to.have.members([published.slug, others.slug])
      expect([
        ...seen.draft,
        ...seen.reports,
        ...seen.projection,
        ...seen.words,
        ...seen.terms,
        ...seen.draftWords,
      ]).to.deep.equal([])
      expect([...seen.versions]).to.deep.equal([{ version: '1.0.0', status: 'published' }])
    })

    it("reads no report of A's published version: no column of it holds one, and the reports table shows B none", async () => {
      const [row] = await testStack().superSql<{ id: string }[]>`
        select id from marketplace_versions where listing_id = ${published.id} and version = '1.0.0'`
      // The whole row, whatever its columns: a report kept on (or moved back onto) it would show here.
      const versions = await asB(
        (tx) => tx<{ row: Record<string, unknown> }[]>`
          select to_jsonb(v) as row from marketplace_versions v
           where tenant_id = ${a.tenantId} and listing_id = ${published.id}`,
      )
      expect(versions.map((v) => v.row.version)).to.deep.equal(['1.0.0'])
      expect(JSON.stringify([...versions])).to.not.include(publishedReportMarker)
      // Every column B reads of a published version is one the API shows every tenant, or a key.
      expect(Object.keys(versions[0]!.row)).to.have.members([
        'tenant_id',
        'id',
        'listing_id',
        'version',
        'status',
        'changelog',
        'example_prompts',
        'package',
        'package_sha256',
        'yanked_at',
        'created_at',
        'validated_at',
      ])
      const reports = await asB(async (tx) => [
        ...(await tx`select * from marketplace_version_reports where version_id = ${row!.id}`),
        ...(await tx`select * from marketplace_version_reports where tenant_id = ${a.tenantId}`),
      ])
      expect(reports).to.deep.equal([])
      // A itself reads its report (the rows are there: the empty answers above are isolation).
      const own = await inTenantTransaction(
        testStack().appSql,
        a.tenantId,
        (tx) => tx`select report from marketplace_version_reports where version_id = ${row!.id}`,
      )
      expect(JSON.stringify([...own])).to.include(publishedReportMarker)
    })

    it("writes no report of A's version: inserts as A or on A's version refused, updates and deletes not granted", async () => {
      const [row] = await testStack().superSql<{ id: string }[]>`
        select id from marketplace_versions where listing_id = ${published.id} and version = '1.0.0'`
      const before = await snapshotOfA()
      const forged = [{ check: 'tool_kinds', passed: true, message: 'forged by B' }]
      const refused = {
        'as A': await errorCode(() =>
          asB(
            (tx) => tx`
              insert into marketplace_version_reports (tenant_id, version_id, report)
              values (${a.tenantId}, ${row!.id}, ${tx.json(forged)})`,
          ),
        ),
        // Under B's own tenant the composite key finds no (B, A's version).
        "as B on A's version": await errorCode(() =>
          asB(
            (tx) => tx`
              insert into marketplace_version_reports (tenant_id, version_id, report)
              values (${b.tenantId}, ${row!.id}, ${tx.json(forged)})`,
          ),
        ),
        update: await errorCode(() =>
          asB(
            (tx) =>
              tx`update marketplace_version_reports set report = ${tx.json(forged)} where version_id = ${row!.id}`,
          ),
        ),
        delete: await errorCode(() =>
          asB((tx) => tx`delete from marketplace_version_reports where version_id = ${row!.id}`),
        ),
      }
      expect(refused).to.deep.equal({
        'as A': '42501',
        "as B on A's version": '23503',
        update: '42501',
        delete: '42501',
      })
      expect(await snapshotOfA()).to.deep.equal(before)
    })

    it("cannot learn who installed, downloaded or rated A's listing: only the counters", async () => {
      const seen = await asB(async (tx) => ({
        installs: await tx`select tenant_id from marketplace_installs where listing_slug = ${others.slug}`,
        downloads: await tx`select tenant_id from marketplace_downloads where listing_slug = ${others.slug}`,
        ratings: await tx`select tenant_id from marketplace_ratings where listing_slug = ${others.slug}`,
        counters: await tx`
          select install_count::int, download_count::int, rating_count::int, rating_sum::int
            from marketplace_listings where slug = ${others.slug}`,
      }))
      expect([...seen.installs, ...seen.downloads, ...seen.ratings]).to.deep.equal([])
      expect([...seen.counters]).to.deep.equal([
        { install_count: 1, download_count: 1, rating_count: 1, rating_sum: 5 },
      ])
    })

    it("changes none of A's listings or versions: no row to update or delete, inserts as A refused", async () => {
      const before = await snapshotOfA()
      const counts = await asB(async (tx) => ({
        renamed: (await tx`update marketplace_listings set name = 'pwned' where tenant_id = ${a.tenantId}`)
          .count,
        published: (await tx`update marketplace_listings set published_at = now() where slug = ${draft.slug}`)
          .count,
        deleted: (await tx`delete from marketplace_listings where tenant_id = ${a.tenantId}`).count,
        approved: (
          await tx`update marketplace_versions set status = 'published' where tenant_id = ${a.tenantId}`
        ).count,
        yanked: (await tx`update marketplace_versions set yanked_at = now() where tenant_id = ${a.tenantId}`)
          .count,
      }))
      expect(counts).to.deep.equal({ renamed: 0, published: 0, deleted: 0, approved: 0, yanked: 0 })
      const pkg = testPackage()
      const refused = {
        'a listing as A': await errorCode(() =>
          asB(
            (tx) => tx`
              insert into marketplace_listings (tenant_id, slug, name, summary, category)
              values (${a.tenantId}, ${`forged-${randomUUID().slice(0, 8)}`}, 'x', 'x', 'x')`,
          ),
        ),
        'a version of A': await errorCode(() =>
          asB(
            (tx) => tx`
              insert into marketplace_versions (tenant_id, listing_id, version, package, package_sha256)
              values (${a.tenantId}, ${published.id}, '9.9.9', ${tx.json(pkg as never)}, ${packageSha256(pkg)})`,
          ),
        ),
        // Under B's own tenant the composite key finds no (B, A's listing): no version on A's listing.
        "B's version of A's listing": await errorCode(() =>
          asB(
            (tx) => tx`
              insert into marketplace_versions (tenant_id, listing_id, version, package, package_sha256)
              values (${b.tenantId}, ${published.id}, '9.9.9', ${tx.json(pkg as never)}, ${packageSha256(pkg)})`,
          ),
        ),
        'a counter': await errorCode(() =>
          asB(
            (tx) =>
              tx`update marketplace_listings set install_count = 1000000 where slug = ${published.slug}`,
          ),
        ),
        'moving a listing to A': await errorCode(() =>
          asB(
            (tx) =>
              tx`update marketplace_listings set tenant_id = ${a.tenantId} where tenant_id = ${b.tenantId}`,
          ),
        ),
        'the search projection': await errorCode(() =>
          asB(
            (tx) => tx`update marketplace_search set install_count = 1000000 where slug = ${published.slug}`,
          ),
        ),
        'the words': await errorCode(() =>
          asB((tx) => tx`insert into marketplace_search_words (word) values ('planted')`),
        ),
        'the terms': await errorCode(() =>
          asB(
            (tx) =>
              tx`insert into marketplace_search_terms (term, slug, rank) values ('''planted''', ${published.slug}, 3)`,
          ),
        ),
        "words of A's draft": await errorCode(() =>
          asB(
            (tx) =>
              tx`insert into marketplace_draft_words (tenant_id, listing_id, word) values (${a.tenantId}, ${draft.id}, '''planted''')`,
          ),
        ),
        'the sync trigger': await errorCode(() => asB((tx) => tx`select app.marketplace_search_sync()`)),
        "the terms' trigger": await errorCode(() =>
          asB((tx) => tx`select app.marketplace_search_terms_sync()`),
        ),
      }
      expect(refused).to.deep.equal({
        'a listing as A': '42501',
        'a version of A': '42501',
        "B's version of A's listing": '23503',
        'a counter': '42501',
        'moving a listing to A': '42501',
        'the search projection': '42501',
        'the words': '42501',
        'the terms': '42501',
        "words of A's draft": '42501',
        'the sync trigger': '42501',
        "the terms' trigger": '42501',
      })
      expect(await snapshotOfA()).to.deep.equal(before)
    })

    it('sees no draft and no unpublished version with no tenant set at all', async () => {
      const { appSql } = testStack()
      expect(await appSql`select slug from marketplace_listings where slug = ${draft.slug}`).to.have.length(0)
      expect(
        await appSql`select version from marketplace_versions where tenant_id = ${a.tenantId} and status <> 'published'`,
      ).to.have.length(0)
    })
  })
})
