// The search's plans, read with EXPLAIN as the app role on a realistic table (20,000 listings from five
// publishers, a vocabulary of 20,000 name words): every way of searching walks an index, one word
// marketplace_search_terms in relevance order, other words the GIN index of the text, typos the words'
// trigram GIN index; nothing reads a whole table. And why the search needs its own table: under row-level
// security a GIN index on marketplace_listings is never used. Plans and which of their nodes ran (EXPLAIN
// ANALYZE), never timings. The statements are the ones the service sends (recorded), planned generic as it
// runs them.
import { randomUUID } from 'node:crypto'
import { expect } from 'chai'
import postgres from 'postgres'
import { inTenantTransaction } from '../../../db/client.js'
import { createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { makeDiscoverRepo } from '../discover.repo.js'
import { makeTypoCorrections } from '../discover.typos.js'
import { makeDiscoverService, type SearchRequest } from '../discover.service.js'
import { seedListings } from './discover.fixtures.js'
import { nodesOf, type PlanNode } from '../../../test/helpers/plans.js'

interface Statement {
  text: string
  parameters: unknown[]
}

const describePlan = (nodes: PlanNode[]) =>
  nodes
    .map((n) => [n['Node Type'], n['Relation Name'], n['Index Name']].filter(Boolean).join(' '))
    .join(' > ')
const indexes = (nodes: PlanNode[]) => nodes.map((n) => n['Index Name']).filter(Boolean)
/** The indexes a plan run with EXPLAIN ANALYZE read (its other nodes were never executed). */
const indexesRead = (nodes: PlanNode[]) => indexes(nodes.filter((n) => (n['Actual Loops'] ?? 0) > 0))
const seqScans = (nodes: PlanNode[]) =>
  nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])

