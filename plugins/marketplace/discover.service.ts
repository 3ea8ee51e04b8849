// Discover's rules, no SQL and no HTTP: what a search means (its default sort, when names are matched for
// typos, how pages follow each other), what a caller sees of a listing, and who may rate what.
import { appError, type StatementPlace } from '../../app/plugin-kit.js'
import { decodeCursor, encodeCursor, type ListingSort, type SearchFilters } from './discover.cursor.js'
import type { DiscoverRepo } from './discover.repo.js'
import type { TypoCorrections } from './discover.typos.js'
import { correctable, plainWords, typoQuery } from './discover.words.js'
import {
  toListing,
  toRating,
  toVersion,
  type MarketplaceListing,
  type MarketplaceRating,
  type MarketplaceVersion,
} from './discover.rows.js'

export interface SearchRequest extends SearchFilters {
  sort?: ListingSort
  cursor?: string
  limit: number
}

export interface SearchPage {
  items: MarketplaceListing[]
  /** The order applied (relevance needs words: without q it is newest). */
  sort: ListingSort
  limit: number
  has_more: boolean
  next_cursor: string | null
}

export interface ListingDetail {
  listing: MarketplaceListing
  versions: MarketplaceVersion[]
  my_rating?: MarketplaceRating
}

const notFound = (slug: string) => appError('MARKETPLACE_LISTING_NOT_FOUND', `No listing ${slug}.`, { slug })

/** q as searched: trimmed, absent when blank. */
const searched = (q: string | undefined): string | undefined => (q?.trim() ? q.trim() : undefined)

export function makeDiscoverService({
  marketplaceDiscoverRepo: repo,
  marketplaceTypoCorrections: typos,
}: {
  marketplaceDiscoverRepo: DiscoverRepo
  marketplaceTypoCorrections: TypoCorrections
}) {
  return {
    /**
     * A page of the listings the caller may see (every published one, and its own drafts) matching the
     * words and filters, in the sort's order; next_cursor continues right after its last item.
     */
    async search(request: SearchRequest): Promise<SearchPage> {
      const filters: SearchFilters = {
        ...(searched(request.q) === undefined ? {} : { q: searched(request.q) }),
        ...(request.category === undefined ? {} : { category: request.category }),
        ...(request.tag === undefined ? {} : { tag: request.tag }),
      }
      const sort: ListingSort =
        request.sort === undefined || (request.sort === 'relevance' && filters.q === undefined)
          ? filters.q === undefined
            ? 'newest'
            : 'relevance'
          : request.sort
      const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, sort, filters)
      // Typos: the plain words that no published name has are searched with their closest names' words too.
      const words = filters.q === undefined ? undefined : plainWords(filters.q)
      const lookup = words === undefined ? [] : correctable(words)
      const close =
        words === undefined || lookup.length === 0
          ? undefined
          : await typos.closeWords(lookup, (missing) => repo.closeWords(missing))
      const corrected = words === undefined || close === undefined ? undefined : typoQuery(words, close)
      // One word's close words let relevance walk the names that have them (discover.relevance.ts).
      const closeWords =
        corrected === undefined ? [] : words?.length === 1 ? (close?.get(words[0]!) ?? []) : undefined
      const rows = await repo.search({
        sort,
        filters,
        corrected,
        ...(closeWords === undefined ? {} : { closeWords }),
        limit: request.limit + 1,
        after,
      })
      const page = rows.slice(0, request.limit)
      const hasMore = rows.length > request.limit
      return {
        items: page.map(toListing),
        sort,
        limit: request.limit,
        has_more: hasMore,
        next_cursor: hasMore ? encodeCursor(sort, filters, page.at(-1)!.position) : null,
      }
    },

    /** The listing with its versions the caller may see (reports: the publisher's only) and its rating. */
    async detail(slug: string, place?: StatementPlace): Promise<ListingDetail> {
      const [listing, versions, rating] = await repo.detail(slug, place)
      if (!listing) throw notFound(slug)
      return {
        listing: toListing(listing),
        versions: versions.map((version) => toVersion(version, listing.owned)),
        ...(rating ? { my_rating: toRating(rating) } : {}),
      }
    },

    /** Rates a published listing of another tenant; replaces the caller's earlier rating of it. */
    async rate(
      slug: string,
      stars: number,
      review: string | null,
    ): Promise<{ created: boolean; rating: MarketplaceRating }> {
      const listing = await repo.ratedListing(slug)
      if (!listing) throw notFound(slug)
      if (listing.owned)
        throw appError('MARKETPLACE_OWN_LISTING_RATING', `${slug} is your own listing.`, { slug })
      // Unreachable while drafts are their publisher's only; kept so the rule does not rest on RLS alone.
      if (!listing.published) throw notFound(slug)
      const { created, ...row } = await repo.rate(slug, stars, review)
      return { created, rating: toRating(row) }
    },

    async unrate(slug: string): Promise<void> {
      if (!(await repo.unrate(slug)))
        throw appError('MARKETPLACE_RATING_NOT_FOUND', `You have not rated ${slug}.`, { slug })
    },
  }
}

export type DiscoverService = ReturnType<typeof makeDiscoverService>
