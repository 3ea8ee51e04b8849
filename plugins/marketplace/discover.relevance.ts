// Relevance, the search's default order with words: a tier, then the slug, descending
// (marketplace.discover.openapi.yaml). The tier of a match (tierOf): 3 when q as typed matches its name
// alone, 2 its name and summary, 1 its whole text, 0 when it matches only through the corrections of typos
// (words close to the typos, in its name).
//
// How the published listings of a page are found. A search whose query is one lexeme (one word, the
// common case, and the costly one: a word can be on thousands of listings) walks marketplace_search_terms
// in (tier, slug) order from the cursor's position: a page of index entries for the names and summaries
// (tiers 3 and 2). Only when they leave the page short does it read the word's descriptions (tier 1,
// through the GIN index) and then the names with a close word (tier 0, each close word's walk): these
// parts wait for the ones before them (an InitPlan gate), so a first page of a common word reads one page
// of the index. Any other search (several words, a phrase, an exclusion, or a tag: GIN indexes intersect)
// reads every match through the GIN indexes of marketplace_search and tiers each.
import type { TransactionSql } from '../../app/plugin-kit.js'

type Fragment = ReturnType<TransactionSql>

export interface RelevanceQuery {
  q: string
  /** Every row the search matches (q as typed, or through its corrections), as a tsquery. */
  matched: Fragment
  /** See SearchQuery.closeWords. */
  closeWords: string[] | undefined
  /** The filters other than the text, on row s of marketplace_search (`and ...`, or nothing). */
  filters: Fragment
  /** Whether there are any. */
  filtered: boolean
  /** Whether a tag is among them: then the GIN indexes of text and tags find the few rows that have both. */
  tagged: boolean
  limit: number
  /** The cursor's position: its tier and slug. */
  after?: { tier: number; slug: string }
}

export function makeRelevance(tx: TransactionSql) {
  // A scalar subquery: computed once per statement (an InitPlan), not per row as a stable function would be.
  const typedOf = (q: string): Fragment => tx`(select websearch_to_tsquery('english', ${q}))`

  /** The tier of a row of marketplace_search or marketplace_listings (its vector: name A, summary B, text C). */
  const tierOf = (row: 's' | 'l', typed: Fragment): Fragment => tx`
    case when ts_filter(${tx(row)}.search, '{a}') @@ ${typed} then 3
         when ts_filter(${tx(row)}.search, '{a,b}') @@ ${typed} then 2
         when ${tx(row)}.search @@ ${typed} then 1 else 0 end`

  /**
   * CTEs ending in `published (slug, k1)`: at most `limit` published listings in each part, together the
   * first `limit` in relevance order after the cursor and more (the caller orders and cuts them).
   */
  function publishedCtes({
    q,
    matched,
    closeWords,
    filters,
    filtered,
    tagged,
    limit,
    after,
  }: RelevanceQuery): Fragment {
    const typed: Fragment = tx`(select typed from words)`
    const oneWord: Fragment = tx`(select one_word from words)`
    const from = (tier: Fragment, slug: Fragment) =>
      after === undefined ? tx`` : tx`and (${tier}, ${slug}) < (${after.tier}::int, ${after.slug}::text)`
    // A close word's names, from the cursor, without those q as typed matches (they have their tier).
    const closeNames = (word: string) => tx`
      (select t.slug from marketplace_search_terms t join marketplace_search s on s.slug = t.slug
        where ${oneWord} and (select count(*) from named) + (select count(*) from described) < ${limit}
          and t.term = to_tsquery('english', ${word})::text and t.rank = 3
          and not s.search @@ ${typed} ${filters} ${from(tx`0`, tx`t.slug`)}
        order by t.slug desc limit ${limit})`
    const close = closeWords ?? []
    return tx`
      words as (
        select ${typedOf(q)} as typed, ${matched} as matched,
               numnode(${typedOf(q)}) = 1 and ${closeWords !== undefined && !tagged}
               and (select coalesce(bool_and(numnode(to_tsquery('english', c)) = 1), true)
                      from unnest(${close}::text[]) c) as one_word),
      named as (
        select t.slug, t.rank::int as k1 from marketplace_search_terms t
         where ${oneWord} and t.term = (select typed::text from words) ${from(tx`t.rank`, tx`t.slug`)}
           ${filtered ? tx`and (select true from marketplace_search s where s.slug = t.slug ${filters})` : tx``}
         order by t.rank desc, t.slug desc limit ${limit}),
      described as (
        -- Through the GIN index (offset 0: not by walking the slugs, a word on no listing would read all).
        select d.slug, 1 as k1 from (
          select s.slug from marketplace_search s
           where ${oneWord} and (select count(*) from named) < ${limit}
             and s.search @@ ${typed} and not ts_filter(s.search, '{a,b}') @@ ${typed} ${filters}
             ${from(tx`1`, tx`s.slug`)}
          offset 0) d
         order by d.slug desc limit ${limit}),
      corrected as (
        ${close.map(closeNames).reduce((all, part) => tx`${all} union ${part}`, tx`select null::text as slug where false`)}),
      published as (
        select slug, k1 from named
        union all select slug, k1 from described
        union all select slug, 0 from corrected
        union all
        (select s.slug, ${tierOf('s', typed)} as k1 from marketplace_search s
          where not ${oneWord} and s.search @@ (select matched from words) ${filters}
            ${from(tierOf('s', typed), tx`s.slug`)}
          order by k1 desc, s.slug desc limit ${limit}))`
  }

  return { typedOf, tierOf, publishedCtes }
}
