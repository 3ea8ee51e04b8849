// A listing's detail is one read (the listing, its versions, the caller's rating): its statements leave with
// the transaction's BEGIN and COMMIT, in one write to PostgreSQL (lastInTransaction).
import { expect } from 'chai'
import type { asTenant } from '../../../test/helpers/api.js'
import { countedTenant, type CountedTenant } from '../../../test/helpers/pg-round-trips.js'
import { createListing } from './publish.helpers.js'

describe('marketplace listing detail: one round trip to PostgreSQL', () => {
  let counted: CountedTenant
  let api: ReturnType<typeof asTenant>
  let slug: string

  before(async () => {
    counted = await countedTenant('detail-reads')
    api = counted.api
    slug = (await createListing(api)).slug
  })
  after(() => counted.close())

  it('GET /marketplace/listings/{slug} sends its three reads with BEGIN and COMMIT in one write', async () => {
    const read = () => api.get(`/api/v1/marketplace/listings/${slug}`).expect(200)
    expect(await counted.writesOf(read)).to.equal(1)
    const detail = await read()
    // The publisher sees its own draft, with no versions and no rating of its own.
    expect(detail.body).to.deep.include({ versions: [] })
    expect(detail.body.listing).to.include({ slug })
    expect(detail.body).not.to.have.property('my_rating')
  })

  it('answers 404 for a listing nobody has, in one write too', async () => {
    const missing = () => api.get('/api/v1/marketplace/listings/nobody-has-this-one').expect(404)
    expect(await counted.writesOf(missing)).to.equal(1)
    expect((await missing()).body).to.deep.include({ error_code: 'MARKETPLACE_LISTING_NOT_FOUND' })
  })
})
