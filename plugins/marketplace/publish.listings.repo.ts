// SQL for the publisher's side of listings. Writes name tenant_id (the publisher) as every repository does;
// `visible` reads a shared row by slug, where row-level security decides (published, or the caller's own).
import { isUniqueViolation, type PageRequest, type TransactionSql } from '../../app/plugin-kit.js'
import type { ListingRow } from './marketplace.views.js'

export interface ListingFields {
  name: string
  summary: string
  description: string
  category: string
  tags: string[]
}

/** The slug is another listing's (any tenant's: slugs are global). */
export class SlugTakenError extends Error {}

export function makePublishListingsRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  const columns = tx`
    l.id, l.tenant_id, l.slug, l.name, l.summary, l.description, l.category, l.tags, l.published_at,
    l.install_count, l.download_count, l.rating_count, l.rating_sum, l.created_at, l.updated_at`

  return {
    async create(slug: string, fields: ListingFields): Promise<ListingRow> {
      try {
        const [row] = await tx<ListingRow[]>`
          insert into marketplace_listings as l (tenant_id, slug, name, summary, description, category, tags)
          values (${tenantId}, ${slug}, ${fields.name}, ${fields.summary}, ${fields.description},
                  ${fields.category}, ${fields.tags})
          returning ${columns}`
        return row!
      } catch (error) {
        if (isUniqueViolation(error, 'marketplace_listings_slug_key')) throw new SlugTakenError()
        throw error
      }
    },

    /** The caller's own listings, drafts included, newest first. */
    async listOwn(page: PageRequest): Promise<{ items: ListingRow[]; total: number }> {
      const [items, [count]] = await Promise.all([
        tx<ListingRow[]>`
          select ${columns} from marketplace_listings l
           where l.tenant_id = ${tenantId}
           order by l.created_at desc, l.id desc
           limit ${page.limit} offset ${page.offset}`,
        tx<{ total: number }[]>`
          select count(*)::int as total from marketplace_listings where tenant_id = ${tenantId}`,
      ])
      return { items, total: count?.total ?? 0 }
    },

    /** The listing as the caller may see it: published, or its own (row-level security decides). */
    async visible(slug: string): Promise<ListingRow | undefined> {
      const [row] = await tx<
        ListingRow[]
      >`select ${columns} from marketplace_listings l where l.slug = ${slug}`
      return row
    },

    /** The caller's own listing, locked until the transaction ends (versions are added one at a time). */
    async lockOwn(slug: string): Promise<ListingRow | undefined> {
      const [row] = await tx<ListingRow[]>`
        select ${columns} from marketplace_listings l
         where l.tenant_id = ${tenantId} and l.slug = ${slug}
         for update`
      return row
    },

    async update(slug: string, changes: Partial<ListingFields>): Promise<ListingRow | undefined> {
      const [row] = await tx<ListingRow[]>`
        update marketplace_listings l
           set name = coalesce(${changes.name ?? null}, name),
               summary = coalesce(${changes.summary ?? null}, summary),
               description = coalesce(${changes.description ?? null}, description),
               category = coalesce(${changes.category ?? null}, category),
               tags = coalesce(${changes.tags ?? null}::text[], tags),
               updated_at = now()
         where l.tenant_id = ${tenantId} and l.slug = ${slug}
        returning ${columns}`
      return row
    },

    /**
     * Deletes the caller's listing (its versions go with it) only while nothing is published; the check is
     * in the statement itself, so a validation publishing meanwhile makes it delete nothing.
     */
    async deleteUnpublished(slug: string): Promise<boolean> {
      const rows = await tx`
        delete from marketplace_listings
         where tenant_id = ${tenantId} and slug = ${slug} and published_at is null
        returning id`
      return rows.length > 0
    },

    /** By listing id: its published, unyanked versions (listings without any are absent). */
    async installableVersions(listingIds: readonly string[]): Promise<Map<string, string[]>> {
      if (listingIds.length === 0) return new Map()
      const rows = await tx<{ listing_id: string; versions: string[] }[]>`
        select listing_id, array_agg(version) as versions from marketplace_versions
         where listing_id = any(${listingIds}::uuid[]) and status = 'published' and yanked_at is null
         group by listing_id`
      return new Map(rows.map((row) => [row.listing_id, row.versions]))
    },
  }
}

export type PublishListingsRepo = ReturnType<typeof makePublishListingsRepo>
