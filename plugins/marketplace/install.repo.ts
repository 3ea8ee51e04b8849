// SQL of installs and upgrades: the published versions of a listing (another tenant's rows, readable
// because they are published: row-level security's shared read, and the predicates below say so
// explicitly, since a publisher also sees its own drafts), and the tenant's own install rows.
import type { TransactionSql } from '../../app/plugin-kit.js'
import type { AgentPackage } from './marketplace.package.js'

/** A published version of a listing, without its package. */
export interface PublishedVersionRef {
  version: string
  package_sha256: string
  yanked: boolean
}

/** What the install row keeps: the provenance, the package as installed, its tools' ids. */
export interface InstallRow {
  agent_id: string
  listing_slug: string
  version: string
  package_sha256: string
  package: AgentPackage
  /** The package's tool name -> the id of the tenant's tool it became. */
  tool_ids: Record<string, string>
  created_at: Date
}

export interface InstallRecord {
  agentId: string
  slug: string
  version: string
  packageSha256: string
  package: AgentPackage
  toolIds: Record<string, string>
}

export function makeInstallRepo({ tx, tenantId }: { tx: TransactionSql; tenantId: string }) {
  const json = (value: unknown) => tx.json(value as never)
  // Published listings and versions only: never a draft, a validating or a rejected version, the
  // caller's own included (its own are visible to it under row-level security, but not installable).
  const published = tx`
    from marketplace_listings l
    join marketplace_versions v on v.tenant_id = l.tenant_id and v.listing_id = l.id
   where l.published_at is not null and v.status = 'published'`

  return {
    /** Every published version of the listing (yanked ones marked); none: no such published listing. */
    publishedVersions: (slug: string): Promise<PublishedVersionRef[]> =>
      tx<PublishedVersionRef[]>`
        select v.version, v.package_sha256, v.yanked_at is not null as yanked
          ${published} and l.slug = ${slug}`,

    /** The package of one published version (undefined when there is none of that name). */
    async packageOf(slug: string, version: string): Promise<AgentPackage | undefined> {
      const [row] = await tx<{ package: AgentPackage }[]>`
        select v.package ${published} and l.slug = ${slug} and v.version = ${version}`
      return row?.package
    },

    /** The install of this tenant's agent; with `lock`, held until the transaction ends (an upgrade). */
    async installOf(agentId: string, lock = false): Promise<InstallRow | undefined> {
      const [row] = await tx<InstallRow[]>`
        select agent_id, listing_slug, version, package_sha256, package, tool_ids, created_at
          from marketplace_installs
         where tenant_id = ${tenantId} and agent_id = ${agentId}
         ${lock ? tx`for update` : tx``}`
      return row
    },

    /** One install (its trigger adds one to the listing's install count). */
    async insert(record: InstallRecord): Promise<void> {
      await tx`
        insert into marketplace_installs
               (tenant_id, agent_id, listing_slug, version, package_sha256, package, tool_ids)
        values (${tenantId}, ${record.agentId}, ${record.slug}, ${record.version}, ${record.packageSha256},
                ${json(record.package)}, ${json(record.toolIds)})`
    },

    /** After an upgrade: the version, package and tools the agent now comes from. */
    async update(record: InstallRecord): Promise<void> {
      await tx`
        update marketplace_installs
           set version = ${record.version}, package_sha256 = ${record.packageSha256},
               package = ${json(record.package)}, tool_ids = ${json(record.toolIds)}, updated_at = now()
         where tenant_id = ${tenantId} and agent_id = ${record.agentId}`
    },
  }
}

export type InstallRepo = ReturnType<typeof makeInstallRepo>
