// Discover's handlers: search, a listing's detail, rating. Read the validated request, call the service.
import { lastInTransaction, type Operation } from '../../app/plugin-kit.js'
import type { ListingSort } from './discover.cursor.js'

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

export const searchMarketplaceListings: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.marketplaceDiscoverService.search({
    q: text(query.q),
    category: text(query.category),
    tag: text(query.tag),
    sort: text(query.sort) as ListingSort | undefined,
    cursor: text(query.cursor),
    limit: typeof query.limit === 'number' ? query.limit : 20,
  }),
})

export const getMarketplaceListing: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.marketplaceDiscoverService.detail(params.slug!, lastInTransaction),
})

export const rateMarketplaceListing: Operation = async ({ params, body, services }) => {
  const { stars, review } = body as { stars: number; review?: string | null }
  const { created, rating } = await services.marketplaceDiscoverService.rate(
    params.slug!,
    stars,
    review ?? null,
  )
  return { status: created ? 201 : 200, body: rating }
}

export const deleteMarketplaceRating: Operation = async ({ params, services }) => {
  await services.marketplaceDiscoverService.unrate(params.slug!)
  return { status: 204 }
}
