// Listings and versions written straight in SQL, in the shape the publish part leaves them, for the
// marketplace tests (install.fixtures.ts builds on these), Dredd and the bench: as the superuser (which
// bypasses row-level security) one at a time, or in bulk as the owner with each publisher's tenant set.
import { randomUUID } from 'node:crypto'
import { inTenantTransaction, type Sql } from '../../../db/client.js'
import { packageFormat, packageSha256, type AgentPackage } from '../marketplace.package.js'

export interface ListingSeed {
  tenantId: string
  slug?: string
  name?: string
  summary?: string
  description?: string
  category?: string
  tags?: string[]
  /** Default true: published now (a draft otherwise). */
  published?: boolean | Date
  installs?: number
  /** The rating counters as the triggers would have left them (the rows are other tenants'). */
  ratings?: { count: number; sum: number }
  created?: Date
}

export interface SeededListing {
  id: string
  slug: string
}

export const uniqueSlug = (label = 'listing'): string => `${label}-${randomUUID().slice(0, 8)}`

/** One listing, as the superuser, its counters as given (0 by default). */
export async function insertListing(sql: Sql, seed: ListingSeed): Promise<SeededListing> {
  const published = seed.published ?? true
  const [row] = await sql<SeededListing[]>`
    insert into marketplace_listings (tenant_id, slug, name, summary, description, category, tags, published_at,
                                      install_count, rating_count, rating_sum, created_at)
    values (${seed.tenantId}, ${seed.slug ?? uniqueSlug()}, ${seed.name ?? 'A listing'},
            ${seed.summary ?? 'Does something useful.'}, ${seed.description ?? ''}, ${seed.category ?? 'testing'},
            ${seed.tags ?? []}, ${published === false ? null : published === true ? new Date() : published},
            ${seed.installs ?? 0}, ${seed.ratings?.count ?? 0}, ${seed.ratings?.sum ?? 0},
            ${seed.created ?? new Date()})
    returning id, slug`
  return row!
}

export interface VersionSeed {
  tenantId: string
  listingId: string
  version: string
  status?: 'validating' | 'published' | 'rejected'
  report?: unknown[] | null
  yanked?: boolean
  changelog?: string
  created?: Date
  /** Default: an agent without tools (testPackage). */
  package?: AgentPackage
}

export const testPackage = (name = 'packaged-agent'): AgentPackage => ({
  format: packageFormat,
  agent: { name, role: 'helper', description: 'A packaged agent.' },
  tools: [],
})

/**
 * One version, as the superuser, with its package (by default a small one: an agent without tools), and
 * its report (the publisher's own row) once validated: `[]` unless given, none while validating or when null.
 */
export async function insertVersion(sql: Sql, seed: VersionSeed): Promise<void> {
  const pkg = seed.package ?? testPackage()
  const status = seed.status ?? 'published'
  const report = seed.report === undefined ? (status === 'validating' ? null : []) : seed.report
  await sql`
    with v as (
      insert into marketplace_versions (tenant_id, listing_id, version, status, changelog, example_prompts,
                                        package, package_sha256, yanked_at, created_at, validated_at)
      values (${seed.tenantId}, ${seed.listingId}, ${seed.version}, ${status}, ${seed.changelog ?? ''},
              ${sql.json(['Say hello.'])}, ${sql.json(pkg as never)}, ${packageSha256(pkg)},
              ${seed.yanked ? new Date() : null}, ${seed.created ?? new Date()},
              ${status === 'validating' ? null : new Date()})
      returning tenant_id, id)
    insert into marketplace_version_reports (tenant_id, version_id, report)
    select tenant_id, id, ${report === null ? null : sql.json(report as never)}::jsonb from v
     where ${report !== null}`
}

/**
 * Words listings are made of: a realistic catalogue has a few hundred distinct domain words, so one word
 * matches a few percent of the listings (what a search ranks), never most of them.
 */
