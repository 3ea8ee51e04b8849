// SQL of discover: the search, a listing with its versions, the caller's ratings. Every read of
// marketplace_listings and marketplace_versions runs under their shared-read policies (published, or the
// caller's own), so nothing here decides visibility; predicates on tenant_id are for the planner.
//
// The search reads published listings from marketplace_search (see its migration: under RLS no GIN index
// on marketplace_listings can serve a text search) and the caller's own drafts from marketplace_listings:
// with words, those having one of them (marketplace_draft_words), without, from their covering
// (tenant_id, created_at) index; both walk the sort's order from the cursor's position, each at most one
// page, then the page's listings are read back by slug.
//
// Relevance is a tier, 3 to 0 (tierOf in discover.relevance.ts), then the slug, descending. A search for one word (its query
// one lexeme) walks marketplace_search_terms in that order for its names and summaries (tiers 3 and 2),
// and reads descriptions (1) and names close to a typo (0) only when those leave the page short; any other
// search reads all its matches through the GIN index of marketplace_search and tiers each (its words
// together are on few listings; a word on thousands is the one-word walk's case).
// plugins/marketplace/test/discover.plans.test.ts holds the plans to that.
import {
  commitWith,
  sendStatements,
  type Config,
  type StatementPlace,
  type TransactionSql,
} from '../../app/plugin-kit.js'
import type { ListingSort, SearchFilters, SearchPosition } from './discover.cursor.js'
import { makeRelevance } from './discover.relevance.js'
import type { ListingRow, RatingRow, VersionRow } from './discover.rows.js'

export interface SearchQuery {
  sort: ListingSort
  filters: SearchFilters
  /** q with its typos corrected, as to_tsquery text (discover.words.ts), searched besides q itself. */
  corrected?: string
  /**
   * When q is one word: its close words (the corrections in `corrected`, none without), so the one-word
   * walk can find the names that have them. Absent: q is several words and has corrections, so only the
   * walk through every match is exact.
   */
  closeWords?: string[]
  /** Rows to read: the service asks for one more than the page to learn whether more follow. */
  limit: number
  after?: SearchPosition
}

export type PositionedListing = ListingRow & { position: SearchPosition }

/** What the rating rules need to know of a listing the caller can see. */
export interface RatedListing {
  published: boolean
  owned: boolean
}

type Fragment = ReturnType<TransactionSql>

interface Deps {
  tx: TransactionSql
  tenantId: string
  config: Pick<Config, 'heavyReadTimeoutMs'>
}

