// The rows of marketplace_listings and marketplace_versions as every marketplace operation answers them
// (MarketplaceListing, MarketplaceVersion in marketplace.openapi.yaml), and the order of semantic versions
// that "latest" and "greater than the last" mean. Who published a listing is never shown: only `owned`.

/** The columns of a listing every view is made of. */
export interface ListingColumns {
  slug: string
  name: string
  summary: string
  description: string
  category: string
  tags: string[]
  published_at: Date | null
  /** bigint columns arrive as text. */
  install_count: string | number
  download_count: string | number
  rating_count: string | number
  rating_sum: string | number
  created_at: Date
  updated_at: Date
}

/** What the publish repositories select of a listing: its columns, and whose it is. */
export interface ListingRow extends ListingColumns {
  id: string
  tenant_id: string
}

/** The columns of a version every view is made of. */
export interface VersionColumns {
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

/** What the publish repositories select of a version: its columns, whose it is, its listing's slug. */
export interface VersionRow extends VersionColumns {
  id: string
  tenant_id: string
  listing_id: string
  /** The listing's slug (joined). */
  slug: string
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

export interface MarketplaceVersion {
  listing: string
  version: string
  status: VersionColumns['status']
  yanked: boolean
  yanked_at?: Date
  changelog: string
  example_prompts: string[]
  package_sha256: string
  report?: unknown[]
  created_at: Date
  validated_at?: Date
}

/**
 * A listing as every operation shows it: `owned` when the caller is its publisher (never who that is);
 * `latest_version` the greatest of its published, unyanked versions; the mean rating to two decimals.
 */
export function listingView(row: ListingColumns, owned: boolean, latest?: string): MarketplaceListing {
  const ratings = Number(row.rating_count)
  return {
    slug: row.slug,
    name: row.name,
    summary: row.summary,
    description: row.description,
    category: row.category,
    tags: row.tags,
    status: row.published_at ? 'published' : 'draft',
    owned,
    ...(latest === undefined ? {} : { latest_version: latest }),
    install_count: Number(row.install_count),
    download_count: Number(row.download_count),
    rating: { count: ratings, mean: ratings > 0 ? round2(Number(row.rating_sum) / ratings) : null },
    ...(row.published_at ? { published_at: row.published_at } : {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100

/** A version of listing `listing` as every operation shows it: the report only for its publisher, once validated. */
export function versionView(row: VersionColumns, listing: string, owned: boolean): MarketplaceVersion {
  return {
    listing,
    version: row.version,
    status: row.status,
    yanked: row.yanked_at !== null,
    ...(row.yanked_at ? { yanked_at: row.yanked_at } : {}),
    changelog: row.changelog,
    example_prompts: row.example_prompts,
    package_sha256: row.package_sha256,
    ...(owned && row.report ? { report: row.report } : {}),
    created_at: row.created_at,
    ...(row.validated_at ? { validated_at: row.validated_at } : {}),
  }
}

/** A listing the publish repositories read, for the caller (see listingView). */
export const toListing = (row: ListingRow, callerTenantId: string, latest?: string): MarketplaceListing =>
  listingView(row, row.tenant_id === callerTenantId, latest)

/** A version the publish repositories read, for the caller (see versionView). */
export const toVersion = (row: VersionRow, callerTenantId: string): MarketplaceVersion =>
  versionView(row, row.slug, row.tenant_id === callerTenantId)

const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

/** Semantic Versioning 2.0.0 precedence: < 0 when a comes first, 0 when equal, > 0 when a is greater. */
export function compareVersions(a: string, b: string): number {
  const [, ...pa] = semver.exec(a) ?? []
  const [, ...pb] = semver.exec(b) ?? []
  if (pa.length === 0 || pb.length === 0) throw new Error(`not a semantic version: ${a} or ${b}`)
  for (let i = 0; i < 3; i++) {
    const difference = compareNumeric(pa[i]!, pb[i]!)
    if (difference !== 0) return difference
  }
  // A pre-release comes before its release: 1.0.0-rc.1 < 1.0.0.
  const [ra, rb] = [pa[3], pb[3]]
  if (ra === undefined || rb === undefined) return ra === rb ? 0 : ra === undefined ? 1 : -1
  const [ia, ib] = [ra.split('.'), rb.split('.')]
  for (let i = 0; i < Math.max(ia.length, ib.length); i++) {
    const [x, y] = [ia[i], ib[i]]
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)]
    // Numeric identifiers compare as numbers and come before alphanumeric ones.
    const difference =
      nx && ny ? compareNumeric(x, y) : nx !== ny ? (nx ? -1 : 1) : x < y ? -1 : x > y ? 1 : 0
    if (difference !== 0) return difference
  }
  return 0
}

/** Two digit strings as numbers of any size: the longer is greater, else the text decides. */
const compareNumeric = (a: string, b: string): number =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0

/** The greatest of the versions (undefined for none). */
export const greatestVersion = (versions: readonly string[]): string | undefined =>
  versions.reduce<string | undefined>(
    (best, version) => (best === undefined || compareVersions(version, best) > 0 ? version : best),
    undefined,
  )
