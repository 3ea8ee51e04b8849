// The publisher's rules: listings (slug taken, reserved; delete only while nothing is published), versions
// (greater than the last; a package snapshot; its validation job enqueued in the same transaction), yank,
// and the signed download. Writes reach only the caller's own rows; another tenant's published listing is
// answered 403 (everyone can see it exists), another's draft 404 (nobody else can). No SQL, no HTTP.
import { appError, toPage, type Page, type PageRequest, type TransactionSql } from '../../app/plugin-kit.js'
import type { JobsService } from '../jobs/jobs.queue.js'
import type { MarketplaceConfig } from './marketplace.config.js'
import { canonicalPackage, packageSha256 } from './marketplace.package.js'
import {
  compareVersions,
  greatestVersion,
  toListing,
  toVersion,
  type ListingRow,
  type MarketplaceListing,
  type MarketplaceVersion,
} from './marketplace.views.js'
import { SlugTakenError, type ListingFields, type PublishListingsRepo } from './publish.listings.repo.js'
import type { PublishMetrics } from './publish.metrics.js'
import type { PackageSigner } from './publish.signing.js'
import type { PublishSnapshots } from './publish.snapshot.js'
import { enqueueValidation } from './publish.validation.js'
import { VersionExistsError, type PublishVersionsRepo } from './publish.versions.repo.js'

/** Slugs that name a route under /api/v1/marketplace/listings/ rather than a listing. */
export const reservedSlugs = new Set(['mine'])

export interface NewListing extends Partial<Pick<ListingFields, 'description' | 'tags'>> {
  slug: string
  name: string
  summary: string
  category: string
}

export interface NewVersionRequest {
  version: string
  agent_id: string
  changelog?: string
  example_prompts?: string[]
}

export interface SignedPackage {
  content: string
  sha256: string
  signature: string
}

interface Deps {
  tx: TransactionSql
  tenantId: string
  marketplaceConfig: MarketplaceConfig
  jobs: JobsService
  marketplacePublishListingsRepo: PublishListingsRepo
  marketplacePublishVersionsRepo: PublishVersionsRepo
  marketplacePublishSnapshots: PublishSnapshots
  marketplacePublishSigner: PackageSigner
  marketplacePublishMetrics: PublishMetrics
}

const listingNotFound = (slug: string) =>
  appError('MARKETPLACE_LISTING_NOT_FOUND', `No listing ${slug}.`, { slug })
const versionNotFound = (slug: string, version: string) =>
  appError('MARKETPLACE_VERSION_NOT_FOUND', `No version ${version} of listing ${slug}.`, { slug, version })

