// Discover's error codes (search, listing detail, ratings). A cursor that cannot be used is the runs
// plugin's INVALID_CURSOR (one code for every cursor of the API, with the same details).
import { detailsObject, type ErrorDefinition } from '../../app/plugin-kit.js'

const slug = detailsObject({ slug: { $ref: '#/components/schemas/ListingSlug' } })

export const discoverErrors = {
  /**
   * Unknown, or another tenant's draft: the same answer, so a draft's slug is not revealed. (A draft a
   * tenant can see is its own, and rating it is MARKETPLACE_OWN_LISTING_RATING.)
   */
  MARKETPLACE_LISTING_NOT_FOUND: {
    status: 404,
    kind: 'not_found',
    title: 'Listing not found',
    details: slug,
  },
  MARKETPLACE_OWN_LISTING_RATING: {
    status: 403,
    kind: 'forbidden',
    title: 'A publisher cannot rate its own listing',
    details: slug,
  },
  MARKETPLACE_RATING_NOT_FOUND: {
    status: 404,
    kind: 'not_found',
    title: 'No rating of this listing by the tenant',
    details: slug,
  },
} as const satisfies Record<string, ErrorDefinition>

declare module '../../app/plugin-kit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the codes into ErrorCodes
  interface ErrorCodes extends Record<keyof typeof discoverErrors, ErrorDefinition> {}
}
