// A listing's detail is one read (the listing, its versions, the caller's rating): its statements leave with
// the transaction's BEGIN and COMMIT, in one write to PostgreSQL (lastInTransaction).
import { expect } from 'chai'
import type { BuiltApp } from '../../../app/kernel/create-app.js'
import { asTenant, buildTestApp, createTestTenant, testConfig } from '../../../test/helpers/api.js'
import { countedAppPool, type CountedPool } from '../../../test/helpers/pg-round-trips.js'
import { createListing } from './publish.helpers.js'

describe('marketplace listing detail: one round trip to PostgreSQL', () => {
  let pool: CountedPool
  let app: BuiltApp
  let api: ReturnType<typeof asTenant>
  let slug: string

  before(async () => {
    pool = await countedAppPool()
    // The key and the tenant's settings cached (as in production), so a request's writes are its own.
    const config = testConfig({ AUTH_CACHE_TTL_MS: '60000', TENANT_SETTINGS_CACHE_MS: '60000' })
    app = buildTestApp({ sql: pool.sql, config })
    api = asTenant(await createTestTenant('detail-reads'), app)
    slug = (await createListing(api)).slug
  })
  after(() => pool.close())

  it('GET /marketplace/listings/{slug} sends its three reads with BEGIN and COMMIT in one write', async () => {
    const read = () => api.get(`/api/v1/marketplace/listings/${slug}`).expect(200)
    await read()
    expect(await pool.fewestWrites(app, read)).to.equal(1)
    const detail = await read()
    // The publisher sees its own draft, with no versions and no rating of its own.
    expect(detail.body).to.deep.include({ versions: [] })
    expect(detail.body.listing).to.include({ slug })
    expect(detail.body).not.to.have.property('my_rating')
  })

  it('answers 404 for a listing nobody has, in one write too', async () => {
    const missing = () => api.get('/api/v1/marketplace/listings/nobody-has-this-one').expect(404)
    expect(await pool.fewestWrites(app, missing)).to.equal(1)
    expect((await missing()).body).to.deep.include({ error_code: 'MARKETPLACE_LISTING_NOT_FOUND' })
  })
})
