// GET /api/v1/marketplace/listings: what a tenant finds (every published listing, its own drafts), in which
// order, and how its pages follow each other. Listings are written with SQL (discover.fixtures.ts); each
// test keeps to a category of its own, so other tests' listings never enter its results.
import { randomBytes, randomUUID } from 'node:crypto'
import { expect } from 'chai'
import { asTenant, createTestTenant, type TestTenant } from '../../../test/helpers/api.js'
import { testStack } from '../../../test/harness/stack.js'
import { insertListing, type ListingSeed } from './discover.fixtures.js'

interface Listing {
  slug: string
  name: string
  status: string
  owned: boolean
  install_count: number
  rating: { count: number; mean: number | null }
  published_at?: string
  created_at: string
}

interface Page {
  items: Listing[]
  sort: string
  limit: number
  has_more: boolean
  next_cursor: string | null
}

/** A word of letters only, unique to the run (the English parser keeps it a word). */
const uniqueWord = (): string =>
  [...randomBytes(9)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')
const newCategory = () => `cat-${randomUUID().slice(0, 8)}`

describe('marketplace discover: search', () => {
  let a: TestTenant
  let b: TestTenant
  before(async () => {
    ;[a, b] = await Promise.all([createTestTenant('mp-search-a'), createTestTenant('mp-search-b')])
  })

  const listing = (tenant: TestTenant, seed: Omit<ListingSeed, 'tenantId'>) =>
    insertListing(testStack().superSql, { tenantId: tenant.tenantId, ...seed })

  const search = async (tenant: TestTenant, query: Record<string, string | number>): Promise<Page> => {
    const res = await asTenant(tenant).get('/api/v1/marketplace/listings').query(query).expect(200)
    return res.body as Page
  }

  /** Every page of a search, following next_cursor. */
  async function allPages(tenant: TestTenant, query: Record<string, string | number>): Promise<Listing[]> {
    const items: Listing[] = []
    let cursor: string | null = null
    for (let pages = 0; pages < 50; pages++) {
      const page: Page = await search(tenant, cursor === null ? query : { ...query, cursor })
      items.push(...page.items)
      expect(page.has_more).to.equal(page.next_cursor !== null)
      if (page.next_cursor === null) return items
      cursor = page.next_cursor
    }
    throw new Error('more than 50 pages')
  }

  const slugs = (items: Listing[]) => items.map((item) => item.slug)

  it("finds every tenant's published listings and the caller's own drafts, never another tenant's drafts", async () => {
    const category = newCategory()
    const aPublished = await listing(a, { category })
    const aDraft = await listing(a, { category, published: false })
    const bPublished = await listing(b, { category })
    const bDraft = await listing(b, { category, published: false })

    const seenByB = (await search(b, { category })).items
    expect(slugs(seenByB)).to.have.members([aPublished.slug, bPublished.slug, bDraft.slug])
    expect(seenByB.find((item) => item.slug === aPublished.slug)).to.include({
      status: 'published',
      owned: false,
    })
    expect(seenByB.find((item) => item.slug === bDraft.slug)).to.include({ status: 'draft', owned: true })
    expect(seenByB.find((item) => item.slug === bDraft.slug)).to.not.have.property('published_at')
    expect(slugs((await search(a, { category })).items)).to.have.members([
      aPublished.slug,
      aDraft.slug,
      bPublished.slug,
    ])
  })

  it('ranks words in the name above the summary, above the description, and takes the web search syntax', async () => {
    const category = newCategory()
    const [word, other] = [uniqueWord(), uniqueWord()]
    const inName = await listing(a, { category, name: `The ${word} agent` })
    const inSummary = await listing(a, {
      category,
      summary: `Answers ${word} questions.`,
      description: other,
    })
    const inDescription = await listing(a, { category, description: `Reads ${word} mail.` })
    const unrelated = await listing(a, { category, name: 'Unrelated', description: other })

    const ranked = await search(b, { category, q: word })
    expect(ranked.sort).to.equal('relevance')
    expect(slugs(ranked.items)).to.deep.equal([inName.slug, inSummary.slug, inDescription.slug])
    // With an exclusion, only what matches is checked.
    expect(slugs((await search(b, { category, q: `${word} -${other}` })).items)).to.have.members([
      inName.slug,
      inDescription.slug,
    ])
    expect(slugs((await search(b, { category, q: `${word} ${other}` })).items)).to.deep.equal([
      inSummary.slug,
    ])
    expect(slugs((await search(b, { category, q: `"${word} agent"` })).items)).to.deep.equal([inName.slug])
    expect(slugs((await search(b, { category, q: `${word} or ${other}` })).items)).to.have.members([
      inName.slug,
      inSummary.slug,
      inDescription.slug,
      unrelated.slug,
    ])
  })

  it('orders relevance by tier, then slug descending, the same page by page: name, name and summary, the rest, typo names', async () => {
    const category = newCategory()
    const [word, other] = [uniqueWord(), uniqueWord()]
    const inNames = await Promise.all(
      [1, 2].map(() => listing(a, { category, name: `${word} agent`, summary: 'Helps.' })),
    )
    const inSummary = await listing(a, { category, summary: `Answers ${word} questions.` })
    const inDescription = await listing(a, { category, description: `Reads ${word} mail.` })
    const byName = slugs(inNames.map((made) => ({ slug: made.slug }) as Listing))
      .sort()
      .reverse()
    const oneWord = [...byName, inSummary.slug, inDescription.slug]
    expect(slugs((await search(b, { category, q: word })).items)).to.deep.equal(oneWord)
    expect(slugs(await allPages(b, { category, q: word, limit: 1 }))).to.deep.equal(oneWord)

    // Two words: the name alone has both, then name and summary together, then the whole text.
    const both = await listing(a, { category, name: `${word} ${other}` })
    const nameAndSummary = await listing(a, { category, name: word, summary: `About ${other}.` })
    const withDescription = await listing(a, { category, name: word, description: `About ${other}.` })
    const twoWords = [both.slug, nameAndSummary.slug, withDescription.slug]
    expect(slugs((await search(b, { category, q: `${word} ${other}` })).items)).to.deep.equal(twoWords)
    expect(slugs(await allPages(b, { category, q: `${word} ${other}`, limit: 1 }))).to.deep.equal(twoWords)

    // A typo: what has it as typed comes first (summary, then description), then the names close to it.
    const typed = uniqueWord()
    const close = typed.slice(0, 4) + 'x' + typed.slice(4)
    const closeName = await listing(a, { category, name: `${close} helper` })
    const typedSummary = await listing(a, { category, summary: `Finds ${typed} files.` })
    const typedDescription = await listing(a, { category, description: `Finds ${typed} files.` })
    const typo = [typedSummary.slug, typedDescription.slug, closeName.slug]
    expect(slugs((await search(b, { category, q: typed })).items)).to.deep.equal(typo)
    expect(slugs(await allPages(b, { category, q: typed, limit: 1 }))).to.deep.equal(typo)
    // A close word is matched in names only: a summary with it is no match of the typo.
    await listing(a, { category, summary: `Mentions ${close} once.` })
    expect(slugs((await search(b, { category, q: typed })).items)).to.deep.equal(typo)
  })

  it("keeps the one-word walk's terms in step with the listing: renamed, counted, unpublished, deleted", async () => {
    const { superSql } = testStack()
    const category = newCategory()
    const [first, second] = [uniqueWord(), uniqueWord()]
    const made = await listing(a, { category, name: `${first} agent`, summary: `About ${second}.` })
    const found = async (q: string) => slugs((await search(b, { category, q })).items)
    // The words' ranks (tiers) among the listing's terms (lexemes, as a one-word tsquery prints them).
    const terms = async () =>
      Object.fromEntries(
        (
          await superSql<{ word: string; rank: number }[]>`
            select w.word, t.rank from marketplace_search_terms t
              join unnest(${[first, second]}::text[]) w(word) on t.term = to_tsquery('english', w.word)::text
             where t.slug = ${made.slug}`
        ).map(({ word, rank }) => [word === first ? 'first' : 'second', rank]),
      )
    expect(await terms()).to.deep.equal({ first: 3, second: 2 })
    await superSql`
      update marketplace_listings set name = ${`${second} agent`}, summary = ${`About ${first}.`}
       where slug = ${made.slug}`
    expect(await terms()).to.deep.equal({ first: 2, second: 3 })
    expect(await found(second)).to.deep.equal([made.slug])
    await superSql`update marketplace_listings set install_count = 7 where slug = ${made.slug}`
    expect(await terms()).to.deep.equal({ first: 2, second: 3 })
    await superSql`update marketplace_listings set published_at = null where slug = ${made.slug}`
    expect(await terms()).to.deep.equal({})
    expect(await found(second)).to.deep.equal([])
    await superSql`update marketplace_listings set published_at = now() where slug = ${made.slug}`
    expect(await found(first)).to.deep.equal([made.slug])
    await superSql`delete from marketplace_listings where slug = ${made.slug}`
    expect(await terms()).to.deep.equal({})
  })

  it("finds the caller's drafts by the words of their text, kept in step through edits and gone once published or deleted", async () => {
    const { superSql } = testStack()
    const category = newCategory()
    const [inName, inSummary, inDescription, later] = [uniqueWord(), uniqueWord(), uniqueWord(), uniqueWord()]
    const draft = await asTenant(a)
      .post('/api/v1/marketplace/listings')
      .send({
        slug: `draft-${randomUUID().slice(0, 8)}`,
        name: `${inName} agent`,
        summary: `About ${inSummary}.`,
        description: `Handles ${inDescription} and its O'Neil case.`,
        category,
      })
      .expect(201)
    const slug = draft.body.slug as string
    const [{ id } = { id: '' }] = await superSql<{ id: string }[]>`
      select id from marketplace_listings where slug = ${slug}`
    const found = async (tenant: TestTenant, q: string) =>
      slugs((await search(tenant, { category, q })).items)
    const words = async () =>
      (
        await superSql<{ word: string }[]>`
          select word from marketplace_draft_words where tenant_id = ${a.tenantId} and listing_id = ${id}`
      ).map((row) => row.word)

    for (const word of [inName, inSummary, inDescription, `${inName} ${inDescription}`, `"${inName} agent"`])
      expect(await found(a, word), word).to.deep.equal([slug])
    expect(await found(a, `${inName} ${later}`), 'every word is needed').to.deep.equal([])
    // A query whose matches need none of its words reads all the caller's drafts.
    expect(await found(a, `-${later}`)).to.deep.equal([slug])
    expect(await found(a, `${later} or -${inName}`)).to.deep.equal([])
    expect(await found(b, inName), "another tenant's draft").to.deep.equal([])
    // The words as querytree() prints them: a quote in a lexeme doubled.
    // A word as its lexeme prints (the English stemmer may shorten a random word: 'xyzed' is 'xyze').
    const lexeme = async (word: string) =>
      (await superSql<{ w: string }[]>`select to_tsquery('english', ${word})::text as w`)[0]!.w
    expect(await words()).to.include.members([await lexeme(inName), "'o'", "'neil'"])

    await asTenant(a)
      .patch(`/api/v1/marketplace/listings/${slug}`)
      .send({ description: `Handles ${later} now.` })
      .expect(200)
    expect(await found(a, later)).to.deep.equal([slug])
    expect(await found(a, inDescription), 'the old description').to.deep.equal([])
    expect(await words()).to.not.include(await lexeme(inDescription))

    await superSql`update marketplace_listings set published_at = now() where slug = ${slug}`
    expect(await words(), 'published: no draft words').to.deep.equal([])
    expect(await found(b, inName), 'published: found by everyone').to.deep.equal([slug])
    await superSql`update marketplace_listings set published_at = null where slug = ${slug}`
    expect(await found(a, later), 'a draft again').to.deep.equal([slug])
    expect(await words()).to.include(await lexeme(later))
    await superSql`delete from marketplace_listings where slug = ${slug}`
    expect(await words(), 'deleted').to.deep.equal([])
  })

  it("finds a listing despite a typo in a word of its name, by trigram similarity to published names' words", async () => {
    const category = newCategory()
    const word = uniqueWord()
    const typo = word.slice(0, 4) + word.slice(5)
    const found = await listing(a, { category, name: `${word} triage`, summary: 'Sorts the mail.' })
    expect(slugs((await search(b, { category, q: typo })).items)).to.deep.equal([found.slug])
    expect(slugs((await search(b, { category, q: `${typo} triage` })).items)).to.deep.equal([found.slug])
    // Quoted, the words are taken as typed (the web search syntax turns correction off).
    expect((await search(b, { category, q: `"${typo}"` })).items).to.deep.equal([])
    // A draft's name is no published word: nothing is corrected towards it, not even for its publisher.
    const secret = uniqueWord()
    const draft = await listing(a, { category, name: `${secret} draft`, published: false })
    const stored = await testStack()
      .superSql`select word from marketplace_search_words where word = ${secret}`
    expect(stored).to.have.length(0)
    expect(slugs((await search(a, { category, q: secret })).items)).to.deep.equal([draft.slug])
    expect((await search(a, { category, q: secret.slice(0, 4) + secret.slice(5) })).items).to.deep.equal([])
  })

  it('filters by tag, with or without words', async () => {
    const category = newCategory()
    const word = uniqueWord()
    const tagged = await listing(a, { category, tags: ['email', 'triage'], name: `${word} one` })
    await listing(a, { category, tags: ['email'], name: 'two' })
    await listing(a, { category, tags: ['calendar'], name: `${word} three` })
    expect((await search(b, { category, tag: 'email' })).items).to.have.length(2)
    expect(slugs((await search(b, { category, tag: 'email', q: word })).items)).to.deep.equal([tagged.slug])
  })

  it('pages through every sort with a cursor, each listing once, in the order of the sort', async () => {
    const category = newCategory()
    const word = uniqueWord()
    const base = Date.now() - 3_600_000
    const specs = [
      { installs: 5, ratings: { count: 2, sum: 9 } },
      { installs: 5, ratings: { count: 1, sum: 5 } },
      { installs: 9, ratings: { count: 0, sum: 0 } },
      { installs: 0, ratings: { count: 4, sum: 8 } },
      { installs: 2, ratings: { count: 2, sum: 9 } },
      { installs: 7, ratings: { count: 3, sum: 6 } },
    ]
    for (const [i, spec] of specs.entries()) {
      await listing(a, {
        category,
        ...spec,
        name: i % 2 === 0 ? `${word} listing ${i}` : `Listing ${i}`,
        description: `Mentions ${word} ${i} times.`,
        published: new Date(base + i * 60_000),
        created: new Date(base - 60_000),
      })
    }
    await listing(b, { category, published: false, name: `${word} draft`, created: new Date(base + 90_000) })

    const orders: Record<string, (x: Listing, y: Listing) => boolean> = {
      installs: (x, y) => x.install_count >= y.install_count,
      rating: (x, y) => (x.rating.mean ?? 0) >= (y.rating.mean ?? 0),
      newest: (x, y) => (x.published_at ?? x.created_at) >= (y.published_at ?? y.created_at),
      relevance: () => true,
    }
    for (const sort of Object.keys(orders)) {
      const query = { category, sort, q: word }
      const whole = (await search(b, { ...query, limit: 100 })).items
      expect(whole, sort).to.have.length(7)
      const paged = await allPages(b, { ...query, limit: 2 })
      expect(slugs(paged), sort).to.deep.equal(slugs(whole))
      for (let i = 1; i < whole.length; i++)
        expect(orders[sort]!(whole[i - 1]!, whole[i]!), sort).to.equal(true)
    }
    // Ties go by slug, descending: the two listings with 5 installs.
    const byInstalls = (await search(b, { category, sort: 'installs' })).items.filter(
      (x) => x.install_count === 5,
    )
    expect(slugs(byInstalls)).to.deep.equal(slugs(byInstalls).sort().reverse())
    // Unrated listings come last by rating.
    expect((await search(b, { category, sort: 'rating' })).items.at(-1)!.rating.mean).to.equal(null)
  })

  it('keeps its place when listings are published between two pages', async () => {
    const category = newCategory()
    const base = Date.now() - 3_600_000
    for (let i = 0; i < 4; i++) await listing(a, { category, published: new Date(base + i * 1000) })
    const first = await search(b, { category, limit: 2 })
    expect(first.sort).to.equal('newest')
    await listing(a, { category, published: new Date() })
    const second = await search(b, { category, limit: 2, cursor: first.next_cursor! })
    const before = slugs(first.items)
    expect(slugs(second.items)).to.have.length(2)
    for (const slug of slugs(second.items)) expect(before).to.not.include(slug)
    expect(second.has_more).to.equal(false)
  })

  it('takes relevance without words as newest and says so, and a blank q as none', async () => {
    const category = newCategory()
    await listing(a, { category })
    const page = await search(b, { category, sort: 'relevance', q: '   ' })
    expect(page.sort).to.equal('newest')
    expect(page.items).to.have.length(1)
    // Words without a letter or digit match nothing (they make no lexeme).
    expect((await search(b, { category, q: '!!!' })).items).to.deep.equal([])
  })

  it('refuses a cursor that does not decode, or that another query, filter or sort issued (INVALID_CURSOR)', async () => {
    const category = newCategory()
    for (let i = 0; i < 3; i++) await listing(a, { category })
    const { next_cursor: cursor } = await search(b, { category, limit: 1 })
    expect(cursor).to.be.a('string')
    const forged = Buffer.from(
      JSON.stringify({ v: 2, s: 'newest', k: ['yesterday'], id: 'x', f: 'x' }),
    ).toString('base64url')
    for (const query of [
      { category, cursor: 'bm90LWpzb24' },
      { category, cursor: forged },
      { category: newCategory(), cursor: cursor! },
      { category, sort: 'installs', cursor: cursor! },
      { category, q: 'words', sort: 'newest', cursor: cursor! },
    ]) {
      const res = await asTenant(b).get('/api/v1/marketplace/listings').query(query).expect(400)
      expect(res.body.error_code, JSON.stringify(query)).to.equal('INVALID_CURSOR')
    }
  })
})
