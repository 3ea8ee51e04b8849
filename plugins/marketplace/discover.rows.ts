// Rows as discover reads them: a listing with what the caller may know of it (`owned`, computed in SQL
// without selecting the publisher, and its latest version), a version with its listing's slug, a rating.
// Their API shapes are marketplace.views.ts's, the same for every marketplace operation.
import {
  listingView,
  versionView,
  type ListingColumns,
  type MarketplaceListing,
  type MarketplaceVersion,
  type VersionColumns,
} from './marketplace.views.js'

export type { MarketplaceListing, MarketplaceVersion } from './marketplace.views.js'

export interface ListingRow extends ListingColumns {
  owned: boolean
  latest_version: string | null
}

export interface VersionRow extends VersionColumns {
  listing: string
}

export interface RatingRow {
  listing_slug: string
  stars: number
  review: string | null
  created_at: Date
  updated_at: Date
}

export interface MarketplaceRating {
  listing: string
  stars: number
  review: string | null
  created_at: Date
  updated_at: Date
}

export const toListing = (row: ListingRow): MarketplaceListing =>
  listingView(row, row.owned, row.latest_version ?? undefined)

/** A version; its report only for the publisher (`owned`), and only once validated. */
export const toVersion = (row: VersionRow, owned: boolean): MarketplaceVersion =>
  versionView(row, row.listing, owned)

export const toRating = (row: RatingRow): MarketplaceRating => ({
  listing: row.listing_slug,
  stars: row.stars,
  review: row.review,
  created_at: row.created_at,
  updated_at: row.updated_at,
})
