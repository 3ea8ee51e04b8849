// Published listings with real packages for the install tests, Dredd, the isolation property test and the
// bench: a listing and its versions written by discover.fixtures.ts (SQL as a superuser), by slug.
import type { Sql } from '../../../db/client.js'
import { packageFormat, type AgentPackage, type PackagedTool } from '../marketplace.package.js'
import { insertListing, insertVersion, uniqueSlug } from './discover.fixtures.js'

export { uniqueSlug } from './discover.fixtures.js'

export interface VersionSpec {
  version: string
  package: AgentPackage
  status?: 'validating' | 'published' | 'rejected'
  yanked?: boolean
}

export interface ListingSpec {
  /** The publisher. */
  tenantId: string
  slug?: string
  name?: string
  /** A draft: no published_at (its versions should not be published either). */
  draft?: boolean
  versions: VersionSpec[]
}

/** A package: the agent and its tools, in name order as the publish part makes them. */
export const agentPackage = (agent: AgentPackage['agent'], tools: PackagedTool[]): AgentPackage => ({
  format: packageFormat,
  agent,
  tools: [...tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
})

/** Writes the listing and its versions; resolves to the slug. */
export async function publishListing(sql: Sql, spec: ListingSpec): Promise<string> {
  const slug = spec.slug ?? uniqueSlug()
  const listing = await insertListing(sql, {
    tenantId: spec.tenantId,
    slug,
    name: spec.name ?? `Listing ${slug}`,
    summary: 'An agent template for the tests',
    description: 'Made by install.fixtures.ts',
    tags: ['tests'],
    published: !spec.draft,
  })
  for (const version of spec.versions) await addVersion(sql, spec.tenantId, listing.id, version)
  return slug
}

/** One more version of a listing (by slug), as the publish part would once validated. */
export async function publishVersion(sql: Sql, slug: string, version: VersionSpec): Promise<void> {
  const [listing] = await sql<{ id: string; tenant_id: string }[]>`
    select id, tenant_id from marketplace_listings where slug = ${slug}`
  await addVersion(sql, listing!.tenant_id, listing!.id, version)
}

export async function yankVersion(sql: Sql, slug: string, version: string): Promise<void> {
  await sql`
    update marketplace_versions v set yanked_at = now()
      from marketplace_listings l
     where l.slug = ${slug} and v.tenant_id = l.tenant_id and v.listing_id = l.id and v.version = ${version}`
}

const addVersion = (sql: Sql, tenantId: string, listingId: string, version: VersionSpec) =>
  insertVersion(sql, {
    tenantId,
    listingId,
    version: version.version,
    package: version.package,
    changelog: 'changes',
    ...(version.status === undefined ? {} : { status: version.status }),
    ...(version.yanked === undefined ? {} : { yanked: version.yanked }),
  })

/** The listing's counters, as every tenant sees them. */
export async function counters(sql: Sql, slug: string): Promise<{ install_count: number }> {
  const [row] = await sql<{ install_count: number }[]>`
    select install_count::int from marketplace_listings where slug = ${slug}`
  return row!
}

// Tools of the test packages: one of each kind a package carries (http with secret references).
export const lookupTool: PackagedTool = {
  name: 'lookup-order',
  description: 'Looks up an order',
  kind: 'http',
  input_schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
  http: {
    method: 'GET',
    url: 'http://127.0.0.1:9/orders/{id}',
    headers: { Authorization: 'Bearer {{secrets.SHOP_TOKEN}}' },
    query: { region: '{{secrets.SHOP_REGION}}' },
  },
}
export const sumTool: PackagedTool = {
  name: 'sum',
  description: 'Adds two numbers',
  kind: 'javascript',
  input_schema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } },
  code: 'export default ({ a, b }) => ({ sum: a + b })',
  timeout_ms: 500,
}
export const calculatorTool: PackagedTool = {
  name: 'calculator',
  description: 'Evaluates arithmetic',
  kind: 'builtin',
  builtin: 'calculator',
  input_schema: {
    type: 'object',
    properties: { expression: { type: 'string', minLength: 1, maxLength: 1000 } },
    required: ['expression'],
    additionalProperties: false,
  },
}