export function makeDiscoverRepo({ tx, tenantId, config }: Deps) {
  const relevance = makeRelevance(tx)
  const listingColumns = tx`
    l.slug, l.name, l.summary, l.description, l.category, l.tags, l.published_at, l.install_count,
    l.download_count, l.rating_count, l.rating_sum, l.created_at, l.updated_at,
    l.tenant_id = ${tenantId} as owned,
    (select v.version from marketplace_versions v
      where v.tenant_id = l.tenant_id and v.listing_id = l.id and v.status = 'published' and v.yanked_at is null
      order by v.created_at desc limit 1) as latest_version`

  /**
   * What q searches for: its words, and the corrections of its typos when there are any. A scalar subquery,
   * computed once per statement (an InitPlan), not for each row a filter reads.
   */
  const wordsOf = (q: string, corrected: string | undefined): Fragment =>
    corrected === undefined
      ? relevance.typedOf(q)
      : tx`(select websearch_to_tsquery('english', ${q}) || to_tsquery('english', ${corrected}))`

  /** The sort's keys on a row of marketplace_search (s) or marketplace_listings (l, the caller's drafts). */
  function sortKeys(sort: ListingSort, query: SearchQuery, row: 's' | 'l'): Fragment[] {
    const a = tx(row)
    switch (sort) {
      case 'newest':
        // A draft has no publication yet: it sorts by its creation.
        return [row === 's' ? tx`${a}.published_at` : tx`${a}.created_at`]
      case 'installs':
        return [tx`${a}.install_count`]
      case 'rating':
        return row === 's'
          ? [tx`${a}.rating_mean`, tx`${a}.rating_count`]
          : [
              tx`case when ${a}.rating_count > 0 then ${a}.rating_sum::float8 / ${a}.rating_count else 0 end`,
              tx`${a}.rating_count`,
            ]
      case 'relevance':
        return [relevance.tierOf(row, relevance.typedOf(query.filters.q ?? ''))]
    }
  }

  /** A key of the cursor as the sort's type. Timestamps and counts travel as text (a Date would drop the
   * microseconds, a number the digits past 2^53). */
  const keyValue = (sort: ListingSort, index: number, value: number | string): Fragment =>
    sort === 'newest'
      ? tx`${value}::text::timestamptz`
      : sort === 'installs' || index === 1
        ? tx`${value}::text::bigint`
        : sort === 'relevance'
          ? tx`${value}::int`
          : tx`${value}::float8`

  /** The text condition and the filters, on row s or l. */
  function matching(query: SearchQuery, row: 's' | 'l'): Fragment {
    const { q } = query.filters
    return tx`
      ${q === undefined ? tx`` : tx`and ${tx(row)}.search @@ ${wordsOf(q, query.corrected)}`}
      ${filtersOf(query, row)}`
  }

  /**
   * The caller's drafts a search reads, as row l. With words: those with one of the words every match has
   * (marketplace_draft_words), or all of them when its matches need none (`-word`), their text then tested
   * as a published listing's is; read first (offset 0), not by walking the drafts in the sort's order, which
   * would test the text of every draft. Without words: the drafts from their covering index alone. All the
   * drafts are an array of ids too, not an `x.words is null or ...`: with that OR the plan reads every draft
   * whatever the words.
   */
  const draftsOf = (query: SearchQuery): Fragment => {
    const { q } = query.filters
    if (q === undefined) return tx`marketplace_listings l`
    return tx`
      (select d.* from marketplace_listings d
        where d.tenant_id = ${tenantId} and d.published_at is null
          and d.id = any((
            select case when x.words is null
                        then array(select a.id from marketplace_listings a
                                    where a.tenant_id = ${tenantId} and a.published_at is null)
                        else array(select w.listing_id from marketplace_draft_words w
                                    where w.tenant_id = ${tenantId} and w.word = any(x.words)) end
              from (select app.marketplace_query_words(${wordsOf(q, query.corrected)}) as words) x)::uuid[])
       offset 0) l`
  }

  /** The filters other than the text, on row s or l. */
  const filtersOf = ({ filters: { category, tag } }: SearchQuery, row: 's' | 'l'): Fragment => tx`
      ${category === undefined ? tx`` : tx`and ${tx(row)}.category = ${category}`}
      ${tag === undefined ? tx`` : tx`and ${tx(row)}.tags @> array[${tag}]::text[]`}`

  /** Strictly after the cursor's position in the order (keys..., slug) descending: one row comparison. */
  function after(sort: ListingSort, keys: Fragment[], position: SearchPosition | undefined, row: 's' | 'l') {
    if (position === undefined) return tx``
    const values = position.keys.map((value, index) => keyValue(sort, index, value))
    const list = (items: Fragment[]) => items.reduce((all, item) => tx`${all}, ${item}`)
    return tx`and (${list([...keys, tx`${tx(row)}.slug`])}) < (${list([...values, tx`${position.slug}`])})`
  }

  /** The keys as the cursor keeps them (text for timestamps and counts, numbers for ranks and means). */
  const positionColumns: Record<ListingSort, Fragment> = {
    newest: tx`to_char(h.k1 at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key1, null as key2`,
    installs: tx`h.k1::text as key1, null as key2`,
    rating: tx`h.k1 as key1, h.k2::text as key2`,
    relevance: tx`h.k1 as key1, null as key2`,
  }

  /** The listing, if the caller may see it (published, or its own). */
  const listingOf = (slug: string) =>
    tx<ListingRow[]>`select ${listingColumns} from marketplace_listings l where l.slug = ${slug}`

  /**
   * The listing's versions the caller may see (published ones, or all of its own), newest first; each
   * with its report only when it is the caller's (reports are the publisher's own rows).
   */
  const versionsOf = (slug: string) => tx<VersionRow[]>`
    select l.slug as listing, v.version, v.status, v.changelog, v.example_prompts, v.package_sha256, r.report,
           v.yanked_at, v.created_at, v.validated_at
      from marketplace_listings l
      join marketplace_versions v on v.tenant_id = l.tenant_id and v.listing_id = l.id
      left join marketplace_version_reports r
        on r.tenant_id = ${tenantId} and r.tenant_id = v.tenant_id and r.version_id = v.id
     where l.slug = ${slug}
     order by v.created_at desc`

  /** The caller's own rating of the listing. */
  const ratingOf = (slug: string) => tx<RatingRow[]>`
    select listing_slug, stars, review, created_at, updated_at from marketplace_ratings
     where tenant_id = ${tenantId} and listing_slug = ${slug}`

  return {
    /** A page of listings in the sort's order: published ones matching, and the caller's drafts matching. */
    async search(query: SearchQuery): Promise<PositionedListing[]> {
      const { sort, limit, after: position } = query
      const branch = (row: 's' | 'l') => {
        const keys = sortKeys(sort, query, row)
        return {
          k1: keys[0]!,
          k2: keys[1] ?? tx`0`,
          match: matching(query, row),
          after: after(sort, keys, position, row),
        }
      }
      const [s, l] = [branch('s'), branch('l')]
      const { q, category, tag } = query.filters
      const ranked = sort === 'relevance' && q !== undefined
      const published = ranked
        ? tx`select slug, k1, 0 as k2 from published`
        : tx`select s.slug, ${s.k1} as k1, ${s.k2} as k2
               from marketplace_search s
              where true ${s.match} ${s.after}
              order by k1 desc, k2 desc, s.slug desc
              limit ${limit}`
      const ranking = ranked
        ? tx`${relevance.publishedCtes({
            q,
            matched: wordsOf(q, query.corrected),
            closeWords: query.closeWords,
            filters: filtersOf(query, 's'),
            filtered: category !== undefined || tag !== undefined,
            tagged: tag !== undefined,
            limit,
            ...(position === undefined
              ? {}
              : { after: { tier: Number(position.keys[0]), slug: position.slug } }),
          })},`
        : tx``
      // The page is cut before its listings are read: each hit read is an index probe and a heap page, and
      // the published and the draft parts bring up to a page each. Every hit is a listing the caller sees
      // (a published one, or its own draft), so the join drops none.
      // Its cost depends on the words (a word in every listing ranks them all): bounded like other heavy
      // reads, for the rest of this transaction. Planned once per connection (a generic plan): each
      // combination of sort, words and filters is its own statement, and its plan the same index walk
      // whatever the values (plugins/marketplace/test/discover.plans.test.ts). Both statements are the
      // request's last (nothing follows a search in its transaction): they go with its COMMIT, one round
      // trip less; a statement sent after them would be refused, never run outside the transaction.
      const settings = tx`
        select set_config('statement_timeout', ${String(config.heavyReadTimeoutMs)}, true),
               set_config('plan_cache_mode', 'force_generic_plan', true)`
      const search = tx<(ListingRow & { key1: number | string; key2: number | string | null })[]>`
        with ${ranking} hits as (
          (${published})
          union all
          (select l.slug, ${l.k1} as k1, ${l.k2} as k2
             from ${draftsOf(query)}
            where l.tenant_id = ${tenantId} and l.published_at is null ${l.match} ${l.after}
            order by k1 desc, k2 desc, l.slug desc
            limit ${limit}))
        select ${listingColumns}, ${positionColumns[sort]}
          from (select * from hits order by k1 desc, k2 desc, slug desc limit ${limit}) h
          join marketplace_listings l on l.slug = h.slug
         order by h.k1 desc, h.k2 desc, h.slug desc`
      const [, rows] = await commitWith(tx, settings, search)
      // The row itself, its position beside it (no rest copy of the row: V8 makes that in its runtime).
      return rows.map((row) =>
        Object.assign(row, {
          position: { keys: row.key2 === null ? [row.key1] : [row.key1, row.key2], slug: row.slug },
        }),
      )
    },

    /**
     * For each word that is no word of a published name, the (at most two) names' words closest to it by
     * trigram similarity (pg_trgm's `%`, its default threshold 0.3), closest first.
     */
    async closeWords(words: string[]): Promise<Map<string, string[]>> {
      const rows = await tx<{ typed: string; close: string[] }[]>`
        select t.word as typed,
               array(select w.word from marketplace_search_words w
                      where w.word % t.word order by w.word <-> t.word, w.word limit 2) as close
          from unnest(${words}::text[]) as t(word)
         where not exists (select 1 from marketplace_search_words k where k.word = t.word)`
      return new Map(rows.map((row) => [row.typed, row.close]))
    },

    /** The listing, its versions and the caller's rating (listingOf, versionsOf, ratingOf), in one round trip. */
    async detail(
      slug: string,
      place?: StatementPlace,
    ): Promise<[ListingRow | undefined, VersionRow[], RatingRow | undefined]> {
      const [[listing], versions, [rating]] = await sendStatements(
        tx,
        place,
        listingOf(slug),
        versionsOf(slug),
        ratingOf(slug),
      )
      return [listing, versions, rating]
    },

    async ratedListing(slug: string): Promise<RatedListing | undefined> {
      const [row] = await tx<RatedListing[]>`
        select l.published_at is not null as published, l.tenant_id = ${tenantId} as owned
          from marketplace_listings l where l.slug = ${slug}`
      return row
    },

    /** Writes the caller's rating (replacing its earlier one); created: whether there was none. */
    async rate(
      slug: string,
      stars: number,
      review: string | null,
    ): Promise<RatingRow & { created: boolean }> {
      const [row] = await tx<(RatingRow & { created: boolean })[]>`
        insert into marketplace_ratings (tenant_id, listing_slug, stars, review)
        values (${tenantId}, ${slug}, ${stars}, ${review})
        on conflict (tenant_id, listing_slug) do update
           set stars = excluded.stars, review = excluded.review, updated_at = now()
        returning listing_slug, stars, review, created_at, updated_at, xmax = 0 as created`
      return row!
    },

    async unrate(slug: string): Promise<boolean> {
      const rows = await tx`
        delete from marketplace_ratings where tenant_id = ${tenantId} and listing_slug = ${slug} returning 1`
      return rows.length > 0
    },
  }
}

export type DiscoverRepo = ReturnType<typeof makeDiscoverRepo>
