// Rows as discover reads them, and their API shapes (MarketplaceListing, MarketplaceVersion in
// marketplace.openapi.yaml). Discover's own copy of the mapping, until marketplace.views.ts (the publish
// part's) is shared at the merge: the shapes are the shared schemas, so the two must agree.

/** A listing with what the caller may know of it: whether it is the caller's, its latest version. */
export interface ListingRow {
  slug: string
  name: string
  summary: string
  description: string
  category: string
  tags: string[]
  published_at: Date | null
  /** bigint columns arrive as text. */
  install_count: string
  download_count: string
  rating_count: string
  rating_sum: string
  created_at: Date
  updated_at: Date
  owned: boolean
  latest_version: string | null
}

export interface VersionRow {
  listing: string
  version: string
  status: 'validating' | 'published' | 'rejected'
  changelog: string
  example_prompts: string[]
  package_sha256: string
  /** From marketplace_version_reports, joined for the caller's own versions only: null for anyone else's. */
  report: unknown[] | null
  yanked_at: Date | null
  created_at: Date
  validated_at: Date | null
}

export interface RatingRow {
  listing_slug: string
  stars: number
  review: string | null
  created_at: Date
  updated_at: Date
}

export interface MarketplaceListing {
  slug: string
  name: string
  summary: string
  description: string
  category: string
  tags: string[]
  status: 'draft' | 'published'
  owned: boolean
  latest_version?: string
  install_count: number
  download_count: number
  rating: { count: number; mean: number | null }
  published_at?: Date
  created_at: Date
  updated_at: Date
}

export type MarketplaceVersion = Record<string, unknown>

export interface MarketplaceRating {
  listing: string
  stars: number
  review: string | null
  created_at: Date
  updated_at: Date
}

export function toListing(row: ListingRow): MarketplaceListing {
  const count = Number(row.rating_count)
  return {
    slug: row.slug,
    name: row.name,
    summary: row.summary,
    description: row.description,
    category: row.category,
    tags: row.tags,
    status: row.published_at === null ? 'draft' : 'published',
    owned: row.owned,
    ...(row.latest_version === null ? {} : { latest_version: row.latest_version }),
    install_count: Number(row.install_count),
    download_count: Number(row.download_count),
    rating: { count, mean: count === 0 ? null : Number(row.rating_sum) / count },
    ...(row.published_at === null ? {} : { published_at: row.published_at }),
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

/** A version; its report only for the publisher (`owned`), and only once validated. */
export function toVersion(row: VersionRow, owned: boolean): MarketplaceVersion {
  return {
    listing: row.listing,
    version: row.version,
    status: row.status,
    yanked: row.yanked_at !== null,
    ...(row.yanked_at === null ? {} : { yanked_at: row.yanked_at }),
    changelog: row.changelog,
    example_prompts: row.example_prompts,
    package_sha256: row.package_sha256,
    ...(owned && row.report !== null ? { report: row.report } : {}),
    created_at: row.created_at,
    ...(row.validated_at === null ? {} : { validated_at: row.validated_at }),
  }
}

export const toRating = (row: RatingRow): MarketplaceRating => ({
  listing: row.listing_slug,
  stars: row.stars,
  review: row.review,
  created_at: row.created_at,
  updated_at: row.updated_at,
})
