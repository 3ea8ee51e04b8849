// SQL for listing versions: adding one (validating), reading one as the caller may see it, the validation's
// outcome, yanking, and the package a download serves (with the download row whose trigger counts it).
import { isUniqueViolation, type TransactionSql } from '../../app/plugin-kit.js'
import type { AgentPackage } from './marketplace.package.js'
import type { VersionRow } from './marketplace.views.js'

export interface NewVersion {
  listingId: string
  version: string
  changelog: string
  examplePrompts: string[]
  package: AgentPackage
  packageSha256: string
}

/** A version as the validation job reads it: the row and the package to check. */
export interface VersionToValidate extends VersionRow {
  package: AgentPackage
}

export interface VersionCheck {
  check: string
  passed: boolean
  message: string
  details?: Record<string, unknown>
}

/** The version exists already (a concurrent request added it first). */
export class VersionExistsError extends Error {}

export function makePublishVersionsRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  const columns = tx`
    v.id, v.tenant_id, v.listing_id, l.slug, v.version, v.status, v.changelog, v.example_prompts,
    v.package_sha256, r.report, v.yanked_at, v.created_at, v.validated_at`
  const listing = tx`join marketplace_listings l on l.tenant_id = v.tenant_id and l.id = v.listing_id`
  // The report is the publisher's alone (its own table, tenant-isolated): joined only for the caller's own
  // version, which RLS enforces anyway; another tenant's published version reads with a null report.
  const report = tx`
    left join marketplace_version_reports r
      on r.tenant_id = ${tenantId} and r.tenant_id = v.tenant_id and r.version_id = v.id`
  const joined = tx`marketplace_versions v ${listing} ${report}`

  return {
    /** Every version of the caller's listing, whatever its status. */
    async versionsOf(listingId: string): Promise<string[]> {
      const rows = await tx<{ version: string }[]>`
        select version from marketplace_versions where tenant_id = ${tenantId} and listing_id = ${listingId}`
      return rows.map((row) => row.version)
    },

    async insert(version: NewVersion): Promise<VersionRow> {
      try {
        const [row] = await tx<VersionRow[]>`
          with v as (
            insert into marketplace_versions
              (tenant_id, listing_id, version, changelog, example_prompts, package, package_sha256)
            values (${tenantId}, ${version.listingId}, ${version.version}, ${version.changelog},
                    ${tx.json(version.examplePrompts)}, ${tx.json(version.package as never)},
                    ${version.packageSha256})
            returning *)
          select ${columns} from v ${listing} ${report}`
        return row!
      } catch (error) {
        if (isUniqueViolation(error, 'marketplace_versions_listing_version_key'))
          throw new VersionExistsError()
        throw error
      }
    },

    /** A version as the caller may see it (a published one, or any of its own: row-level security). */
    async visible(slug: string, version: string): Promise<VersionRow | undefined> {
      const [row] = await tx<VersionRow[]>`
        select ${columns} from ${joined} where l.slug = ${slug} and v.version = ${version}`
      return row
    },

    /** The caller's own version by id, with its package: what the validation job checks. */
    async toValidate(id: string): Promise<VersionToValidate | undefined> {
      const [row] = await tx<VersionToValidate[]>`
        select ${columns}, v.package from ${joined} where v.tenant_id = ${tenantId} and v.id = ${id}`
      return row
    },

    /**
     * Records the validation's outcome and its report (the publisher's own row), in one statement, only if
     * the version is still validating (a repeated attempt writes nothing); a first published version
     * publishes its listing. True when it wrote.
     */
    async finish(id: string, status: 'published' | 'rejected', report: VersionCheck[]): Promise<boolean> {
      const [row] = await tx<{ listing_id: string }[]>`
        with v as (
          update marketplace_versions set status = ${status}, validated_at = now()
           where tenant_id = ${tenantId} and id = ${id} and status = 'validating'
          returning tenant_id, id, listing_id),
        r as (
          insert into marketplace_version_reports (tenant_id, version_id, report)
          select tenant_id, id, ${tx.json(report as never)} from v)
        select listing_id from v`
      if (!row) return false
      if (status === 'published') {
        await tx`
          update marketplace_listings set published_at = coalesce(published_at, now()), updated_at = now()
           where tenant_id = ${tenantId} and id = ${row.listing_id}`
      }
      return true
    },

    /** Marks the caller's published version yanked (again: unchanged); undefined when not its own. */
    async yank(slug: string, version: string): Promise<VersionRow | undefined> {
      const [row] = await tx<VersionRow[]>`
        with v as (
          update marketplace_versions v
             set yanked_at = coalesce(v.yanked_at, now())
            from marketplace_listings l
           where v.tenant_id = ${tenantId} and l.tenant_id = v.tenant_id and l.id = v.listing_id
             and l.slug = ${slug} and v.version = ${version} and v.status = 'published'
          returning v.*)
        select ${columns} from v ${listing} ${report}`
      return row
    },

    /** The canonical package text of a published version the caller can see. */
    async packageOf(
      slug: string,
      version: string,
    ): Promise<{ package: AgentPackage; yanked: boolean; sha256: string } | undefined> {
      const [row] = await tx<{ package: AgentPackage; yanked: boolean; package_sha256: string }[]>`
        select v.package, v.yanked_at is not null as yanked, v.package_sha256
          from marketplace_versions v ${listing}
         where l.slug = ${slug} and v.version = ${version} and v.status = 'published'`
      return row && { package: row.package, yanked: row.yanked, sha256: row.package_sha256 }
    },

    /** One download by the caller: its own row, which the listing's counter trigger counts. */
    async recordDownload(slug: string, version: string): Promise<void> {
      await tx`
        insert into marketplace_downloads (tenant_id, listing_slug, version)
        values (${tenantId}, ${slug}, ${version})`
    },
  }
}

export type PublishVersionsRepo = ReturnType<typeof makePublishVersionsRepo>
