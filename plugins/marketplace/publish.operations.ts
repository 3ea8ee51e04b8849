// Thin handlers of the publishing side, keyed by operationId (marketplace.publish.openapi.yaml).
import { pageRequest, type Operation } from '../../app/plugin-kit.js'
import type { ListingFields } from './publish.listings.repo.js'
import type { NewListing, NewVersionRequest } from './publish.service.js'

const listingPath = (slug: string) => `/api/v1/marketplace/listings/${slug}`

export const createMarketplaceListing: Operation = async ({ body, services }) => {
  const listing = await services.marketplacePublishService.createListing(body as NewListing)
  return { status: 201, body: listing, headers: { Location: listingPath(listing.slug) } }
}

export const listMyMarketplaceListings: Operation = async ({ query, services }) => ({
  status: 200,
  body: await services.marketplacePublishService.listMine(pageRequest(query)),
})

export const updateMarketplaceListing: Operation = async ({ params, body, services }) => ({
  status: 200,
  body: await services.marketplacePublishService.updateListing(params.slug!, body as Partial<ListingFields>),
})

export const deleteMarketplaceListing: Operation = async ({ params, services }) => {
  await services.marketplacePublishService.deleteListing(params.slug!)
  return { status: 204 }
}

export const createMarketplaceVersion: Operation = async ({ params, body, services }) => {
  const slug = params.slug!
  const version = await services.marketplacePublishService.createVersion(slug, body as NewVersionRequest)
  return {
    status: 202,
    body: version,
    headers: { Location: `${listingPath(slug)}/versions/${version.version}` },
  }
}

export const getMarketplaceVersion: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.marketplacePublishService.getVersion(params.slug!, params.version!),
})

export const yankMarketplaceVersion: Operation = async ({ params, services }) => ({
  status: 200,
  body: await services.marketplacePublishService.yank(params.slug!, params.version!),
})

/** The canonical bytes as they were hashed and signed: sent as text, never re-serialised. */
export const getMarketplacePackage: Operation = async ({ params, services }) => {
  const signed = await services.marketplacePublishService.download(params.slug!, params.version!)
  return {
    status: 200,
    headers: { ETag: `"${signed.sha256}"`, 'X-Package-Signature': signed.signature },
    text: { contentType: 'application/json; charset=utf-8', content: signed.content },
  }
}

export const getMarketplaceSigningKey: Operation = ({ services }) =>
  Promise.resolve().then(() => ({ status: 200, body: services.marketplacePublishSigner.publicKey() }))