export const listingWords = [
  ...['invoice', 'triage', 'support', 'sales', 'email', 'calendar', 'research', 'summary', 'report', 'legal'],
  ...[
    'contract',
    'review',
    'translate',
    'code',
    'deploy',
    'incident',
    'pager',
    'meeting',
    'notes',
    'recruit',
  ],
  ...[
    'hiring',
    'onboarding',
    'finance',
    'budget',
    'forecast',
    'marketing',
    'campaign',
    'social',
    'seo',
    'blog',
  ],
  ...['writer', 'analyst', 'dashboard', 'customer', 'ticket', 'chat', 'planner', 'travel', 'expense', 'tax'],
  ...[
    'compliance',
    'security',
    'audit',
    'privacy',
    'health',
    'fitness',
    'recipe',
    'shopping',
    'weather',
    'news',
  ],
  ...['stock', 'crypto', 'music', 'video', 'image', 'design', 'product', 'roadmap', 'sprint', 'backlog'],
  ...['standup', 'retro', 'release', 'changelog', 'docs', 'wiki', 'search', 'crawler', 'scraper', 'monitor'],
  ...[
    'alert',
    'uptime',
    'latency',
    'database',
    'query',
    'schema',
    'migration',
    'backup',
    'restore',
    'archive',
  ],
  ...[
    'inventory',
    'warehouse',
    'shipping',
    'logistics',
    'procurement',
    'vendor',
    'supplier',
    'payroll',
    'benefits',
  ],
  ...['timesheet', 'leave', 'policy', 'handbook', 'training', 'course', 'quiz', 'tutor', 'homework', 'essay'],
  ...[
    'grammar',
    'proofread',
    'caption',
    'subtitle',
    'podcast',
    'transcript',
    'interview',
    'survey',
    'feedback',
  ],
  ...[
    'sentiment',
    'churn',
    'retention',
    'pricing',
    'quote',
    'proposal',
    'pitch',
    'lead',
    'prospect',
    'outreach',
  ],
  ...['newsletter', 'press', 'brand', 'logo', 'slide', 'spreadsheet', 'formula', 'chart', 'insight', 'kpi'],
  ...['okr', 'goal', 'habit', 'journal', 'diary', 'reminder', 'todo', 'errand', 'grocery', 'meal'],
  ...[
    'diet',
    'workout',
    'sleep',
    'meditation',
    'therapy',
    'pharmacy',
    'clinic',
    'patient',
    'insurance',
    'claim',
  ],
  ...['mortgage', 'loan', 'credit', 'bank', 'ledger', 'reconcile', 'receipt', 'refund', 'dispute', 'fraud'],
] as const

/**
 * count listings spread over the publishers, in one INSERT per publisher as the owner with its tenant set (RLS
 * is forced on the owner too). Every 50th is a draft; names, summaries, descriptions, categories and tags are
 * drawn from listingWords, so a word matches a few percent of them. Slugs are `${prefix}-<n>`.
 */
export async function seedListings(
  owner: Sql,
  publishers: readonly string[],
  count: number,
  prefix: string,
): Promise<void> {
  const perPublisher = Math.ceil(count / publishers.length)
  // One publisher after the other: each row adds its name's words, and concurrent bulk inserts sharing
  // words in different orders would deadlock (one publication at a time never does).
  for (const [index, tenantId] of publishers.entries()) {
    await inTenantTransaction(owner, tenantId, async (tx) => {
      const from = index * perPublisher + 1
      const to = Math.min(count, (index + 1) * perPublisher)
      if (from > to) return
      // The j-th word of listing n: a hash, so the words of a listing are independent of each other.
      const word = (j: number) => tx`1 + (hashint4(n * 16 + ${j}::int) & 2147483647) % k`
      await tx`
          with w as (select ${[...listingWords]}::text[] as ws, ${listingWords.length}::int as k)
          insert into marketplace_listings (tenant_id, slug, name, summary, description, category, tags,
                                            published_at, install_count, rating_count, rating_sum, created_at)
          select ${tenantId}, ${prefix} || '-' || n,
                 initcap(ws[${word(1)}]) || ' ' || initcap(ws[${word(2)}]) || ' '
                   || (array['agent', 'bot', 'helper', 'assistant', 'copilot'])[1 + n % 5],
                 'Helps with ' || ws[${word(3)}] || ' and ' || ws[${word(4)}] || '.',
                 'Handles ' || ws[${word(5)}] || ', ' || ws[${word(6)}] || ' and ' || ws[${word(7)}]
                   || ' for small teams, every week.',
                 (array['productivity', 'support', 'engineering', 'finance', 'marketing', 'sales', 'data',
                        'personal'])[1 + n % 8],
                 array[ws[${word(8)}], ws[${word(9)}]],
                 case when n % 50 = 0 then null else now() - n * interval '1 second' end,
                 (n * 7919) % 5000, n % 40, (n % 40) * (1 + n % 5), now() - n * interval '1 second'
            from generate_series(${from}::int, ${to}::int) n, w`
    })
  }
}

/**
 * For the contract tests (Dredd): published listings of `publisher` (each with a published version) that the
 * tenant under test reads, rates for the first time, rates again, and withdraws its rating of.
 */
export async function discoverContractFixtures(
  sql: Sql,
  publisher: string,
  rater: string,
): Promise<{ listing: string; unrated: string; rated: string; withdrawn: string }> {
  const [listing, unrated, rated, withdrawn] = await Promise.all(
    ['read', 'unrated', 'rated', 'withdrawn'].map(async (label) => {
      const made = await insertListing(sql, { tenantId: publisher, slug: uniqueSlug(`contract-${label}`) })
      await insertVersion(sql, { tenantId: publisher, listingId: made.id, version: '1.0.0' })
      return made.slug
    }),
  )
  await sql`
    insert into marketplace_ratings (tenant_id, listing_slug, stars)
    values (${rater}, ${rated!}, 3), (${rater}, ${withdrawn!}, 2)`
  return { listing: listing!, unrated: unrated!, rated: rated!, withdrawn: withdrawn! }
}