describe('marketplace discover: search plans', function () {
  this.timeout(180_000)
  const statements: Statement[] = []
  let recordingSql: postgres.Sql
  let publisher: TestTenant

  before(async () => {
    const { ownerSql, superSql } = testStack()
    const publishers = await Promise.all([1, 2, 3, 4, 5].map((i) => createTestTenant(`mp-plans-${i}`)))
    publisher = publishers[0]!
    await seedListings(
      ownerSql,
      publishers.map((p) => p.tenantId),
      20_000,
      `plans-${randomUUID().slice(0, 6)}`,
    )
    // A realistic vocabulary of names: thousands of distinct words (the seed's names use a few hundred).
    await superSql`
      insert into marketplace_search_words (word)
      select 'w' || substr(md5(n::text), 1, 9) from generate_series(1, 20000) n on conflict do nothing`
    // Every table the plans read, the drafts' words included: their statistics as other test files left
    // them made the drafts' part once read every draft of the caller in the full suite.
    await ownerSql`
      vacuum (analyze) marketplace_listings, marketplace_search, marketplace_search_words,
        marketplace_search_terms, marketplace_draft_words`
    recordingSql = postgres(testStack().database.appUrl, {
      max: 1,
      onnotice: () => undefined,
      transform: { undefined: null },
      debug: (_connection, text, parameters: unknown[]) => statements.push({ text, parameters }),
    })
  })

  after(async () => {
    await (recordingSql as postgres.Sql | undefined)?.end({ timeout: 5 })
  })

  /** The statements the service sends for one search, as the API would send them. */
  async function sent(request: Partial<SearchRequest>) {
    statements.length = 0
    const page = await inTenantTransaction(recordingSql, publisher.tenantId, (tx) =>
      makeDiscoverService({
        marketplaceDiscoverRepo: makeDiscoverRepo({
          tx,
          tenantId: publisher.tenantId,
          config: { heavyReadTimeoutMs: 30_000 },
        }),
        // A cache of its own per search: every search here looks its words up.
        marketplaceTypoCorrections: makeTypoCorrections(),
      }).search({ limit: 20, ...request }),
    )
    const search = statements.filter(({ text }) => text.includes('hits as ('))
    const words = statements.filter(({ text }) => text.includes('from marketplace_search_words'))
    expect(search, 'one search statement').to.have.length(1)
    return { page, search: search[0]!.text, run: search[0]!, words: words.map(({ text }) => text) }
  }

  /** The generic plan, as the app role in the publisher's transaction (RLS applies). */
  const genericPlan = (query: string): Promise<PlanNode[]> =>
    inTenantTransaction(testStack().appSql, publisher.tenantId, async (tx) => {
      const [plan] = await tx
        .unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`explain (generic_plan, format json) ${query}`)
        .simple()
      return nodesOf(plan!['QUERY PLAN'][0]!.Plan)
    })

  /** The generic plan run with the statement's values (EXPLAIN ANALYZE), as the app role in the transaction. */
  const runPlan = ({ text, parameters }: Statement): Promise<PlanNode[]> =>
    inTenantTransaction(testStack().appSql, publisher.tenantId, async (tx) => {
      const { types } = await tx.unsafe(text).describe()
      const [declared] = await tx<{ names: string[] }[]>`
        select coalesce(array_agg(format_type(t, null) order by n), '{}') as names
          from unnest(${types}::oid[]) with ordinality u(t, n)`
      await tx`select set_config('plan_cache_mode', 'force_generic_plan', true)`
      await tx.unsafe(`prepare search_plan (${declared!.names.join(', ')}) as ${text}`)
      // postgres.js hands the debug hook its values serialized (text; arrays as array literals).
      const values = parameters.map((value) =>
        value === null ? 'null' : `'${(value as string).replaceAll("'", "''")}'`,
      )
      const [plan] = await tx
        .unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(
          `explain (analyze, format json) execute search_plan (${values.join(', ')})`,
        )
        .simple()
      await tx.unsafe('deallocate search_plan')
      return nodesOf(plan!['QUERY PLAN'][0]!.Plan)
    })

  /** The parts every search plan shares: the caller's drafts by their partial index, the page by slug. */
  function expectCommonParts(nodes: PlanNode[], label: string) {
    const seen = `${label}: ${describePlan(nodes)}`
    expect(seqScans(nodes), seen).to.deep.equal([])
    expect(indexes(nodes), seen).to.include('marketplace_listings_drafts_idx')
    expect(indexes(nodes), seen).to.include('marketplace_listings_slug_key')
  }

  it("reads the caller's drafts by their words when the search has words, and from their covering index alone without", async () => {
    const draftNodes = (nodes: PlanNode[]) =>
      nodes.filter((n) => n['Relation Name'] === 'marketplace_listings' && (n['Actual Loops'] ?? 0) > 0)
    for (const request of [
      { q: 'invoice' },
      { q: 'invoice', sort: 'newest' as const },
      { q: 'payroll report' },
    ]) {
      const read = indexesRead(await runPlan((await sent(request)).run))
      expect(read, JSON.stringify(request)).to.include('marketplace_draft_words_pkey')
      expect(read, `${JSON.stringify(request)}: not every draft`).to.not.include(
        'marketplace_listings_drafts_idx',
      )
    }
    // A query whose matches need none of its words: every draft, from the covering index.
    expect(indexesRead(await runPlan((await sent({ q: '-invoice' })).run))).to.include(
      'marketplace_listings_drafts_idx',
    )
    for (const sort of ['rating', 'installs', 'newest'] as const) {
      const nodes = draftNodes(await runPlan((await sent({ sort })).run))
      const drafts = nodes.filter((n) => n['Index Name'] === 'marketplace_listings_drafts_idx')
      expect(
        drafts.map((n) => n['Node Type']),
        `${sort}: ${describePlan(nodes)}`,
      ).to.deep.equal(['Index Only Scan'])
    }
  })

  it('walks marketplace_search_terms for one word, a page in relevance order, and no GIN index while names and summaries fill it', async () => {
    const first = await sent({ q: 'invoice' })
    expect(first.page.next_cursor, 'a word on many listings pages on').to.be.a('string')
    const next = await sent({ q: 'invoice', cursor: first.page.next_cursor! })
    for (const [way, sentSearch] of [
      ['first page', first],
      ['cursor', next],
    ] as const) {
      const nodes = await genericPlan(sentSearch.search)
      expectCommonParts(nodes, `invoice, ${way}`)
      const read = indexesRead(await runPlan(sentSearch.run))
      expect(read, `invoice, ${way}`).to.include('marketplace_search_terms_walk_idx')
      expect(read, `invoice, ${way}`).to.not.include('marketplace_search_search_idx')
    }
    expect(first.page.items[0]!.name.toLowerCase(), 'the name first').to.include('invoice')
  })

  it('finds several words, a phrase or an exclusion through the GIN index of marketplace_search, first page and by cursor', async () => {
    for (const q of ['invoice triage', '"payroll report" -bank']) {
      const first = await sent({ q })
      const ways: [string, Statement][] = [['first page', first.run]]
      if (first.page.next_cursor !== null)
        ways.push(['cursor', (await sent({ q, cursor: first.page.next_cursor })).run])
      for (const [way, statement] of ways) {
        const nodes = await genericPlan(statement.text)
        expectCommonParts(nodes, `${q}, ${way}`)
        expect(indexes(nodes), `${q}, ${way}: ${describePlan(nodes)}`).to.include(
          'marketplace_search_search_idx',
        )
        const read = indexesRead(await runPlan(statement))
        expect(read, `${q}, ${way}`).to.include('marketplace_search_search_idx')
        expect(read, `${q}, ${way}`).to.not.include('marketplace_search_terms_walk_idx')
      }
    }
  })

  it('finds a word with a tag where the GIN indexes of text and tags intersect', async () => {
    const { run } = await sent({ q: 'invoice', tag: 'triage' })
    const read = indexesRead(await runPlan(run))
    expect(read).to.include.members(['marketplace_search_search_idx', 'marketplace_search_tags_idx'])
    expect(seqScans(await genericPlan(run.text))).to.deep.equal([])
  })

  it("looks a typo up through the trigram GIN index of the names' words, then walks the close word's names", async () => {
    const { page, search, run, words } = await sent({ q: 'invoce' })
    expect(page.items[0]!.name.toLowerCase()).to.include('invoice')
    expect(words, 'one lookup of close words').to.have.length(1)
    const lookup = await genericPlan(words[0]!)
    expect(indexes(lookup), describePlan(lookup)).to.include('marketplace_search_words_trgm_idx')
    expect(seqScans(lookup), describePlan(lookup)).to.deep.equal([])
    const nodes = await genericPlan(search)
    expectCommonParts(nodes, 'typo')
    expect(indexesRead(await runPlan(run))).to.include('marketplace_search_terms_walk_idx')
    // With other words, the corrected query goes through the GIN index.
    const several = await sent({ q: 'invoce triage' })
    expect(indexesRead(await runPlan(several.run))).to.include('marketplace_search_search_idx')
  })

  it('walks the index of each other sort in its order, first page and by cursor, with or without a filter', async () => {
    const sortIndex = {
      newest: 'marketplace_search_newest_idx',
      installs: 'marketplace_search_installs_idx',
      rating: 'marketplace_search_rating_idx',
    }
    for (const [sort, index] of Object.entries(sortIndex)) {
      for (const filter of [{}, { category: 'finance' }, { tag: 'invoice' }]) {
        const request = { sort: sort as SearchRequest['sort'], ...filter }
        const first = await sent(request)
        expect(first.page.next_cursor, JSON.stringify(request)).to.be.a('string')
        const next = await sent({ ...request, cursor: first.page.next_cursor! })
        // Newest in a category walks that category's entries only (its own index).
        const walked =
          sort === 'newest' && 'category' in filter ? 'marketplace_search_category_newest_idx' : index
        for (const text of [first.search, next.search]) {
          const nodes = await genericPlan(text)
          const label = `${sort} ${JSON.stringify(filter)}`
          expectCommonParts(nodes, label)
          expect(indexes(nodes), `${label}: ${describePlan(nodes)}`).to.include(walked)
        }
      }
    }
  })

  it('reads the listings of the page only, not every hit of the published and the draft parts', async () => {
    // A page of the caller's drafts with the word besides a page of published ones: twice the page in hits.
    const { superSql } = testStack()
    const prefix = `plans-drafts-${randomUUID().slice(0, 6)}`
    await superSql`
      insert into marketplace_listings (tenant_id, slug, name, summary, category)
      select ${publisher.tenantId}, ${prefix} || '-' || n, 'Invoice draft', 'Not yet', 'finance'
        from generate_series(1, 30) n`
    try {
      const { run, page } = await sent({ q: 'invoice' })
      expect(page.items).to.have.length(20)
      const nodes = await runPlan(run)
      const bySlug = nodes.filter((n) => n['Index Name'] === 'marketplace_listings_slug_key')
      expect(bySlug, describePlan(nodes)).to.have.length(1)
      // The statement asks for the page and one more (to know whether more follow).
      expect(bySlug[0]!['Actual Loops'], 'listings read by slug').to.equal(21)
    } finally {
      await superSql`delete from marketplace_listings where slug like ${prefix + '-%'}`
    }
  })

  it('walks newest in a category through the category, however many newer listings other categories have', async () => {
    // Newer than every other listing, none in the category searched: the walk by publication alone read
    // them all before its page.
    const { superSql } = testStack()
    const prefix = `plans-newer-${randomUUID().slice(0, 6)}`
    await superSql`
      insert into marketplace_listings (tenant_id, slug, name, summary, category, published_at)
      select ${publisher.tenantId}, ${prefix} || '-' || n, 'Newer listing', 'Elsewhere', 'elsewhere',
             now() + interval '1 day'
        from generate_series(1, 2000) n`
    try {
      const { run, page } = await sent({ sort: 'newest', category: 'finance' })
      expect(page.items.map((item) => item.category)).to.satisfy((all: string[]) =>
        all.every((category) => category === 'finance'),
      )
      const nodes = await runPlan(run)
      const walk = nodes.find((n) => n['Index Name'] === 'marketplace_search_category_newest_idx')
      expect(walk, describePlan(nodes)).to.not.equal(undefined)
      expect(indexesRead(nodes)).to.not.include('marketplace_search_newest_idx')
    } finally {
      await superSql`delete from marketplace_listings where slug like ${prefix + '-%'}`
    }
  })

  it("computes the words a draft must have with a PL/pgSQL function (a SQL function's body is planned again on every call)", async () => {
    const { superSql } = testStack()
    const [fn] = await superSql<{ language: string }[]>`
      select l.lanname as language from pg_proc p join pg_language l on l.oid = p.prolang
       where p.oid = 'app.marketplace_query_words(tsquery)'::regprocedure`
    expect(fn!.language).to.equal('plpgsql')
    const words = async (q: string) =>
      (
        await superSql<{ words: string[] | null }[]>`
          select app.marketplace_query_words(websearch_to_tsquery('english', ${q})) as words`
      )[0]!.words
    expect(await words('Invoices triage')).to.deep.equal(["'invoic'", "'triag'"])
    expect(await words('"payroll report" -bank')).to.deep.equal(["'payrol'", "'report'"])
    expect(await words("O'Neil")).to.deep.equal(["'o'", "'neil'"])
    expect(await words('-invoice')).to.equal(null)
    expect(await words('a or -b')).to.equal(null)
    expect(await words('the')).to.deep.equal([])
    const [prefix] = await superSql<{ words: string[] | null }[]>`
      select app.marketplace_query_words(to_tsquery('english', 'invoi:*')) as words`
    expect(prefix!.words).to.equal(null)
  })

  it('would read all of marketplace_listings for map_app even with a GIN index on it: its operator is not leakproof', async () => {
    const { superSql } = testStack()
    const plans: Record<string, string> = {}
    const explain = async (tx: postgres.TransactionSql) => {
      const rows = await tx.unsafe<{ 'QUERY PLAN': string }[]>(
        `explain select slug from marketplace_listings
          where published_at is not null and search @@ websearch_to_tsquery('english', 'invoice')`,
      )
      return rows.map((row) => row['QUERY PLAN']).join('\n')
    }
    await superSql
      .begin(async (tx) => {
        await tx.unsafe(`create index marketplace_listings_search_probe on marketplace_listings using gin (search)
                          where published_at is not null`)
        plans.superuser = await explain(tx)
        await tx.unsafe('set local role map_app')
        await tx`select set_config('app.current_tenant_id', ${publisher.tenantId}, true)`
        plans.app = await explain(tx)
        throw new Error('rolled back')
      })
      .catch((error: Error) => {
        if (error.message !== 'rolled back') throw error
      })
    // The superuser bypasses RLS: the index serves it. map_app's policy comes first, and @@ may not run
    // before it on rows it hides, so the index cannot filter: every row is read.
    expect(plans.superuser).to.include('marketplace_listings_search_probe')
    expect(plans.app).to.include('Seq Scan on marketplace_listings')
    expect(plans.app).to.not.include('marketplace_listings_search_probe')
  })
})
