// The "install a listing" scenario's data: listings another tenant published (written straight in SQL, as
// the publish part would leave them once validated), each with an agent and three tools of its own names
// (an http tool with a secret reference, a builtin, a javascript tool the install compiles), so every
// request installs a different one into the installer tenant and none clashes with another's names.
import { inTenantTransaction, type Sql } from '../db/client.js'
import {
  packageFormat,
  packageSha256,
  type AgentPackage,
} from '../plugins/marketplace/marketplace.package.js'

const chunk = 2_000

const packageOf = (n: number): AgentPackage => ({
  format: packageFormat,
  agent: {
    name: `bench-installed-${n}`,
    role: 'Order support',
    description: 'Answers questions about orders.',
  },
  tools: [
    {
      name: `calculator-${n}`,
      description: 'Evaluates arithmetic',
      kind: 'builtin',
      builtin: 'calculator',
      input_schema: {
        type: 'object',
        properties: { expression: { type: 'string' } },
        required: ['expression'],
      },
    },
    {
      name: `lookup-order-${n}`,
      description: 'Looks up an order',
      kind: 'http',
      input_schema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      http: {
        method: 'GET',
        url: 'https://api.example.com/orders/{id}',
        headers: { Authorization: 'Bearer {{secrets.SHOP_TOKEN}}' },
      },
    },
    {
      name: `sum-${n}`,
      description: 'Adds two numbers',
      kind: 'javascript',
      input_schema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } },
      code: 'export default ({ a, b }) => ({ sum: a + b })',
      timeout_ms: 500,
    },
  ],
})

/** `count` published listings of the publisher; resolves to their slugs, in order. */
export async function loadInstallListings(owner: Sql, publisherId: string, count: number): Promise<string[]> {
  const slugs: string[] = []
  for (let start = 0; start < count; start += chunk) {
    const ns = Array.from({ length: Math.min(chunk, count - start) }, (_, i) => start + i)
    const packages = ns.map(packageOf)
    const batch = ns.map((n) => `bench-install-${n}`)
    await inTenantTransaction(owner, publisherId, async (tx) => {
      await tx`
        with l as (
          insert into marketplace_listings (tenant_id, slug, name, summary, category, published_at)
          select ${publisherId}, s, 'Bench listing ' || s, 'Installed by the benchmark', 'benchmark', now()
            from unnest(${batch}::text[]) s
          returning id, slug),
        v as (
          insert into marketplace_versions
                 (tenant_id, listing_id, version, status, package, package_sha256, validated_at)
          select ${publisherId}, l.id, '1.0.0', 'published', p.package, p.sha, now()
            from l join unnest(${batch}::text[], ${packages.map((p) => JSON.stringify(p))}::text[]::jsonb[],
                               ${packages.map(packageSha256)}::text[]) as p (slug, package, sha) using (slug)
          returning tenant_id, id)
        insert into marketplace_version_reports (tenant_id, version_id, report)
        select tenant_id, id, '[]' from v`
    })
    slugs.push(...batch)
  }
  return slugs
}
