// The search's opaque cursor: base64url JSON {v, s, k, id, f}. s is the sort, k the sort key of the page's
// last listing and id its slug (the tie-breaker: every order is (key..., slug) descending), f a digest of
// the query and filters, so a cursor cannot silently walk another result list. The page after it starts
// strictly after that position, so listings published meanwhile neither repeat nor shift later pages.
import { createHash } from 'node:crypto'
import { appError } from '../../app/plugin-kit.js'

export const listingSorts = ['relevance', 'installs', 'rating', 'newest'] as const
export type ListingSort = (typeof listingSorts)[number]

export interface SearchFilters {
  /** Words as typed (websearch syntax: "quoted phrases", -exclusions, or); absent: no text condition. */
  q?: string
  category?: string
  tag?: string
}

/**
 * A position in a sort's order. keys per sort: relevance [tier, 0 to 3], newest [published_at as
 * 'YYYY-MM-DDTHH:MM:SS.ffffffZ'], installs [count as decimal text], rating [mean, count as decimal text].
 */
export interface SearchPosition {
  keys: (number | string)[]
  slug: string
}

// 2: relevance's key is a tier (1 held a ts_rank; such a cursor is refused, and the search starts again).
const version = 2
const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/
const count = /^(0|[1-9]\d{0,18})$/
const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/
const isRank = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
const isTier = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 3

/** What each sort's keys must look like (anything else was not issued by this API). */
const keyShapes: Record<ListingSort, ((value: unknown) => boolean)[]> = {
  relevance: [isTier],
  newest: [(value) => typeof value === 'string' && timestamp.test(value) && !Number.isNaN(Date.parse(value))],
  installs: [(value) => typeof value === 'string' && count.test(value)],
  rating: [isRank, (value) => typeof value === 'string' && count.test(value)],
}

const digest = (sort: ListingSort, filters: SearchFilters): string =>
  createHash('sha256')
    .update(JSON.stringify([sort, filters.q ?? null, filters.category ?? null, filters.tag ?? null]))
    .digest('base64url')
    .slice(0, 22)

const invalid = (reason: string) =>
  appError('INVALID_CURSOR', `The cursor cannot be used: ${reason}. Start again from the first page.`, {
    reason,
  })

export const encodeCursor = (sort: ListingSort, filters: SearchFilters, at: SearchPosition): string =>
  Buffer.from(
    JSON.stringify({ v: version, s: sort, k: at.keys, id: at.slug, f: digest(sort, filters) }),
  ).toString('base64url')

export function decodeCursor(cursor: string, sort: ListingSort, filters: SearchFilters): SearchPosition {
  let decoded: unknown
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url')
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalid('it is not a cursor this API issued')
  }
  const { v, s, k, id, f } = (decoded ?? {}) as Record<string, unknown>
  const shapes = keyShapes[s as ListingSort]
  if (
    v !== version ||
    shapes === undefined ||
    !Array.isArray(k) ||
    k.length !== shapes.length ||
    !shapes.every((fits, index) => fits(k[index])) ||
    typeof id !== 'string' ||
    !slug.test(id) ||
    typeof f !== 'string'
  ) {
    throw invalid('it is not a cursor this API issued')
  }
  if (s !== sort || f !== digest(sort, filters)) throw invalid('it was issued for another query or sort')
  return { keys: k as (number | string)[], slug: id }
}