export function makePublishService(deps: Deps) {
  const {
    tenantId,
    marketplacePublishListingsRepo: listings,
    marketplacePublishVersionsRepo: versions,
  } = deps

  /** Why the caller cannot write the listing: another tenant's published one (403), or none it can see. */
  const notWritable = async (slug: string): Promise<never> => {
    const seen = await listings.visible(slug)
    if (seen && seen.tenant_id !== tenantId) {
      throw appError('MARKETPLACE_NOT_PUBLISHER', `Listing ${slug} is another tenant's.`, { slug })
    }
    throw listingNotFound(slug)
  }

  const view = async (rows: ListingRow[]): Promise<MarketplaceListing[]> => {
    const installable = await listings.installableVersions(rows.map((row) => row.id))
    return rows.map((row) => toListing(row, tenantId, greatestVersion(installable.get(row.id) ?? [])))
  }

  return {
    async createListing({ slug, description = '', tags = [], ...fields }: NewListing) {
      if (reservedSlugs.has(slug)) {
        throw appError('MARKETPLACE_SLUG_RESERVED', `The slug ${slug} names a route.`, { slug })
      }
      const row = await listings.create(slug, { ...fields, description, tags }).catch((error: unknown) => {
        if (error instanceof SlugTakenError)
          throw appError('MARKETPLACE_SLUG_TAKEN', `The slug ${slug} is taken.`, { slug })
        throw error
      })
      return toListing(row, tenantId)
    },

    async listMine(page: PageRequest): Promise<Page<MarketplaceListing>> {
      const { items, total } = await listings.listOwn(page)
      return toPage(await view(items), total, page)
    },

    async updateListing(slug: string, changes: Partial<ListingFields>): Promise<MarketplaceListing> {
      const row = await listings.update(slug, changes)
      if (!row) return notWritable(slug)
      return (await view([row]))[0]!
    },

    async deleteListing(slug: string): Promise<void> {
      if (await listings.deleteUnpublished(slug)) return
      const own = await listings.lockOwn(slug)
      if (!own) return notWritable(slug)
      throw appError(
        'MARKETPLACE_LISTING_PUBLISHED',
        `Listing ${slug} has a published version; yank versions instead.`,
        { slug },
      )
    },

    /** 202 validating; the job that validates it commits with it, or neither does. */
    async createVersion(slug: string, request: NewVersionRequest): Promise<MarketplaceVersion> {
      const listing = (await listings.lockOwn(slug)) ?? (await notWritable(slug))
      const latest = greatestVersion(await versions.versionsOf(listing.id))
      if (latest !== undefined && compareVersions(request.version, latest) <= 0) {
        throw appError(
          'MARKETPLACE_VERSION_NOT_GREATER',
          `Version ${request.version} is not greater than ${latest}, the listing's last.`,
          { version: request.version, latest },
        )
      }
      const pkg = await deps.marketplacePublishSnapshots.packageOf(request.agent_id)
      const row = await versions
        .insert({
          listingId: listing.id,
          version: request.version,
          changelog: request.changelog ?? '',
          examplePrompts: request.example_prompts ?? [],
          package: pkg,
          packageSha256: packageSha256(pkg),
        })
        .catch((error: unknown) => {
          // Unreachable while the listing is locked; kept so a race can never be a 500.
          if (!(error instanceof VersionExistsError)) throw error
          throw appError('MARKETPLACE_VERSION_NOT_GREATER', `Version ${request.version} exists.`, {
            version: request.version,
            latest: request.version,
          })
        })
      await enqueueValidation(deps, row.id)
      return toVersion(row, tenantId)
    },

    async getVersion(slug: string, version: string): Promise<MarketplaceVersion> {
      const row = await versions.visible(slug, version)
      if (!row) throw versionNotFound(slug, version)
      return toVersion(row, tenantId)
    },

    async yank(slug: string, version: string): Promise<MarketplaceVersion> {
      const yanked = await versions.yank(slug, version)
      if (yanked) return toVersion(yanked, tenantId)
      const own = await listings.lockOwn(slug)
      if (!own) return notWritable(slug)
      const row = await versions.visible(slug, version)
      if (!row) throw versionNotFound(slug, version)
      throw appError(
        'MARKETPLACE_VERSION_NOT_PUBLISHED',
        `Version ${version} of ${slug} is ${row.status}, not published.`,
        { slug, version, status: row.status },
      )
    },

    /** The canonical JSON, its hash and the platform's signature; counts the download. */
    async download(slug: string, version: string): Promise<SignedPackage> {
      const found = await versions.packageOf(slug, version)
      if (!found) throw versionNotFound(slug, version)
      if (found.yanked) {
        throw appError('MARKETPLACE_VERSION_YANKED', `Version ${version} of ${slug} was yanked.`, {
          slug,
          version,
        })
      }
      const content = canonicalPackage(found.package)
      // What is served is what was validated and hashed: a stored package that changed is never signed.
      if (packageSha256(found.package) !== found.sha256) {
        throw new Error(`the package of ${slug}@${version} does not match its package_sha256`)
      }
      const signature = deps.marketplacePublishSigner.signatureHeader(Buffer.from(content))
      await versions.recordDownload(slug, version)
      deps.marketplacePublishMetrics.recordDownload()
      return { content, sha256: found.sha256, signature }
    },
  }
}

export type PublishService = ReturnType<typeof makePublishService>
